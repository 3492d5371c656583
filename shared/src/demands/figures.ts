/**
 * Demand figures (受理量, 办结量, 按时办结率, 满意率, 逾期未办结) and the overdue list, computed on the device
 * from the materialized rows — the coordinator's dashboard works offline.
 *
 * Figures are for the demands RECEIVED in the period [from, to) (a cohort): "of what came in this
 * quarter, how much is resolved, on time, and to the enterprise's satisfaction". That keeps every rate's
 * numerator a subset of its denominator, unlike mixing "received in Q2" with "resolved in Q2".
 *
 * Deadlines are counted in working days (calendar table); computing one walks the calendar day by day,
 * so both functions compute each distinct (accepted day, tier, extension) deadline once and each distinct
 * (due day, as-of day) remaining count once: a year of demands has only a few thousand distinct keys.
 */
import type { DistrictSettings, HolidayTable } from '../calendar/types.ts';
import { chinaDay } from '../domain/licences.ts';
import { demandDueDay, remainingWorkingDays } from './deadline.ts';
import type { DemandRow, DemandState } from './types.ts';

/** States in which the demand counts as resolved (办结 and after; 不满意 sends it back to 'handling'). */
const RESOLVED_STATES: ReadonlySet<DemandState> = new Set<DemandState>(['resolved', 'called-back', 'closed']);

export function isResolvedState(state: DemandState): boolean {
  return RESOLVED_STATES.has(state);
}

export type FigureGroupBy = 'category' | 'department' | 'town' | 'team' | 'none';

export interface FigureOptions {
  /** period start, ms (inclusive) — compared with the demand's acceptance (受理) time */
  from: number;
  /** period end, ms (exclusive) */
  to: number;
  groupBy: FigureGroupBy;
  /** YYYY-MM-DD (China day) for "overdue" */
  today: string;
  settings: DistrictSettings;
  holidays: HolidayTable;
  /** the enterprise's team id ('' when unassigned); needed for groupBy 'team' */
  teamOf?: (enterpriseId: string) => string;
}

export interface FigureGroup {
  /** category / department / town / team id; '' = none (未交办, no town, unassigned); 'all' for the total */
  key: string;
  received: number;
  resolved: number;
  resolvedOnTime: number;
  /** resolvedOnTime / resolved; null when nothing is resolved */
  onTimeRate: number | null;
  /** demands with a 回访 (latest result) */
  calledBack: number;
  /** latest 回访 result 满意 or 基本满意 */
  satisfied: number;
  /** satisfied / calledBack; null without any 回访 */
  satisfactionRate: number | null;
  /** not resolved and past the deadline */
  overdueOpen: number;
}

export interface DemandFigures {
  /** every demand received in the period, counted once */
  total: FigureGroup;
  /**
   * Per group, most received first. By department a demand dispatched to two departments counts in
   * both (each department is accountable for it), so groups may add up to more than the total.
   */
  groups: FigureGroup[];
}

/** The timing figures and lists need: the same values as deadline.ts demandTiming (figures.test.ts checks it). */
export interface RowTiming {
  dueDay: string;
  /** working days left — as of today while open, as of the 办结 day once resolved; negative = past due */
  remaining: number;
  overdue: boolean;
  nearDue: boolean;
  /** resolved on or before the due day; null while not resolved */
  onTime: boolean | null;
  uncalendaredYears: string[];
}

type TimingRow = Pick<DemandRow, 'acceptedAt' | 'urgency' | 'extensionDays' | 'state' | 'resolvedAt'>;

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;
const URGENCY_INDEX: Record<DemandRow['urgency'], number> = { simple: 0, ordinary: 1, complex: 2 };

/**
 * Memoized China days and due days. Keys are numbers (day index since the epoch in China time, tier,
 * extension days) — building a string key and formatting a Date per row cost more than the lookups.
 */
function dueCalculator(settings: DistrictSettings, holidays: HolidayTable) {
  const dayStrings = new Map<number, string>();
  const dues = new Map<number, { dueDay: string; uncalendaredYears: string[] }>();
  const dayOf = (ms: number): string => {
    const index = Math.floor((ms + CHINA_OFFSET_MS) / DAY_MS);
    let day = dayStrings.get(index);
    if (day === undefined) {
      day = chinaDay(ms);
      dayStrings.set(index, day);
    }
    return day;
  };
  const dueOf = (row: Pick<DemandRow, 'acceptedAt' | 'urgency' | 'extensionDays'>) => {
    const index = Math.floor((row.acceptedAt + CHINA_OFFSET_MS) / DAY_MS);
    const key = (index * 4 + (URGENCY_INDEX[row.urgency] ?? 1)) * 4096 + Math.min(4095, Math.max(0, row.extensionDays | 0));
    let due = dues.get(key);
    if (!due) {
      due = demandDueDay(row, settings, holidays);
      dues.set(key, due);
    }
    return due;
  };
  return { dayOf, dueOf };
}

/**
 * Timing of many rows against one `today`, with the two expensive steps memoized: the due day per
 * (accepted day, tier, extension) and the remaining working days per (due day, as-of day).
 */
export function timingCalculator(
  today: string,
  settings: DistrictSettings,
  holidays: HolidayTable,
): (row: TimingRow) => RowTiming {
  const { dayOf, dueOf } = dueCalculator(settings, holidays);
  const remainingByKey = new Map<string, number>();
  return (row) => {
    const due = dueOf(row);
    const resolved = isResolvedState(row.state) && row.resolvedAt > 0;
    const asOf = resolved ? dayOf(row.resolvedAt) : today;
    const remainingKey = `${due.dueDay}|${asOf}`;
    let remaining = remainingByKey.get(remainingKey);
    if (remaining === undefined) {
      remaining = remainingWorkingDays(due.dueDay, asOf, holidays);
      remainingByKey.set(remainingKey, remaining);
    }
    const overdue = !resolved && today > due.dueDay;
    return {
      dueDay: due.dueDay,
      remaining,
      overdue,
      nearDue: !resolved && !overdue && remaining <= settings.nearDueWorkingDays,
      onTime: resolved ? asOf <= due.dueDay : null,
      uncalendaredYears: due.uncalendaredYears,
    };
  };
}

/** What the figures need of a row's timing (no remaining count: only the due day matters). */
interface FigureTiming {
  overdue: boolean;
  onTime: boolean | null;
}

function emptyGroup(key: string): FigureGroup {
  return {
    key,
    received: 0,
    resolved: 0,
    resolvedOnTime: 0,
    onTimeRate: null,
    calledBack: 0,
    satisfied: 0,
    satisfactionRate: null,
    overdueOpen: 0,
  };
}

function addTo(g: FigureGroup, row: DemandRow, t: FigureTiming): void {
  g.received++;
  if (t.onTime !== null) {
    g.resolved++;
    if (t.onTime) g.resolvedOnTime++;
  }
  if (row.satisfaction !== '') {
    g.calledBack++;
    if (row.satisfaction === '满意' || row.satisfaction === '基本满意') g.satisfied++;
  }
  if (t.overdue) g.overdueOpen++;
}

function finish(g: FigureGroup): FigureGroup {
  g.onTimeRate = g.resolved > 0 ? g.resolvedOnTime / g.resolved : null;
  g.satisfactionRate = g.calledBack > 0 ? g.satisfied / g.calledBack : null;
  return g;
}

function groupKeys(row: DemandRow, groupBy: FigureGroupBy, teamOf: (id: string) => string): readonly string[] {
  switch (groupBy) {
    case 'category':
      return [row.category];
    case 'department':
      return row.departments.length > 0 ? row.departments : [''];
    case 'town':
      return [row.town];
    case 'team':
      return [teamOf(row.enterpriseId)];
    case 'none':
      return [];
  }
}

export function demandFigures(rows: readonly DemandRow[], opts: FigureOptions): DemandFigures {
  const { dayOf, dueOf } = dueCalculator(opts.settings, opts.holidays);
  const timing = (row: DemandRow): FigureTiming => {
    const { dueDay } = dueOf(row);
    // the same rules as demandTiming
    const resolved = isResolvedState(row.state) && row.resolvedAt > 0;
    return { overdue: !resolved && opts.today > dueDay, onTime: resolved ? dayOf(row.resolvedAt) <= dueDay : null };
  };
  const teamOf = opts.teamOf ?? (() => '');
  const total = emptyGroup('all');
  const groups = new Map<string, FigureGroup>();
  for (const row of rows) {
    if (row.acceptedAt < opts.from || row.acceptedAt >= opts.to) continue;
    const t = timing(row);
    addTo(total, row, t);
    for (const key of groupKeys(row, opts.groupBy, teamOf)) {
      let g = groups.get(key);
      if (!g) groups.set(key, (g = emptyGroup(key)));
      addTo(g, row, t);
    }
  }
  return {
    total: finish(total),
    groups: [...groups.values()].map(finish).sort((a, b) => b.received - a.received || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
  };
}

export interface OverdueDemand {
  row: DemandRow;
  timing: RowTiming;
}

/** Open demands past their deadline, most overdue first (then the oldest accepted first). */
export function overdueDemands(
  rows: readonly DemandRow[],
  today: string,
  settings: DistrictSettings,
  holidays: HolidayTable,
): OverdueDemand[] {
  const timing = timingCalculator(today, settings, holidays);
  const out: OverdueDemand[] = [];
  for (const row of rows) {
    if (isResolvedState(row.state) && row.resolvedAt > 0) continue;
    const t = timing(row);
    if (t.overdue) out.push({ row, timing: t });
  }
  return out.sort((a, b) => a.timing.remaining - b.timing.remaining || a.row.acceptedAt - b.row.acceptedAt || (a.row.id < b.row.id ? -1 : 1));
}
