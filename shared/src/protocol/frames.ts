/**
 * The /sync wire protocol, version 1 (see docs/protocol.md).
 *
 * Binary WebSocket frames carry per-document traffic: `[varUint type][varString docId][body]`.
 * Text frames carry JSON control messages (hello / welcome / caught-up / error).
 * Both sides import this one codec so the relay and the app cannot drift apart.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { isDocId } from '../ids.ts';

export const PROTOCOL_VERSION = 1;

/** Numeric frame tags. Never renumber: they are on the wire. */
export const FrameType = {
  /** y-protocols sync message (step 1, step 2 or update), both directions, for docs open on screen. */
  Sync: 0,
  /** y-protocols awareness update, both directions, only for docs the client has open. */
  Awareness: 1,
  /** client → server: one outbox entry. Body `[varUint ref][varUint8Array update]`. */
  Push: 2,
  /** server → client: the pushed update `ref` is committed as tenant sequence `seq`. */
  Ack: 3,
  /** server → client: a change-feed entry `[varUint seq][varUint8Array update][varString rowJson]`. */
  Feed: 4,
  /** server → client: the pushed update `ref` was refused, `[varUint ref][varString reason]`. */
  Refuse: 5,
  /** client → server: the client closed the doc on screen (stop awareness for it). Empty body. */
  Close: 6,
  /**
   * server → client: the user may no longer read this doc (reassignment, team or role change), `[varString
   * reason]`. The relay sends nothing more for it and refuses pushes to it; the device keeps unsent changes
   * aside for the user and drops its copy.
   */
  Revoke: 7,
} as const;

export type DocFrame =
  | { type: 'sync'; docId: string; message: Uint8Array }
  | { type: 'awareness'; docId: string; update: Uint8Array }
  | { type: 'push'; docId: string; ref: number; update: Uint8Array }
  | { type: 'ack'; docId: string; ref: number; seq: number }
  | { type: 'feed'; docId: string; seq: number; update: Uint8Array; row: string }
  | { type: 'refuse'; docId: string; ref: number; reason: string }
  | { type: 'close'; docId: string }
  | { type: 'revoke'; docId: string; reason: string };

/** Frames a client may send; the relay rejects any other type from a client. */
export type ClientDocFrame = Extract<DocFrame, { type: 'sync' | 'awareness' | 'push' | 'close' }>;
/** Frames a server may send. */
export type ServerDocFrame = Extract<DocFrame, { type: 'sync' | 'awareness' | 'ack' | 'feed' | 'refuse' | 'revoke' }>;

export class FrameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FrameError';
  }
}

/**
 * Encodes a frame. Bulky byte payloads (updates) are copied exactly once, into a buffer of the final
 * size: the catch-up of a fresh device sends tens of MB of them, and lib0's growing encoder would copy
 * each twice more.
 */
export function encodeFrame(frame: DocFrame): Uint8Array {
  const head = encoding.createEncoder();
  let payload: Uint8Array | null = null;
  let tail: encoding.Encoder | null = null;
  switch (frame.type) {
    case 'sync':
      writeHead(head, FrameType.Sync, frame.docId);
      payload = frame.message;
      break;
    case 'awareness':
      writeHead(head, FrameType.Awareness, frame.docId);
      encoding.writeVarUint(head, frame.update.byteLength);
      payload = frame.update;
      break;
    case 'push':
      writeHead(head, FrameType.Push, frame.docId);
      encoding.writeVarUint(head, frame.ref);
      encoding.writeVarUint(head, frame.update.byteLength);
      payload = frame.update;
      break;
    case 'ack':
      writeHead(head, FrameType.Ack, frame.docId);
      encoding.writeVarUint(head, frame.ref);
      encoding.writeVarUint(head, frame.seq);
      break;
    case 'feed':
      writeHead(head, FrameType.Feed, frame.docId);
      encoding.writeVarUint(head, frame.seq);
      encoding.writeVarUint(head, frame.update.byteLength);
      payload = frame.update;
      tail = encoding.createEncoder();
      encoding.writeVarString(tail, frame.row);
      break;
    case 'refuse':
      writeHead(head, FrameType.Refuse, frame.docId);
      encoding.writeVarUint(head, frame.ref);
      encoding.writeVarString(head, frame.reason);
      break;
    case 'close':
      writeHead(head, FrameType.Close, frame.docId);
      break;
    case 'revoke':
      writeHead(head, FrameType.Revoke, frame.docId);
      encoding.writeVarString(head, frame.reason);
      break;
  }
  const headBytes = encoding.toUint8Array(head);
  if (!payload) return headBytes;
  const tailBytes = tail ? encoding.toUint8Array(tail) : null;
  const out = new Uint8Array(headBytes.byteLength + payload.byteLength + (tailBytes?.byteLength ?? 0));
  out.set(headBytes, 0);
  out.set(payload, headBytes.byteLength);
  if (tailBytes) out.set(tailBytes, headBytes.byteLength + payload.byteLength);
  return out;
}

function writeHead(enc: encoding.Encoder, type: number, docId: string): void {
  encoding.writeVarUint(enc, type);
  encoding.writeVarString(enc, docId);
}

/**
 * Decodes one binary frame. Throws FrameError on anything malformed (unknown type, bad doc id,
 * truncated body, trailing bytes) so the relay can close just that socket.
 */
export function decodeFrame(data: Uint8Array): DocFrame {
  try {
    const dec = decoding.createDecoder(data);
    const type = decoding.readVarUint(dec);
    const docId = decoding.readVarString(dec);
    if (!isDocId(docId)) throw new FrameError(`invalid doc id`);
    let frame: DocFrame;
    switch (type) {
      case FrameType.Sync:
        frame = { type: 'sync', docId, message: decoding.readTailAsUint8Array(dec) };
        if (frame.message.length === 0) throw new FrameError('empty sync message');
        return frame;
      case FrameType.Awareness:
        frame = { type: 'awareness', docId, update: decoding.readVarUint8Array(dec) };
        break;
      case FrameType.Push:
        frame = { type: 'push', docId, ref: decoding.readVarUint(dec), update: decoding.readVarUint8Array(dec) };
        break;
      case FrameType.Ack:
        frame = { type: 'ack', docId, ref: decoding.readVarUint(dec), seq: decoding.readVarUint(dec) };
        break;
      case FrameType.Feed:
        frame = {
          type: 'feed',
          docId,
          seq: decoding.readVarUint(dec),
          update: decoding.readVarUint8Array(dec),
          row: decoding.readVarString(dec),
        };
        break;
      case FrameType.Refuse:
        frame = { type: 'refuse', docId, ref: decoding.readVarUint(dec), reason: decoding.readVarString(dec) };
        break;
      case FrameType.Close:
        frame = { type: 'close', docId };
        break;
      case FrameType.Revoke:
        frame = { type: 'revoke', docId, reason: decoding.readVarString(dec) };
        break;
      default:
        throw new FrameError(`unknown frame type ${type}`);
    }
    if (decoding.hasContent(dec)) throw new FrameError('trailing bytes after frame');
    return frame;
  } catch (err) {
    if (err instanceof FrameError) throw err;
    // lib0 throws plain Errors ("Unexpected end of array", "Integer out of Range") on truncated input.
    throw new FrameError(`malformed frame: ${(err as Error).message}`);
  }
}

export function isClientFrame(frame: DocFrame): frame is ClientDocFrame {
  return frame.type === 'sync' || frame.type === 'awareness' || frame.type === 'push' || frame.type === 'close';
}

/** JSON control messages, sent as WebSocket text frames. */
export type ClientControl = {
  t: 'hello';
  /** protocol version the client speaks */
  v: number;
  /** highest tenant sequence the client has stored (0 for a fresh device) */
  lastSeq: number;
  /** the server epoch the lastSeq belongs to ('' for a fresh device) */
  epoch: string;
  /** stable per-device id, for logs and (later) audit */
  deviceId: string;
  /** display name chosen on the device until accounts exist */
  user?: string;
  /** access token (required once the accounts issue lands) */
  token?: string;
};

export type ServerControl =
  | {
      t: 'welcome';
      v: number;
      /** identifies this database; a different epoch than the client's means its lastSeq is void */
      epoch: string;
      /** the tenant's head sequence at the time of the hello */
      seq: number;
      serverVersion: string;
    }
  | { t: 'caught-up'; seq: number; docs: number }
  | { t: 'error'; reason: string; message?: string };

export function parseControl<T extends { t: string }>(text: string, allowed: readonly T['t'][]): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FrameError('control message is not JSON');
  }
  if (typeof value !== 'object' || value === null || !('t' in value) || typeof value.t !== 'string') {
    throw new FrameError('control message has no type');
  }
  if (!(allowed as readonly string[]).includes(value.t)) throw new FrameError(`unexpected control message ${value.t}`);
  return value as T;
}

/** Validates a hello from an untrusted client. */
export function parseHello(text: string): Extract<ClientControl, { t: 'hello' }> {
  const msg = parseControl<ClientControl>(text, ['hello']);
  if (typeof msg.v !== 'number') throw new FrameError('hello without version');
  if (!Number.isSafeInteger(msg.lastSeq) || msg.lastSeq < 0) throw new FrameError('hello with invalid lastSeq');
  if (typeof msg.epoch !== 'string' || msg.epoch.length > 64) throw new FrameError('hello with invalid epoch');
  if (typeof msg.deviceId !== 'string' || msg.deviceId.length === 0 || msg.deviceId.length > 64) {
    throw new FrameError('hello with invalid deviceId');
  }
  if (msg.user !== undefined && (typeof msg.user !== 'string' || msg.user.length > 64)) {
    throw new FrameError('hello with invalid user');
  }
  if (msg.token !== undefined && typeof msg.token !== 'string') throw new FrameError('hello with invalid token');
  return msg;
}

/** WebSocket close codes used by the relay (4xxx are permanent for y-websocket: it stops reconnecting). */
export const CloseCode = {
  Normal: 1000,
  GoingAway: 1001,
  ProtocolError: 1002,
  TooBig: 1009,
  InternalError: 1011,
  /** a frame that does not decode, or a frame type a client may not send */
  BadFrame: 4400,
  Unauthenticated: 4401,
  Forbidden: 4403,
  /** hello missing or sent twice */
  NoHello: 4408,
  /** the client speaks a protocol version this relay does not */
  UnsupportedVersion: 4426,
} as const;
