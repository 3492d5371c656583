/**
 * Matching policy items to enterprises, on the device with no network: which items an enterprise
 * qualifies for (and nearly qualifies for, the one unmet condition named), and which enterprises qualify
 * for an item. Only items shown by default (not withdrawn, not expired) match anyone.
 */
import type { EnterpriseRow } from '../domain/enterprise.ts';
import { eligibilityVerdict, evaluateEligibility, type EligibilityResult, type EnterpriseFacts, type PolicyCondition } from './conditions.ts';
import { isPolicyShown } from './library.ts';
import type { PolicyItem } from './types.ts';

export interface PolicyMatch {
  item: PolicyItem;
  result: EligibilityResult;
}

/**
 * What matching reads of a list row. establishedOn is optional so rows stored before the 成立日期 field
 * existed read as "not known" rather than failing.
 */
export type MatchableRow = Pick<EnterpriseRow, 'industry' | 'town' | 'tags' | 'scale' | 'employees'> & { establishedOn?: string };

/**
 * The facts of a row. 规上 / 规下 is often kept as a tag rather than the 企业规模 field (the default tag list
 * has 规上), so an empty scale is read from such a tag: an enterprise tagged 规上 is not "unknown" for a
 * 规上 condition. The field wins when both are set.
 */
export function enterpriseFacts(row: MatchableRow): EnterpriseFacts {
  const tags = row.tags ?? [];
  const scale = row.scale || (tags.includes('规上') ? '规上' : tags.includes('规下') ? '规下' : '');
  return {
    industry: row.industry ?? '',
    town: row.town ?? '',
    tags,
    scale,
    establishedOn: row.establishedOn ?? '',
    employees: typeof row.employees === 'number' ? row.employees : null,
  };
}

const VERDICT_RANK = { eligible: 0, nearly: 1, unknown: 2, ineligible: 3 } as const;

/**
 * Ranking within the list: eligible, nearly, unknown; within a verdict more met conditions first (a
 * closer fit), then the larger amount (unknown last), then the application window closing soonest
 * (none last), then the code.
 */
export function comparePolicyMatches(a: PolicyMatch, b: PolicyMatch): number {
  return (
    VERDICT_RANK[a.result.verdict] - VERDICT_RANK[b.result.verdict] ||
    b.result.met.length - a.result.met.length ||
    (b.item.amountWan ?? -1) - (a.item.amountWan ?? -1) ||
    compareText(a.item.applyTo || '9999-99-99', b.item.applyTo || '9999-99-99') ||
    compareText(a.item.code, b.item.code)
  );
}

/** Code-unit order (not localeCompare: dates and codes need no collation, and it is much slower). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The shown items an enterprise is eligible / nearly eligible / possibly eligible for, ranked; ineligible dropped. */
export function matchItemsForEnterprise(items: readonly PolicyItem[], facts: EnterpriseFacts, today: string): PolicyMatch[] {
  // Decorate, sort on one number first (verdict, then met count), then the comparator's tie-breaks only:
  // a district's ranking runs this for every file, and most of its time was the comparator.
  const keyed: { match: PolicyMatch; rank: number }[] = [];
  for (const item of items) {
    if (!isPolicyShown(item, today) || eligibilityVerdict(item.conditions, facts) === 'ineligible') continue;
    const result = evaluateEligibility(item.conditions, facts);
    keyed.push({ match: { item, result }, rank: VERDICT_RANK[result.verdict] * 1000 - result.met.length });
  }
  keyed.sort((a, b) => a.rank - b.rank || comparePolicyMatches(a.match, b.match));
  return keyed.map((k) => k.match);
}

export interface EnterprisesForItem<R> {
  eligible: R[];
  /** one condition unmet, every other met: the unmet one */
  nearly: { row: R; unmet: PolicyCondition }[];
  /** none unmet but some not known from the file: what to find out */
  unknown: { row: R; unknown: PolicyCondition[] }[];
}

/**
 * The rows (in the order given: the caller's portfolio / team / district list) that qualify for an item.
 * A withdrawn or expired item qualifies nobody.
 */
export function enterprisesForItem<R extends MatchableRow = EnterpriseRow>(item: PolicyItem, rows: readonly R[], today: string): EnterprisesForItem<R> {
  const out: EnterprisesForItem<R> = { eligible: [], nearly: [], unknown: [] };
  if (!isPolicyShown(item, today)) return out;
  for (const row of rows) {
    const facts = enterpriseFacts(row);
    const verdict = eligibilityVerdict(item.conditions, facts);
    if (verdict === 'eligible') out.eligible.push(row);
    else if (verdict === 'nearly') out.nearly.push({ row, unmet: evaluateEligibility(item.conditions, facts).unmet[0]! });
    else if (verdict === 'unknown') out.unknown.push({ row, unknown: evaluateEligibility(item.conditions, facts).unknown });
  }
  return out;
}
