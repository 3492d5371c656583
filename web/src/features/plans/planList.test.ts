import { describe, expect, it } from 'vitest';
import type { EnterpriseRow, PlanSummary } from '@bangqi/shared';
import { itemsByDay, monthGrid, planItems, shiftMonth } from './planList.ts';

const plan = (id: string, plannedOn: string, more: Partial<PlanSummary> = {}): PlanSummary => ({
  id, type: '日常走访', plannedOn, assignees: ['u-a'], createdBy: 'u-a', createdAt: 0, done: false, cancelled: false, department: '', noticeDays: 0, late: false, ...more,
});
const row = (id: string, plans: PlanSummary[], responsibleId = '') => ({ id, name: id, plans, responsibleId }) as unknown as EnterpriseRow;

describe('planItems', () => {
  const rows = [
    row('a', [plan('a1', '2026-12-10'), plan('a2', '2026-11-28'), plan('a3', '2026-12-01', { done: true })]),
    row('b', [plan('b1', '2026-12-02', { assignees: ['u-b'] }), plan('b2', '2026-12-02', { cancelled: true }), plan('bad', 'someday')]),
  ];

  it('lists open plans, overdue first, then by day, with their state', () => {
    const items = planItems(rows, { today: '2026-12-01', closed: false });
    expect(items.map((i) => [i.plan.id, i.state, i.daysLeft])).toEqual([
      ['a2', 'overdue', -3],
      ['b1', 'open', 1],
      ['a1', 'open', 9],
    ]);
  });

  it('filters to one person and shows closed plans on request', () => {
    expect(planItems(rows, { today: '2026-12-01', who: 'u-a', closed: false }).map((i) => i.plan.id)).toEqual(['a2', 'a1']);
    const all = planItems(rows, { today: '2026-12-01', closed: true });
    expect(all.map((i) => [i.plan.id, i.state])).toEqual([
      ['a2', 'overdue'],
      ['a3', 'done'],
      ['b1', 'open'],
      ['b2', 'cancelled'],
      ['a1', 'open'],
    ]);
    expect(itemsByDay(all).get('2026-12-02')?.map((i) => i.plan.id)).toEqual(['b1', 'b2']);
  });

  it('a commissioner’s own list has the inspections others filed on their files', () => {
    const filed = plan('insp', '2026-12-05', { type: '执法检查', assignees: ['u-lead'], createdBy: 'u-lead' });
    const rows2 = [row('mine', [filed], 'u-a'), row('other', [{ ...filed, id: 'x' }], 'u-b')];
    expect(planItems(rows2, { today: '2026-12-01', who: 'u-a', closed: false }).map((i) => i.plan.id)).toEqual(['insp']);
  });
});

describe('month grid', () => {
  it('starts weeks on Monday and fills from the neighbouring months', () => {
    // December 2026 starts on a Tuesday and ends on a Thursday.
    const grid = monthGrid('2026-12');
    expect(grid).toHaveLength(5);
    expect(grid[0]).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
    expect(grid[4]![6]).toBe('2027-01-03');
  });

  it('has 4 to 6 weeks', () => {
    expect(monthGrid('2027-02')).toHaveLength(4); // Feb 2027 starts on a Monday, 28 days
    expect(monthGrid('2026-08')).toHaveLength(6); // Aug 2026 starts on a Saturday, 31 days
    expect(monthGrid('bad')).toEqual([]);
  });

  it('moves between months across a year', () => {
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-05', 0)).toBe('2026-05');
  });
});
