/**
 * A demand's deadline in working days: from its acceptance (受理) China day, the urgency tier's working
 * days (district settings, default 1 / 5 / 15) plus approved extensions (capped at the district's
 * maximum), counted on the holiday table. Computed on the device, so it works offline. When the count
 * runs through a year the table has no calendar for, the years are returned so the UI can warn.
 */
import type { DistrictSettings, HolidayTable } from '../calendar/types.ts';
import { addWorkingDays, workingDaysBetween, yearsSpanned, yearsWithoutCalendar } from '../calendar/workdays.ts';
import { chinaDay } from '../domain/licences.ts';
import { URGENCY_TIERS, type DemandRow, type DemandState } from './types.ts';

/** Working days allowed for a tier, with approved extensions (never below the tier, never above the cap unless the tier is). */
export function allowedWorkingDays(urgency: DemandRow['urgency'], extensionDays: number, settings: DistrictSettings): number {
  const tier = settings.deadlineTiers[URGENCY_TIERS.indexOf(urgency)] ?? settings.deadlineTiers[1];
  if (extensionDays <= 0) return tier;
  return Math.min(tier + extensionDays, Math.max(tier, settings.maxDeadlineDays));
}

export function demandDueDay(
  row: Pick<DemandRow, 'acceptedAt' | 'urgency' | 'extensionDays'>,
  settings: DistrictSettings,
  table: HolidayTable,
): { dueDay: string; uncalendaredYears: string[] } {
  const accepted = chinaDay(row.acceptedAt);
  const dueDay = addWorkingDays(accepted, allowedWorkingDays(row.urgency, row.extensionDays, settings), table);
  return { dueDay, uncalendaredYears: yearsWithoutCalendar(yearsSpanned(accepted, dueDay).map((y) => `${y}-01-01`), table) };
}

/** Working days left until the due day (today not counted, the due day counted): 0 on the due day, negative once past. */
export function remainingWorkingDays(dueDay: string, today: string, table: HolidayTable): number {
  return workingDaysBetween(today, dueDay, table);
}

const RESOLVED: ReadonlySet<DemandState> = new Set<DemandState>(['resolved', 'called-back', 'closed']);

export interface DemandTiming {
  dueDay: string;
  /** working days left — as of today while open; as of the 办结 day once resolved (the clock stops) */
  remaining: number;
  overdue: boolean;
  /** open, not overdue, and at most settings.nearDueWorkingDays working days left */
  nearDue: boolean;
  /** null while not resolved; resolved on or before the due day (China days) → true */
  onTime: boolean | null;
  uncalendaredYears: string[];
}

export function demandTiming(
  row: Pick<DemandRow, 'acceptedAt' | 'urgency' | 'extensionDays' | 'state' | 'resolvedAt'>,
  today: string,
  settings: DistrictSettings,
  table: HolidayTable,
): DemandTiming {
  const { dueDay, uncalendaredYears } = demandDueDay(row, settings, table);
  const resolved = RESOLVED.has(row.state) && row.resolvedAt > 0;
  const asOf = resolved ? chinaDay(row.resolvedAt) : today;
  const remaining = remainingWorkingDays(dueDay, asOf, table);
  const overdue = !resolved && today > dueDay;
  return {
    dueDay,
    remaining,
    overdue,
    nearDue: !resolved && !overdue && remaining <= settings.nearDueWorkingDays,
    onTime: resolved ? asOf <= dueDay : null,
    uncalendaredYears,
  };
}
