/**
 * One /y/<docId> socket: the standard y-websocket protocol, so the stock WebsocketProvider is a client.
 * messageSync (0) with y-protocols step 1 / step 2 / update, messageAwareness (1), messageQueryAwareness (3).
 * Updates are committed through the same write queue as /sync pushes and fanned out to both endpoints.
 * The token comes as `?token=`. The stock protocol has no per-doc or per-update refusal, so a doc the
 * user may not read (or stops being able to read), and a refused write, close the socket with 4403.
 */
import { CloseCode, FrameError, isDocId, Reason, type ReasonCode } from '@bangqi/shared';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { IncomingMessage } from 'node:http';
import type WebSocket from 'ws';
import * as Y from 'yjs';
import { canReadDoc, type DocKey } from './acl/access-index.ts';
import type { RelayContext } from './context.ts';
import type { CommitEvent, Peer, Room } from './rooms.ts';
import { Session } from './session.ts';
import { readSyncMessage, SYNC_STEP1, SYNC_STEP2, SYNC_UPDATE, syncMessage } from './sync-session.ts';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_AUTH = 2;
const MESSAGE_QUERY_AWARENESS = 3;

type YMessage =
  | { kind: 'sync'; sync: number; payload: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'ignore' };

function parseYMessage(data: Uint8Array): YMessage {
  const dec = decoding.createDecoder(data);
  const type = decoding.readVarUint(dec);
  switch (type) {
    case MESSAGE_SYNC: {
      const { kind, payload } = readSyncMessage(decoding.readTailAsUint8Array(dec));
      return { kind: 'sync', sync: kind, payload };
    }
    case MESSAGE_AWARENESS:
      return { kind: 'awareness', update: decoding.readVarUint8Array(dec) };
    case MESSAGE_QUERY_AWARENESS:
      return { kind: 'query-awareness' };
    case MESSAGE_AUTH:
      return { kind: 'ignore' };
    default:
      throw new FrameError(`unknown y-websocket message type ${type}`);
  }
}

function yMessage(type: number, write: (enc: encoding.Encoder) => void): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, type);
  write(enc);
  return encoding.toUint8Array(enc);
}

const ySync = (kind: number, payload: Uint8Array) =>
  yMessage(MESSAGE_SYNC, (enc) => encoding.writeUint8Array(enc, syncMessage(kind, payload)));
const yAwareness = (update: Uint8Array) => yMessage(MESSAGE_AWARENESS, (enc) => encoding.writeVarUint8Array(enc, update));

export class YSession extends Session implements Peer {
  private room: Room | null = null;

  constructor(
    ctx: RelayContext,
    ws: WebSocket,
    req: IncomingMessage,
    readonly docId: string,
    token: string | undefined,
  ) {
    super(ctx, ws, 'y', req);
    if (!isDocId(docId)) {
      this.fail(CloseCode.BadFrame, Reason.BadFrame, `invalid doc id ${JSON.stringify(docId.slice(0, 80))}`);
      return;
    }
    this.enqueue(() => this.start(token));
  }

  private async start(token: string | undefined): Promise<void> {
    if (!(await this.authenticate(token))) return;
    if (!this.canRead(this.docId)) return this.forbid(Reason.Forbidden, 'the doc is not readable for this user');
    const room = await this.loadRoom(this.docId);
    if (!room) return;
    // access may have changed while the doc was loading
    if (!this.canRead(this.docId)) return this.forbid(Reason.AccessRevoked, 'read access was lost');
    this.room = room;
    if (this.principal) this.ctx.access.readable(this.principal, this.docId);
    this.ctx.rooms.join(room, this);
    this.send(ySync(SYNC_STEP1, Y.encodeStateVector(room.doc)));
    const states = this.ctx.rooms.awarenessSnapshot(room);
    if (states) this.send(yAwareness(states));
  }

  protected receive(data: Uint8Array, isBinary: boolean): void {
    if (!isBinary) throw new FrameError('text message on /y');
    const message = parseYMessage(data);
    this.enqueue(() => this.handle(message));
  }

  private handle(message: YMessage): void {
    const room = this.room;
    if (!room) return;
    const { rooms } = this.ctx;
    switch (message.kind) {
      case 'sync':
        if (message.sync === SYNC_STEP1) {
          this.send(ySync(SYNC_STEP2, Y.encodeStateAsUpdate(room.doc, message.payload)));
          return;
        }
        if (!this.canRead(this.docId)) {
          const reason = this.refused(this.docId, Reason.Forbidden, 'the doc is not readable for this user', message.payload.byteLength);
          return this.fail(CloseCode.Forbidden, reason, 'write refused');
        }
        this.commit(this.docId, message.payload, { source: this }, (reason, detail) =>
          this.fail(reason === Reason.InvalidUpdate ? CloseCode.BadFrame : CloseCode.Forbidden, reason, detail),
        );
        return;
      case 'awareness':
        if (this.principal) rooms.applyAwareness(room, message.update, this, this.principal);
        return;
      case 'query-awareness': {
        const states = rooms.awarenessSnapshot(room);
        if (states) this.send(yAwareness(states));
        return;
      }
      case 'ignore':
        return;
    }
  }

  sendAwareness(update: Uint8Array): void {
    this.send(yAwareness(update));
  }

  sendUpdate(update: Uint8Array): void {
    this.send(ySync(SYNC_UPDATE, update));
  }

  /** Closes with 4403 (the close reason is the reason code) and audits it (once per loss and device). */
  private forbid(reason: ReasonCode, message: string): void {
    this.auditRevocation(this.docId, reason);
    this.fail(CloseCode.Forbidden, reason, message);
  }

  accessChanged(docId: string, _before: DocKey | null, after: DocKey, _event: CommitEvent): void {
    if (docId !== this.docId || !this.principal || canReadDoc(this.principal, docId, after)) return;
    this.forbid(Reason.AccessRevoked, 'read access was lost');
  }

  orgChanged(): void {
    this.refreshPrincipal();
    if (this.principal && !this.canRead(this.docId)) this.forbid(Reason.AccessRevoked, 'read access was lost');
  }

  protected onClose(): void {
    if (this.room) this.ctx.rooms.leave(this.room, this);
  }
}
