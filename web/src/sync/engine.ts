/**
 * Client side of the /sync v1 protocol (docs/protocol.md): one WebSocket for all docs.
 *
 * - hello with lastSeq/epoch → welcome (a new epoch voids lastSeq) → Feed frames → caught-up.
 * - Feed bytes and rows are stored as they are (no Y.Doc), batched: frames that arrive while a batch is
 *   being written form the next batch. A doc open on screen gets the update applied too.
 * - hello carries the access token, asked for before each connect; a 4401 close refreshes it once and
 *   reconnects, a second one stops syncing ('unauthenticated') until `reconnectNow()`.
 * - The outbox is drained in order after caught-up and whenever it grows; an entry is deleted only on
 *   Ack. A Refuse moves it — and every later entry of that doc, which builds on it — aside for the user,
 *   and resets the doc to the relay's state: its local log is dropped and the whole state fetched again
 *   (Sync step 1 with an empty state vector, the step 2 reply stored, then Close); an open doc is
 *   detached at once and reloaded by the doc store (new Y.Doc, new clientID) when the state is in.
 * - Revoke (the user lost read access): unsent changes of the doc are kept aside, its copy is dropped.
 * - Docs open on screen: Sync step 1 on attach (and after every welcome), step 2/update handled, and
 *   throttled awareness.
 * - Reconnects with exponential backoff + jitter (cap 30 s); `reconnectNow()` for the browser `online` event.
 *
 * No DOM and no Dexie here: storage and the socket factory are injected (types.ts).
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import {
  CloseCode,
  FrameError,
  PROTOCOL_VERSION,
  Reason,
  decodeFrame,
  encodeFrame,
  parseControl,
  type ClientControl,
  type ClientDocFrame,
  type DocFrame,
  type ServerControl,
} from '@bangqi/shared';
import type { FeedEntry, SocketFactory, SocketLike, SyncStatus, SyncStorage } from './types.ts';

/** Transaction origin of every update that came from the relay (the doc store does not re-send these). */
export const REMOTE_ORIGIN = Symbol('remote');

/** What the engine needs from a doc open on screen. */
export interface OpenDocHost {
  doc: Y.Doc;
  /** Stores a remote update (from Sync step 2 / update) and applies it with REMOTE_ORIGIN. */
  receive(update: Uint8Array): Promise<void>;
}

export interface PresenceState {
  clientId: number;
  user?: { id?: string; name?: string };
}

export interface AttachedDoc {
  awareness: awarenessProtocol.Awareness;
  /** others viewing this doc, from awareness */
  onPresence(listener: (others: PresenceState[]) => void): () => void;
  detach(): void;
}

/**
 * What happened to a doc besides ordinary syncing: 'refused' (a local change was refused; the doc is being
 * reset and was detached if open), 'reset' (the relay's state is stored: reload it), 'revoked' (gone).
 */
export interface DocEvent {
  docId: string;
  kind: 'refused' | 'reset' | 'revoked';
  /** the relay's reason code (refused, revoked) */
  reason?: string;
}

export interface SyncEngineOptions {
  url: string;
  storage: SyncStorage;
  socket: SocketFactory;
  deviceId: string;
  user?: () => string | undefined;
  /** the access token for hello, asked for before each connect; null = none can be had (signed out, expired) */
  token?: () => Promise<string | null> | string | null;
  /** the relay closed with 4401: get a new token; true when it worked (the engine reconnects once) */
  onUnauthenticated?: () => Promise<boolean>;
  /** backoff base and cap in ms */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** max pushes in flight (sent, not yet acked/refused) */
  pushWindow?: number;
  /** max feed frames stored in one storage transaction */
  feedBatch?: number;
  awarenessThrottleMs?: number;
  /**
   * A connection that has pushes in flight and receives nothing for this long is treated as dead and
   * replaced (a network that vanished without a close can otherwise hang for minutes).
   */
  stallTimeoutMs?: number;
  /** false while the device knows it has no network (browser navigator.onLine): no attempts then */
  canConnect?: () => boolean;
  now?: () => number;
  random?: () => number;
  log?: (msg: string, extra?: unknown) => void;
}

/** The state vector of an empty doc (no clients): asking with it returns everything. */
const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** Close codes after which retrying cannot help. */
const PERMANENT_CLOSE = new Set<number>([CloseCode.Unauthenticated, CloseCode.UnsupportedVersion]);
const OPEN = 1;

type Incoming = { gen: number } & ({ kind: 'frame'; frame: DocFrame } | { kind: 'control'; msg: ServerControl });

interface Attached {
  host: OpenDocHost;
  awareness: awarenessProtocol.Awareness;
  presence: Set<(others: PresenceState[]) => void>;
  awarenessTimer: ReturnType<typeof setTimeout> | null;
  awarenessLastSent: number;
  dispose: () => void;
}

export class SyncEngine {
  private readonly opts: Required<Omit<SyncEngineOptions, 'user' | 'token' | 'onUnauthenticated' | 'log'>> &
    Pick<SyncEngineOptions, 'user' | 'token' | 'onUnauthenticated' | 'log'>;
  private ws: SocketLike | null = null;
  /** bumps with every socket; frames from older sockets still get stored but never answered */
  private gen = 0;
  private welcomed = false;
  private attempts = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private permanentlyClosed = false;
  /** gen of the connect that is waiting for its token */
  private tokenWaitGen: number | null = null;
  /** a 4401 was answered with a refresh since the last welcome (a second one stops) */
  private authRetried = false;
  /** docs whose relay state is being fetched again after a refusal */
  private readonly resetting = new Set<string>();
  private readonly docListeners = new Set<(e: DocEvent) => void>();
  private readonly inbox: Incoming[] = [];
  private pumping = false;
  private sentUpTo = 0;
  private inflight = 0;
  private draining = false;
  private drainAgain = false;
  private readonly docs = new Map<string, Attached>();
  private status: SyncStatus = {
    connection: 'offline',
    caughtUp: false,
    pending: 0,
    refused: 0,
    lastSyncedAt: null,
    lastError: null,
    lastSeq: 0,
  };
  private readonly listeners = new Set<(s: SyncStatus) => void>();
  private idleWaiters: (() => void)[] = [];
  private lastReceivedAt = 0;
  private stallTimer: ReturnType<typeof setInterval> | null = null;

  constructor(options: SyncEngineOptions) {
    this.opts = {
      backoffBaseMs: 500,
      backoffMaxMs: 30_000,
      pushWindow: 256,
      feedBatch: 500,
      awarenessThrottleMs: 1_000,
      stallTimeoutMs: 20_000,
      canConnect: () => true,
      now: Date.now,
      random: Math.random,
      ...options,
    };
  }

  // ── status ────────────────────────────────────────────────────────────────────────────────────

  getStatus(): SyncStatus {
    return this.status;
  }

  subscribe(listener: (s: SyncStatus) => void): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  private setStatus(patch: Partial<SyncStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l(this.status);
  }

  private async refreshCounts(): Promise<void> {
    const [pending, refused] = await Promise.all([this.opts.storage.pendingCount(), this.opts.storage.refusedCount()]);
    if (pending !== this.status.pending || refused !== this.status.refused) this.setStatus({ pending, refused });
  }

  private async markSynced(): Promise<void> {
    const at = this.opts.now();
    await this.opts.storage.setLastSyncedAt(at);
    this.setStatus({ lastSyncedAt: at });
  }

  // ── lifecycle ─────────────────────────────────────────────────────────────────────────────────

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.opts.canConnect()) this.setStatus({ connection: 'connecting' });
    const [cursor, lastSyncedAt, resets] = await Promise.all([
      this.opts.storage.getCursor(),
      this.opts.storage.getLastSyncedAt(),
      this.opts.storage.pendingResets(),
    ]);
    for (const docId of resets) this.resetting.add(docId);
    this.setStatus({ lastSeq: cursor.lastSeq, lastSyncedAt });
    await this.refreshCounts();
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearRetry();
    if (this.stallTimer !== null) clearInterval(this.stallTimer);
    this.stallTimer = null;
    this.dropSocket(CloseCode.Normal);
    this.setStatus({ connection: 'offline', caughtUp: false });
  }

  /** Reconnect at once (browser `online` event, user switch, "retry" button). */
  reconnectNow(): void {
    if (this.stopped) return;
    this.permanentlyClosed = false;
    this.authRetried = false;
    this.attempts = 0;
    this.clearRetry();
    this.dropSocket(CloseCode.Normal);
    this.connect();
  }

  /** The browser says the network is gone: close now instead of waiting for a timeout. */
  goOffline(): void {
    this.clearRetry();
    this.dropSocket(CloseCode.Normal);
    this.setStatus({ connection: 'offline', caughtUp: false });
  }

  /** A local failure the user should see in the status bar (e.g. 'storage-error' when IndexedDB refuses a write). */
  reportError(code: string): void {
    this.setStatus({ lastError: code });
  }

  /** Resolves once every received frame has been processed (tests, benchmark). */
  whenIdle(): Promise<void> {
    if (!this.pumping && this.inbox.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private watchStall(): void {
    if (this.stallTimer !== null) return;
    const every = Math.max(10, Math.floor(this.opts.stallTimeoutMs / 4));
    this.stallTimer = setInterval(() => {
      if (!this.ws) {
        if (this.stallTimer !== null) clearInterval(this.stallTimer);
        this.stallTimer = null;
        return;
      }
      const silent = this.opts.now() - this.lastReceivedAt;
      const waiting = this.inflight > 0 || !this.welcomed;
      if (waiting && silent > this.opts.stallTimeoutMs) {
        this.opts.log?.(`no answer from the relay for ${silent} ms: reconnecting`);
        this.dropSocket(CloseCode.Normal);
        this.setStatus({ connection: 'offline', caughtUp: false });
        this.scheduleReconnect();
      }
    }, every);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private dropSocket(code: number): void {
    const ws = this.ws;
    this.ws = null;
    this.welcomed = false;
    this.gen++;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      ws.close(code);
    } catch {
      /* already closed */
    }
  }

  private connect(): void {
    if (this.stopped || this.ws || this.tokenWaitGen === this.gen) return;
    if (!this.opts.canConnect()) {
      // Known offline: wait for reconnectNow() (the browser `online` event).
      this.setStatus({ connection: 'offline', caughtUp: false });
      return;
    }
    const tokenOf = this.opts.token;
    if (!tokenOf) {
      this.openSocket(undefined);
      return;
    }
    // The token first (it may need a refresh over HTTP); a reconnectNow/stop meanwhile bumps gen.
    const waitGen = ++this.gen;
    this.tokenWaitGen = waitGen;
    this.setStatus({ connection: 'connecting', caughtUp: false });
    void Promise.resolve()
      .then(tokenOf)
      .catch(() => null)
      .then((token) => {
        if (this.tokenWaitGen === waitGen) this.tokenWaitGen = null;
        if (waitGen !== this.gen || this.stopped || this.ws) return;
        if (token === null) {
          this.permanentlyClosed = true;
          this.setStatus({ connection: 'offline', caughtUp: false, lastError: Reason.Unauthenticated });
          return;
        }
        this.openSocket(token);
      });
  }

  private openSocket(token: string | undefined): void {
    const gen = ++this.gen;
    this.welcomed = false;
    this.sentUpTo = 0;
    this.inflight = 0;
    this.setStatus({ connection: 'connecting', caughtUp: false });
    let ws: SocketLike;
    try {
      ws = this.opts.socket(this.opts.url);
    } catch (err) {
      this.opts.log?.('socket factory failed', err);
      this.setStatus({ lastError: 'socket-error' });
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    this.lastReceivedAt = this.opts.now();
    this.watchStall();
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => void this.sendHello(gen, token);
    ws.onmessage = (ev) => this.onMessage(gen, ev.data);
    ws.onerror = () => {
      /* onclose follows; nothing to do here */
    };
    ws.onclose = (ev) => {
      if (gen !== this.gen) return;
      this.ws = null;
      this.welcomed = false;
      this.gen++;
      this.setStatus({ connection: 'offline', caughtUp: false });
      if (ev.code === CloseCode.Unauthenticated && this.opts.onUnauthenticated && !this.authRetried) {
        // The token expired or was revoked: refresh once and try again; a refusal then is final.
        this.authRetried = true;
        const after = this.gen;
        void this.opts
          .onUnauthenticated()
          .catch(() => false)
          .then((ok) => {
            if (after !== this.gen || this.stopped || this.ws) return;
            if (ok) this.connect();
            else {
              this.permanentlyClosed = true;
              this.setStatus({ lastError: Reason.Unauthenticated });
            }
          });
        return;
      }
      if (PERMANENT_CLOSE.has(ev.code)) {
        this.permanentlyClosed = true;
        this.setStatus({
          lastError: ev.code === CloseCode.Unauthenticated ? Reason.Unauthenticated : Reason.UnsupportedVersion,
        });
        return;
      }
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.permanentlyClosed || this.retryTimer !== null) return;
    const exp = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** this.attempts);
    const delay = Math.round(exp * (0.5 + this.opts.random() * 0.5));
    this.attempts++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  private async sendHello(gen: number, token: string | undefined): Promise<void> {
    const cursor = await this.opts.storage.getCursor();
    if (gen !== this.gen || !this.ws) return;
    const hello: ClientControl = {
      t: 'hello',
      v: PROTOCOL_VERSION,
      lastSeq: cursor.lastSeq,
      epoch: cursor.epoch,
      deviceId: this.opts.deviceId,
    };
    const user = this.opts.user?.();
    if (user) hello.user = user.slice(0, 64);
    if (token) hello.token = token;
    this.ws.send(JSON.stringify(hello));
  }

  private send(frame: ClientDocFrame): boolean {
    const ws = this.ws;
    if (!ws || !this.welcomed || ws.readyState !== OPEN) return false;
    ws.send(encodeFrame(frame));
    return true;
  }

  // ── incoming ──────────────────────────────────────────────────────────────────────────────────

  private onMessage(gen: number, data: unknown): void {
    if (gen === this.gen) this.lastReceivedAt = this.opts.now();
    try {
      if (typeof data === 'string') {
        const msg = parseControl<ServerControl>(data, ['welcome', 'caught-up', 'error']);
        this.inbox.push({ gen, kind: 'control', msg });
      } else {
        const bytes =
          data instanceof ArrayBuffer
            ? new Uint8Array(data)
            : ArrayBuffer.isView(data)
              ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
              : null;
        if (!bytes) return;
        this.inbox.push({ gen, kind: 'frame', frame: decodeFrame(bytes) });
      }
    } catch (err) {
      // A frame we cannot read: the relay speaks something else. Log and carry on.
      this.opts.log?.('bad frame from relay', err instanceof FrameError ? err.message : err);
      return;
    }
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.inbox.length > 0) {
        const head = this.inbox[0]!;
        if (head.kind === 'frame' && head.frame.type === 'feed') {
          // Batch consecutive feed frames into one storage transaction.
          const batch: FeedEntry[] = [];
          while (batch.length < this.opts.feedBatch) {
            const next = this.inbox[0];
            if (!next || next.kind !== 'frame' || next.frame.type !== 'feed') break;
            this.inbox.shift();
            const f = next.frame;
            batch.push({ docId: f.docId, seq: f.seq, update: f.update, row: f.row });
          }
          await this.handleFeed(batch);
        } else {
          this.inbox.shift();
          try {
            if (head.kind === 'control') await this.handleControl(head.gen, head.msg);
            else await this.handleFrame(head.gen, head.frame);
          } catch (err) {
            this.opts.log?.('failed to handle message', err);
          }
        }
      }
    } catch (err) {
      // Storage failed (quota, closed DB): the data was not stored, so the cursor did not move either.
      // Reconnect later and receive it again.
      this.opts.log?.('storing feed failed', err);
      this.inbox.length = 0;
      this.setStatus({ lastError: 'storage-error' });
      this.dropSocket(CloseCode.Normal);
      this.setStatus({ connection: 'offline', caughtUp: false });
      this.scheduleReconnect();
    } finally {
      this.pumping = false;
      if (this.inbox.length === 0) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const w of waiters) w();
      } else void this.pump();
    }
  }

  private async handleFeed(batch: FeedEntry[]): Promise<void> {
    await this.opts.storage.storeFeed(batch);
    let maxSeq = this.status.lastSeq;
    for (const entry of batch) {
      maxSeq = Math.max(maxSeq, entry.seq);
      const open = this.docs.get(entry.docId);
      if (open) Y.applyUpdate(open.host.doc, entry.update, REMOTE_ORIGIN);
    }
    this.setStatus({ lastSeq: maxSeq });
    if (this.status.caughtUp) await this.markSynced();
  }

  private async handleControl(gen: number, msg: ServerControl): Promise<void> {
    switch (msg.t) {
      case 'welcome': {
        if (gen !== this.gen) return;
        const cursor = await this.opts.storage.getCursor();
        // The socket may have been dropped while we read (the browser went offline, a stall): that
        // connection must not be declared online.
        if (gen !== this.gen) return;
        if (cursor.epoch !== msg.epoch) {
          // A different server database: our lastSeq means nothing there (the relay treats it as 0).
          await this.opts.storage.setCursor({ lastSeq: 0, epoch: msg.epoch });
          this.setStatus({ lastSeq: 0 });
          if (gen !== this.gen) return;
        }
        this.welcomed = true;
        this.attempts = 0;
        this.authRetried = false;
        this.setStatus({ connection: 'online', lastError: null });
        for (const docId of this.docs.keys()) this.sendStep1(docId);
        for (const docId of this.resetting) if (!this.docs.has(docId)) this.requestState(docId);
        return;
      }
      case 'caught-up': {
        const cursor = await this.opts.storage.getCursor();
        if (msg.seq > cursor.lastSeq) await this.opts.storage.setCursor({ lastSeq: msg.seq, epoch: cursor.epoch });
        if (gen !== this.gen) return;
        this.setStatus({ caughtUp: true, lastSeq: Math.max(cursor.lastSeq, msg.seq) });
        await this.markSynced();
        void this.drain();
        return;
      }
      case 'error':
        this.setStatus({ lastError: msg.reason });
        return;
    }
  }

  private async handleFrame(gen: number, frame: DocFrame): Promise<void> {
    switch (frame.type) {
      case 'ack': {
        await this.opts.storage.ack(frame.ref, frame.seq);
        if (frame.seq > this.status.lastSeq) this.setStatus({ lastSeq: frame.seq });
        if (gen === this.gen) this.inflight = Math.max(0, this.inflight - 1);
        await this.refreshCounts();
        if (this.status.pending === 0) await this.markSynced();
        void this.drain();
        return;
      }
      case 'refuse': {
        const moved = await this.opts.storage.refuseDoc(frame.docId, frame.ref, frame.reason);
        if (gen === this.gen) this.inflight = Math.max(0, this.inflight - 1);
        // A refusal of an entry already moved aside (it followed a refused one) changes nothing more.
        if (moved) {
          this.setStatus({ lastError: frame.reason });
          this.beginReset(frame.docId, frame.reason);
        }
        await this.refreshCounts();
        void this.drain();
        return;
      }
      case 'revoke': {
        await this.opts.storage.revokeDoc(frame.docId, frame.reason);
        this.resetting.delete(frame.docId);
        this.detachInternally(frame.docId);
        this.emit({ docId: frame.docId, kind: 'revoked', reason: frame.reason });
        await this.refreshCounts();
        return;
      }
      case 'sync':
        await this.handleSync(gen, frame.docId, frame.message);
        return;
      case 'awareness': {
        const open = this.docs.get(frame.docId);
        if (open) awarenessProtocol.applyAwarenessUpdate(open.awareness, frame.update, REMOTE_ORIGIN);
        return;
      }
      default:
        this.opts.log?.(`unexpected ${frame.type} frame from relay`);
    }
  }

  private async handleSync(gen: number, docId: string, message: Uint8Array): Promise<void> {
    const open = this.docs.get(docId);
    const dec = decoding.createDecoder(message);
    const type = decoding.readVarUint(dec);
    if (!open) {
      if (this.resetting.has(docId)) await this.receiveResetState(docId, type, dec);
      return;
    }
    if (type === syncProtocol.messageYjsSyncStep1) {
      if (gen !== this.gen) return;
      const enc = encoding.createEncoder();
      syncProtocol.writeSyncStep2(enc, open.host.doc, decoding.readVarUint8Array(dec));
      this.send({ type: 'sync', docId, message: encoding.toUint8Array(enc) });
    } else if (type === syncProtocol.messageYjsSyncStep2 || type === syncProtocol.messageYjsUpdate) {
      await open.host.receive(decoding.readVarUint8Array(dec));
      // An open doc (reopened from the cleared log) completes a pending reset with its own step 2.
      if (type === syncProtocol.messageYjsSyncStep2 && this.resetting.delete(docId)) await this.opts.storage.finishReset(docId, null);
    }
  }

  // ── refusals and revocations ──────────────────────────────────────────────────────────────────

  /** Doc events (refused / reset / revoked), for the doc store. Returns the unsubscribe function. */
  onDocEvent(listener: (e: DocEvent) => void): () => void {
    this.docListeners.add(listener);
    return () => this.docListeners.delete(listener);
  }

  private emit(e: DocEvent): void {
    for (const l of this.docListeners) l(e);
  }

  /** Stops live traffic for a doc on screen without a Close (its state is wrong or gone). */
  private detachInternally(docId: string): void {
    const open = this.docs.get(docId);
    if (!open) return;
    this.docs.delete(docId);
    open.dispose();
  }

  /** After a refusal: the doc's log is cleared (storage did it); fetch the relay's whole state again. */
  private beginReset(docId: string, reason: string): void {
    this.resetting.add(docId);
    this.detachInternally(docId);
    this.emit({ docId, kind: 'refused', reason });
    this.requestState(docId);
  }

  /** Sync step 1 with an empty state vector: the relay answers with the doc's whole state. */
  private requestState(docId: string): void {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep1);
    encoding.writeVarUint8Array(enc, EMPTY_STATE_VECTOR);
    this.send({ type: 'sync', docId, message: encoding.toUint8Array(enc) });
  }

  private async receiveResetState(docId: string, type: number, dec: decoding.Decoder): Promise<void> {
    // The relay's own step 1 asks for what we have: nothing it should take from a doc being reset.
    if (type === syncProtocol.messageYjsSyncStep1) return;
    const update = decoding.readVarUint8Array(dec);
    if (type !== syncProtocol.messageYjsSyncStep2) {
      await this.opts.storage.appendRemote(docId, update);
      return;
    }
    await this.opts.storage.finishReset(docId, update);
    this.resetting.delete(docId);
    if (!this.docs.has(docId)) this.send({ type: 'close', docId });
    this.emit({ docId, kind: 'reset' });
  }

  // ── outbox ────────────────────────────────────────────────────────────────────────────────────

  /** Call after new outbox entries were committed: counts refresh and, when caught up, they are sent. */
  outboxChanged(): void {
    void this.refreshCounts();
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = true;
    try {
      do {
        this.drainAgain = false;
        while (this.status.caughtUp && this.welcomed && this.inflight < this.opts.pushWindow) {
          const gen = this.gen;
          const batch = await this.opts.storage.readOutbox(this.sentUpTo, this.opts.pushWindow - this.inflight);
          if (gen !== this.gen || batch.length === 0) break;
          for (const entry of batch) {
            // The socket is closing: stop; the next connection resends from the first unacked entry.
            if (!this.send({ type: 'push', docId: entry.docId, ref: entry.ref, update: entry.update })) return;
            this.sentUpTo = entry.ref;
            this.inflight++;
          }
        }
      } while (this.drainAgain);
    } catch (err) {
      this.opts.log?.('outbox drain failed', err);
    } finally {
      this.draining = false;
    }
  }

  // ── docs open on screen ───────────────────────────────────────────────────────────────────────

  private sendStep1(docId: string): void {
    const open = this.docs.get(docId);
    if (!open) return;
    const enc = encoding.createEncoder();
    syncProtocol.writeSyncStep1(enc, open.host.doc);
    this.send({ type: 'sync', docId, message: encoding.toUint8Array(enc) });
    // Announce ourselves to the others viewing it.
    const local = open.awareness.getLocalState();
    if (local && Object.keys(local).length > 0) this.sendAwareness(docId, [open.awareness.clientID]);
  }

  private sendAwareness(docId: string, clients: number[]): void {
    const open = this.docs.get(docId);
    if (!open) return;
    open.awarenessLastSent = this.opts.now();
    this.send({ type: 'awareness', docId, update: awarenessProtocol.encodeAwarenessUpdate(open.awareness, clients) });
  }

  /** A doc is shown on screen: keep it in sync live and share presence for it. */
  attach(docId: string, host: OpenDocHost): AttachedDoc {
    const existing = this.docs.get(docId);
    if (existing) existing.dispose();
    const awareness = new awarenessProtocol.Awareness(host.doc);
    const entry: Attached = {
      host,
      awareness,
      presence: new Set(),
      awarenessTimer: null,
      awarenessLastSent: 0,
      dispose: () => {},
    };
    const onAwareness = (
      changes: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ): void => {
      const others = [...awareness.getStates().entries()]
        .filter(([id]) => id !== awareness.clientID)
        .map(([clientId, state]) => ({ clientId, user: (state as PresenceState).user }));
      for (const l of entry.presence) l(others);
      if (origin === REMOTE_ORIGIN) return; // never echo
      const mine = [...changes.added, ...changes.updated, ...changes.removed].includes(awareness.clientID);
      if (!mine || entry.awarenessTimer !== null) return;
      const wait = Math.max(0, entry.awarenessLastSent + this.opts.awarenessThrottleMs - this.opts.now());
      entry.awarenessTimer = setTimeout(() => {
        entry.awarenessTimer = null;
        this.sendAwareness(docId, [awareness.clientID]);
      }, wait);
    };
    awareness.on('update', onAwareness);
    entry.dispose = () => {
      if (entry.awarenessTimer !== null) clearTimeout(entry.awarenessTimer);
      awareness.off('update', onAwareness);
      awareness.destroy();
      entry.presence.clear();
    };
    this.docs.set(docId, entry);
    this.sendStep1(docId);
    return {
      awareness,
      onPresence: (listener) => {
        entry.presence.add(listener);
        return () => entry.presence.delete(listener);
      },
      detach: () => {
        if (this.docs.get(docId) !== entry) return;
        // Tell the others we left, then stop Sync/Awareness traffic for this doc.
        awarenessProtocol.removeAwarenessStates(awareness, [awareness.clientID], 'local');
        if (entry.awarenessTimer !== null) {
          clearTimeout(entry.awarenessTimer);
          entry.awarenessTimer = null;
        }
        this.sendAwareness(docId, [awareness.clientID]);
        this.send({ type: 'close', docId });
        this.docs.delete(docId);
        entry.dispose();
      },
    };
  }

  isAttached(docId: string): boolean {
    return this.docs.has(docId);
  }
}

/** `ws(s)://<host>/sync` for a page served from `origin` (http → ws, https → wss). */
export function syncUrl(origin: string): string {
  return origin.replace(/^http/, 'ws') + '/sync';
}
