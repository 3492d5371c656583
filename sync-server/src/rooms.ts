/**
 * Docs in memory. A doc is loaded on demand (a /y connection, a /sync Sync step 1, or a write), kept while
 * a connection has it open or a write is in flight, and destroyed after DOC_IDLE_MS without either.
 *
 * All writes go through one queue: apply to the Y.Doc, materialize the row, append to the store (resolved
 * after COMMIT), then acknowledge and broadcast — so tenant seqs are committed and sent in order. Writes
 * waiting together in the queue are committed in one transaction (group commit: one fsync for many acks).
 */
import { materializeDocJson, type Principal, Reason, type ReasonCode } from '@bangqi/shared';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { WriteValidator } from './acl/write-validator.ts';
import type { Logger } from './log.ts';
import type { Persistence } from './persistence/types.ts';

/** A connection that has a doc open (a /y socket, or a /sync socket that sent Sync step 1 for it). */
export interface Peer {
  sendAwareness(update: Uint8Array): void;
  /** y-websocket peers get committed updates as sync messages; /sync peers get Feed frames instead */
  sendUpdate?(update: Uint8Array): void;
}

export interface CommitOrigin {
  /** the connection the update came from (gets no echo); null for server-side writes */
  source: object | null;
  /** called inside the write queue, before any broadcast, with the seq the update is committed as
   * (the doc's current seq when the update changed nothing) */
  ack?: (seq: number) => void;
  /** the writer: a client write is validated against the doc and the writer's role before it is applied;
   * server-side writes (seeding, tools) have none and are applied as they are */
  principal?: Principal;
}

export interface CommitEvent {
  room: Room;
  seq: number;
  update: Uint8Array;
  row: string;
  origin: CommitOrigin;
}

export type CommitResult =
  | { ok: true; seq: number; stored: boolean }
  | { ok: false; reason: ReasonCode; message: string };

export interface RoomOptions {
  store: Persistence;
  log: Logger;
  compactEvery: number;
  docIdleMs: number;
  /** checks client writes (those with a principal) before they are applied */
  validator: WriteValidator;
  /** runs inside the write queue after each stored update and its ack */
  onCommit(event: CommitEvent): void;
  /** a doc was dropped from memory */
  onUnload?(docId: string): void;
}

export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  readonly peers = new Set<Peer>();
  /** awareness client ids each peer announced, removed when it leaves */
  readonly owned = new Map<Peer, Set<number>>();
  writes = 0;
  idleTimer: NodeJS.Timeout | null = null;
  /** a store write failed: the doc in memory may hold what the store does not; reload it when idle */
  stale = false;

  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    /** seq of the doc's last stored change */
    public seq: number,
    /** updates in the store's log since the last snapshot */
    public logLength: number,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc);
    this.awareness.setLocalState(null);
  }
}

/**
 * The doc's list row as stored beside it: per kind, the same materialization as the app's
 * (shared/src/kinds.ts); "" for kinds without rows (cfg) and docs without content yet. The access index
 * reads its access fields from this row.
 */
export function rowFor(docId: string, doc: Y.Doc): string {
  return materializeDocJson(docId, doc);
}

export function mergeAll(updates: Uint8Array[]): Uint8Array {
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] };

/** Most updates stored in one transaction. */
const MAX_BATCH = 256;

type WriteTask = { kind: 'write'; docId: string; update: Uint8Array; origin: CommitOrigin; resolve: (r: CommitResult) => void };
type Task = WriteTask | { kind: 'exclusive'; run: () => Promise<void> };
type Outcome =
  | { kind: 'invalid'; message: string }
  | { kind: 'refused'; reason: ReasonCode; message: string }
  | { kind: 'noop' }
  | { kind: 'changed'; row: string };

function serverError(err: unknown): CommitResult {
  return { ok: false, reason: Reason.ServerError, message: String(err) };
}

export class Rooms {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly tasks: Task[] = [];
  private working = false;
  private closed = false;

  constructor(private readonly opts: RoomOptions) {}

  get size(): number {
    return this.rooms.size;
  }

  /** The loaded room, if any (does not load). */
  peek(docId: string): Room | undefined {
    return this.rooms.get(docId);
  }

  async get(docId: string): Promise<Room> {
    if (this.closed) throw new Error('relay is shutting down');
    const room = this.rooms.get(docId);
    if (room) return room;
    let pending = this.loading.get(docId);
    if (!pending) {
      pending = this.load(docId).finally(() => this.loading.delete(docId));
      this.loading.set(docId, pending);
    }
    return pending;
  }

  private async load(docId: string): Promise<Room> {
    const stored = await this.opts.store.loadDoc(docId);
    const doc = new Y.Doc();
    const parts = stored ? (stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) : [];
    if (parts.length > 0) Y.applyUpdate(doc, mergeAll(parts));
    const room = new Room(docId, doc, stored?.seq ?? 0, stored?.updates.length ?? 0);
    room.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.relayAwareness(room, change, origin));
    this.rooms.set(docId, room);
    this.opts.log.debug({ docId, seq: room.seq, parts: parts.length }, 'doc loaded');
    this.maybeIdle(room);
    return room;
  }

  join(room: Room, peer: Peer): void {
    room.peers.add(peer);
    this.clearIdle(room);
  }

  leave(room: Room, peer: Peer): void {
    if (!room.peers.delete(peer)) return;
    const ids = room.owned.get(peer);
    room.owned.delete(peer);
    if (ids && ids.size > 0) awarenessProtocol.removeAwarenessStates(room.awareness, [...ids], 'leave');
    this.maybeIdle(room);
  }

  /**
   * Applies an awareness update from a peer; throws on a malformed one. Presence identity comes from the
   * token: every state's `user` is replaced by the principal's, whatever the client claimed.
   */
  applyAwareness(room: Room, update: Uint8Array, peer: Peer, principal: Principal): void {
    const user = { id: principal.userId, name: principal.name, role: principal.role };
    const rewritten = awarenessProtocol.modifyAwarenessUpdate(update, (state: unknown) =>
      state !== null && typeof state === 'object' ? { ...state, user } : state,
    );
    awarenessProtocol.applyAwarenessUpdate(room.awareness, rewritten, peer);
  }

  /** Every known awareness state of the room, or null when there is none. */
  awarenessSnapshot(room: Room): Uint8Array | null {
    const ids = [...room.awareness.getStates().keys()];
    return ids.length === 0 ? null : awarenessProtocol.encodeAwarenessUpdate(room.awareness, ids);
  }

  private relayAwareness(room: Room, { added, updated, removed }: AwarenessChange, origin: unknown): void {
    const from = room.peers.has(origin as Peer) ? (origin as Peer) : null;
    if (from) {
      let ids = room.owned.get(from);
      if (!ids) room.owned.set(from, (ids = new Set()));
      for (const id of added) ids.add(id);
      for (const id of updated) ids.add(id);
      for (const id of removed) ids.delete(id);
    }
    const changed = [...added, ...updated, ...removed];
    if (changed.length === 0) return;
    const update = awarenessProtocol.encodeAwarenessUpdate(room.awareness, changed);
    for (const peer of room.peers) if (peer !== from) peer.sendAwareness(update);
  }

  /** Runs `fn` inside the write queue: no update is committed or broadcast while it runs. */
  exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.tasks.push({
        kind: 'exclusive',
        run: async () => {
          try {
            resolve(await fn());
          } catch (err) {
            reject(err);
          }
        },
      });
      this.kick();
    });
  }

  /** Applies, stores and broadcasts one update, in queue order. Never rejects. */
  commit(docId: string, update: Uint8Array, origin: CommitOrigin): Promise<CommitResult> {
    return new Promise((resolve) => {
      this.tasks.push({ kind: 'write', docId, update, origin, resolve });
      this.kick();
    });
  }

  private kick(): void {
    if (!this.working) void this.work();
  }

  /** Drains the queue; consecutive writes are stored together in one transaction (one fsync). */
  private async work(): Promise<void> {
    this.working = true;
    try {
      while (this.tasks.length > 0) {
        const head = this.tasks[0]!;
        if (head.kind === 'exclusive') {
          this.tasks.shift();
          await head.run();
          continue;
        }
        let n = 1;
        while (n < this.tasks.length && n < MAX_BATCH && this.tasks[n]!.kind === 'write') n++;
        await this.writeBatch(this.tasks.splice(0, n) as WriteTask[]);
      }
    } finally {
      this.working = false;
    }
  }

  /** Applies one update to its doc in memory; says whether there is anything to store. */
  private apply(room: Room, update: Uint8Array, origin: CommitOrigin): Outcome {
    try {
      Y.decodeUpdate(update); // parses it all: a malformed update throws here, before the doc is touched
    } catch (err) {
      return { kind: 'invalid', message: (err as Error).message };
    }
    const { doc } = room;
    const { validator } = this.opts;
    if (origin.principal) {
      const refusal = validator.check(room.docId, doc, update, origin.principal);
      if (refusal) return refusal.reason === Reason.InvalidUpdate ? { kind: 'invalid', message: refusal.message } : { kind: 'refused', ...refusal };
    } else {
      validator.forget(doc);
    }
    const pendingBefore = [doc.store.pendingStructs, doc.store.pendingDs];
    let changed = false;
    const onUpdate = () => (changed = true);
    doc.on('update', onUpdate);
    try {
      Y.applyUpdate(doc, update, origin);
    } catch (err) {
      room.stale = true;
      validator.forget(doc);
      return { kind: 'invalid', message: (err as Error).message };
    } finally {
      doc.off('update', onUpdate);
    }
    // A server-side update waiting for a missing dependency changes nothing visible yet but must be kept
    // (a client's such update was refused above, so only unvalidated writes ever leave pending state).
    const pendingChanged = pendingBefore[0] !== doc.store.pendingStructs || pendingBefore[1] !== doc.store.pendingDs;
    return changed || pendingChanged ? { kind: 'changed', row: rowFor(room.docId, doc) } : { kind: 'noop' };
  }

  private async writeBatch(batch: WriteTask[]): Promise<void> {
    const staged: { task: WriteTask; room: Room; outcome: Outcome }[] = [];
    const touched = new Set<Room>();
    try {
      for (const task of batch) {
        let room: Room;
        try {
          room = await this.get(task.docId);
        } catch (err) {
          task.resolve(serverError(err));
          continue;
        }
        room.writes++;
        this.clearIdle(room);
        touched.add(room);
        staged.push({ task, room, outcome: this.apply(room, task.update, task.origin) });
      }
      const toStore = staged.filter((s) => s.outcome.kind === 'changed');
      let seqs: number[] = [];
      let failure: unknown = null;
      if (toStore.length > 0) {
        try {
          ({ seqs } = await this.opts.store.appendBatch(
            toStore.map(({ task, outcome }) => ({ docId: task.docId, update: task.update, row: (outcome as { row: string }).row })),
          ));
        } catch (err) {
          failure = err;
          this.opts.log.error({ err, updates: toStore.length }, 'storing updates failed');
          for (const { room } of toStore) room.stale = true;
        }
      }
      let next = 0;
      for (const { task, room, outcome } of staged) {
        if (outcome.kind === 'invalid') {
          task.resolve({ ok: false, reason: Reason.InvalidUpdate, message: outcome.message });
        } else if (outcome.kind === 'refused') {
          task.resolve({ ok: false, reason: outcome.reason, message: outcome.message });
        } else if (outcome.kind === 'noop') {
          task.origin.ack?.(room.seq);
          task.resolve({ ok: true, seq: room.seq, stored: false });
        } else if (failure) {
          task.resolve(serverError(failure));
        } else {
          const seq = seqs[next++]!;
          room.seq = seq;
          room.logLength++;
          task.origin.ack?.(seq);
          this.opts.onCommit({ room, seq, update: task.update, row: outcome.row, origin: task.origin });
          task.resolve({ ok: true, seq, stored: true });
        }
      }
      for (const room of touched) {
        if (room.logLength >= this.opts.compactEvery && !room.stale) {
          await this.compact(room).catch((err: unknown) => this.opts.log.error({ err, docId: room.docId }, 'compaction failed'));
        }
      }
    } catch (err) {
      // a bug above must not leave callers waiting: whoever is still unresolved gets a server error
      this.opts.log.error({ err }, 'write batch failed');
      for (const task of batch) task.resolve(serverError(err));
    } finally {
      for (const room of touched) {
        room.writes--;
        this.maybeIdle(room);
      }
    }
  }

  private async compact(room: Room): Promise<void> {
    const started = performance.now();
    const snapshot = Y.encodeStateAsUpdate(room.doc);
    await this.opts.store.compact(room.docId, snapshot, room.seq);
    this.opts.log.info(
      { docId: room.docId, seq: room.seq, updates: room.logLength, bytes: snapshot.byteLength, ms: Math.round(performance.now() - started) },
      'doc compacted',
    );
    room.logLength = 0;
  }

  private clearIdle(room: Room): void {
    if (room.idleTimer) clearTimeout(room.idleTimer);
    room.idleTimer = null;
  }

  private maybeIdle(room: Room): void {
    if (room.peers.size > 0 || room.writes > 0 || room.idleTimer || this.rooms.get(room.docId) !== room) return;
    const delay = room.stale ? 0 : this.opts.docIdleMs;
    room.idleTimer = setTimeout(() => {
      room.idleTimer = null;
      if (room.peers.size === 0 && room.writes === 0) this.unload(room);
    }, delay);
    room.idleTimer.unref();
  }

  private unload(room: Room): void {
    if (this.rooms.get(room.docId) === room) this.rooms.delete(room.docId);
    this.clearIdle(room);
    room.awareness.destroy();
    room.doc.destroy();
    this.opts.log.debug({ docId: room.docId }, 'doc unloaded');
    this.opts.onUnload?.(room.docId);
  }

  /** Resolves once everything queued so far is committed and acknowledged. */
  flush(): Promise<void> {
    return this.exclusive(() => undefined);
  }

  /** Waits for queued writes, then drops every room. */
  async close(): Promise<void> {
    await this.flush();
    this.closed = true;
    await this.flush();
    await Promise.allSettled(this.loading.values());
    for (const room of [...this.rooms.values()]) this.unload(room);
  }
}
