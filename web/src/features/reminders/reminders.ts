/**
 * Licence reminders: every dated licence of the user's portfolio (the rows this device holds) that
 * expires within the window, expired ones first. Dates are calendar days (YYYY-MM-DD), compared as UTC
 * days so daylight-saving or the time of day never shifts a count by one.
 */
import type { EnterpriseRow } from '@bangqi/shared';

export interface DueLicence {
  row: EnterpriseRow;
  type: string;
  number: string;
  expiresOn: string;
  /** negative once expired; 0 = expires today */
  daysLeft: number;
}

export const DEFAULT_WINDOW_DAYS = 30;
export const WINDOW_KEY = 'bangqi.licenceWindowDays';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function dayNumber(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(ms) ? null : Math.round(ms / 86_400_000);
}

/** The local calendar date of `now` as YYYY-MM-DD (the user's "today", not UTC's). */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

export function dueLicences(rows: readonly EnterpriseRow[], today: string, windowDays: number): DueLicence[] {
  const base = dayNumber(today);
  if (base === null) return [];
  const out: DueLicence[] = [];
  for (const row of rows) {
    for (const l of row.licences) {
      const day = dayNumber(l.expiresOn);
      if (day === null) continue;
      const daysLeft = day - base;
      if (daysLeft <= windowDays) out.push({ row, type: l.type, number: l.number, expiresOn: l.expiresOn, daysLeft });
    }
  }
  return out.sort((x, y) => x.daysLeft - y.daysLeft || x.row.name.localeCompare(y.row.name, 'zh-CN'));
}

/** The remembered window (per device); anything unreadable gives the default. */
export function readWindow(storage: Pick<Storage, 'getItem'>): number {
  const n = Number.parseInt(storage.getItem(WINDOW_KEY) ?? '', 10);
  return Number.isFinite(n) && n >= 0 && n <= 3650 ? n : DEFAULT_WINDOW_DAYS;
}
