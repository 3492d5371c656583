/**
 * The holiday calendar page's logic, kept out of the components: adding and removing a year's dates
 * (with Chinese validation messages), grouping them by month, and which years lack a calendar.
 */
import { dayNumber, isIsoDate, type HolidayTable, type YearCalendar } from '@bangqi/shared';
import { cal } from './strings.ts';

export type DayKind = 'off' | 'work';

export interface YearDays {
  off: string[];
  work: string[];
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: string): number {
  return (((dayNumber(day) + 4) % 7) + 7) % 7;
}

const isWeekend = (day: string) => {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
};

/**
 * The year's dates with `day` marked `kind` (moved from the other kind if it was there), or why not.
 * A weekday cannot be a 调休 workday (it is one already); a weekend day may be marked off, as notices
 * list whole holiday spans.
 */
export function addDay(days: YearDays, year: string, day: string, kind: DayKind): YearDays | { error: string } {
  if (day === '') return { error: cal.needDate };
  if (!isIsoDate(day)) return { error: cal.needDate };
  if (!day.startsWith(`${year}-`)) return { error: cal.notInYear(day, year) };
  if (kind === 'work' && !isWeekend(day)) return { error: cal.workOnWeekday(day, cal.weekdayNames[weekdayOf(day)]!) };
  if (days[kind].includes(day)) return { error: cal.already(day, kind === 'off' ? cal.offLabel : cal.workLabel) };
  const other: DayKind = kind === 'off' ? 'work' : 'off';
  const next = { ...days, [kind]: [...days[kind], day].sort(), [other]: days[other].filter((d) => d !== day) };
  return next as YearDays;
}

export function removeDay(days: YearDays, day: string): YearDays {
  return { off: days.off.filter((d) => d !== day), work: days.work.filter((d) => d !== day) };
}

export interface MonthGroup {
  month: number;
  days: { day: string; kind: DayKind; weekday: number }[];
}

/** The year's dates by month, in date order. */
export function byMonth(days: YearDays): MonthGroup[] {
  const all = [...days.off.map((day) => ({ day, kind: 'off' as const })), ...days.work.map((day) => ({ day, kind: 'work' as const }))].sort((a, b) =>
    a.day < b.day ? -1 : a.day > b.day ? 1 : 0,
  );
  const groups: MonthGroup[] = [];
  for (const d of all) {
    const month = Number(d.day.slice(5, 7));
    let g = groups.at(-1);
    if (!g || g.month !== month) groups.push((g = { month, days: [] }));
    g.days.push({ ...d, weekday: weekdayOf(d.day) });
  }
  return groups;
}

export interface YearLine {
  year: string;
  cal: YearCalendar;
  /** shown from the app's built-in official table: the district doc does not hold it (yet) */
  builtIn: boolean;
}

/** Every year deadlines can use, newest first. */
export function yearLines(stored: HolidayTable, merged: HolidayTable): YearLine[] {
  return Object.keys(merged)
    .sort()
    .reverse()
    .map((year) => ({ year, cal: merged[year]!, builtIn: !Object.hasOwn(stored, year) }));
}

/** This year and next (and any year in `alsoCheck`) that the table has no calendar for, sorted. */
export function missingYears(today: string, table: HolidayTable, alsoCheck: readonly string[] = []): string[] {
  const year = Number(today.slice(0, 4));
  const wanted = new Set([String(year), String(year + 1), ...alsoCheck]);
  return [...wanted].filter((y) => !Object.hasOwn(table, y)).sort();
}

export function sameDays(a: YearDays, b: YearDays): boolean {
  return a.off.join() === b.off.join() && a.work.join() === b.work.join();
}

/** A plausible year typed by an admin (four digits, 2000–2099). */
export function isYear(text: string): boolean {
  return /^20\d\d$/.test(text.trim());
}
