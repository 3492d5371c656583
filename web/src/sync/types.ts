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
  /** Deletes outbox entry `ref` and raises lastSeq to at least `seq`, atomically. Unknown refs are ignored. */
  ack(ref: number, seq: number): Promise<void>;
  /** Moves outbox entry `ref` aside (kept for the user, never silently dropped). */
  refuse(ref: number, reason: string): Promise<void>;
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
