/**
 * What /sync and /y sockets have in common: an 'error' handler, messages handled one after another in
 * arrival order, a bad message closing only this socket (4400) with a logged warning, authentication
 * (4401, also when the token expires or the password changes while the socket is open), and client
 * writes committed with the writer's principal (validated) and audited.
 */
import type { AuditAction, Principal } from '@bangqi/shared';
import { CloseCode, FrameError, Reason, type ReasonCode } from '@bangqi/shared';
import type { IncomingMessage } from 'node:http';
import WebSocket, { type RawData } from 'ws';
import type { AccessSubject } from './acl/access-control.ts';
import type { DocKey } from './acl/access-index.ts';
import type { RelayContext } from './context.ts';
import type { CommitEvent, CommitOrigin, Room } from './rooms.ts';

/** A failure on the relay's side (store, load), as opposed to a bad message from the client. */
export class ServerFault extends Error {
  override name = 'ServerFault';
}

/** setTimeout's longest delay; a later expiry is waited for in steps */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

export abstract class Session implements AccessSubject {
  protected closed = false;
  private cleanedUp = false;
  private chain: Promise<void> = Promise.resolve();
  protected readonly remote: string;
  /** who this socket acts for, once authenticated; re-read from the current org on every org change */
  protected principal: Principal | null = null;
  /** the password version named by the token (re-checked on every org change) */
  private passwordVersion = '';
  /** closes the socket when its token expires: an open socket must not outlive it */
  private expiryTimer: NodeJS.Timeout | null = null;

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
  abstract accessChanged(docId: string, before: DocKey | null, after: DocKey, event: CommitEvent): void;
  abstract orgChanged(): void;
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
   * Verifies the token (`deviceId` stands in when the token names no device). A missing, bad, expired or
   * revoked token, or a disabled account, closes the socket with 4401 and resolves null; so does the
   * token's expiry later on (the client refreshes it and reconnects).
   */
  protected async authenticate(token: string | undefined, deviceId = ''): Promise<Principal | null> {
    const result = await this.ctx.accounts.authenticate(token);
    if (this.closed) return null;
    if (!result.ok) {
      this.fail(CloseCode.Unauthenticated, Reason.Unauthenticated, `token ${result.why}`);
      return null;
    }
    const p = result.principal;
    this.principal = p.deviceId === '' ? { ...p, deviceId } : p;
    this.passwordVersion = result.passwordVersion;
    this.closeAtExpiry(result.expiresAt);
    this.ctx.access.subjects.add(this);
    return this.principal;
  }

  private closeAtExpiry(expiresAt: number): void {
    this.expiryTimer = setTimeout(() => {
      if (Date.now() < expiresAt) return this.closeAtExpiry(expiresAt);
      this.fail(CloseCode.Unauthenticated, Reason.Unauthenticated, 'token expired');
    }, Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS));
    this.expiryTimer.unref();
  }

  /**
   * The org changed: re-reads this socket's principal. Returns the one before (null when there was none);
   * a user who is gone or disabled, or whose password changed since the token was issued, is closed
   * with 4401 and `principal` becomes null.
   */
  protected refreshPrincipal(): Principal | null {
    const before = this.principal;
    if (!before) return null;
    const { accounts } = this.ctx;
    this.principal = accounts.principal(before.userId, before.deviceId);
    if (!this.principal) this.fail(CloseCode.Unauthenticated, Reason.Unauthenticated, 'the account is disabled');
    else if (!accounts.credentialsCurrent(before.userId, this.passwordVersion)) {
      this.principal = null;
      this.fail(CloseCode.Unauthenticated, Reason.Unauthenticated, 'token revoked: the password was changed');
    }
    return before;
  }

  /**
   * Audits that this device was told it may not read `docId` — once per loss of access, not again for
   * every reconnect or request of the same device until it could read the doc again.
   */
  protected auditRevocation(docId: string, reason: ReasonCode): void {
    if (this.principal && this.ctx.access.firstRevocation(this.principal, docId)) {
      this.audit('access-revoked', docId, { reason, endpoint: this.endpoint });
    }
  }

  protected canRead(docId: string): boolean {
    return this.principal !== null && this.ctx.access.canRead(this.principal, docId);
  }

  protected audit(action: AuditAction, docId: string, detail: Record<string, unknown>): void {
    const p = this.principal;
    this.ctx.accounts.audit({ at: Date.now(), actor: p?.userId ?? '', deviceId: p?.deviceId ?? '', action, docId, detail });
  }

  /** Audits a refused write and returns its reason (for the caller's refusal on the wire). */
  protected refused(docId: string, reason: ReasonCode, message: string, bytes: number): ReasonCode {
    this.audit('update-refused', docId, { reason, message, bytes });
    return reason;
  }

  /**
   * Queues the update for commit now (so this socket's order is kept) without waiting for it. It is
   * validated against the doc and this socket's principal; a stored one is audited, a refused or invalid
   * one is audited and handed to `onRefused`, a store failure closes the socket with 1011 (the client
   * will retry).
   */
  protected commit(
    docId: string,
    update: Uint8Array,
    origin: Omit<CommitOrigin, 'principal'>,
    onRefused: (reason: ReasonCode, message: string) => void,
  ): void {
    const principal = this.principal;
    if (!principal) return;
    void this.ctx.rooms.commit(docId, update, { ...origin, principal }).then((result) => {
      if (result.ok) {
        if (result.stored) this.audit('update-accepted', docId, { bytes: update.byteLength, seq: result.seq });
        return;
      }
      if (result.reason === Reason.ServerError) return this.failWith(new ServerFault(result.message));
      onRefused(this.refused(docId, result.reason, result.message, update.byteLength), result.message);
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
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.ctx.access.subjects.delete(this);
    this.onClose();
  }
}
