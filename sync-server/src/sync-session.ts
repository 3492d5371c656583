/**
 * One /sync socket (protocol v1, docs/protocol.md): hello (with the token) → welcome → catch-up Feed
 * frames → caught-up, then pushes (validated, acked after commit), live Feed frames, and Sync/Awareness
 * for docs open on screen — all of it only for docs the user may read now. A doc the user gains is sent
 * in full; a doc the user loses gets a Revoke frame and nothing more.
 */
import {
  CloseCode,
  type ClientDocFrame,
  decodeFrame,
  encodeFrame,
  FrameError,
  isClientFrame,
  parseControl,
  parseHello,
  PROTOCOL_VERSION,
  Reason,
  type ReasonCode,
  type ServerControl,
} from '@bangqi/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { IncomingMessage } from 'node:http';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { canReadDoc, type DocKey, sameAccess } from './acl/access-index.ts';
import type { LiveSession, RelayContext } from './context.ts';
import type { DocChange } from './persistence/types.ts';
import { type CommitEvent, mergeAll, type Peer, type Room } from './rooms.ts';
import { ServerFault, Session } from './session.ts';

/** Docs read from the store per catch-up page. */
const CATCH_UP_PAGE = 256;
/** Above this many unsent bytes the catch-up waits for the socket to drain. */
const HIGH_WATER = 4 << 20;
/** A Yjs update that contains nothing (no structs, empty delete set). */
const EMPTY_UPDATE = new Uint8Array([0, 0]);
/** A live socket with more unsent bytes than this falls back to paced catch-up from the last seq sent. */
export const LAG_LIMIT = 16 << 20;

/** y-protocols sync message kinds (shared with the /y endpoint). */
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

/** A y-protocols sync message `[varUint kind][varUint8Array payload]`. */
export function syncMessage(kind: number, payload: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, kind);
  encoding.writeVarUint8Array(enc, payload);
  return encoding.toUint8Array(enc);
}

export function readSyncMessage(message: Uint8Array): { kind: number; payload: Uint8Array } {
  const dec = decoding.createDecoder(message);
  const kind = decoding.readVarUint(dec);
  if (kind !== SYNC_STEP1 && kind !== SYNC_STEP2 && kind !== SYNC_UPDATE) throw new FrameError(`unknown sync message ${kind}`);
  return { kind, payload: decoding.readVarUint8Array(dec) };
}

export class SyncSession extends Session implements LiveSession {
  private helloSeen = false;
  /** true once catch-up is done: from then on live Feed frames and Acks go out as they commit */
  private live = false;
  /** Acks committed during catch-up, sent in seq order among the catch-up Feed frames */
  private pendingAcks: { seq: number; frame: Uint8Array }[] = [];
  /** every change up to this seq has been sent as a Feed frame (or is the client's own push, or is not
   * for this user) */
  private sentSeq = 0;
  /** docs this socket opened with Sync step 1 */
  private readonly open = new Map<string, { room: Room; peer: Peer }>();
  /**
   * Docs the user gained read access to that the device may lack in part: the catch-up sends each in
   * full (never a diff), before any Feed frame with a higher seq than the doc's last change.
   */
  private readonly gained = new Set<string>();

  constructor(ctx: RelayContext, ws: WebSocket, req: IncomingMessage) {
    super(ctx, ws, 'sync', req);
  }

  protected receive(data: Uint8Array, isBinary: boolean): void {
    if (!this.helloSeen) {
      this.helloSeen = true;
      if (isBinary) return this.fail(CloseCode.NoHello, Reason.BadFrame, 'first message must be hello');
      let hello;
      try {
        hello = parseHello(Buffer.from(data).toString('utf8'));
      } catch (err) {
        return this.fail(CloseCode.NoHello, Reason.BadFrame, (err as Error).message);
      }
      if (hello.v !== PROTOCOL_VERSION) {
        return this.fail(CloseCode.UnsupportedVersion, Reason.UnsupportedVersion, `relay speaks v${PROTOCOL_VERSION}, not v${hello.v}`);
      }
      this.enqueue(() => this.start(hello));
      return;
    }
    if (!isBinary) {
      parseControl(Buffer.from(data).toString('utf8'), ['hello']); // throws FrameError (4400) for anything else
      return this.fail(CloseCode.NoHello, Reason.BadFrame, 'second hello');
    }
    const frame = decodeFrame(data);
    if (!isClientFrame(frame)) throw new FrameError(`a client may not send ${frame.type} frames`);
    this.enqueue(() => this.handle(frame));
  }

  protected override farewell(reason: string, message: string): void {
    this.sendControl({ t: 'error', reason, message });
  }

  private sendControl(msg: ServerControl): void {
    this.send(JSON.stringify(msg));
  }

  private async start(hello: ReturnType<typeof parseHello>): Promise<void> {
    const principal = await this.authenticate(hello.token, hello.deviceId);
    if (!principal) return;
    const { store, epoch, version, accounts } = this.ctx;
    const head = await store.headSeq();
    // Another database (or a lastSeq from the future) voids the client's position: send it everything.
    const from = hello.epoch === epoch && hello.lastSeq <= head ? hello.lastSeq : 0;
    this.ctx.syncSessions.add(this);
    this.sendControl({ t: 'welcome', v: PROTOCOL_VERSION, epoch, seq: head, serverVersion: version });
    this.ctx.log.info({ remote: this.remote, deviceId: principal.deviceId, user: principal.userId, lastSeq: hello.lastSeq, from, head }, 'sync hello');
    if (from > 0) {
      // Read access that changed since the device was last here: what it lost is revoked now, what it
      // gained is sent in full by the catch-up (a diff from `from` would lack the doc's earlier state).
      const changes = await accounts.store.accessChangesSince(principal.userId, from);
      if (this.closed) return;
      for (const { docId } of changes) {
        if (this.canRead(docId)) {
          this.gained.add(docId);
          this.ctx.access.readable(principal, docId);
        } else this.revoke(docId, Reason.AccessRevoked);
      }
    }
    this.startCatchUp(from);
  }

  private startCatchUp(from: number): void {
    this.live = false;
    void this.catchUp(from).catch((err: unknown) => this.failWith(new ServerFault(`catch-up failed: ${String(err)}`)));
  }

  /**
   * Sends one Feed frame per readable doc changed after `from`, in seq order, straight from stored bytes
   * (no Y.Doc); gained docs go out in full. Pages outside the write queue while there is a lot to send,
   * then finishes inside it so no commit slips between the last page and going live.
   */
  private async catchUp(from: number): Promise<void> {
    const { store, rooms, access } = this.ctx;
    const started = performance.now();
    let cursor = from;
    let docs = 0;
    let bytes = 0;
    /** The Feed frame, or null when read access was lost while the store was read (the Revoke went out). */
    const frameFor = async (docId: string, seq: number, row: string, base: number) => {
      const parts = await store.updatesSince(docId, base);
      if (!this.canRead(docId)) return null;
      const update = parts.length > 0 ? mergeAll(parts) : EMPTY_UPDATE;
      const frame = encodeFrame({ type: 'feed', docId, seq, update, row });
      docs++;
      bytes += frame.byteLength;
      return frame;
    };
    /** Gained docs the stream will not reach again (last change at or before `cursor`) go out now, in full. */
    const sendGained = async (send: (frame: Uint8Array) => Promise<void> | void) => {
      for (const docId of [...this.gained]) {
        const entry = access.index.get(docId);
        if (entry && entry.seq > cursor) continue; // still ahead: the stream sends it in full
        this.gained.delete(docId);
        if (!entry || !this.canRead(docId)) continue;
        const frame = await frameFor(docId, entry.seq, entry.row, 0);
        if (this.closed) return;
        if (frame) await send(frame);
      }
    };
    /** The Feed frame for one change of the stream, or null when the user may not read the doc. */
    const feedFor = async (change: DocChange) => {
      this.flushAcks(change.seq);
      cursor = this.sentSeq = change.seq;
      const full = this.gained.delete(change.docId);
      if (!this.canRead(change.docId)) return null;
      return frameFor(change.docId, change.seq, change.row, full ? 0 : from);
    };
    for (;;) {
      await sendGained((frame) => this.sendPaced(frame));
      const page = await store.changesSince(cursor, CATCH_UP_PAGE);
      for (const change of page) {
        if (this.closed) return;
        const frame = await feedFor(change);
        if (frame) await this.sendPaced(frame);
      }
      if (page.length < CATCH_UP_PAGE) break;
    }
    await rooms.exclusive(async () => {
      for (;;) {
        await sendGained((frame) => this.send(frame));
        const page = await store.changesSince(cursor, CATCH_UP_PAGE);
        if (page.length === 0 || this.closed) break;
        for (const change of page) {
          const frame = await feedFor(change);
          if (frame) this.send(frame);
        }
      }
      if (this.closed) return;
      this.flushAcks(Number.POSITIVE_INFINITY);
      this.live = true;
      const seq = await store.headSeq();
      this.sentSeq = seq;
      this.sendControl({ t: 'caught-up', seq, docs });
      this.ctx.log.info({ remote: this.remote, from, seq, docs, bytes, ms: Math.round(performance.now() - started) }, 'sync caught up');
    });
  }

  /** Sends, and when the socket has more than HIGH_WATER bytes queued waits until this frame is flushed. */
  private sendPaced(frame: Uint8Array): Promise<void> | void {
    if (this.closed) return;
    if (this.ws.bufferedAmount < HIGH_WATER) return this.send(frame);
    return new Promise((resolve) => this.ws.send(frame, () => resolve()));
  }

  private flushAcks(upTo: number): void {
    while (this.pendingAcks.length > 0 && this.pendingAcks[0]!.seq <= upTo) this.send(this.pendingAcks.shift()!.frame);
  }

  /** Live change feed: a committed update from another connection, sent when the user may read the doc. */
  feed(frame: Uint8Array, seq: number, docId: string): void {
    if (!this.live) return; // the running catch-up will reach it
    if (seq <= this.sentSeq) return; // covered by the full copy sent when the user gained the doc
    if (this.ws.bufferedAmount > LAG_LIMIT) {
      // Far behind: stop queueing live frames in memory, send the rest paced from the store instead.
      this.ctx.log.warn({ remote: this.remote, unsent: this.ws.bufferedAmount, from: this.sentSeq }, 'sync socket lags: back to catch-up');
      this.startCatchUp(this.sentSeq);
      return;
    }
    if (this.canRead(docId)) this.send(frame);
    this.sentSeq = seq;
  }

  /** A commit changed who may read `docId` (called before the commit is broadcast). */
  accessChanged(docId: string, before: DocKey | null, after: DocKey, event: CommitEvent): void {
    const p = this.principal;
    if (!p) return;
    // a doc that did not exist yet was readable (empty) only if this socket had it open
    const was = before ? canReadDoc(p, docId, before) : this.open.has(docId);
    const now = canReadDoc(p, docId, after);
    if (now) this.ctx.access.readable(p, docId);
    if (was && !now) this.revoke(docId, Reason.AccessRevoked);
    else if (!was && now && before) this.gain(docId, event);
  }

  /** The org changed: re-read the principal, revoke what it lost, send in full what it gained. */
  orgChanged(): void {
    const before = this.refreshPrincipal();
    const p = this.principal;
    if (!before || !p || sameAccess(before, p)) return;
    let gainedAny = false;
    for (const [docId, key] of this.ctx.access.index.keys()) {
      const was = canReadDoc(before, docId, key);
      const now = canReadDoc(p, docId, key);
      if (was && !now) this.revoke(docId, Reason.AccessRevoked);
      else if (!was && now) {
        this.gained.add(docId);
        this.ctx.access.readable(p, docId);
        gainedAny = true;
      }
    }
    // Live: send them through a catch-up from here, so no Feed frame with a higher seq overtakes them.
    if (gainedAny && this.live) this.startCatchUp(this.sentSeq);
  }

  /** Sends the doc in full right away (live, the commit that gave it is the newest) or via the running catch-up. */
  private gain(docId: string, event: CommitEvent): void {
    if (!this.live || event.room.docId !== docId) {
      // not live, or a doc the commit did not touch (a demand of a reassigned file): the catch-up sends it
      this.gained.add(docId);
      if (this.live) this.startCatchUp(this.sentSeq);
      return;
    }
    const update = Y.encodeStateAsUpdate(event.room.doc);
    this.send(encodeFrame({ type: 'feed', docId, seq: event.seq, update, row: event.row }));
    this.sentSeq = Math.max(this.sentSeq, event.seq);
  }

  /** The user may not read `docId` (any more): say so, and stop everything for it. */
  private revoke(docId: string, reason: ReasonCode): void {
    this.gained.delete(docId);
    const open = this.open.get(docId);
    if (open) {
      this.open.delete(docId);
      this.ctx.rooms.leave(open.room, open.peer);
    }
    this.send(encodeFrame({ type: 'revoke', docId, reason }));
    this.auditRevocation(docId, reason);
  }

  private ack(docId: string, ref: number, seq: number): void {
    const frame = encodeFrame({ type: 'ack', docId, ref, seq });
    if (this.live) this.send(frame);
    else this.pendingAcks.push({ seq, frame });
  }

  /** Refuses a write without queueing it (the doc is not readable): audited, answered with Refuse. */
  private refuseUnreadable(docId: string, ref: number, bytes: number): void {
    const reason = this.refused(docId, Reason.Forbidden, 'the doc is not readable for this user', bytes);
    this.send(encodeFrame({ type: 'refuse', docId, ref, reason }));
  }

  private async handle(frame: ClientDocFrame): Promise<void> {
    const { rooms } = this.ctx;
    const { docId } = frame;
    switch (frame.type) {
      case 'push': {
        const { ref } = frame;
        if (!this.canRead(docId)) return this.refuseUnreadable(docId, ref, frame.update.byteLength);
        this.commit(docId, frame.update, { source: this, ack: (seq) => this.ack(docId, ref, seq) }, (reason) =>
          this.send(encodeFrame({ type: 'refuse', docId, ref, reason })),
        );
        return;
      }
      case 'sync': {
        const { kind, payload } = readSyncMessage(frame.message);
        if (kind !== SYNC_STEP1) {
          // A Sync update has no ref: a refusal is a Refuse frame with ref 0.
          if (!this.canRead(docId)) return this.refuseUnreadable(docId, 0, payload.byteLength);
          this.commit(docId, payload, { source: this }, (reason, message) => {
            if (reason === Reason.InvalidUpdate) this.fail(CloseCode.BadFrame, reason, message);
            else this.send(encodeFrame({ type: 'refuse', docId, ref: 0, reason }));
          });
          return;
        }
        if (!this.canRead(docId)) return this.revoke(docId, Reason.Forbidden);
        const room = await this.openDoc(docId);
        if (!room) return;
        const diff = Y.encodeStateAsUpdate(room.doc, payload);
        this.send(encodeFrame({ type: 'sync', docId, message: syncMessage(SYNC_STEP2, diff) }));
        this.send(encodeFrame({ type: 'sync', docId, message: syncMessage(SYNC_STEP1, Y.encodeStateVector(room.doc)) }));
        const states = rooms.awarenessSnapshot(room);
        if (states) this.send(encodeFrame({ type: 'awareness', docId, update: states }));
        return;
      }
      case 'awareness': {
        const open = this.open.get(docId);
        if (open && this.principal) rooms.applyAwareness(open.room, frame.update, open.peer, this.principal);
        return;
      }
      case 'close': {
        const open = this.open.get(docId);
        if (!open) return;
        this.open.delete(docId);
        rooms.leave(open.room, open.peer);
        return;
      }
    }
  }

  private async openDoc(docId: string): Promise<Room | null> {
    const existing = this.open.get(docId);
    if (existing) return existing.room;
    const room = await this.loadRoom(docId);
    if (!room) return null;
    // access may have changed while the doc was loading
    if (!this.canRead(docId)) {
      this.revoke(docId, Reason.AccessRevoked);
      return null;
    }
    if (this.principal) this.ctx.access.readable(this.principal, docId);
    const peer: Peer = { sendAwareness: (update) => this.send(encodeFrame({ type: 'awareness', docId, update })) };
    this.ctx.rooms.join(room, peer);
    this.open.set(docId, { room, peer });
    return room;
  }

  protected onClose(): void {
    this.ctx.syncSessions.delete(this);
    this.pendingAcks = [];
    this.gained.clear();
    for (const { room, peer } of this.open.values()) this.ctx.rooms.leave(room, peer);
    this.open.clear();
  }
}
