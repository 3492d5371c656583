import { describe, expect, it } from 'vitest';
import type { PolicyItem } from '@bangqi/shared';
import { checkForm, conditionFromRow, emptyForm, formFromItem, rowFromCondition, type PolicyForm } from './form.ts';
import { p } from './strings.ts';

const none = { isNew: true, taken: () => false };
const filled = (over: Partial<PolicyForm> = {}): PolicyForm => ({ ...emptyForm(), code: 'FX-001', name: '技改补助', ...over });

describe('policy editor form', () => {
  it('a minimal item: code, name and mode; texts trimmed, amount parsed', () => {
    const r = checkForm(filled({ name: '  技改补助 ', amountWan: '50', level: '县区' }), none);
    expect('item' in r && r.item).toMatchObject({ code: 'FX-001', name: '技改补助', mode: '申报', level: '县区', amountWan: 50, conditions: [], withdrawn: false });
  });

  it('names every problem in Chinese', () => {
    const r = checkForm(
      filled({ code: 'a b', name: '', effectiveFrom: '2026-05-01', effectiveTo: '2026-04-01', applyTo: '2026-13-01', amountWan: '-1', url: 'www.x.cn' }),
      none,
    );
    expect('errors' in r && r.errors).toEqual({
      code: p.errors.code, name: p.errors.name, effectiveTo: p.errors.range, applyTo: p.errors.date, amountWan: p.errors.amount, url: p.errors.url,
    });
  });

  it('a new item may not take a code already in the library; an edit keeps its own', () => {
    const taken = { isNew: true, taken: (c: string) => c === 'FX-001' };
    expect('errors' in checkForm(filled(), taken) && checkForm(filled(), taken)).toMatchObject({ errors: { code: p.errors.codeTaken } });
    expect('item' in checkForm(filled(), { ...taken, isNew: false })).toBe(true);
  });

  it('each condition kind becomes its condition; empty or malformed values are named per row', () => {
    expect(conditionFromRow({ kind: 'industry', text: '制造业、 批发业,制造业' })).toEqual({ field: 'industry', op: 'in', values: ['制造业', '批发业'] });
    expect(conditionFromRow({ kind: 'town', text: '城关镇' })).toEqual({ field: 'town', op: 'in', values: ['城关镇'] });
    expect(conditionFromRow({ kind: 'tagsAny', text: '高新技术企业；专精特新' })).toEqual({ field: 'tags', op: 'any', values: ['高新技术企业', '专精特新'] });
    expect(conditionFromRow({ kind: 'tagsAll', text: 'a' })).toMatchObject({ op: 'all' });
    expect(conditionFromRow({ kind: 'tagsNone', text: 'a' })).toMatchObject({ op: 'none' });
    expect(conditionFromRow({ kind: 'scale', text: '规上' })).toEqual({ field: 'scale', op: 'eq', value: '规上' });
    expect(conditionFromRow({ kind: 'before', text: '2020-01-01' })).toEqual({ field: 'establishedOn', op: 'before', value: '2020-01-01' });
    expect(conditionFromRow({ kind: 'after', text: '2020-02-30' })).toEqual({ error: p.errors.date });
    expect(conditionFromRow({ kind: 'gte', text: '50' })).toEqual({ field: 'employees', op: 'gte', value: 50 });
    expect(conditionFromRow({ kind: 'lte', text: '5.5' })).toEqual({ error: p.errors.number });
    expect(conditionFromRow({ kind: 'industry', text: ' 、 ' })).toEqual({ error: p.errors.values });
    expect(conditionFromRow({ kind: 'scale', text: '' })).toEqual({ error: p.errors.values });
    const r = checkForm(filled({ conditions: [{ kind: 'gte', text: '10' }, { kind: 'industry', text: '' }] }), none);
    expect('errors' in r && r.errors).toEqual({ 'condition-1': p.errors.values });
  });

  it('an item round-trips through the form unchanged', () => {
    const item: PolicyItem = {
      code: 'FX-9', name: '专精特新奖励', document: '若干措施', docNumber: '费政发〔2025〕3号', level: '县区', department: '工信局', domain: '工业',
      basis: 'b', target: 't', keyPoints: 'k', requirements: 'r', materials: 'm', process: 'pr', phone: '0539-5011234', url: 'https://x.gov.cn',
      platform: '爱山东', mode: '免申即享', benefit: '最高20万元', amountWan: 20, effectiveFrom: '2025-01-01', effectiveTo: '2027-12-31',
      applyFrom: '2026-03-01', applyTo: '2026-04-30',
      conditions: [
        { field: 'tags', op: 'any', values: ['专精特新'] },
        { field: 'scale', op: 'eq', value: '规上' },
        { field: 'employees', op: 'lte', value: 300 },
        { field: 'establishedOn', op: 'after', value: '2015-01-01' },
      ],
      withdrawn: false, updatedAt: 5, updatedBy: 'u',
    };
    const r = checkForm(formFromItem(item), { isNew: false, taken: () => true });
    const { updatedAt: _a, updatedBy: _b, ...input } = item;
    expect('item' in r && r.item).toEqual(input);
    expect(item.conditions.map(rowFromCondition).map((row) => row.kind)).toEqual(['tagsAny', 'scale', 'lte', 'after']);
  });
});
