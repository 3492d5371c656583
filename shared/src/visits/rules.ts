/**
 * Visit reminders computed on the device from the list rows (EnterpriseRow.visits / .plans) and the
 * district settings, so they work offline:
 *  - plan: an open planned visit due today or within PLAN_DUE_DAYS days, or overdue (past, not done);
 *  - quota: a rule "≥ minVisits visits per month/quarter/year" (by tag, '' = every file) not yet met in
 *    the current period (calendar periods in China time: Q1 = Jan–Mar …);
 *  - idle: a rule "not visited for N days" broken (counted from the last visit, or, for a file never
 *    visited, from when it was assigned / created — a new file gets N days for its first visit);
 *  - too-many (无事不扰): more than maxVisitsPerMonth visits in this or the previous calendar month.
 * Voided visits never count. Days are YYYY-MM-DD calendar days.
 */
import type { DistrictSettings, VisitRule } from '../calendar/types.ts';
import type { EnterpriseRow } from '../domain/enterprise.ts';
import { chinaDay, daysLeft, isIsoDate } from '../domain/licences.ts';
import { isOpenPlan, planIsFor } from './plans.ts';
import type { PlanSummary } from './types.ts';

/** A planned visit this many days ahead (or fewer) is "due". */
export const PLAN_DUE_DAYS = 3;

export type ReminderRow = Pick<EnterpriseRow, 'id' | 'name' | 'tags' | 'visits' | 'plans' | 'lastVisitAt' | 'assignedAt' | 'createdAt' | 'responsibleId'>;

export interface Period {
  kind: VisitRule['period'];
  /** first and last day, YYYY-MM-DD */
  start: string;
  end: string;
}

export type VisitReminder<R extends ReminderRow = EnterpriseRow> =
  /** daysLeft < 0: overdue by -daysLeft days; 0: today */
  | { kind: 'plan'; row: R; plan: PlanSummary; daysLeft: number }
  /** visits so far in the period; daysLeft = days until the period ends (0 = its last day) */
  | { kind: 'quota'; row: R; rule: VisitRule; visits: number; period: Period; daysLeft: number }
  /** days since the last visit (or since assignment/creation when `never`) */
  | { kind: 'idle'; row: R; rule: VisitRule; days: number; never: boolean }
  /** month YYYY-MM with more visits than allowed */
  | { kind: 'too-many'; row: R; month: string; visits: number; max: number };

export type ReminderKind = VisitReminder['kind'];

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar month / quarter / year containing `today` (YYYY-MM-DD). */
export function periodOf(kind: VisitRule['period'], today: string): Period {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const [first, last] = kind === 'month' ? [m, m] : kind === 'quarter' ? [Math.floor((m - 1) / 3) * 3 + 1, Math.floor((m - 1) / 3) * 3 + 3] : [1, 12];
  // Day 0 of the next month is the last day of `last`.
  const lastDay = new Date(Date.UTC(y, last, 0)).getUTCDate();
  return { kind, start: `${y}-${pad(first)}-01`, end: `${y}-${pad(last)}-${pad(lastDay)}` };
}

/** YYYY-MM of the month before the one of `today`. */
function previousMonth(today: string): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}

const matches = (rule: VisitRule, row: ReminderRow) => rule.tag === '' || row.tags.includes(rule.tag);

/**
 * `who`: only planned visits this user is expected on, and inspections filed on their files (the rules
 * cover every row given).
 */
export function visitReminders<R extends ReminderRow>(
  rows: readonly R[],
  settings: Pick<DistrictSettings, 'visitRules' | 'maxVisitsPerMonth'>,
  today: string,
  who?: string,
): VisitReminder<R>[] {
  if (!isIsoDate(today)) return [];
  const plans: VisitReminder<R>[] = [];
  const quotas: VisitReminder<R>[] = [];
  const idles: VisitReminder<R>[] = [];
  const tooMany: VisitReminder<R>[] = [];
  const periods = new Map(settings.visitRules.map((r) => [r.id, periodOf(r.period, today)]));
  const months = [today.slice(0, 7), previousMonth(today)];
  for (const row of rows) {
    for (const plan of row.plans) {
      if (!isOpenPlan(plan) || (who !== undefined && !planIsFor(plan, row, who))) continue;
      const left = daysLeft(plan.plannedOn, today);
      if (left !== null && left <= PLAN_DUE_DAYS) plans.push({ kind: 'plan', row, plan, daysLeft: left });
    }
    const days = row.visits.filter((v) => !v.voided).map((v) => chinaDay(v.visitedAt));
    for (const rule of settings.visitRules) {
      if (!matches(rule, row)) continue;
      if (rule.minVisits > 0) {
        const period = periods.get(rule.id)!;
        const visits = days.filter((d) => d >= period.start && d <= period.end).length;
        if (visits < rule.minVisits) quotas.push({ kind: 'quota', row, rule, visits, period, daysLeft: daysLeft(period.end, today)! });
      }
      if (rule.maxDaysWithoutVisit > 0) {
        const since = row.lastVisitAt || row.assignedAt || row.createdAt;
        if (since <= 0) continue;
        const idle = daysLeft(today, chinaDay(since))!;
        if (idle > rule.maxDaysWithoutVisit) idles.push({ kind: 'idle', row, rule, days: idle, never: row.lastVisitAt === 0 });
      }
    }
    for (const month of months) {
      const visits = days.filter((d) => d.startsWith(month)).length;
      if (visits > settings.maxVisitsPerMonth) tooMany.push({ kind: 'too-many', row, month, visits, max: settings.maxVisitsPerMonth });
    }
  }
  const byName = (a: VisitReminder<R>, b: VisitReminder<R>) => a.row.name.localeCompare(b.row.name, 'zh-CN');
  const key = (r: VisitReminder<R>) =>
    r.kind === 'plan' ? r.daysLeft : r.kind === 'quota' ? r.daysLeft : r.kind === 'idle' ? -r.days : -r.visits;
  const sorted = (list: VisitReminder<R>[]) => list.sort((a, b) => key(a) - key(b) || byName(a, b));
  return [...sorted(plans), ...sorted(quotas), ...sorted(idles), ...sorted(tooMany)];
}

/** How many reminders of each kind (the page's tab counts). */
export function reminderCounts(list: readonly { kind: ReminderKind }[]): Record<ReminderKind, number> {
  const out: Record<ReminderKind, number> = { plan: 0, quota: 0, idle: 0, 'too-many': 0 };
  for (const r of list) out[r.kind]++;
  return out;
}
