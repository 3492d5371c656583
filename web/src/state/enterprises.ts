/**
 * The enterprise list, read ONLY from the materialized `enterprises` table (never from docs), kept live
 * by a Dexie live query. The search text goes to the searcher (the pinyin index of state/search.ts once
 * it is wired in; name / USCC substring until then), then the list filter (listFilter.ts: 镇街, industry,
 * tags, scale, team, responsible, not visited) and its sort. With a search text and the default sort the
 * rows keep the search ranking (best match first).
 */
import { createMemo, createSignal, type Accessor } from 'solid-js';
import { normalizeUscc, type EnterpriseRow } from '@bangqi/shared';
import type { AppDb } from '../storage/db.ts';
import { liveTable } from './liveTable.ts';
import { EMPTY_FILTER, applyFilter, sortRows, type ListFilter } from './listFilter.ts';

export interface EnterpriseStore {
  rows: Accessor<EnterpriseRow[]>;
  loading: Accessor<boolean>;
  /** the list's filter and sort (the page mirrors it in the URL) */
  filter: Accessor<ListFilter>;
  setFilter(f: Partial<ListFilter>): void;
  /** replaces the name / USCC substring search (the search store is created after this store) */
  setSearcher(search: Searcher): void;
  /** rows matching the search only (what the per-option counts are computed over) */
  searched: Accessor<EnterpriseRow[]>;
  /** rows matching the search and the filter, sorted: the list, the map and the export show these */
  filtered: Accessor<EnterpriseRow[]>;
}

/** Rows matching a (non-empty, trimmed) search text, best first; reactive. */
export type Searcher = (query: string) => EnterpriseRow[];

export function filterRows(rows: readonly EnterpriseRow[], query: string): EnterpriseRow[] {
  const q = query.trim();
  if (!q) return rows as EnterpriseRow[];
  const lower = q.toLowerCase();
  const code = normalizeUscc(q);
  return rows.filter((r) => r.name.toLowerCase().includes(lower) || (code !== '' && r.uscc.includes(code)));
}

/** All rows without a search text, otherwise the searcher's matches (best first). */
export function searchRows(rows: EnterpriseRow[], query: string, search: Searcher): EnterpriseRow[] {
  const q = query.trim();
  return q === '' ? rows : search(q);
}

/** The filtered, sorted list; with a search text the default sort keeps the search ranking. */
export function listRows(searched: readonly EnterpriseRow[], f: ListFilter, now: number): EnterpriseRow[] {
  const kept = applyFilter(searched, f, now);
  return f.q.trim() !== '' && f.sort === 'updated' ? kept : sortRows(kept, f.sort);
}

export function createEnterpriseStore(db: AppDb): EnterpriseStore {
  // Re-read on change, throttled (a fresh device's catch-up writes thousands of rows in a few seconds).
  const { rows, loading } = liveTable(db.enterprises, 'enterprises');
  const [filter, setFilterSignal] = createSignal<ListFilter>(EMPTY_FILTER);
  const [searcher, setSearcher] = createSignal<{ search: Searcher }>({ search: (q) => filterRows(rows(), q) });
  const searched = createMemo(() => searchRows(rows(), filter().q, searcher().search));
  const filtered = createMemo(() => listRows(searched(), filter(), Date.now()));
  return {
    rows,
    loading,
    filter,
    setFilter: (f) => setFilterSignal((prev) => ({ ...prev, ...f })),
    setSearcher: (search) => setSearcher({ search }),
    searched,
    filtered,
  };
}
