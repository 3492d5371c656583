/**
 * One search over enterprise files and the market-entity directory (汉字 substring, full pinyin,
 * initials, USCC prefix; ranked; offline), with the in-memory indexes of shared/src/search. Keys come
 * from the keys worker: a file's keys when its name is first seen, a directory row's with the row
 * (stored in Dexie). The directory index is filled from the local table in slices after sign-in and
 * kept current from each delta batch, yielding between slices so the page never blocks.
 */
import { createEffect, createSignal, on, type Accessor } from 'solid-js';
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

/**
 * The files' index, rebuilt when the rows change (2,000 rows: a few ms). A name seen for the first time
 * is searchable by 汉字 and USCC at once and by pinyin once the keys worker answered (`changed` fires).
 */
export class FileSearch {
  private readonly keys = new Map<string, string>();
  private rows: readonly EnterpriseRow[] = [];
  private index: SearchIndex = createSearchIndex();
  private byId = new Map<string, EnterpriseRow>();
  private byUscc = new Map<string, EnterpriseRow>();

  constructor(
    private readonly keysFor: KeysFor,
    private readonly changed: () => void,
  ) {}

  setRows(rows: readonly EnterpriseRow[]): void {
    this.rows = rows;
    this.rebuild();
    const missing = [...new Set(rows.map((r) => r.name).filter((n) => n !== '' && !this.keys.has(n)))];
    if (missing.length === 0) return;
    this.keysFor(missing).then(
      (keys) => {
        missing.forEach((name, i) => this.keys.set(name, keys[i] ?? ''));
        this.rebuild();
        this.changed();
      },
      (err) => console.warn('[search] keys failed', err),
    );
  }

  search(query: string, limit = Number.MAX_SAFE_INTEGER): FileSearchResult {
    const { hits, total } = search(this.index, query, Math.min(limit, this.byId.size));
    return { rows: hits.map((h) => this.byId.get(h.id)!), hits, total };
  }

  fileByUscc(uscc: string): EnterpriseRow | undefined {
    return this.byUscc.get(uscc);
  }

  private rebuild(): void {
    const rows = this.rows;
    this.byId = new Map(rows.map((r) => [r.id, r]));
    this.byUscc = new Map(rows.filter((r) => r.uscc !== '').map((r) => [r.uscc, r]));
    this.index = createSearchIndex(rows.map((r) => ({ id: r.id, name: r.name, uscc: r.uscc, keys: this.keys.get(r.name) ?? '' })));
  }
}

/** The directory's index over the local table: filled in slices, then kept current batch by batch. */
export class DirectorySearch {
  private readonly index: SearchIndex = createSearchIndex();

  constructor(private readonly db: AppDb) {}

  add(records: readonly DirectoryRecord[]): void {
    for (const r of records) addToIndex(this.index, { id: r.uscc, name: r.name, uscc: r.uscc, keys: r.keys });
  }

  /** Reads the whole local table into the index, LOAD_SLICE rows at a time with a turn for the page between. */
  async load(onProgress: (done: number, total: number) => void): Promise<void> {
    const total = await this.db.directory.count();
    let done = 0;
    let last = '';
    while (done < total) {
      const table = this.db.directory;
      const slice = await (last === '' ? table.limit(LOAD_SLICE) : table.where('uscc').above(last).limit(LOAD_SLICE)).toArray();
      if (slice.length === 0) break;
      this.add(slice);
      last = slice[slice.length - 1]!.uscc;
      done += slice.length;
      onProgress(done, Math.max(total, done));
      await yieldToPage();
    }
  }

  async search(query: string, limit = 50): Promise<DirectorySearchResult> {
    const { hits, total } = search(this.index, query, limit);
    const found = await this.db.directory.bulkGet(hits.map((h) => h.id));
    const entities: DirectoryRecord[] = [];
    const kept: SearchHit[] = [];
    found.forEach((e, i) => {
      if (e) {
        entities.push(e);
        kept.push(hits[i]!);
      }
    });
    return { entities, hits: kept, total };
  }
}

export function createSearchStore(deps: {
  db: AppDb;
  rows: Accessor<EnterpriseRow[]>;
  directory: DirectoryStore;
  keysFor: KeysFor;
}): SearchStore {
  const [filesVersion, setFilesVersion] = createSignal(0);
  const bumpFiles = () => setFilesVersion((v) => v + 1);
  const files = new FileSearch(deps.keysFor, bumpFiles);
  createEffect(
    on(deps.rows, (rows) => {
      files.setRows(rows);
      bumpFiles();
    }),
  );

  const directory = new DirectorySearch(deps.db);
  const [directoryVersion, setDirectoryVersion] = createSignal(0);
  const [indexing, setIndexing] = createSignal<{ done: number; total: number } | null>(null);
  deps.directory.onRows((records) => {
    directory.add(records);
    setDirectoryVersion((v) => v + 1);
  });
  directory
    .load((done, total) => setIndexing({ done, total }))
    .catch((err) => console.error('[search] directory index', err))
    .finally(() => {
      setIndexing(null);
      setDirectoryVersion((v) => v + 1);
    });

  return {
    searchFiles(query, limit) {
      filesVersion();
      return files.search(query, limit);
    },
    searchDirectory: (query, limit) => directory.search(query, limit),
    directoryVersion,
    indexing,
    fileByUscc(uscc) {
      filesVersion();
      return files.fileByUscc(uscc);
    },
  };
}
