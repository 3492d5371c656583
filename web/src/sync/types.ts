/**
 * What the sync engine needs from its surroundings. Injected, so the same engine runs in the browser
 * (Dexie storage, window WebSocket) and in Node (MemorySyncStorage, `ws`) for tests and the benchmark.
 */
export interface SyncCursor {
  /** highest tenant sequence whose changes are stored locally */
  lastSeq: number;
  /** server epoch the lastSeq belongs to ('' when fresh) */
  epoch: string;
}

export interface OutboxEntry {
  /** the outbox id, sent as the Push `ref` */
  ref: number;
  docId: string;
  update: Uint8Array;
}

export interface FeedEntry {
  docId: string;
  seq: number;
  update: Uint8Array;
  /** the server-materialized list row as JSON ('' when the doc has none) */
  row: string;
}

export interface SyncStorage {
  getCursor(): Promise<SyncCursor>;
  setCursor(cursor: SyncCursor): Promise<void>;
  /** Outbox entries with ref > afterRef, ascending, at most `limit`. */
  readOutbox(afterRef: number, limit: number): Promise<OutboxEntry[]>;
  pendingCount(): Promise<number>;
  /**
   * Deletes outbox entry `ref` and raises lastSeq to at least `seq`, atomically. A ref that was moved
   * aside behind a refused one but was accepted after all leaves the refused list. Unknown refs are ignored.
   */
  ack(ref: number, seq: number): Promise<void>;
  /**
   * The relay refused outbox entry `ref` of `docId`: moves it (with `reason`) and every later outbox entry
   * of the doc (reason missing-dependency: they build on it) aside, kept for the user; clears the doc's
   * update log (it holds the refused change) and marks the doc as waiting for its relay state — all in
   * one transaction. Returns false (and changes nothing) when `ref` is no longer in the outbox.
   */
  refuseDoc(docId: string, ref: number, reason: string): Promise<boolean>;
  /** Docs marked by refuseDoc whose state has not arrived yet. */
  pendingResets(): Promise<string[]>;
  /** Appends a relay update for a doc being reset (not open). */
  appendRemote(docId: string, update: Uint8Array): Promise<void>;
  /** The relay state of a doc being reset arrived (`update`, or null when an open doc stored it): rewrite its row, unmark it. */
  finishReset(docId: string, update: Uint8Array | null): Promise<void>;
  /**
   * The user lost read access to `docId`: its outbox entries move aside (reason), its update log, row and
   * reset mark are deleted.
   */
  revokeDoc(docId: string, reason: string): Promise<void>;
  refusedCount(): Promise<number>;
  /**
   * Stores feed entries atomically with the new lastSeq (max of their seqs): appends each update to its
   * doc's log and puts the row — the server row, or, for a doc with pending outbox entries, a row
   * re-materialized locally from the stored updates (so unsent local edits stay visible in lists).
   * Must not need a live Y.Doc for docs without pending entries.
   */
  storeFeed(entries: FeedEntry[]): Promise<void>;
  getLastSyncedAt(): Promise<number | null>;
  setLastSyncedAt(at: number): Promise<void>;
}

/** The subset of the WebSocket API the engine uses (browser WebSocket and `ws` both fit). */
export interface SocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = (url: string) => SocketLike;

export type ConnectionState = 'online' | 'offline' | 'connecting';

export interface SyncStatus {
  connection: ConnectionState;
  /** true once the relay said caught-up on the current connection */
  caughtUp: boolean;
  /** outbox entries not yet acked */
  pending: number;
  /** outbox entries the relay refused (kept aside) */
  refused: number;
  lastSyncedAt: number | null;
  /** reason code (shared/src/errors.ts) or a client code like 'socket-error' */
  lastError: string | null;
  lastSeq: number;
}
