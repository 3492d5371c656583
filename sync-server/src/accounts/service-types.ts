/**
 * What the rest of the relay needs from accounts (implemented in ./service.ts): identify the caller of a
 * socket from its token, read the current org, hear about org changes, and write the audit log.
 */
import type { Org, Principal } from '@bangqi/shared';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountStore, AuditInput } from './types.ts';

export type AuthResult =
  | { ok: true; principal: Principal; /** epoch ms: a socket opened with it closes then */ expiresAt: number; passwordVersion: string }
  /** revoked: issued before the user's password was changed or reset */
  | { ok: false; why: 'missing' | 'expired' | 'invalid' | 'disabled' | 'revoked' };

export interface AccountsService {
  readonly store: AccountStore;
  /** Verifies an access token and resolves its user in the current org (a disabled user fails). */
  authenticate(token: string | undefined): Promise<AuthResult>;
  /** The current org, from memory (no phones). */
  org(): Org;
  /** False once the user's password changed after a token with `passwordVersion` was issued (re-checked on org changes). */
  credentialsCurrent(userId: string, passwordVersion: string): boolean;
  /** The principal of a user in the current org, or null (unknown or disabled). */
  principal(userId: string, deviceId?: string): Principal | null;
  /** Called after every committed user/team change with the org before and after it. */
  onOrgChange(listener: (before: Org, after: Org) => void): () => void;
  /** Queues an audit entry; entries are appended in batches, in call order. */
  audit(entry: AuditInput): void;
  /** Resolves once every queued audit entry is stored. */
  flushAudit(): Promise<void>;
  /** Serves `/api/*`; resolves false (without responding) for any other path. */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  close(): Promise<void>;
}
