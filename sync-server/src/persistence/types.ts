/**
 * The relay's storage, behind one small async interface so SQLite (embedded default) and, later,
 * PostgreSQL (scale-out) are interchangeable. Every method is async even where SQLite is synchronous.
 *
 * Model: one monotonic sequence per tenant; every stored update gets the next number. Per doc the store
 * keeps the seq of its last change, its materialized list row (JSON, "" for docs without one), the
 * update log since its last snapshot, and that snapshot.
 */

/** Fixed until multi-tenancy lands: every row carries this tenant. */
export const DEFAULT_TENANT = 'default';

export interface StoredDoc {
  /** the compacted state, or null when the doc was never compacted */
  snapshot: Uint8Array | null;
  /** updates committed after the snapshot, in seq order */
  updates: Uint8Array[];
  /** seq of the doc's last change */
  seq: number;
}

export interface DocChange {
  docId: string;
  /** seq of the doc's last change */
  seq: number;
  /** materialized list row as JSON, "" when the doc kind has none */
  row: string;
}

export interface AppendItem {
  docId: string;
  update: Uint8Array;
  row: string;
}

export interface Persistence {
  /** The doc's stored state, or null when nothing was ever stored for it. */
  loadDoc(docId: string): Promise<StoredDoc | null>;
  /** Stores one update and the doc's new row; resolves only after COMMIT. */
  appendUpdate(docId: string, update: Uint8Array, row: string): Promise<{ seq: number }>;
  /** Stores several updates in one transaction (seeding); seqs in item order. */
  appendBatch(items: readonly AppendItem[]): Promise<{ seqs: number[] }>;
  /** Replaces the doc's log up to and including `upToSeq` by `snapshot` (which must contain it all). */
  compact(docId: string, snapshot: Uint8Array, upToSeq: number): Promise<void>;
  /** Docs whose last change is after `seq`, ascending by seq, at most `limit`. Page on with the last seq. */
  changesSince(seq: number, limit: number): Promise<DocChange[]>;
  /**
   * What a client holding the doc as of tenant seq `seq` may lack: the updates stored after `seq`, or,
   * when the log was compacted past `seq`, the snapshot followed by the remaining updates. Merge them.
   */
  updatesSince(docId: string, seq: number): Promise<Uint8Array[]>;
  /** The tenant's last committed seq (0 when empty). */
  headSeq(): Promise<number>;
  /** Identifies this database; stable across restarts, new when the database is recreated. */
  epoch(): Promise<string>;
  close(): Promise<void>;
}
