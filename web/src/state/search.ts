/**
 * One search over enterprise files and the market-entity directory (汉字 substring, full pinyin,
 * initials, USCC prefix; ranked; offline), with the in-memory indexes of shared/src/search. Keys come
 * from the keys worker: a file's keys when its name is first seen, a directory row's with the row
 * (stored in Dexie). The directory index is filled from the local table in slices after sign-in and
 * kept current from each delta batch, yielding between slices so the page never blocks.
 */
import { createEffect, createMemo, createSignal, on, type Accessor } from 'solid-js';
import { addToIndex, createSearchIndex, search, type EnterpriseRow, type SearchHit, type SearchIndex } from '@bangqi/shared';
import type { AppDb, DirectoryRecord } from '../storage/db.ts';
import type { KeysFor } from '../workers/keys.ts';
import type { DirectoryStore } from './directory.ts';

export interface FileSearchResult {
  /** matching rows, best first */
  rows: EnterpriseRow[];
  hits: SearchHit[];
  /** every match, not only the first `limit` */
  total: number;
}

export interface DirectorySearchResult {
  entities: DirectoryRecord[];
  hits: SearchHit[];
  total: number;
}

export interface SearchStore {
  /** reactive: re-runs in a memo when the rows or their keys change */
  searchFiles(query: string, limit?: number): FileSearchResult;
  /** ranked directory rows; `directoryVersion` changes when the index does */
  searchDirectory(query: string, limit?: number): Promise<DirectorySearchResult>;
  directoryVersion: Accessor<number>;
  /** rows loaded into the directory index, while it is being filled from the local table */
  indexing: Accessor<{ done: number; total: number } | null>;
  /** the file with this USCC, if any */
  fileByUscc(uscc: string): EnterpriseRow | undefined;
}

/** Rows read from Dexie per slice: a few tens of ms of reading and indexing, then the page gets a turn. */
const LOAD_SLICE = 2_000;
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createSearchStore(deps: {
  db: AppDb;
  rows: Accessor<EnterpriseRow[]>;
  directory: DirectoryStore;
  keysFor: KeysFor;
}): SearchStore {
  const { db, rows, directory, keysFor } = deps;

  // --- files ---
  const fileKeys = new Map<string, string>();
  const [keysVersion, setKeysVersion] = createSignal(0);
  createEffect(
    on(rows, (list) => {
      const missing = [...new Set(list.map((r) => r.name).filter((n) => n !== '' && !fileKeys.has(n)))];
      if (missing.length === 0) return;
      keysFor(missing).then(
        (keys) => {
          missing.forEach((name, i) => fileKeys.set(name, keys[i] ?? ''));
          setKeysVersion((v) => v + 1);
        },
        (err) => console.warn('[search] keys failed', err),
      );
    }),
  );
  const files = createMemo(() => {
    keysVersion();
    const list = rows();
    const byId = new Map(list.map((r) => [r.id, r]));
    const index = createSearchIndex(list.map((r) => ({ id: r.id, name: r.name, uscc: r.uscc, keys: fileKeys.get(r.name) ?? '' })));
    return { index, byId };
  });
  const byUscc = createMemo(() => new Map(rows().filter((r) => r.uscc !== '').map((r) => [r.uscc, r])));

  // --- directory ---
  const dirIndex: SearchIndex = createSearchIndex();
  const [directoryVersion, setDirectoryVersion] = createSignal(0);
  const [indexing, setIndexing] = createSignal<{ done: number; total: number } | null>(null);
  const add = (records: readonly DirectoryRecord[]) => {
    for (const r of records) addToIndex(dirIndex, { id: r.uscc, name: r.name, uscc: r.uscc, keys: r.keys });
  };
  directory.onRows((records) => {
    add(records);
    setDirectoryVersion((v) => v + 1);
  });
  const load = async () => {
    const total = await db.directory.count();
    if (total === 0) return;
    let done = 0;
    let last = '';
    setIndexing({ done, total });
    for (;;) {
      const slice = await (last === '' ? db.directory.limit(LOAD_SLICE) : db.directory.where('uscc').above(last).limit(LOAD_SLICE)).toArray();
      if (slice.length === 0) break;
      add(slice);
      last = slice[slice.length - 1]!.uscc;
      done += slice.length;
      setIndexing({ done, total: Math.max(total, done) });
      await yieldToPage();
    }
    setIndexing(null);
    setDirectoryVersion((v) => v + 1);
  };
  load().catch((err) => {
    console.error('[search] directory index', err);
    setIndexing(null);
  });

  return {
    searchFiles(query, limit = Number.MAX_SAFE_INTEGER) {
      const { index, byId } = files();
      const { hits, total } = search(index, query, Math.min(limit, byId.size));
      return { rows: hits.map((h) => byId.get(h.id)!), hits, total };
    },
    async searchDirectory(query, limit = 50) {
      const { hits, total } = search(dirIndex, query, limit);
      const found = await db.directory.bulkGet(hits.map((h) => h.id));
      const entities: DirectoryRecord[] = [];
      const kept: SearchHit[] = [];
      found.forEach((e, i) => {
        if (e) {
          entities.push(e);
          kept.push(hits[i]!);
        }
      });
      return { entities, hits: kept, total };
    },
    directoryVersion,
    indexing,
    fileByUscc: (uscc) => byUscc().get(uscc),
  };
}
