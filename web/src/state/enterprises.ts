/**
 * The enterprise list, read ONLY from the materialized `enterprises` table (never from docs), kept live
 * by a Dexie live query. Search filters by name / USCC substring in memory (2,000 rows: < 1 ms), then by
 * team and responsible person (一企一策一人).
 */
import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import { assignEnterprise, createEnterprise, newDocId, normalizeUscc, type EnterpriseRow } from '@bangqi/shared';
import type { DocStore } from '../domain/docStore.ts';
import { observeTable, type AppDb } from '../storage/db.ts';
import { filterByAssignment, type AssignmentFilter, type AssignmentTarget } from './assignment.ts';

export interface EnterpriseStore {
  rows: Accessor<EnterpriseRow[]>;
  loading: Accessor<boolean>;
  query: Accessor<string>;
  setQuery(q: string): void;
  assignment: Accessor<AssignmentFilter>;
  setAssignment(f: Partial<AssignmentFilter>): void;
  /** rows matching the search only (what the team / responsible counts are computed over) */
  searched: Accessor<EnterpriseRow[]>;
  /** rows matching the search and the team / responsible filters */
  filtered: Accessor<EnterpriseRow[]>;
  /**
   * Creates a new enterprise doc (persisted before this resolves) and returns its id. `assignment` is
   * written in the same transaction, so the relay sees a file that is born in the creator's portfolio.
   */
  createNew(by: string, assignment?: AssignmentTarget): Promise<string>;
}

export function filterRows(rows: readonly EnterpriseRow[], query: string): EnterpriseRow[] {
  const q = query.trim();
  if (!q) return rows as EnterpriseRow[];
  const lower = q.toLowerCase();
  const code = normalizeUscc(q);
  return rows.filter((r) => r.name.toLowerCase().includes(lower) || (code !== '' && r.uscc.includes(code)));
}

/** Most recently changed first, where a (re)assignment counts as a change: a file just given to you is on top. */
export function sortByLastChange(rows: EnterpriseRow[]): EnterpriseRow[] {
  const last = (r: EnterpriseRow) => Math.max(r.updatedAt, r.assignedAt);
  return rows.sort((x, y) => last(y) - last(x));
}

export function createEnterpriseStore(db: AppDb, docs: DocStore): EnterpriseStore {
  const [rows, setRows] = createSignal<EnterpriseRow[]>([]);
  const [loading, setLoading] = createSignal(true);
  const [query, setQuery] = createSignal('');
  const [assignment, setAssignmentSignal] = createSignal<AssignmentFilter>({ responsible: '', team: '' });
  // Re-read on change, throttled (a fresh device's catch-up writes thousands of rows in a few seconds).
  let reading = false;
  let again = false;
  const read = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        setRows(sortByLastChange(await db.enterprises.toArray()));
        setLoading(false);
      } while (again);
    } catch (err) {
      console.error('[enterprises] read failed', err);
    } finally {
      reading = false;
    }
  };
  onCleanup(observeTable(db.enterprises, () => void read()));
  const searched = createMemo(() => filterRows(rows(), query()));
  const filtered = createMemo(() => filterByAssignment(searched(), assignment()));
  return {
    rows,
    loading,
    query,
    setQuery,
    assignment,
    setAssignment: (f) => setAssignmentSignal((prev) => ({ ...prev, ...f })),
    searched,
    filtered,
    async createNew(by, initial) {
      const id = newDocId('ent');
      const handle = docs.acquire(id);
      try {
        await handle.ready;
        const now = Date.now();
        handle.doc.transact(() => {
          createEnterprise(handle.doc, { name: '' }, by, now);
          if (initial) assignEnterprise(handle.doc, initial, by, now);
        });
        await handle.flush();
      } finally {
        handle.release();
      }
      return id;
    },
  };
}
