/**
 * Working days (工作日) on the official calendar: Monday–Friday, minus the table's holidays (`off`), plus
 * its 调休 weekend workdays (`work`). Days are China calendar days written YYYY-MM-DD; arithmetic runs on
 * UTC day numbers so the device's time zone never shifts a day.
 *
 * A year missing from the table counts as plain Monday–Friday (callers show a warning: see
 * yearsWithoutCalendar), because chinese-days silently does the same for years it has no data for.
 */
import type { HolidayTable } from './types.ts';

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number (days since 1970-01-01) of a YYYY-MM-DD day; throws on anything else, so a bad input never yields a silent deadline. */
export function dayNumber(day: string): number {
  const m = ISO_DAY.exec(day);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const t = Date.UTC(y, mo - 1, d);
    const date = new Date(t);
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return t / DAY_MS;
  }
  throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
}

export function dayFromNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

const isWeekend = (n: number) => {
  const w = weekday(n);
  return w === 0 || w === 6;
};

/**
 * The table reduced to what counting needs: sorted day numbers where the weekday rule is overridden
 * (a weekday off: -1, a weekend workday: +1), with prefix sums. Memoized per table object: the app
 * computes thousands of deadlines against the same table.
 */
interface Adjustments {
  days: number[];
  /** prefix[i] = sum of deltas of days[0..i-1] */
  prefix: number[];
  delta: Map<number, number>;
}

const adjustmentsCache = new WeakMap<HolidayTable, Adjustments>();

function adjustments(table: HolidayTable): Adjustments {
  const cached = adjustmentsCache.get(table);
  if (cached) return cached;
  const delta = new Map<number, number>();
  for (const cal of Object.values(table)) {
    for (const day of cal.off) {
      const n = safeDayNumber(day);
      if (n !== null && !isWeekend(n)) delta.set(n, -1);
    }
    for (const day of cal.work) {
      const n = safeDayNumber(day);
      if (n !== null && isWeekend(n)) delta.set(n, 1);
    }
  }
  const days = [...delta.keys()].sort((a, b) => a - b);
  const prefix = [0];
  let sum = 0;
  for (const n of days) prefix.push((sum += delta.get(n) ?? 0));
  const built = { days, prefix, delta };
  adjustmentsCache.set(table, built);
  return built;
}

function safeDayNumber(day: string): number | null {
  try {
    return dayNumber(day);
  } catch {
    return null;
  }
}

/** Number of days in `days` that are < n (binary search). */
function countBelow(days: number[], n: number): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (days[mid]! < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isWorkdayNumber(n: number, adj: Adjustments): boolean {
  const d = adj.delta.get(n);
  if (d !== undefined) return d > 0;
  return !isWeekend(n);
}

/** A weekend day is a workday only when listed in `work`; a weekday only when not listed in `off`. */
export function isWorkday(day: string, table: HolidayTable): boolean {
  return isWorkdayNumber(dayNumber(day), adjustments(table));
}

/**
 * The n-th working day after `day` (the day itself not counted): addWorkingDays(Friday, 1) is the next
 * Monday on a plain week. n = 0 returns `day`; a negative n counts backwards.
 */
export function addWorkingDays(day: string, n: number, table: HolidayTable): string {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number: ${n}`);
  const adj = adjustments(table);
  let current = dayNumber(day);
  const step = n < 0 ? -1 : 1;
  let left = Math.abs(n);
  while (left > 0) {
    current += step;
    if (isWorkdayNumber(current, adj)) left--;
  }
  return dayFromNumber(current);
}

/** Monday–Friday days among day numbers [0, n) counted from an aligned origin; valid for any integer n. */
function weekdaysBefore(n: number): number {
  // index 0 = day 3 (1970-01-04, a Sunday), shifted by whole weeks so the division is on positive numbers
  const shifted = n - 3 + 7 * 100_000;
  const weeks = Math.floor(shifted / 7);
  const rest = shifted - weeks * 7; // indices 0..rest-1 of a week starting on Sunday: 1..5 are weekdays
  return weeks * 5 + Math.max(0, Math.min(rest - 1, 5));
}

/** Working days in (from, to]; negative (minus the working days in (to, from]) when to < from. */
export function workingDaysBetween(from: string, to: string, table: HolidayTable): number {
  const a = dayNumber(from);
  const b = dayNumber(to);
  if (b < a) return -workingDaysBetween(to, from, table);
  const adj = adjustments(table);
  const plain = weekdaysBefore(b + 1) - weekdaysBefore(a + 1);
  const lo = countBelow(adj.days, a + 1);
  const hi = countBelow(adj.days, b + 1);
  return plain + adj.prefix[hi]! - adj.prefix[lo]!;
}

/** The years (sorted, unique) among `days` for which the table has no calendar. */
export function yearsWithoutCalendar(days: readonly string[], table: HolidayTable): string[] {
  const years = new Set<string>();
  for (const day of days) {
    const year = day.slice(0, 4);
    if (!Object.hasOwn(table, year)) years.add(year);
  }
  return [...years].sort();
}

/** Every year from `from`'s to `to`'s (inclusive), so a span crossing a missing year is caught. */
export function yearsSpanned(from: string, to: string): string[] {
  const [x, y] = [Number(from.slice(0, 4)), Number(to.slice(0, 4))];
  const [a, b] = x <= y ? [x, y] : [y, x];
  const years: string[] = [];
  for (let year = a; year <= b; year++) years.push(String(year).padStart(4, '0'));
  return years;
}
