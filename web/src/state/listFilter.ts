/**
 * The enterprise list's filter: what it is (one plain object), how it is written in the URL (so a reload
 * or a shared link keeps it), which rows pass, how they sort, and the per-option counts. Pure functions
 * over materialized rows; the store and the page wire them to signals.
 */
import type { EnterpriseRow } from '@bangqi/shared';
import { matchesFilter } from './assignment.ts';

export const SORTS = ['updated', 'name', 'town', 'licence'] as const;
export type ListSort = (typeof SORTS)[number];

export interface ListFilter {
  /** search text (name / pinyin / USCC) */
  q: string;
  town: string;
  industry: string;
  /** a row must carry every chosen tag */
  tags: string[];
  /** '' = any, otherwise '规上' | '规下' */
  scale: string;
  /** '' = everyone, 'none' = 未分配, otherwise a user id */
  responsible: string;
  /** '' = every team, 'none' = no team, otherwise a team id */
  team: string;
  /** 0 = off; otherwise only rows not visited for at least this many days (never visited counts) */
  notVisitedDays: number;
  sort: ListSort;
}

export const EMPTY_FILTER: ListFilter = {
  q: '',
  town: '',
  industry: '',
  tags: [],
  scale: '',
  responsible: '',
  team: '',
  notVisitedDays: 0,
  sort: 'updated',
};

/** The facets a count can be asked for: each count ignores its own facet, so it says what choosing it would show. */
export type Facet = 'town' | 'industry' | 'tags' | 'scale' | 'responsible' | 'team';

const DAY = 86_400_000;

/** Short URL parameter names; a filter equal to EMPTY_FILTER writes nothing. */
export function filterToParams(f: ListFilter): Record<string, string> {
  const out: Record<string, string> = {};
  if (f.q) out.q = f.q;
  if (f.town) out.town = f.town;
  if (f.industry) out.industry = f.industry;
  if (f.tags.length) out.tags = f.tags.join(',');
  if (f.scale) out.scale = f.scale;
  if (f.responsible) out.resp = f.responsible;
  if (f.team) out.team = f.team;
  if (f.notVisitedDays > 0) out.nv = String(f.notVisitedDays);
  if (f.sort !== 'updated') out.sort = f.sort;
  return out;
}

/** Reads a filter back from URL parameters; anything malformed falls back to "no filter" for that part. */
export function filterFromParams(get: (name: string) => string | null | undefined): ListFilter {
  const s = (name: string) => get(name) ?? '';
  const days = Number.parseInt(s('nv'), 10);
  const sort = s('sort') as ListSort;
  return {
    q: s('q'),
    town: s('town'),
    industry: s('industry'),
    tags: s('tags').split(',').filter((t) => t !== ''),
    scale: s('scale'),
    responsible: s('resp'),
    team: s('team'),
    notVisitedDays: Number.isFinite(days) && days > 0 ? days : 0,
    sort: SORTS.includes(sort) ? sort : 'updated',
  };
}

export function filterToSearch(f: ListFilter): string {
  return new URLSearchParams(filterToParams(f)).toString();
}

export function filterFromSearch(search: string): ListFilter {
  const params = new URLSearchParams(search);
  return filterFromParams((name) => params.get(name));
}

/** How many filters (besides search and sort) are active: shown on the 筛选 button. */
export function activeFilterCount(f: ListFilter): number {
  return (
    [f.town, f.industry, f.scale, f.responsible, f.team].filter((v) => v !== '').length +
    f.tags.length +
    (f.notVisitedDays > 0 ? 1 : 0)
  );
}

/** Every filter except the search text and `except`; `now` decides what "not visited in N days" means. */
export function rowPasses(row: EnterpriseRow, f: ListFilter, now: number, except?: Facet): boolean {
  if (except !== 'town' && f.town && row.town !== f.town) return false;
  if (except !== 'industry' && f.industry && row.industry !== f.industry) return false;
  if (except !== 'scale' && f.scale && row.scale !== f.scale) return false;
  if (except !== 'responsible' && !matchesFilter(row.responsibleId, f.responsible)) return false;
  if (except !== 'team' && !matchesFilter(row.teamId, f.team)) return false;
  if (except !== 'tags' && f.tags.length && !f.tags.every((t) => row.tags.includes(t))) return false;
  if (f.notVisitedDays > 0 && row.lastVisitAt > 0 && now - row.lastVisitAt < f.notVisitedDays * DAY) return false;
  return true;
}

export function applyFilter(rows: readonly EnterpriseRow[], f: ListFilter, now: number): EnterpriseRow[] {
  return rows.filter((r) => rowPasses(r, f, now));
}

/** Per-option counts of one facet over `rows` (already searched), ignoring that facet's own choice. */
export function facetCounts(rows: readonly EnterpriseRow[], f: ListFilter, facet: Facet, now: number): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const r of rows) {
    if (!rowPasses(r, f, now, facet)) continue;
    if (facet === 'tags') r.tags.forEach(add);
    else if (facet === 'responsible') add(r.responsibleId);
    else if (facet === 'team') add(r.teamId);
    else add(r[facet]);
  }
  return counts;
}

/** The earliest licence expiry of a row (YYYY-MM-DD), '' when it has no dated licence. */
export function earliestExpiry(row: EnterpriseRow): string {
  let min = '';
  for (const l of row.licences) if (l.expiresOn && (min === '' || l.expiresOn < min)) min = l.expiresOn;
  return min;
}

const lastChange = (r: EnterpriseRow) => Math.max(r.updatedAt, r.assignedAt);
const zh = new Intl.Collator('zh-CN');

/**
 * Sorts in place. 'updated': most recently changed first (a file just assigned to you is on top);
 * 'name' / 'town': by Chinese collation (empty values last); 'licence': soonest expiry first, rows with
 * no licence last. Ties keep the most recently changed first.
 */
export function sortRows(rows: EnterpriseRow[], sort: ListSort): EnterpriseRow[] {
  const byChange = (x: EnterpriseRow, y: EnterpriseRow) => lastChange(y) - lastChange(x);
  const emptyLast = (a: string, b: string) => (a === '' ? (b === '' ? 0 : 1) : b === '' ? -1 : 0);
  switch (sort) {
    case 'updated':
      return rows.sort(byChange);
    case 'name':
      return rows.sort((x, y) => emptyLast(x.name, y.name) || zh.compare(x.name, y.name) || byChange(x, y));
    case 'town':
      return rows.sort((x, y) => emptyLast(x.town, y.town) || zh.compare(x.town, y.town) || byChange(x, y));
    case 'licence': {
      const key = new Map(rows.map((r) => [r.id, earliestExpiry(r)]));
      return rows.sort((x, y) => {
        const a = key.get(x.id)!;
        const b = key.get(y.id)!;
        return emptyLast(a, b) || (a < b ? -1 : a > b ? 1 : 0) || byChange(x, y);
      });
    }
  }
}
