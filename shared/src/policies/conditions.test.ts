import { describe, expect, it } from 'vitest';
import { conditionProblem, eligibilityVerdict, evaluateCondition, evaluateEligibility, type EnterpriseFacts, type PolicyCondition } from './conditions.ts';

const facts = (over: Partial<EnterpriseFacts> = {}): EnterpriseFacts => ({
  industry: '制造业',
  town: '费城街道',
  tags: ['高新技术企业', '专精特新'],
  scale: '规上',
  establishedOn: '2015-06-01',
  employees: 120,
  ...over,
});
const unknownFacts: EnterpriseFacts = { industry: '', town: '', tags: [], scale: '', establishedOn: '', employees: null };

describe('evaluateCondition, each operator', () => {
  it('industry in', () => {
    const c: PolicyCondition = { field: 'industry', op: 'in', values: ['制造业', '信息技术服务业'] };
    expect(evaluateCondition(c, facts())).toBe('met');
    expect(evaluateCondition(c, facts({ industry: '批发业' }))).toBe('unmet');
    expect(evaluateCondition(c, facts({ industry: '' }))).toBe('unknown');
  });
  it('town in', () => {
    const c: PolicyCondition = { field: 'town', op: 'in', values: ['费城街道'] };
    expect(evaluateCondition(c, facts())).toBe('met');
    expect(evaluateCondition(c, facts({ town: '探沂镇' }))).toBe('unmet');
    expect(evaluateCondition(c, facts({ town: '' }))).toBe('unknown');
  });
  it('tags any / all / none', () => {
    const any: PolicyCondition = { field: 'tags', op: 'any', values: ['高新技术企业', '瞪羚企业'] };
    const all: PolicyCondition = { field: 'tags', op: 'all', values: ['高新技术企业', '瞪羚企业'] };
    const none: PolicyCondition = { field: 'tags', op: 'none', values: ['失信企业', '瞪羚企业'] };
    expect(evaluateCondition(any, facts())).toBe('met');
    expect(evaluateCondition(any, facts({ tags: ['专精特新'] }))).toBe('unmet');
    expect(evaluateCondition(all, facts())).toBe('unmet');
    expect(evaluateCondition(all, facts({ tags: ['瞪羚企业', '高新技术企业', 'x'] }))).toBe('met');
    expect(evaluateCondition(none, facts())).toBe('met');
    expect(evaluateCondition(none, facts({ tags: ['失信企业'] }))).toBe('unmet');
  });
  it('scale eq', () => {
    const c: PolicyCondition = { field: 'scale', op: 'eq', value: '规上' };
    expect(evaluateCondition(c, facts())).toBe('met');
    expect(evaluateCondition(c, facts({ scale: '规下' }))).toBe('unmet');
    expect(evaluateCondition(c, facts({ scale: '' }))).toBe('unknown');
  });
  it('establishedOn before / after (strict)', () => {
    const before: PolicyCondition = { field: 'establishedOn', op: 'before', value: '2020-01-01' };
    const after: PolicyCondition = { field: 'establishedOn', op: 'after', value: '2015-06-01' };
    expect(evaluateCondition(before, facts())).toBe('met');
    expect(evaluateCondition(before, facts({ establishedOn: '2020-01-01' }))).toBe('unmet');
    expect(evaluateCondition(after, facts())).toBe('unmet');
    expect(evaluateCondition(after, facts({ establishedOn: '2015-06-02' }))).toBe('met');
    expect(evaluateCondition(before, facts({ establishedOn: '' }))).toBe('unknown');
    expect(evaluateCondition(after, facts({ establishedOn: '' }))).toBe('unknown');
  });
  it('employees gte / lte (inclusive)', () => {
    const gte: PolicyCondition = { field: 'employees', op: 'gte', value: 120 };
    const lte: PolicyCondition = { field: 'employees', op: 'lte', value: 100 };
    expect(evaluateCondition(gte, facts())).toBe('met');
    expect(evaluateCondition(gte, facts({ employees: 119 }))).toBe('unmet');
    expect(evaluateCondition(lte, facts())).toBe('unmet');
    expect(evaluateCondition(lte, facts({ employees: 100 }))).toBe('met');
    expect(evaluateCondition(gte, facts({ employees: null }))).toBe('unknown');
    // 0 employees is a known fact, not a missing one
    expect(evaluateCondition(lte, facts({ employees: 0 }))).toBe('met');
  });
});

describe('evaluateEligibility', () => {
  const conditions: PolicyCondition[] = [
    { field: 'industry', op: 'in', values: ['制造业'] },
    { field: 'scale', op: 'eq', value: '规上' },
    { field: 'employees', op: 'gte', value: 50 },
  ];
  it('eligible when every condition is met; no conditions applies to all', () => {
    expect(evaluateEligibility(conditions, facts()).verdict).toBe('eligible');
    expect(evaluateEligibility([], unknownFacts).verdict).toBe('eligible');
  });
  it('missing data is unknown, never eligible', () => {
    const r = evaluateEligibility(conditions, unknownFacts);
    expect(r.verdict).toBe('unknown');
    expect(r.unknown).toEqual(conditions);
    const partly = evaluateEligibility(conditions, facts({ employees: null }));
    expect(partly.verdict).toBe('unknown');
    expect(partly.unknown).toEqual([conditions[2]]);
    expect(partly.met).toEqual([conditions[0], conditions[1]]);
  });
  it('nearly names the one unmet condition', () => {
    const r = evaluateEligibility(conditions, facts({ scale: '规下' }));
    expect(r.verdict).toBe('nearly');
    expect(r.unmet).toEqual([{ field: 'scale', op: 'eq', value: '规上' }]);
  });
  it('ineligible with two unmet, or one unmet and one unknown', () => {
    expect(evaluateEligibility(conditions, facts({ scale: '规下', employees: 10 })).verdict).toBe('ineligible');
    expect(evaluateEligibility(conditions, facts({ scale: '规下', employees: null })).verdict).toBe('ineligible');
  });
});

describe('conditionProblem', () => {
  it('accepts every well-formed shape', () => {
    const ok: PolicyCondition[] = [
      { field: 'industry', op: 'in', values: ['制造业'] },
      { field: 'town', op: 'in', values: ['费城街道'] },
      { field: 'tags', op: 'none', values: ['失信企业'] },
      { field: 'scale', op: 'eq', value: '规下' },
      { field: 'establishedOn', op: 'after', value: '2020-01-01' },
      { field: 'employees', op: 'lte', value: 0 },
    ];
    for (const c of ok) expect(conditionProblem(c)).toBeNull();
  });
  it('refuses malformed ones', () => {
    const bad: unknown[] = [
      null,
      [],
      { field: 'industry', op: 'any', values: ['x'] },
      { field: 'industry', op: 'in', values: [] },
      { field: 'industry', op: 'in', values: ['x'], extra: 1 },
      { field: 'tags', op: 'in', values: ['x'] },
      { field: 'scale', op: 'eq', value: '大型' },
      { field: 'establishedOn', op: 'before', value: '2020/01/01' },
      { field: 'employees', op: 'gte', value: -1 },
      { field: 'employees', op: 'gte', value: 1.5 },
      { field: 'capital', op: 'gte', value: 1 },
    ];
    for (const c of bad) expect(conditionProblem(c), JSON.stringify(c)).not.toBeNull();
  });
});

describe('eligibilityVerdict', () => {
  it('agrees with evaluateEligibility on every mix of met / unmet / unknown', () => {
    const conditions: PolicyCondition[] = [
      { field: 'industry', op: 'in', values: ['制造业'] },
      { field: 'scale', op: 'eq', value: '规上' },
      { field: 'employees', op: 'gte', value: 50 },
    ];
    const verdicts = new Set<string>();
    for (const industry of ['制造业', '批发业', ''])
      for (const scale of ['规上', '规下', ''])
        for (const employees of [80, 10, null]) {
          const f = facts({ industry, scale, employees });
          const full = evaluateEligibility(conditions, f).verdict;
          expect(eligibilityVerdict(conditions, f), JSON.stringify(f)).toBe(full);
          verdicts.add(full);
        }
    expect([...verdicts].sort()).toEqual(['eligible', 'ineligible', 'nearly', 'unknown']);
  });
});
