import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type HolidayTable } from '../calendar/types.ts';
import { demandTiming } from './deadline.ts';
import { demandFigures, overdueDemands, timingCalculator, type FigureGroup } from './figures.ts';
import { DEMAND_CATEGORIES, URGENCY_TIERS, type DemandRow, type DemandState, type Satisfaction } from './types.ts';

/**
 * A hand-made calendar (not the official one, so the numbers below can be checked with a pencil):
 * June 2026 starts on a Monday; Friday 06-19 is a day off, Sunday 06-14 a 调休 workday.
 */
const TABLE: HolidayTable = { '2026': { off: ['2026-06-19'], work: ['2026-06-14'], source: 'test', updatedAt: 0 } };
const TODAY = '2026-06-22'; // Monday
const at = (day: string, hour = 10) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

function row(id: string, over: Partial<DemandRow> & { accepted: string; resolved?: string }): DemandRow {
  const { accepted, resolved, ...rest } = over;
  return {
    id,
    enterpriseId: 'ent-3',
    enterpriseName: '测试企业',
    town: '',
    visitId: '',
    title: id,
    category: '其他',
    urgency: 'ordinary',
    createdAt: at(accepted),
    createdBy: 'u-zhangwei',
    attachmentsCount: 0,
    state: 'received',
    departments: [],
    resolvedDepartments: [],
    acceptedAt: at(accepted),
    dispatchedAt: 0,
    resolvedAt: resolved ? at(resolved, 16) : 0,
    closedAt: 0,
    satisfaction: '',
    reopenCount: 0,
    extensionDays: 0,
    pendingExtension: null,
    escalations: [],
    issueId: '',
    conflicts: [],
    lastEventAt: at(accepted),
    ...rest,
  };
}

/*
 * Deadlines by hand (n-th working day after acceptance; 1 / 5 / 15 working days):
 *  A 06-01 simple   → 06-02, resolved 06-02: on time      closed,       满意
 *  B 06-01 ordinary → 06-08 (02,03,04,05,08), resolved 06-09: late   called-back, 基本满意
 *  C 06-10 ordinary → 06-16 (11,12,14*,15,16): open, overdue   handling, 不满意 (sent back)
 *  D 06-17 simple   → 06-18, resolved 06-19: late                resolved, no 回访
 *  E 06-18 simple   → 06-22 (19 off, 20/21 weekend): due today, not overdue   dispatched
 *  F 06-18 complex  → July: open, not overdue                   received
 *  G 05-29 ordinary → 06-05: overdue, but accepted before June (not in June's figures)
 *  H 06-03 ordinary + 3 extension days → 8 working days: 04,05,08,09,10,11,12,14* → 06-14: overdue
 *  I 06-02 simple   → 06-03, resolved 06-03: on time            closed, 满意
 */
const ROWS: DemandRow[] = [
  row('A', { accepted: '2026-06-01', resolved: '2026-06-02', urgency: 'simple', state: 'closed', satisfaction: '满意', category: '人才', departments: ['人社局'], town: '城关街道', enterpriseId: 'ent-1' }),
  row('B', { accepted: '2026-06-01', resolved: '2026-06-09', state: 'called-back', satisfaction: '基本满意', category: '人才', departments: ['人社局'], town: '城关街道', enterpriseId: 'ent-1' }),
  row('C', { accepted: '2026-06-10', state: 'handling', satisfaction: '不满意', reopenCount: 1, category: '融资', departments: ['金融办', '人社局'], town: '城关街道', enterpriseId: 'ent-2' }),
  row('D', { accepted: '2026-06-17', resolved: '2026-06-19', urgency: 'simple', state: 'resolved', category: '融资', departments: ['金融办'], town: '开发区', enterpriseId: 'ent-2' }),
  row('E', { accepted: '2026-06-18', urgency: 'simple', state: 'dispatched', category: '融资', departments: ['金融办'], town: '开发区' }),
  row('F', { accepted: '2026-06-18', urgency: 'complex', state: 'received', category: '土地' }),
  row('G', { accepted: '2026-05-29', state: 'handling', category: '政策', departments: ['住建局'], town: '城关街道' }),
  row('H', { accepted: '2026-06-03', extensionDays: 3, state: 'handling', category: '政策', departments: ['住建局'], town: '城关街道' }),
  row('I', { accepted: '2026-06-02', resolved: '2026-06-03', urgency: 'simple', state: 'closed', satisfaction: '满意', category: '人才', departments: ['人社局'], town: '开发区' }),
];

const JUNE = { from: at('2026-06-01', 0), to: at('2026-07-01', 0), today: TODAY, settings: DEFAULT_SETTINGS, holidays: TABLE };

const g = (key: string, received: number, resolved: number, resolvedOnTime: number, calledBack: number, satisfied: number, overdueOpen: number): FigureGroup => ({
  key,
  received,
  resolved,
  resolvedOnTime,
  onTimeRate: resolved > 0 ? resolvedOnTime / resolved : null,
  calledBack,
  satisfied,
  satisfactionRate: calledBack > 0 ? satisfied / calledBack : null,
  overdueOpen,
});

describe('demandFigures (hand-checked June 2026)', () => {
  it('totals: 8 received, 4 resolved of which 2 on time (50 %), 3 of 4 回访 satisfied (75 %), 2 overdue', () => {
    const { total } = demandFigures(ROWS, { ...JUNE, groupBy: 'none' });
    expect(total).toEqual(g('all', 8, 4, 2, 4, 3, 2));
    expect(total.onTimeRate).toBe(0.5);
    expect(total.satisfactionRate).toBe(0.75);
  });

  it('by category', () => {
    const { groups } = demandFigures(ROWS, { ...JUNE, groupBy: 'category' });
    expect(groups).toEqual([
      g('人才', 3, 3, 2, 3, 3, 0),
      g('融资', 3, 1, 0, 1, 0, 1),
      g('土地', 1, 0, 0, 0, 0, 0),
      g('政策', 1, 0, 0, 0, 0, 1),
    ]);
    expect(groups[0]!.onTimeRate).toBeCloseTo(2 / 3, 10);
    expect(groups[1]!.onTimeRate).toBe(0);
    expect(groups[2]!.onTimeRate).toBeNull();
  });

  it('by department: a demand dispatched to two departments counts in both; undispatched under ""', () => {
    const { total, groups } = demandFigures(ROWS, { ...JUNE, groupBy: 'department' });
    expect(groups).toEqual([
      g('人社局', 4, 3, 2, 4, 3, 1),
      g('金融办', 3, 1, 0, 1, 0, 1),
      g('', 1, 0, 0, 0, 0, 0),
      g('住建局', 1, 0, 0, 0, 0, 1),
    ]);
    expect(total.received).toBe(8);
  });

  it('by town and by team', () => {
    expect(demandFigures(ROWS, { ...JUNE, groupBy: 'town' }).groups).toEqual([
      g('城关街道', 4, 2, 1, 3, 2, 2),
      g('开发区', 3, 2, 1, 1, 1, 0),
      g('', 1, 0, 0, 0, 0, 0),
    ]);
    const teams: Record<string, string> = { 'ent-1': 't-a', 'ent-2': 't-b' };
    expect(demandFigures(ROWS, { ...JUNE, groupBy: 'team', teamOf: (id) => teams[id] ?? '' }).groups).toEqual([
      g('', 4, 1, 1, 1, 1, 1),
      g('t-a', 2, 2, 1, 2, 2, 0),
      g('t-b', 2, 1, 0, 1, 0, 1),
    ]);
  });

  it('the period is [from, to): a demand accepted at the first instant counts, one at `to` does not', () => {
    const edge = [row('X', { accepted: '2026-06-01' }), row('Y', { accepted: '2026-07-01' })];
    edge[0]!.acceptedAt = JUNE.from;
    edge[1]!.acceptedAt = JUNE.to;
    expect(demandFigures(edge, { ...JUNE, groupBy: 'none' }).total.received).toBe(1);
    expect(demandFigures([], { ...JUNE, groupBy: 'category' })).toEqual({ total: g('all', 0, 0, 0, 0, 0, 0), groups: [] });
  });
});

describe('overdueDemands', () => {
  it('lists open demands past their deadline, most overdue first, whatever the period', () => {
    const list = overdueDemands(ROWS, TODAY, DEFAULT_SETTINGS, TABLE);
    expect(list.map((o) => [o.row.id, o.timing.dueDay])).toEqual([
      ['G', '2026-06-05'],
      ['H', '2026-06-14'],
      ['C', '2026-06-16'],
    ]);
    expect(list.every((o) => o.timing.overdue && o.timing.remaining < 0)).toBe(true);
    expect(list[0]!.timing.remaining).toBeLessThan(list[1]!.timing.remaining);
  });

  it('a demand due today is not overdue yet; the next working day it is', () => {
    expect(overdueDemands(ROWS, '2026-06-22', DEFAULT_SETTINGS, TABLE).map((o) => o.row.id)).not.toContain('E');
    expect(overdueDemands(ROWS, '2026-06-23', DEFAULT_SETTINGS, TABLE).map((o) => o.row.id)).toContain('E');
  });

  it('resolved demands are never overdue, even when resolved late', () => {
    expect(overdueDemands(ROWS, '2026-12-31', DEFAULT_SETTINGS, TABLE).map((o) => o.row.id).sort()).toEqual(['C', 'E', 'F', 'G', 'H']);
  });
});

describe('timingCalculator', () => {
  it('agrees with deadline.ts demandTiming on 2,000 generated rows (it only memoizes)', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const states: DemandState[] = ['received', 'dispatched', 'handling', 'resolved', 'called-back', 'closed'];
    const sats: (Satisfaction | '')[] = ['', '满意', '基本满意', '不满意'];
    const start = at('2026-01-05', 9);
    const calc = timingCalculator(TODAY, DEFAULT_SETTINGS, TABLE);
    const rows: DemandRow[] = [];
    for (let i = 0; i < 2000; i++) {
      const acceptedAt = start + rand(200) * 86_400_000 + rand(10) * 3_600_000;
      const state = states[rand(states.length)]!;
      const resolved = state === 'resolved' || state === 'called-back' || state === 'closed';
      const r = row(`r${i}`, {
        accepted: '2026-01-05',
        acceptedAt,
        urgency: URGENCY_TIERS[rand(3)]!,
        extensionDays: rand(4) === 0 ? rand(10) : 0,
        state,
        resolvedAt: resolved ? acceptedAt + rand(30) * 86_400_000 : 0,
        satisfaction: sats[rand(4)]!,
        category: DEMAND_CATEGORIES[rand(DEMAND_CATEGORIES.length)]!,
      });
      rows.push(r);
      const expected = demandTiming(r, TODAY, DEFAULT_SETTINGS, TABLE);
      const got = calc(r);
      expect(got, r.id).toEqual(expected);
    }
    // and the figures count exactly what demandTiming says, row by row
    const timings = rows.map((r) => demandTiming(r, TODAY, DEFAULT_SETTINGS, TABLE));
    const { total } = demandFigures(rows, { ...JUNE, from: 0, to: Number.MAX_SAFE_INTEGER, groupBy: 'none' });
    expect(total.received).toBe(2000);
    expect(total.resolved).toBe(timings.filter((t) => t.onTime !== null).length);
    expect(total.resolvedOnTime).toBe(timings.filter((t) => t.onTime === true).length);
    expect(total.overdueOpen).toBe(timings.filter((t) => t.overdue).length);
    expect(overdueDemands(rows, TODAY, DEFAULT_SETTINGS, TABLE).length).toBe(total.overdueOpen);
  });
});
