/** Test-only: a well-formed policy item with every field, overridable. Not exported from the package. */
import type { PolicyItemInput } from './library.ts';

export function testItem(over: Partial<PolicyItemInput> = {}): PolicyItemInput {
  return {
    code: 'FX-001',
    name: '高新技术企业认定奖励',
    document: '费县促进科技创新若干政策',
    docNumber: '费政发〔2025〕3号',
    level: '县区',
    department: '县科技局',
    domain: '科技',
    basis: '第三条',
    target: '首次认定的高新技术企业',
    keyPoints: '一次性奖励',
    requirements: '当年首次通过认定',
    materials: '认定证书复印件',
    process: '网上申报，科技局审核',
    phone: '0539-5000000',
    url: 'https://example.gov.cn/p/1',
    platform: '爱山东',
    mode: '申报',
    benefit: '最高奖励20万元',
    amountWan: 20,
    effectiveFrom: '2025-01-01',
    effectiveTo: '2027-12-31',
    applyFrom: '',
    applyTo: '',
    conditions: [],
    withdrawn: false,
    ...over,
  };
}
