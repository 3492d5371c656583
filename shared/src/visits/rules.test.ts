import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type VisitRule } from '../calendar/types.ts';
import type { PlanSummary, VisitSummary } from './types.ts';
import { periodOf, reminderCounts, visitReminders, type ReminderRow } from './rules.ts';

/** Noon China time of a day (04:00 UTC). */
const at = (day: string) => Date.parse(`${day}T04:00:00Z`);
const visit = (day: string, voided = false): VisitSummary => ({
  id: day, type: '日常走访', visitedAt: at(day), visitors: ['u-a'], createdBy: 'u-a', photos: 0, demands: 0, flags: [], dwellMs: 0, voided,
});
const plan = (id: string, plannedOn: string, more: Partial<PlanSummary> = {}): PlanSummary => ({
  id, type: '日常走访', plannedOn, assignees: ['u-a'], createdBy: 'u-a', createdAt: 0, done: false, cancelled: false, department: '', noticeDays: 0, late: false, ...more,
});
function row(id: string, more: Partial<ReminderRow> = {}): ReminderRow {
  const visits = more.visits ?? [];
  const last = Math.max(0, ...visits.filter((v) => !v.voided).map((v) => v.visitedAt));
  return { id, name: id, tags: [], visits, plans: [], lastVisitAt: last, assignedAt: 0, createdAt: at('2026-01-01'), responsibleId: 'u-a', ...more };
}
const quarterRule: VisitRule = { id: 'kq', tag: '重点项目', minVisits: 1, period: 'quarter', maxDaysWithoutVisit: 0 };
const idleRule: VisitRule = { id: 'all', tag: '', minVisits: 0, period: 'quarter', maxDaysWithoutVisit: 90 };
const settings = (visitRules: VisitRule[], maxVisitsPerMonth = 4) => ({ visitRules, maxVisitsPerMonth });
const summary = (list: ReturnType<typeof visitReminders>) =>
  list.map((r) =>
    r.kind === 'plan' ? `plan ${r.row.id} ${r.plan.id} ${r.daysLeft}` :
    r.kind === 'quota' ? `quota ${r.row.id} ${r.visits} ${r.period.start}..${r.period.end} ${r.daysLeft}` :
    r.kind === 'idle' ? `idle ${r.row.id} ${r.days}${r.never ? ' never' : ''}` :
    `too-many ${r.row.id} ${r.month} ${r.visits}/${r.max}`,
  );

describe('planned visits due', () => {
  it('lists open plans overdue, today and within 3 days, soonest first; not later, done or cancelled ones', () => {
    const r = row('a', {
      plans: [
        plan('p4', '2026-12-05'), plan('p3', '2026-12-04'), plan('p0', '2026-12-01'), plan('m2', '2026-11-29'),
        plan('done', '2026-11-30', { done: true }), plan('gone', '2026-12-02', { cancelled: true }),
      ],
    });
    expect(summary(visitReminders([r], settings([]), '2026-12-01'))).toEqual(['plan a m2 -2', 'plan a p0 0', 'plan a p3 3']);
  });

  it('with `who`, only the plans that person is expected on (or made with nobody named)', () => {
    const r = row('a', { plans: [plan('mine', '2026-12-01'), plan('theirs', '2026-12-01', { assignees: ['u-b'] }), plan('made', '2026-12-01', { assignees: [] })] });
    expect(summary(visitReminders([r], settings([]), '2026-12-01', 'u-a'))).toEqual(['plan a mine 0', 'plan a made 0']);
    expect(visitReminders([r], settings([]), '2026-12-01')).toHaveLength(3);
  });

  it('with `who`, also inspections others filed on the files that person is responsible for', () => {
    const inspection = plan('insp', '2026-12-02', { type: '执法检查', assignees: ['u-lead'], createdBy: 'u-lead', department: '应急管理局' });
    const mine = row('mine', { plans: [inspection], responsibleId: 'u-a' });
    const theirs = row('theirs', { plans: [{ ...inspection, id: 'other' }], responsibleId: 'u-b' });
    expect(summary(visitReminders([mine, theirs], settings([]), '2026-12-01', 'u-a'))).toEqual(['plan mine insp 1']);
  });
});

describe('quota rule (重点项目 ≥ 1 visit a quarter)', () => {
  const key = (visits: VisitSummary[]) => row('k', { tags: ['重点项目'], visits });

  it('flags a tagged file without a visit this quarter, with the days left in it', () => {
    expect(summary(visitReminders([key([]), row('untagged')], settings([quarterRule]), '2026-11-20'))).toEqual(['quota k 0 2026-10-01..2026-12-31 41']);
  });

  it('counts only visits inside the quarter: Mar 31 is Q1, Apr 1 starts Q2', () => {
    const s = settings([quarterRule]);
    expect(visitReminders([key([visit('2026-03-31')])], s, '2026-03-31')).toEqual([]);
    expect(summary(visitReminders([key([visit('2026-03-31')])], s, '2026-04-01'))).toEqual(['quota k 0 2026-04-01..2026-06-30 90']);
    expect(visitReminders([key([visit('2026-04-01')])], s, '2026-06-30')).toEqual([]);
    expect(summary(visitReminders([key([visit('2026-12-31')])], s, '2027-01-01'))).toEqual(['quota k 0 2027-01-01..2027-03-31 89']);
  });

  it('uses the China day of a visit: 23:30 UTC on Mar 31 is Apr 1 in China', () => {
    const late = { ...visit('2026-03-31'), visitedAt: Date.parse('2026-03-31T23:30:00Z') };
    expect(visitReminders([key([late])], settings([quarterRule]), '2026-04-15')).toEqual([]);
  });

  it('ignores voided visits and honours minVisits and the period', () => {
    const twice: VisitRule = { ...quarterRule, minVisits: 2, period: 'month' };
    expect(summary(visitReminders([key([visit('2026-11-02'), visit('2026-11-03', true)])], settings([twice]), '2026-11-30'))).toEqual([
      'quota k 1 2026-11-01..2026-11-30 0',
    ]);
    const yearly: VisitRule = { ...quarterRule, period: 'year' };
    expect(visitReminders([key([visit('2026-01-05')])], settings([yearly]), '2026-12-31')).toEqual([]);
  });
});

describe('idle rule (every file: not visited for 90 days)', () => {
  it('flags more than 90 days since the last visit, not exactly 90', () => {
    const s = settings([idleRule]);
    expect(visitReminders([row('a', { visits: [visit('2026-09-01')] })], s, '2026-11-30')).toEqual([]); // 90 days
    expect(summary(visitReminders([row('a', { visits: [visit('2026-09-01')] })], s, '2026-12-01'))).toEqual(['idle a 91']);
  });

  it('counts a never-visited file from its assignment, else its creation', () => {
    const s = settings([idleRule]);
    expect(summary(visitReminders([row('new', { createdAt: at('2026-09-01') })], s, '2026-12-05'))).toEqual(['idle new 95 never']);
    expect(visitReminders([row('assigned', { createdAt: at('2025-01-01'), assignedAt: at('2026-10-01') })], s, '2026-12-05')).toEqual([]);
  });

  it('a tag rule applies only to tagged files', () => {
    const tagged: VisitRule = { ...idleRule, tag: '专精特新', maxDaysWithoutVisit: 30 };
    const rows = [row('t', { tags: ['专精特新'], visits: [visit('2026-10-01')] }), row('u', { visits: [visit('2026-10-01')] })];
    expect(summary(visitReminders(rows, settings([tagged]), '2026-11-15'))).toEqual(['idle t 45']);
  });
});

describe('无事不扰 (more than maxVisitsPerMonth in a month)', () => {
  const days = (n: number, month: string) => Array.from({ length: n }, (_, i) => visit(`${month}-${String(i + 1).padStart(2, '0')}`));

  it('flags more than the threshold, not the threshold itself', () => {
    expect(visitReminders([row('a', { visits: days(4, '2026-11') })], settings([]), '2026-11-20')).toEqual([]);
    expect(summary(visitReminders([row('a', { visits: days(5, '2026-11') })], settings([]), '2026-11-20'))).toEqual(['too-many a 2026-11 5/4']);
  });

  it('follows the configured threshold and looks at this and the previous month only', () => {
    const r = row('a', { visits: [...days(3, '2026-09'), ...days(3, '2026-12'), ...days(2, '2027-01')] });
    expect(summary(visitReminders([r], settings([], 2), '2027-01-10'))).toEqual(['too-many a 2026-12 3/2']);
    expect(visitReminders([r], settings([], 3), '2027-01-10')).toEqual([]);
  });

  it('voided visits do not count', () => {
    const visits = [...days(4, '2026-11'), visit('2026-11-20', true)];
    expect(visitReminders([row('a', { visits })], settings([]), '2026-11-25')).toEqual([]);
  });
});

describe('defaults and counts', () => {
  it('the district defaults give the three kinds of rule reminders, in order, with counts', () => {
    const rows = [
      row('key', { tags: ['重点项目'], visits: [visit('2026-08-01')] }),
      row('busy', { visits: Array.from({ length: 5 }, () => visit('2026-12-02')), plans: [plan('p', '2026-12-03')] }),
    ];
    const list = visitReminders(rows, DEFAULT_SETTINGS, '2026-12-04');
    expect(summary(list)).toEqual(['plan busy p -1', 'quota key 0 2026-10-01..2026-12-31 27', 'idle key 125', 'too-many busy 2026-12 5/4']);
    expect(reminderCounts(list)).toEqual({ plan: 1, quota: 1, idle: 1, 'too-many': 1 });
  });

  it('periodOf gives calendar periods, February of a leap year included', () => {
    expect(periodOf('month', '2028-02-10')).toEqual({ kind: 'month', start: '2028-02-01', end: '2028-02-29' });
    expect(periodOf('quarter', '2026-08-15')).toEqual({ kind: 'quarter', start: '2026-07-01', end: '2026-09-30' });
    expect(periodOf('year', '2026-08-15')).toEqual({ kind: 'year', start: '2026-01-01', end: '2026-12-31' });
    expect(visitReminders([row('a')], DEFAULT_SETTINGS, 'not a day')).toEqual([]);
  });
});
