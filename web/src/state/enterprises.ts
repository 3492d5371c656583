/**
 * The enterprise list, read ONLY from the materialized `enterprises` table (never from docs), kept live
 * by a Dexie live query. Search filters by name / USCC substring in memory (2,000 rows: < 1 ms).
 */
import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import { createEnterprise, newDocId, normalizeUscc, type EnterpriseRow } from '@bangqi/shared';
import type { DocStore } from '../domain/docStore.ts';
import { observeTable, type AppDb } from '../storage/db.ts';

export interface EnterpriseStore {
  rows: Accessor<EnterpriseRow[]>;
  loading: Accessor<boolean>;
  query: Accessor<string>;
  setQuery(q: string): void;
  filtered: Accessor<EnterpriseRow[]>;
  /** creates a new enterprise doc (persisted before this resolves) and returns its id */
  createNew(by: string): Promise<string>;
}

export function filterRows(rows: readonly EnterpriseRow[], query: string): EnterpriseRow[] {
  const q = query.trim();
  if (!q) return rows as EnterpriseRow[];
  const lower = q.toLowerCase();
  const code = normalizeUscc(q);
  return rows.filter((r) => r.name.toLowerCase().includes(lower) || (code !== '' && r.uscc.includes(code)));
}

export function createEnterpriseStore(db: AppDb, docs: DocStore): EnterpriseStore {
  const [rows, setRows] = createSignal<EnterpriseRow[]>([]);
  const [loading, setLoading] = createSignal(true);
  const [query, setQuery] = createSignal('');
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
        setRows(await db.enterprises.orderBy('updatedAt').reverse().toArray());
        setLoading(false);
      } while (again);
    } catch (err) {
      console.error('[enterprises] read failed', err);
    } finally {
      reading = false;
    }
  };
  onCleanup(observeTable(db.enterprises, () => void read()));
  const filtered = createMemo(() => filterRows(rows(), query()));
  return {
    rows,
    loading,
    query,
    setQuery,
    filtered,
    async createNew(by) {
      const id = newDocId('ent');
      const handle = docs.acquire(id);
      try {
        await handle.ready;
        createEnterprise(handle.doc, { name: '' }, by);
        await handle.flush();
      } finally {
        handle.release();
      }
      return id;
    },
  };
}
