/**
 * Reminders: application windows closing soon for enterprises that qualify and have not applied. Only
 * 申报 items (免申即享 needs no application) that are shown (not withdrawn, not expired), and only
 * enterprises that are eligible outright (nearly / unknown ones are the matching page's business).
 */
import { daysLeft as daysBetween } from '../domain/licences.ts';
import type { EnterpriseRow } from '../domain/enterprise.ts';
import { eligibilityVerdict } from './conditions.ts';
import { isPolicyShown } from './library.ts';
import { enterpriseFacts, type MatchableRow } from './match.ts';
import type { PolicyItem, PolicyStatus, PolicyStatusSummary } from './types.ts';

/** Statuses after which a reminder to apply is pointless. */
const SETTLED: readonly PolicyStatus[] = ['已申报', '已兑现', '不符合'];

export type RemindableRow = MatchableRow & { id: string; policies?: PolicyStatusSummary };

/**
 * Every (item, eligible row) pair whose item's applyTo is today or within `withinDays` days and whose row
 * has no status 已申报 / 已兑现 / 不符合 for the item; soonest first, then item code, then row id.
 */
export function closingApplications<R extends RemindableRow = EnterpriseRow>(
  items: readonly PolicyItem[],
  rows: readonly R[],
  today: string,
  withinDays: number,
): { item: PolicyItem; row: R; daysLeft: number }[] {
  const closing = items
    .filter((item) => item.mode === '申报' && item.applyTo !== '' && isPolicyShown(item, today))
    .map((item) => ({ item, daysLeft: daysBetween(item.applyTo, today) }))
    .filter((x): x is { item: PolicyItem; daysLeft: number } => x.daysLeft !== null && x.daysLeft >= 0 && x.daysLeft <= withinDays);
  if (closing.length === 0) return [];
  const out: { item: PolicyItem; row: R; daysLeft: number }[] = [];
  for (const row of rows) {
    const facts = enterpriseFacts(row);
    for (const { item, daysLeft } of closing) {
      const status = row.policies?.[item.code]?.status;
      if (status && SETTLED.includes(status)) continue;
      if (eligibilityVerdict(item.conditions, facts) === 'eligible') out.push({ item, row, daysLeft });
    }
  }
  return out.sort(
    (a, b) =>
      a.daysLeft - b.daysLeft ||
      (a.item.code < b.item.code ? -1 : a.item.code > b.item.code ? 1 : 0) ||
      (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0),
  );
}
