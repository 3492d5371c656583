/**
 * What /sync and /y sockets have in common: an 'error' handler, messages handled one after another in
 * arrival order, and a bad message closing only this socket (4400) with a logged warning.
 */
import { CloseCode, FrameError, Reason } from '@bangqi/shared';
import type { IncomingMessage } from 'node:http';
import WebSocket, { type RawData } from 'ws';
import type { RelayContext } from './context.ts';
import type { CommitOrigin, Room } from './rooms.ts';

/** A failure on the relay's side (store, load), as opposed to a bad message from the client. */
export class ServerFault extends Error {
  override name = 'ServerFault';
}

export function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export abstract class Session {
  protected closed = false;
  private cleanedUp = false;
  private chain: Promise<void> = Promise.resolve();
  protected readonly remote: string;

  constructor(
    protected readonly ctx: RelayContext,
    readonly ws: WebSocket,
    readonly endpoint: 'sync' | 'y',
    req: IncomingMessage,
  ) {
    this.remote = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    ws.on('error', (err: Error & { code?: string }) =>
      ctx.log.warn({ endpoint, remote: this.remote, code: err.code, reason: err.message }, 'socket error'),
    );
    ws.on('close', (code) => {
      this.closed = true;
      ctx.log.debug({ endpoint, remote: this.remote, code }, 'socket closed');
      this.cleanup();
    });
    ws.on('message', (data, isBinary) => {
      if (this.closed) return;
      try {
        this.receive(toBytes(data), isBinary);
      } catch (err) {
        this.failWith(err);
      }
    });
  }

  /** Decodes a message synchronously (throw to reject it) and enqueues its handling. */
  protected abstract receive(data: Uint8Array, isBinary: boolean): void;
  protected abstract onClose(): void;
  /** Last words before the socket is closed (the /sync endpoint sends an error control message). */
  protected farewell(_reason: string, _message: string): void {}

  /** Runs `task` after everything enqueued before it; a throw closes the socket. */
  protected enqueue(task: () => unknown): void {
    this.chain = this.chain.then(async () => {
      if (this.closed) return;
      try {
        await task();
      } catch (err) {
        this.failWith(err);
      }
    });
  }

  /** Loads the doc (a store failure is a ServerFault); null when this socket closed meanwhile. */
  protected async loadRoom(docId: string): Promise<Room | null> {
    let room: Room;
    try {
      room = await this.ctx.rooms.get(docId);
    } catch (err) {
      throw new ServerFault(`cannot load ${docId}: ${String(err)}`);
    }
    return this.closed ? null : room;
  }

  /**
   * Queues the update for commit now (so this socket's order is kept) without waiting for it; an invalid
   * update calls `onInvalid`, a store failure closes the socket with 1011 (the client will retry).
   */
  protected commit(docId: string, update: Uint8Array, origin: CommitOrigin, onInvalid: (message: string) => void): void {
    void this.ctx.rooms.commit(docId, update, origin).then((result) => {
      if (result.ok) return;
      if (result.reason === Reason.InvalidUpdate) onInvalid(result.message);
      else this.failWith(new ServerFault(result.message));
    });
  }

  send(data: Uint8Array | string): void {
    if (!this.closed && this.ws.readyState === WebSocket.OPEN) this.ws.send(data);
  }

  protected failWith(err: unknown): void {
    if (err instanceof ServerFault) {
      this.ctx.log.error({ endpoint: this.endpoint, remote: this.remote, err }, 'server fault');
      this.fail(CloseCode.InternalError, Reason.ServerError, err.message);
    } else {
      const message = err instanceof FrameError ? err.message : `malformed message: ${(err as Error)?.message}`;
      this.fail(CloseCode.BadFrame, Reason.BadFrame, message);
    }
  }

  /** Relay shutdown: close with 1001 (after the endpoint's farewell). */
  shutdown(): void {
    this.fail(CloseCode.GoingAway, Reason.ShuttingDown, 'relay is shutting down');
  }

  /** Closes this socket with `code`, logging why. */
  fail(code: number, reason: string, message: string): void {
    if (this.closed) return;
    const log = code === CloseCode.GoingAway ? this.ctx.log.info.bind(this.ctx.log) : this.ctx.log.warn.bind(this.ctx.log);
    log({ endpoint: this.endpoint, remote: this.remote, code, reason, detail: message }, 'closing socket');
    this.farewell(reason, message);
    this.closed = true;
    this.ws.close(code, reason);
    this.cleanup();
  }

  private cleanup(): void {
    if (this.cleanedUp) return;
    this.cleanedUp = true;
    this.onClose();
  }
}
