import { describe, expect, it } from 'vitest';
import type { PolicyCondition } from './conditions.ts';
import { closingApplications, type RemindableRow } from './reminders.ts';
import type { PolicyItem } from './types.ts';
import { testItem } from './testItems.ts';

const item = (code: string, over: Partial<PolicyItem> = {}): PolicyItem => ({ ...testItem({ code, ...over }), updatedAt: 0, updatedBy: '' });
const MFG: PolicyCondition = { field: 'industry', op: 'in', values: ['制造业'] };
const row = (id: string, over: Partial<RemindableRow> = {}): RemindableRow => ({
  id,
  industry: '制造业',
  town: '费城街道',
  tags: [],
  scale: '规上',
  employees: 10,
  ...over,
});
const TODAY = '2026-03-10';

describe('closingApplications', () => {
  const items = [
    item('A', { conditions: [MFG], applyTo: '2026-03-20' }), // 10 days left
    item('B', { conditions: [], applyTo: '2026-03-10' }), // closes today: 0 days left
    item('C', { conditions: [MFG], applyTo: '2026-04-30' }), // outside the window
    item('D', { conditions: [MFG], applyTo: '2026-03-09' }), // closed yesterday
    item('E', { conditions: [MFG], applyTo: '' }), // no window
    item('F', { conditions: [MFG], applyTo: '2026-03-12', mode: '免申即享' }), // nothing to apply for
    item('G', { conditions: [MFG], applyTo: '2026-03-12', withdrawn: true }), // hidden
    item('H', { conditions: [MFG], applyTo: '2026-03-12', effectiveTo: '2026-03-01' }), // expired
  ];
  it('eligible rows without 已申报/已兑现/不符合, soonest first, then code, then row', () => {
    const rows = [
      row('r2'),
      row('r1', { policies: { A: { status: '已告知', at: 1, amount: '' } } }), // told but not applied: still reminded
      row('r3', { policies: { A: { status: '已申报', at: 1, amount: '' } } }),
      row('r4', { industry: '批发业', policies: { B: { status: '不符合', at: 1, amount: '' } } }), // A: not eligible; B: 不符合
      row('r5', { industry: '', policies: { B: { status: '已兑现', at: 1, amount: '1万元' } } }), // A: unknown → no reminder
    ];
    const r = closingApplications(items, rows, TODAY, 14);
    expect(r.map((x) => [x.item.code, x.row.id, x.daysLeft])).toEqual([
      ['B', 'r1', 0],
      ['B', 'r2', 0],
      ['B', 'r3', 0],
      ['A', 'r1', 10],
      ['A', 'r2', 10],
    ]);
  });
  it('the window size bounds the days', () => {
    expect(closingApplications(items, [row('r')], TODAY, 0).map((x) => x.item.code)).toEqual(['B']);
    expect(closingApplications(items, [row('r')], TODAY, 51).map((x) => x.item.code)).toEqual(['B', 'A', 'C']);
  });
});
