/**
 * The relay's HTTP API (JSON), shared by the relay and the app so they cannot drift apart.
 * Every error response is `{ reason: ReasonCode, message?: string, retryAfterSec?: number }`.
 */
import type { ReasonCode } from '../errors.ts';
import type { Org, OrgUser, Role, TeamKind } from './org.ts';

/**
 * A failed API call, on both sides: the relay throws it and answers `{ reason, message, retryAfterSec }`
 * with `status`; the app turns every failed request into one.
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 (app side) when the relay could not be reached */
    readonly status: number,
    readonly reason: ReasonCode,
    message: string,
    /** with `rate-limited`: seconds until the next attempt is allowed */
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** the request never reached the relay (offline, DNS, connection refused) */
  get offline(): boolean {
    return this.status === 0;
  }
}

export interface LoginRequest {
  username: string;
  password: string;
  /** the device signing in (kept in the audit log and in the token) */
  deviceId?: string;
}

export interface TokenPair {
  /** short-lived JWT (`Authorization: Bearer`, hello.token on /sync, ?token= on /y) */
  accessToken: string;
  /** epoch ms when the access token expires */
  accessExpiresAt: number;
  /** opaque, single use: exchanging it returns a new pair */
  refreshToken: string;
  refreshExpiresAt: number;
}

export interface LoginResponse extends TokenPair {
  user: OrgUser;
}

/** POST /api/auth/refresh */
export interface RefreshRequest {
  refreshToken: string;
}

/** POST /api/auth/logout (revokes the refresh token) */
export interface LogoutRequest {
  refreshToken: string;
}

/** POST /api/auth/password (bearer) — revokes every other refresh token of the user */
export interface PasswordChangeRequest {
  oldPassword: string;
  newPassword: string;
}

/** GET /api/org (bearer) → Org; phones only for admins */
export type OrgResponse = Org;

/** POST /api/admin/users (admin) */
export interface UserCreateRequest {
  username: string;
  name: string;
  role: Role;
  phone?: string;
  teamIds?: string[];
  department?: string;
  password: string;
}

/** PATCH /api/admin/users/:id (admin); `password` resets it (and revokes the user's refresh tokens) */
export type UserUpdateRequest = Partial<Omit<UserCreateRequest, 'username'>> & { disabled?: boolean };

/** POST /api/admin/teams, PATCH /api/admin/teams/:id (admin) */
export interface TeamWriteRequest {
  name: string;
  kind: TeamKind;
  scope: string;
  leadId: string | null;
}

/** What the audit log records. */
export const AUDIT_ACTIONS = [
  'login',
  'login-failed',
  'logout',
  'refresh',
  'password-changed',
  'update-accepted',
  'update-refused',
  'assignment-changed',
  'access-revoked',
  'user-created',
  'user-updated',
  'team-created',
  'team-updated',
  /** a directory import begun, committed or abandoned (detail.phase) */
  'directory-import',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** position in the chain, from 1 */
  id: number;
  /** epoch ms */
  at: number;
  /** user id, or the attempted username for a failed login, '' for the relay itself */
  actor: string;
  deviceId: string;
  action: AuditAction;
  docId: string;
  /** action-specific details (bytes, reason, from/to, ip …) */
  detail: Record<string, unknown>;
  /** hex SHA-256 of the previous entry ('' for the first) */
  prevHash: string;
  /** hex SHA-256 over this entry's fields and prevHash */
  hash: string;
}

/** GET /api/audit?actor=&action=&docId=&from=&to=&before=&limit= (admin) — newest first */
export interface AuditPage {
  entries: AuditEntry[];
  /** pass as `before` for the next (older) page; null at the end */
  nextBefore: number | null;
}
