/**
 * Accounts, org, refresh tokens, audit log and the per-user access-change log: the relay's non-CRDT
 * state, behind one small async interface (like `Persistence`) with a SQLite and a PostgreSQL adapter
 * that both pass `runAccountStoreSuite` (./store-suite.ts). Both live in the same database as the docs.
 */
import type { AuditAction, AuditEntry, AuditPage, OrgUser, Team } from '@bangqi/shared';

/** A user as stored: the org fields plus the argon2id hash (never leaves the relay). */
export interface StoredUser extends OrgUser {
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
}

export interface RefreshTokenRecord {
  /** hex SHA-256 of the opaque token (the token itself is never stored) */
  tokenHash: string;
  userId: string;
  deviceId: string;
  expiresAt: number;
  /**
   * The sign-in this token descends from by rotation (the hash of that sign-in's first token): when a
   * used token is presented again, the whole family is revoked (OAuth 2.0 Security BCP, reuse detection).
   */
  familyId: string;
}

/** A refresh token presented for use: its record, and when it was used before (null: this is its first use). */
export interface UsedRefreshToken {
  record: RefreshTokenRecord;
  usedBefore: number | null;
}

/** An audit entry before the store numbers and chains it. */
export type AuditInput = Pick<AuditEntry, 'at' | 'actor' | 'deviceId' | 'action' | 'docId' | 'detail'>;

export interface AuditFilter {
  actor?: string;
  action?: AuditAction;
  docId?: string;
  /** epoch ms, inclusive */
  from?: number;
  /** epoch ms, exclusive */
  to?: number;
  /** only entries with id < before (paging, newest first) */
  before?: number;
  /** default 100, at most 1000 */
  limit?: number;
}

/**
 * One user's read access to one doc changed at tenant seq `seq` (the commit that caused it, or the head
 * seq at the time of an org change). A reconnecting device with lastSeq <= seq gets the doc in full
 * (readable) or a Revoke frame (not readable) instead of a plain diff.
 */
export interface AccessChange {
  userId: string;
  docId: string;
  seq: number;
  readable: boolean;
}

export interface AccountStore {
  listUsers(): Promise<StoredUser[]>;
  /** by login name (case-insensitive; usernames are stored lower-case) */
  findUserByUsername(username: string): Promise<StoredUser | null>;
  /** throws AccountConflictError when the username is taken */
  createUser(user: StoredUser): Promise<void>;
  /** replaces the stored user (same id); throws AccountNotFoundError */
  updateUser(user: StoredUser): Promise<void>;

  listTeams(): Promise<Team[]>;
  /** throws AccountConflictError when the id or name is taken */
  createTeam(team: Team): Promise<void>;
  /** throws AccountNotFoundError */
  updateTeam(team: Team): Promise<void>;
  /** bumped by every user/team write; starts at 1 */
  orgVersion(): Promise<number>;

  /** stores the record, and deletes every record expired at `now` (used ones are kept until then) */
  saveRefreshToken(record: RefreshTokenRecord, now: number): Promise<void>;
  /**
   * Marks the token used at `now` (the first use only) and returns it with the time of any earlier use,
   * or null when unknown. Atomic: of two concurrent uses exactly one sees `usedBefore: null`.
   */
  useRefreshToken(tokenHash: string, now: number): Promise<UsedRefreshToken | null>;
  /** deletes every token of the family, used or not (reuse detected, logout) */
  revokeRefreshFamily(familyId: string): Promise<void>;
  /** deletes every refresh token of the user (password change/reset, disabling) except `keepHash` */
  revokeRefreshTokens(userId: string, keepHash?: string): Promise<void>;

  /** a named secret (e.g. the JWT signing key), created with `create()` the first time, stable after */
  secret(name: string, create: () => string): Promise<string>;

  /**
   * Appends entries to the hash chain in one transaction, in order: each gets the next id,
   * prevHash = the previous entry's hash, hash = auditHash(entry) (./audit-chain.ts). Safe against
   * concurrent appenders on the same database (PostgreSQL: an advisory lock).
   */
  appendAudit(entries: readonly AuditInput[]): Promise<void>;
  /** newest first, filtered */
  queryAudit(filter: AuditFilter): Promise<AuditPage>;
  /** entries with id > afterId in id order, at most `limit` (for verification and export) */
  auditRange(afterId: number, limit: number): Promise<AuditEntry[]>;

  /** upserts by (userId, docId): the latest change wins */
  recordAccessChanges(changes: readonly AccessChange[]): Promise<void>;
  /** the user's changes with seq >= `seq` */
  accessChangesSince(userId: string, seq: number): Promise<AccessChange[]>;

  close(): Promise<void>;
}

export class AccountConflictError extends Error {
  override name = 'AccountConflictError';
}
export class AccountNotFoundError extends Error {
  override name = 'AccountNotFoundError';
}
