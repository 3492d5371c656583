/**
 * `npm run bench` — the coordinator's overdue list (督办) and the figures page for N = 10,000 demands,
 * computed on the device from the materialized rows (issue 7).
 *
 * The rows are generated like a district's year: acceptance spread over the 12 months before "today"
 * (weekdays mostly), the 14 categories weighted, 1–2 departments of eight, the demo towns, 300
 * enterprises in 6 teams, urgency mostly 一般, states by age (older demands further along; some sent back
 * after 不满意, some overdue), resolution 0–20 working days after acceptance, a few extensions.
 * The calendar is the official table (OFFICIAL_HOLIDAYS: 2024–2026 from chinese-days).
 *
 * Timed (median of RUNS after a warm-up): overdueDemands; demandFigures for each grouping and a year.
 * Baseline, same run: the naive way — deadline.ts demandTiming for every row (each one walks the
 * calendar from its acceptance day) — which figures.ts avoids by memoizing per distinct deadline.
 */
import { cpus, loadavg } from 'node:os';
import {
  DEFAULT_SETTINGS,
  DEMAND_CATEGORIES,
  OFFICIAL_HOLIDAYS,
  TOWNS,
  URGENCY_TIERS,
  addWorkingDays,
  chinaDay,
  demandFigures,
  demandTiming,
  isWorkday,
  overdueDemands,
  seededRandom,
  type DemandCategory,
  type DemandRow,
  type DemandState,
  type FigureGroupBy,
  type Satisfaction,
  type UrgencyTier,
} from '@bangqi/shared';

const N = Number(process.env.BENCH_DEMANDS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TODAY = process.env.BENCH_TODAY ?? '2026-11-20';
const DAY = 86_400_000;
const rand = seededRandom(7_2026);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const chinaMs = (day: string, hour: number) => Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

// Weights: talent, financing, policy and approvals dominate in 枣庄's and 费县's reports.
const CATEGORY_WEIGHTS: Partial<Record<DemandCategory, number>> = { 人才: 5, 融资: 5, 政策: 4, 审批: 4, 土地: 2, 参保: 2, 科技: 2 };
const CATEGORIES = DEMAND_CATEGORIES.flatMap((c) => Array<DemandCategory>(CATEGORY_WEIGHTS[c] ?? 1).fill(c));
const DEPARTMENTS = ['人社局', '发改局', '工信局', '自然资源局', '住建局', '市场监管局', '税务局', '金融办'];
const URGENCY: UrgencyTier[] = ['simple', 'ordinary', 'ordinary', 'ordinary', 'complex'];
const TEAMS = ['team-1', 'team-2', 'team-3', 'team-4', 'team-5', 'team-6'];

function generate(n: number): { rows: DemandRow[]; teamOf: (id: string) => string } {
  const enterprises = Array.from({ length: 300 }, (_, i) => ({ id: `ent-b${i}`, town: pick(TOWNS), team: pick([...TEAMS, '']) }));
  const todayMs = chinaMs(TODAY, 12);
  const rows: DemandRow[] = [];
  for (let i = 0; i < n; i++) {
    const ent = pick(enterprises);
    // a weekday in the last year (a few on weekends: raised on a Saturday visit)
    let acceptedAt = todayMs - Math.floor(rand() * 365) * DAY - Math.floor(rand() * 8) * 3_600_000;
    while (!isWorkday(chinaDay(acceptedAt), OFFICIAL_HOLIDAYS) && rand() < 0.9) acceptedAt -= DAY;
    const ageDays = (todayMs - acceptedAt) / DAY;
    const urgency = pick(URGENCY);
    const departments = rand() < 0.03 ? [] : rand() < 0.15 ? [pick(DEPARTMENTS), pick(DEPARTMENTS)].filter((d, j, a) => a.indexOf(d) === j) : [pick(DEPARTMENTS)];
    // Older demands are further along; 4 % of the open ones were sent back after 不满意.
    const done = rand() < Math.min(0.97, 0.2 + ageDays / 40);
    // most within the tier's limit, some late (the figures then show an on-time rate below 100 %)
    const limit = DEFAULT_SETTINGS.deadlineTiers[URGENCY_TIERS.indexOf(urgency)]!;
    const workDays = rand() < 0.9 ? Math.floor(rand() * (limit + 1)) : limit + 1 + Math.floor(rand() * 10);
    const resolvedDay = addWorkingDays(chinaDay(acceptedAt), workDays, OFFICIAL_HOLIDAYS);
    const resolvedAt = chinaMs(resolvedDay, 15);
    const resolved = done && resolvedAt < todayMs && departments.length > 0;
    let state: DemandState;
    let satisfaction: Satisfaction | '' = '';
    if (departments.length === 0) state = 'received';
    else if (!resolved) state = rand() < 0.15 ? 'dispatched' : 'handling';
    else state = ageDays > 30 ? (rand() < 0.9 ? 'closed' : 'called-back') : pick<DemandState>(['resolved', 'called-back', 'closed']);
    if (state === 'called-back' || state === 'closed') satisfaction = rand() < 0.96 ? (rand() < 0.8 ? '满意' : '基本满意') : '基本满意';
    const reopened = state === 'handling' && rand() < 0.04;
    if (reopened) satisfaction = '不满意';
    rows.push({
      id: `dem-b${i}`,
      enterpriseId: ent.id,
      enterpriseName: `企业${ent.id}`,
      town: ent.town,
      visitId: rand() < 0.6 ? `v${i}` : '',
      title: `诉求 ${i}`,
      category: pick(CATEGORIES),
      urgency,
      createdAt: acceptedAt,
      createdBy: 'u-zhangwei',
      attachmentsCount: 0,
      state,
      departments,
      resolvedDepartments: resolved ? departments : [],
      acceptedAt,
      dispatchedAt: departments.length > 0 ? acceptedAt + 3_600_000 : 0,
      resolvedAt: resolved ? resolvedAt : 0,
      closedAt: state === 'closed' ? resolvedAt + 3 * DAY : 0,
      satisfaction,
      reopenCount: reopened ? 1 : 0,
      extensionDays: rand() < 0.05 ? 5 + Math.floor(rand() * 10) : 0,
      pendingExtension: null,
      escalations: [],
      issueId: '',
      conflicts: [],
      lastEventAt: resolved ? resolvedAt : acceptedAt,
    });
  }
  const teams = new Map(enterprises.map((e) => [e.id, e.team]));
  return { rows, teamOf: (id) => teams.get(id) ?? '' };
}

function median(fn: () => unknown, runs = RUNS): number {
  fn(); // warm-up (JIT)
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** The naive overdue list: one demandTiming (a fresh calendar walk) per row. */
function naiveOverdue(rows: readonly DemandRow[]) {
  return rows
    .map((row) => ({ row, timing: demandTiming(row, TODAY, DEFAULT_SETTINGS, OFFICIAL_HOLIDAYS) }))
    .filter((o) => o.timing.overdue)
    .sort((a, b) => a.timing.remaining - b.timing.remaining);
}

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)} %`);
const ms = (x: number) => `${x.toFixed(2).padStart(7)} ms`;

function main() {
  const t0 = performance.now();
  const { rows, teamOf } = generate(N);
  console.log(`\ndemands bench: N=${N} generated demands over the year to ${TODAY}, median of ${RUNS} runs, node ${process.version}`);
  console.log(`   generated in ${(performance.now() - t0).toFixed(0)} ms`);

  const settings = DEFAULT_SETTINGS;
  const holidays = OFFICIAL_HOLIDAYS;
  const yearFrom = chinaMs(`${Number(TODAY.slice(0, 4)) - 1}${TODAY.slice(4)}`, 0);
  const yearTo = chinaMs(TODAY, 0) + DAY;

  const overdue = overdueDemands(rows, TODAY, settings, holidays);
  const naive = naiveOverdue(rows);
  if (naive.length !== overdue.length) throw new Error(`overdue lists differ: ${overdue.length} vs naive ${naive.length}`);
  const overdueMs = median(() => overdueDemands(rows, TODAY, settings, holidays));
  const naiveMs = median(() => naiveOverdue(rows));
  console.log('\n1. overdue list (督办)');
  console.log(`   ${overdue.length} open demands overdue; most overdue: ${overdue[0]?.row.id} due ${overdue[0]?.timing.dueDay} (${overdue[0]?.timing.remaining} working days)`);
  console.log(`   overdueDemands            ${ms(overdueMs)}`);
  console.log(`   naive (demandTiming/row)  ${ms(naiveMs)}   ratio ${(naiveMs / overdueMs).toFixed(1)}×`);

  console.log('\n2. figures for the last 12 months');
  const groupings: FigureGroupBy[] = ['none', 'category', 'department', 'town', 'team'];
  // warm every path first, so the first grouping timed does not carry the JIT's work for all of them
  for (let i = 0; i < 3; i++) for (const groupBy of groupings) demandFigures(rows, { from: yearFrom, to: yearTo, groupBy, today: TODAY, settings, holidays, teamOf });
  for (const groupBy of groupings) {
    const opts = { from: yearFrom, to: yearTo, groupBy, today: TODAY, settings, holidays, teamOf };
    const fig = demandFigures(rows, opts);
    const took = median(() => demandFigures(rows, opts));
    console.log(`   by ${groupBy.padEnd(10)} ${ms(took)}  ${groupBy === 'none' ? 'total only' : `${fig.groups.length} groups`}`);
    if (groupBy === 'none') {
      const t = fig.total;
      console.log(
        `      received ${t.received}, resolved ${t.resolved} (on time ${t.resolvedOnTime}, ${pct(t.onTimeRate)}), ` +
          `satisfied ${t.satisfied} of ${t.calledBack} 回访 (${pct(t.satisfactionRate)}), overdue open ${t.overdueOpen}`,
      );
    }
  }
  const naiveFiguresMs = median(() => {
    // the same totals with one demandTiming per row
    let resolved = 0;
    for (const row of rows) if (demandTiming(row, TODAY, settings, holidays).onTime !== null) resolved++;
    return resolved;
  });
  const figuresMs = median(() => demandFigures(rows, { from: yearFrom, to: yearTo, groupBy: 'none', today: TODAY, settings, holidays }));
  console.log(`   naive totals (demandTiming/row) ${ms(naiveFiguresMs)}   ratio ${(naiveFiguresMs / figuresMs).toFixed(1)}×`);

  const small = rows.slice(0, 1_000);
  const smallMs = median(() => overdueDemands(small, TODAY, settings, holidays));
  console.log(`\n3. scaling: overdueDemands on 1,000 rows ${ms(smallMs)} → ${N} rows ${ms(overdueMs)} (${(overdueMs / smallMs).toFixed(1)}× for ${N / 1000}× the rows)`);
  console.log(`   load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
}

main();
