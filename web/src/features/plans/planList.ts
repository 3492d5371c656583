/**
 * 走访计划 as the plans page shows them: every plan of the rows this device holds, flattened, with its
 * state on `today` (YYYY-MM-DD, China day), and the month grid of the calendar view. Pure: rows come from
 * the enterprise store (EnterpriseRow.plans), never from the docs.
 */
import { daysLeft, isOpenPlan, planIsFor, type EnterpriseRow, type PlanSummary } from '@bangqi/shared';

export type PlanState = 'overdue' | 'open' | 'done' | 'cancelled';

export interface PlanItem {
  row: EnterpriseRow;
  plan: PlanSummary;
  state: PlanState;
  /** days from today to plannedOn (negative when past) */
  daysLeft: number;
}

export interface PlanListOptions {
  today: string;
  /** only plans this user is expected on, and inspections filed on their files */
  who?: string;
  /** include done and cancelled plans */
  closed: boolean;
}

export function planState(plan: PlanSummary, left: number): PlanState {
  if (plan.cancelled) return 'cancelled';
  if (plan.done) return 'done';
  return left < 0 ? 'overdue' : 'open';
}

/** Overdue first (oldest first), then by day; done/cancelled only when asked for. */
export function planItems(rows: readonly EnterpriseRow[], opts: PlanListOptions): PlanItem[] {
  const out: PlanItem[] = [];
  for (const row of rows) {
    for (const plan of row.plans) {
      if (opts.who !== undefined && !planIsFor(plan, row, opts.who)) continue;
      if (!opts.closed && !isOpenPlan(plan)) continue;
      const left = daysLeft(plan.plannedOn, opts.today);
      if (left === null) continue;
      out.push({ row, plan, state: planState(plan, left), daysLeft: left });
    }
  }
  const rank = (i: PlanItem) => (i.state === 'overdue' ? 0 : 1);
  return out.sort(
    (a, b) => rank(a) - rank(b) || a.daysLeft - b.daysLeft || a.plan.createdAt - b.plan.createdAt || a.row.name.localeCompare(b.row.name, 'zh-CN'),
  );
}

/** Items grouped by their day (YYYY-MM-DD). */
export function itemsByDay(items: readonly PlanItem[]): Map<string, PlanItem[]> {
  const map = new Map<string, PlanItem[]>();
  for (const i of items) {
    const list = map.get(i.plan.plannedOn);
    if (list) list.push(i);
    else map.set(i.plan.plannedOn, [i]);
  }
  return map;
}

const pad = (n: number) => String(n).padStart(2, '0');
const MONTH = /^(\d{4})-(\d{2})$/;

/** The month `delta` months from `month` (YYYY-MM). */
export function shiftMonth(month: string, delta: number): string {
  const m = MONTH.exec(month);
  if (!m) return month;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + delta, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/**
 * The weeks (Monday first, as Chinese calendars print them) that show `month`: 4–6 rows of 7 days,
 * including the days of the neighbouring months that fill the first and last week.
 */
export function monthGrid(month: string): string[][] {
  const m = MONTH.exec(month);
  if (!m) return [];
  const first = Date.UTC(Number(m[1]), Number(m[2]) - 1, 1);
  const mondayOffset = (new Date(first).getUTCDay() + 6) % 7;
  const lastDay = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
  const weeks = Math.ceil((mondayOffset + lastDay) / 7);
  const out: string[][] = [];
  for (let w = 0; w < weeks; w++) {
    const week: string[] = [];
    for (let d = 0; d < 7; d++) week.push(new Date(first + (w * 7 + d - mondayOffset) * 86_400_000).toISOString().slice(0, 10));
    out.push(week);
  }
  return out;
}
