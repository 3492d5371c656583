import { describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '../domain/enterprise.ts';
import type { PolicyCondition } from './conditions.ts';
import { enterpriseFacts, enterprisesForItem, matchItemsForEnterprise, type MatchableRow } from './match.ts';
import type { PolicyItem } from './types.ts';
import { testItem } from './testItems.ts';

const item = (code: string, over: Partial<PolicyItem> = {}): PolicyItem => ({ ...testItem({ code, ...over }), updatedAt: 0, updatedBy: '' });
const TODAY = '2026-03-10';

const MFG: PolicyCondition = { field: 'industry', op: 'in', values: ['制造业'] };
const BIG: PolicyCondition = { field: 'scale', op: 'eq', value: '规上' };
const HIGH_TECH: PolicyCondition = { field: 'tags', op: 'any', values: ['高新技术企业'] };
const STAFF_50: PolicyCondition = { field: 'employees', op: 'gte', value: 50 };
const YOUNG: PolicyCondition = { field: 'establishedOn', op: 'after', value: '2021-01-01' };

/** A 规下 manufacturer with 80 staff, high-tech, founding date not known. */
const row: MatchableRow & { id: string } = {
  id: 'ent-1',
  industry: '制造业',
  town: '费城街道',
  tags: ['高新技术企业'],
  scale: '规下',
  employees: 80,
};

describe('enterpriseFacts', () => {
  it('reads a row; a row without 成立日期 reads it as not known', () => {
    expect(enterpriseFacts({ ...row, tags: [...row.tags] })).toEqual({ industry: '制造业', town: '费城街道', tags: ['高新技术企业'], scale: '规下', establishedOn: '', employees: 80 });
    expect(enterpriseFacts({ ...row, tags: [], establishedOn: '2019-01-01', employees: null }).establishedOn).toBe('2019-01-01');
  });
  it('an empty scale is read from a 规上 / 规下 tag; the field wins over the tag', () => {
    expect(enterpriseFacts({ ...row, scale: '', tags: ['专精特新', '规上'] }).scale).toBe('规上');
    expect(enterpriseFacts({ ...row, scale: '', tags: ['规下'] }).scale).toBe('规下');
    expect(enterpriseFacts({ ...row, scale: '', tags: ['小微'] }).scale).toBe('');
    expect(enterpriseFacts({ ...row, scale: '规下', tags: ['规上'] }).scale).toBe('规下');
  });
});

describe('matchItemsForEnterprise ranking', () => {
  const items = [
    item('Z-all', { conditions: [], amountWan: null }), // eligible, 0 met
    item('E-two-small', { conditions: [MFG, HIGH_TECH], amountWan: 10 }), // eligible, 2 met, 10万
    item('E-two-big', { conditions: [MFG, STAFF_50], amountWan: 50 }), // eligible, 2 met, 50万
    item('E-two-big-soon', { conditions: [MFG, HIGH_TECH], amountWan: 50, applyTo: '2026-04-30' }), // eligible, 2 met, 50万, closes soon
    item('E-two-big-later', { conditions: [HIGH_TECH, STAFF_50], amountWan: 50, applyTo: '2026-09-30' }), // eligible, 2 met, 50万, closes later
    item('E-three', { conditions: [MFG, HIGH_TECH, STAFF_50], amountWan: 1 }), // eligible, 3 met
    item('N-one', { conditions: [BIG], amountWan: 100 }), // nearly, 0 met
    item('N-two', { conditions: [MFG, BIG], amountWan: 5 }), // nearly, 1 met
    item('U-one', { conditions: [MFG, YOUNG], amountWan: 80 }), // unknown (founding date), 1 met
    item('X-out', { conditions: [BIG, { field: 'town', op: 'in', values: ['探沂镇'] }] }), // ineligible: dropped
    item('X-unknown-and-unmet', { conditions: [BIG, YOUNG] }), // ineligible: dropped
    item('H-expired', { conditions: [], effectiveTo: '2026-03-09' }), // hidden
    item('H-withdrawn', { conditions: [], withdrawn: true }), // hidden
    item('A-not-yet', { conditions: [MFG], effectiveFrom: '2026-04-01', amountWan: 3 }), // shown: eligible, 1 met
  ];
  it('eligible, nearly, unknown; then more met, larger amount, sooner deadline, code', () => {
    const matches = matchItemsForEnterprise(items, enterpriseFacts(row), TODAY);
    expect(matches.map((m) => m.item.code)).toEqual([
      'E-three',
      'E-two-big-soon',
      'E-two-big-later',
      'E-two-big',
      'E-two-small',
      'A-not-yet',
      'Z-all',
      'N-two',
      'N-one',
      'U-one',
    ]);
    expect(matches.map((m) => m.result.verdict)).toEqual(['eligible', 'eligible', 'eligible', 'eligible', 'eligible', 'eligible', 'eligible', 'nearly', 'nearly', 'unknown']);
  });
  it('names the one unmet condition of a nearly match and the unknown ones', () => {
    const matches = matchItemsForEnterprise(items, enterpriseFacts(row), TODAY);
    expect(matches.find((m) => m.item.code === 'N-two')!.result.unmet).toEqual([BIG]);
    expect(matches.find((m) => m.item.code === 'U-one')!.result.unknown).toEqual([YOUNG]);
  });
  it('the same facts with a founding date turn the unknown item eligible or nearly', () => {
    const codes = (d: string) => matchItemsForEnterprise(items, enterpriseFacts({ ...row, tags: [...row.tags], establishedOn: d }), TODAY).map((m) => m.item.code);
    expect(codes('2022-05-01')).toContain('U-one');
    expect(codes('2022-05-01').indexOf('U-one')).toBeLessThan(codes('2022-05-01').indexOf('N-two'));
    // founded before the cut-off: one condition unmet, the other met → nearly, naming the founding date
    const old = matchItemsForEnterprise(items, enterpriseFacts({ ...row, tags: [...row.tags], establishedOn: '2010-05-01' }), TODAY);
    expect(old.find((m) => m.item.code === 'U-one')!.result).toMatchObject({ verdict: 'nearly', unmet: [YOUNG] });
  });
});

describe('enterprisesForItem', () => {
  const rows = [
    { ...row, id: 'a', tags: ['高新技术企业'], scale: '规上' as const },
    { ...row, id: 'b', tags: [] as string[], scale: '规上' as const },
    { ...row, id: 'c', tags: ['高新技术企业'], scale: '' as const },
    { ...row, id: 'd', tags: [] as string[], scale: '规下' as const },
    { ...row, id: 'e', tags: ['高新技术企业'], scale: '规上' as const, industry: '批发业' },
  ] as unknown as EnterpriseRow[];
  const it1 = item('P', { conditions: [MFG, BIG, HIGH_TECH] });
  it('splits rows into eligible, nearly (with the unmet condition), unknown; drops the rest', () => {
    const r = enterprisesForItem(it1, rows, TODAY);
    expect(r.eligible.map((x) => x.id)).toEqual(['a']);
    expect(r.nearly.map((x) => [x.row.id, x.unmet])).toEqual([
      ['b', HIGH_TECH],
      ['e', MFG],
    ]);
    expect(r.unknown.map((x) => [x.row.id, x.unknown])).toEqual([['c', [BIG]]]);
  });
  it('an expired or withdrawn item qualifies nobody', () => {
    expect(enterprisesForItem({ ...it1, effectiveTo: '2026-01-01' }, rows, TODAY)).toEqual({ eligible: [], nearly: [], unknown: [] });
    expect(enterprisesForItem({ ...it1, withdrawn: true }, rows, TODAY)).toEqual({ eligible: [], nearly: [], unknown: [] });
  });
});
