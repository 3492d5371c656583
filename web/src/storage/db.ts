/**
 * The app's IndexedDB, through Dexie. This is the ONLY module that imports dexie: everything else
 * uses the typed tables and `transaction` of the instance returned by `openAppDb`.
 *
 * Schema history (append a new `version()` for every change; never edit an old one):
 *  v1 updates   Y update log per doc, compacted (auto-inc id keeps append order)
 *     outbox    local updates not yet acked; auto-inc id = the Push `ref`
 *     refused   outbox entries the relay refused (kept aside for the user, never dropped)
 *     enterprises  materialized list rows (read by lists/search, never the docs)
 *     meta      key/value: lastSeq, epoch, lastSyncedAt, resetDocs
 *  v2 refused   + index `ref` (an ack for a ref moved aside with its refused predecessor clears it)
 *  v3 directory the market-entity directory (市场主体库): a plain copy of the relay's table, keyed by
 *               USCC, each row with its search keys; pulled by deltas (cursor in meta `directoryCursor`)
 *  v4 demands   materialized rows of demand docs (dem-*), like `enterprises`
 *     issues    materialized rows of common-issue docs (iss-*)
 *     blobs     photos and attachments by SHA-256 (bytes as a Blob), `uploaded` 0/1 for the uploader
 *
 * One database per signed-in user (`bangqi-<userId>`, PIPL): another user of the same device opens their
 * own and sees nothing of the first one's; the first one's unsent changes wait for their next sign-in.
 */
import Dexie, { liveQuery, type Table } from 'dexie';
import type { DemandRow, DirectoryEntity, EnterpriseRow, IssueRow, MaterializedRow } from '@bangqi/shared';

export interface UpdateRecord {
  id?: number;
  docId: string;
  update: Uint8Array;
}

export interface OutboxRecord {
  /** auto-increment; sent as the Push `ref` */
  id?: number;
  docId: string;
  update: Uint8Array;
  createdAt: number;
}

export interface RefusedRecord {
  id?: number;
  /** the outbox id (Push ref) it had; 0 for a change made after its doc was refused (never queued) */
  ref: number;
  docId: string;
  update: Uint8Array;
  reason: string;
  refusedAt: number;
  /** the enterprise's name when it was refused (its row may be gone since, e.g. revoked) */
  name?: string;
  /** when the change was made (outbox createdAt) */
  createdAt?: number;
  /** what it changed, field by field (domain/changeSummary.ts), computed when it was moved aside */
  changes?: { field: string; before: string; after: string }[];
}

/** A directory row as the relay sent it, with buildSearchKeys(name) computed on this device. */
export interface DirectoryRecord extends DirectoryEntity {
  keys: string;
}

/** A photo or attachment, content-addressed. */
export interface BlobRecord {
  /** SHA-256 of `data`, lower-case hex */
  hash: string;
  data: Blob;
  mime: string;
  bytes: number;
  /** 1 once the relay holds it (fetched blobs are 1 from the start), 0 while waiting for upload */
  uploaded: 0 | 1;
  createdAt: number;
}

export interface MetaRecord {
  key: string;
  value: unknown;
}

export class AppDb extends Dexie {
  updates!: Table<UpdateRecord, number>;
  outbox!: Table<OutboxRecord, number>;
  refused!: Table<RefusedRecord, number>;
  enterprises!: Table<EnterpriseRow, string>;
  meta!: Table<MetaRecord, string>;
  directory!: Table<DirectoryRecord, string>;
  demands!: Table<DemandRow, string>;
  issues!: Table<IssueRow, string>;
  blobs!: Table<BlobRecord, string>;

  constructor(name: string, deps?: { indexedDB: IDBFactory; IDBKeyRange: typeof IDBKeyRange }) {
    super(name, deps);
    this.version(1).stores({
      updates: '++id, docId',
      outbox: '++id, docId',
      refused: '++id, docId',
      enterprises: 'id, name, uscc, town, industry, updatedAt',
      meta: 'key',
    });
    this.version(2).stores({ refused: '++id, docId, ref' });
    this.version(3).stores({ directory: 'uscc' });
    this.version(4).stores({ demands: 'id, enterpriseId, state, lastEventAt', issues: 'id', blobs: 'hash, uploaded' });
  }
}

/** The tables holding materialized rows (every transaction that writes rows includes all of them). */
export function rowTables(db: AppDb) {
  return [db.enterprises, db.demands, db.issues];
}

/** Writes materialized rows of any kind to their tables (inside the caller's transaction). */
export async function putRows(db: AppDb, rows: readonly MaterializedRow[]): Promise<void> {
  const ent: EnterpriseRow[] = [];
  const dem: DemandRow[] = [];
  const iss: IssueRow[] = [];
  for (const r of rows) {
    if (r.kind === 'ent') ent.push(r.row);
    else if (r.kind === 'dem') dem.push(r.row);
    else iss.push(r.row);
  }
  if (ent.length > 0) await db.enterprises.bulkPut(ent);
  if (dem.length > 0) await db.demands.bulkPut(dem);
  if (iss.length > 0) await db.issues.bulkPut(iss);
}

/** Removes the doc's row, whatever its kind (inside the caller's transaction). */
export async function deleteRow(db: AppDb, docId: string): Promise<void> {
  await Promise.all(rowTables(db).map((t) => t.delete(docId)));
}

/** The database of one user. (The pre-accounts database `bangqi` is not migrated: it had no owner.) */
export function userDbName(userId: string): string {
  return `bangqi-${userId}`;
}

export function openAppDb(name: string): AppDb {
  return new AppDb(name);
}

export async function getMeta<T>(db: AppDb, key: string, fallback: T): Promise<T> {
  const rec = await db.meta.get(key);
  return rec === undefined ? fallback : (rec.value as T);
}

export async function setMeta(db: AppDb, key: string, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/**
 * Calls `changed` once now and again after writes to `table` (this tab or another), at most once per
 * `minIntervalMs`: a catch-up writing thousands of rows in a few transactions must not make a list
 * re-read the whole table after every one of them (the reads would also queue behind the writes).
 * Returns the unsubscribe function.
 */
export function observeTable<T, K>(table: Table<T, K>, changed: () => void, minIntervalMs = 400): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    last = Date.now();
    changed();
  };
  // count() reads the whole key range, so the live query re-runs on any write to the table.
  const sub = liveQuery(() => table.count()).subscribe({
    next: () => {
      if (timer !== null) return;
      const wait = last + minIntervalMs - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    error: (err) => console.error('[db] observe', err),
  });
  return () => {
    if (timer !== null) clearTimeout(timer);
    sub.unsubscribe();
  };
}
