/**
 * The accounts service (./service-types.ts): the org cached in memory and reloaded after every write,
 * sign-in with rate limits, access and refresh tokens, admin changes to users and teams, and the audit
 * log queue. The HTTP API (../http/router.ts) is a thin layer over the methods here.
 */
import { type LoginRequest, type LoginResponse, type Org, type OrgUser, type Principal, principalFor, Reason, type Team, type TeamWriteRequest, type UserCreateRequest, type UserUpdateRequest, ApiError } from '@bangqi/shared';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RelayConfig } from '../config.ts';
import { handleApi } from '../http/router.ts';
import type { Logger } from '../log.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { DEFAULT_LOGIN_LIMITS, type LoginLimits, LoginRateLimiter } from './rate-limit.ts';
import type { AccountsService, AuthResult } from './service-types.ts';
import { hashRefreshToken, issueAccessToken, newRefreshToken, newSigningSecret, passwordVersion, verifyAccessToken } from './tokens.ts';
import { AccountConflictError, type AccountStore, type AuditInput, type StoredUser } from './types.ts';

export type AccountsConfig = Pick<RelayConfig, 'jwtSecret' | 'accessTtlSec' | 'refreshTtlSec' | 'trustProxy'>;

export interface AccountsServiceOptions {
  store: AccountStore;
  config: AccountsConfig;
  log: Logger;
  limits?: LoginLimits;
}

/** Entries queued this long at most before they are appended (a burst becomes one transaction). */
const AUDIT_BATCH_DELAY_MS = 20;

/**
 * A used refresh token presented again this soon after its first use is refused without revoking its
 * family: two tabs of one browser share the pair and refresh at the same moment (their sockets close
 * when the same access token expires); the late tab then takes the pair the first one stored. Later
 * than this, a second use means the token was copied, and the family is revoked.
 */
export const REFRESH_REUSE_GRACE_MS = 2_000;

function toOrgUser(user: StoredUser): OrgUser {
  const { passwordHash: _hash, createdAt: _created, updatedAt: _updated, phone, ...rest } = user;
  return phone ? { ...rest, phone } : rest;
}

function withoutPhone({ phone: _phone, ...user }: OrgUser): OrgUser {
  return user;
}

const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;

const unauthenticated = (message: string) => new ApiError(401, Reason.Unauthenticated, message);
const disabledAccount = () => new ApiError(403, Reason.AccountDisabled, 'the account is disabled');
const badCredentials = () => new ApiError(401, Reason.BadCredentials, 'wrong username or password');

export class Accounts implements AccountsService {
  readonly store: AccountStore;
  readonly config: AccountsConfig;
  readonly log: Logger;
  readonly limiter: LoginRateLimiter;
  private secret = '';
  /** users with phones (admin views); `current` is the same org without them */
  private users: OrgUser[] = [];
  private current: Org = { users: [], teams: [], version: 0 };
  /** userId → passwordVersion of the stored hash, checked against every access token */
  private passwordVersions = new Map<string, string>();
  private readonly listeners = new Set<(before: Org, after: Org) => void>();
  /** org writes run one at a time, so each reload and notification matches exactly one change */
  private writes: Promise<unknown> = Promise.resolve();
  private auditQueue: AuditInput[] = [];
  private auditTimer: NodeJS.Timeout | null = null;
  private auditWriting: Promise<void> = Promise.resolve();
  private closed = false;

  private constructor(options: AccountsServiceOptions) {
    this.store = options.store;
    this.config = options.config;
    this.log = options.log;
    this.limiter = new LoginRateLimiter(options.limits ?? DEFAULT_LOGIN_LIMITS);
  }

  static async open(options: AccountsServiceOptions): Promise<Accounts> {
    const service = new Accounts(options);
    service.secret = options.config.jwtSecret || (await options.store.secret('jwt', newSigningSecret));
    await service.reload();
    return service;
  }

  // ---- AccountsService ----

  async authenticate(token: string | undefined): Promise<AuthResult> {
    const verified = await verifyAccessToken(this.secret, token);
    if (!verified.ok) return verified;
    const { userId, deviceId, passwordVersion } = verified.claims;
    const principal = this.principal(userId, deviceId);
    if (!principal) return this.current.users.some((u) => u.id === userId) ? { ok: false, why: 'disabled' } : { ok: false, why: 'invalid' };
    if (!this.credentialsCurrent(userId, passwordVersion)) return { ok: false, why: 'revoked' };
    return { ok: true, principal, expiresAt: verified.expiresAt, passwordVersion };
  }

  /**
   * Every token this service issues names the password version. One without it can only come from
   * whoever holds the signing secret (test tooling, scripts), who could sign any claim anyway.
   */
  credentialsCurrent(userId: string, version: string): boolean {
    return version === '' || this.passwordVersions.get(userId) === version;
  }

  org(): Org {
    return this.current;
  }

  principal(userId: string, deviceId = ''): Principal | null {
    return principalFor(this.current, userId, deviceId);
  }

  onOrgChange(listener: (before: Org, after: Org) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  audit(entry: AuditInput): void {
    this.auditQueue.push(entry);
    this.auditTimer ??= setTimeout(() => void this.writeAudit(), AUDIT_BATCH_DELAY_MS);
  }

  async flushAudit(): Promise<void> {
    await this.writeAudit();
  }

  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    return handleApi(this, req, res);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.limiter.close();
    await this.writes.catch(() => {});
    await this.flushAudit();
  }

  // ---- sign-in and tokens ----

  /** POST /api/auth/login */
  async login({ username, password, deviceId = '' }: LoginRequest, ip: string): Promise<LoginResponse> {
    const failed = (why: string, extra: Record<string, unknown> = {}) =>
      this.audit({ at: Date.now(), actor: username, deviceId, action: 'login-failed', docId: '', detail: { ip, why, ...extra } });
    const allowed = this.limiter.attempt(username, ip);
    if (!allowed.ok) {
      if (!allowed.repeat) failed(allowed.scope === 'user' ? 'locked' : 'rate-limited', { scope: allowed.scope });
      throw new ApiError(429, Reason.RateLimited, 'too many login attempts', allowed.retryAfterSec);
    }
    const user = await this.store.findUserByUsername(username);
    if (!(await verifyPassword(user?.passwordHash ?? null, password))) {
      const locked = this.limiter.failure(username, ip);
      failed(user ? 'bad-password' : 'unknown-user', locked ? { lockedForSec: this.limiter.lockedFor(username) } : {});
      throw badCredentials();
    }
    if (user!.disabled) {
      failed('disabled');
      throw disabledAccount();
    }
    this.limiter.success(username);
    const response = await this.issue(user!, deviceId);
    this.audit({ at: Date.now(), actor: user!.id, deviceId, action: 'login', docId: '', detail: { ip } });
    return response;
  }

  /**
   * POST /api/auth/refresh: the token is used up and a new pair of the same family issued. A token used
   * before fails, and (past REFRESH_REUSE_GRACE_MS) revokes its family: whoever rotated first, the
   * device or a thief, is signed out and the user signs in again with the password.
   */
  async refresh(refreshToken: string, ip: string): Promise<LoginResponse> {
    const now = Date.now();
    const used = await this.store.useRefreshToken(hashRefreshToken(refreshToken), now);
    if (!used || used.record.expiresAt <= now) throw unauthenticated('refresh token unknown, used or expired');
    const { record, usedBefore } = used;
    if (usedBefore !== null) {
      const familyRevoked = now - usedBefore >= REFRESH_REUSE_GRACE_MS;
      if (familyRevoked) await this.store.revokeRefreshFamily(record.familyId);
      this.audit({ at: now, actor: record.userId, deviceId: record.deviceId, action: 'refresh', docId: '', detail: { ip, reuse: true, familyRevoked } });
      throw unauthenticated('refresh token unknown, used or expired');
    }
    const user = await this.storedUser(record.userId);
    if (!user) throw unauthenticated('the account no longer exists');
    if (user.disabled) throw disabledAccount();
    const response = await this.issue(user, record.deviceId, record.familyId);
    this.audit({ at: Date.now(), actor: user.id, deviceId: record.deviceId, action: 'refresh', docId: '', detail: { ip } });
    return response;
  }

  /** POST /api/auth/logout: revokes the refresh token's family (the access token runs out by itself). */
  async logout(refreshToken: string, ip: string): Promise<void> {
    const used = await this.store.useRefreshToken(hashRefreshToken(refreshToken), Date.now());
    if (!used) return;
    const { record } = used;
    await this.store.revokeRefreshFamily(record.familyId);
    this.audit({ at: Date.now(), actor: record.userId, deviceId: record.deviceId, action: 'logout', docId: '', detail: { ip } });
  }

  /**
   * POST /api/auth/password: checks the old password (failures count towards the username's lock),
   * revokes every refresh token of the user, voids every access token issued before (the password
   * version changes; the org change it is closes the user's open sockets with 4401) and returns a fresh
   * pair for the device that asked.
   */
  async changePassword(principal: Principal, oldPassword: string, newPassword: string, ip: string): Promise<LoginResponse> {
    const user = await this.storedUser(principal.userId);
    if (!user) throw unauthenticated('the account no longer exists');
    const lockedFor = this.limiter.lockedFor(user.username);
    if (lockedFor > 0) throw new ApiError(429, Reason.RateLimited, 'too many wrong passwords', lockedFor);
    if (!(await verifyPassword(user.passwordHash, oldPassword))) {
      this.limiter.failure(user.username, ip);
      this.audit({ at: Date.now(), actor: user.username, deviceId: principal.deviceId, action: 'login-failed', docId: '', detail: { ip, why: 'wrong-old-password' } });
      throw new ApiError(400, Reason.BadCredentials, 'oldPassword is wrong');
    }
    const passwordHash = await hashPassword(newPassword);
    const updated = await this.orgWrite(async () => {
      const fresh = await this.storedUser(user.id);
      if (!fresh) throw unauthenticated('the account no longer exists');
      const next = { ...fresh, passwordHash, updatedAt: Date.now() };
      await this.store.updateUser(next);
      await this.store.revokeRefreshTokens(user.id);
      return next;
    });
    this.audit({ at: Date.now(), actor: user.id, deviceId: principal.deviceId, action: 'password-changed', docId: '', detail: { userId: user.id, ip } });
    return this.issue(updated, principal.deviceId);
  }

  /** A new pair; the refresh token starts a family (sign-in, password change) or continues `familyId` (rotation). */
  private async issue(user: StoredUser, deviceId: string, familyId?: string): Promise<LoginResponse> {
    const now = Date.now();
    const claims = { userId: user.id, deviceId, passwordVersion: passwordVersion(this.secret, user.passwordHash) };
    const access = await issueAccessToken(this.secret, claims, this.config.accessTtlSec * 1000, now);
    const refreshToken = newRefreshToken();
    const refreshExpiresAt = now + this.config.refreshTtlSec * 1000;
    const tokenHash = hashRefreshToken(refreshToken);
    await this.store.saveRefreshToken({ tokenHash, userId: user.id, deviceId, expiresAt: refreshExpiresAt, familyId: familyId ?? tokenHash }, now);
    return { accessToken: access.token, accessExpiresAt: access.expiresAt, refreshToken, refreshExpiresAt, user: toOrgUser(user) };
  }

  // ---- reading the org ----

  /** The signed-in user's own record, with their phone. */
  me(principal: Principal): OrgUser {
    const user = this.users.find((u) => u.id === principal.userId);
    if (!user) throw unauthenticated('the account no longer exists');
    return user;
  }

  /** GET /api/org: staff phone numbers only for admins. */
  orgFor(principal: Principal): Org {
    return principal.role === 'admin' ? { ...this.current, users: this.users } : this.current;
  }

  listUsers(): OrgUser[] {
    return this.users;
  }

  listTeams(): Team[] {
    return this.current.teams;
  }

  /** Display name of a user id ('' when unknown, e.g. the attempted username of a failed login). */
  nameOf(userId: string): string {
    return this.current.users.find((u) => u.id === userId)?.name ?? '';
  }

  // ---- admin writes ----

  async createUser(admin: Principal, input: Required<UserCreateRequest>): Promise<OrgUser> {
    this.checkTeams(input.teamIds);
    this.checkDepartment(input.role, input.department);
    const passwordHash = await hashPassword(input.password);
    const now = Date.now();
    const user: StoredUser = {
      id: newId('u'),
      username: input.username,
      name: input.name,
      role: input.role,
      teamIds: input.teamIds,
      department: input.department,
      disabled: false,
      ...(input.phone ? { phone: input.phone } : {}),
      passwordHash,
      createdAt: now,
      updatedAt: now,
    };
    await this.orgWrite(async () => {
      try {
        await this.store.createUser(user);
      } catch (err) {
        if (err instanceof AccountConflictError) throw new ApiError(409, Reason.Conflict, `username ${input.username} is taken`);
        throw err;
      }
    });
    this.audit({
      at: now, actor: admin.userId, deviceId: admin.deviceId, action: 'user-created', docId: '',
      detail: { userId: user.id, username: user.username, role: user.role, teamIds: user.teamIds, department: user.department },
    });
    return toOrgUser(user);
  }

  async updateUser(admin: Principal, userId: string, patch: UserUpdateRequest): Promise<OrgUser> {
    if (patch.teamIds) this.checkTeams(patch.teamIds);
    const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
    const { user, clearedTeams, changed } = await this.orgWrite(async () => {
      const before = await this.storedUser(userId);
      if (!before) throw new ApiError(404, Reason.NotFound, `no user ${userId}`);
      const { password: _password, phone, ...fields } = patch;
      const next: StoredUser = { ...before, ...fields, updatedAt: Date.now() };
      if (phone !== undefined) {
        if (phone) next.phone = phone;
        else delete next.phone;
      }
      if (passwordHash) next.passwordHash = passwordHash;
      this.checkDepartment(next.role, next.department);
      this.keepAnAdmin(before, next);
      await this.store.updateUser(next);
      if (passwordHash || (next.disabled && !before.disabled)) await this.store.revokeRefreshTokens(userId);
      // a team's lead must be an active team lead of the team: otherwise the team is left without one
      const clearedTeams: string[] = [];
      for (const team of this.current.teams) {
        if (team.leadId !== userId) continue;
        if (!next.disabled && next.role === 'team-lead' && next.teamIds.includes(team.id)) continue;
        await this.store.updateTeam({ ...team, leadId: null });
        clearedTeams.push(team.id);
      }
      return { user: next, clearedTeams, changed: changes(before, next, passwordHash !== undefined) };
    });
    this.audit({ at: Date.now(), actor: admin.userId, deviceId: admin.deviceId, action: 'user-updated', docId: '', detail: { userId, ...changed } });
    for (const teamId of clearedTeams) {
      this.audit({ at: Date.now(), actor: admin.userId, deviceId: admin.deviceId, action: 'team-updated', docId: '', detail: { teamId, leadId: null, why: 'lead-left' } });
    }
    return toOrgUser(user);
  }

  async createTeam(admin: Principal, input: TeamWriteRequest): Promise<Team> {
    const team: Team = { id: newId('t'), ...input };
    await this.orgWrite(async () => {
      this.checkLead(team);
      try {
        await this.store.createTeam(team);
      } catch (err) {
        if (err instanceof AccountConflictError) throw new ApiError(409, Reason.Conflict, `team name ${team.name} is taken`);
        throw err;
      }
      await this.addLeadToTeam(team);
    });
    this.audit({ at: Date.now(), actor: admin.userId, deviceId: admin.deviceId, action: 'team-created', docId: '', detail: { ...team } });
    return team;
  }

  async updateTeam(admin: Principal, teamId: string, patch: Partial<TeamWriteRequest>): Promise<Team> {
    const team = await this.orgWrite(async () => {
      const before = this.current.teams.find((t) => t.id === teamId);
      if (!before) throw new ApiError(404, Reason.NotFound, `no team ${teamId}`);
      const next: Team = { ...before, ...patch };
      this.checkLead(next);
      try {
        await this.store.updateTeam(next);
      } catch (err) {
        if (err instanceof AccountConflictError) throw new ApiError(409, Reason.Conflict, `team name ${next.name} is taken`);
        throw err;
      }
      await this.addLeadToTeam(next);
      return next;
    });
    this.audit({ at: Date.now(), actor: admin.userId, deviceId: admin.deviceId, action: 'team-updated', docId: '', detail: { teamId, ...patch } });
    return team;
  }

  private checkTeams(teamIds: readonly string[]): void {
    for (const id of teamIds) {
      if (!this.current.teams.some((t) => t.id === id)) throw new ApiError(400, Reason.InvalidRequest, `teamIds: no team ${id}`);
    }
  }

  private checkDepartment(role: string, department: string): void {
    if (role === 'handler' && department === '') throw new ApiError(400, Reason.InvalidRequest, 'department is required for a handler');
  }

  private checkLead(team: Team): void {
    if (team.leadId === null) return;
    const lead = this.current.users.find((u) => u.id === team.leadId);
    if (!lead || lead.disabled || lead.role !== 'team-lead') throw new ApiError(400, Reason.InvalidRequest, 'leadId must be an active team-lead user');
  }

  /** Refuses to disable or demote the last active admin (nobody could manage accounts any more). */
  private keepAnAdmin(before: StoredUser, next: StoredUser): void {
    const wasAdmin = before.role === 'admin' && !before.disabled;
    const isAdmin = next.role === 'admin' && !next.disabled;
    if (!wasAdmin || isAdmin) return;
    const others = this.current.users.filter((u) => u.id !== before.id && u.role === 'admin' && !u.disabled);
    if (others.length === 0) throw new ApiError(409, Reason.Conflict, 'the last active admin cannot be disabled or demoted');
  }

  /** Setting a lead makes the team one of the lead's teams. */
  private async addLeadToTeam(team: Team): Promise<void> {
    if (team.leadId === null) return;
    const lead = await this.storedUser(team.leadId);
    if (!lead || lead.teamIds.includes(team.id)) return;
    await this.store.updateUser({ ...lead, teamIds: [...lead.teamIds, team.id], updatedAt: Date.now() });
  }

  /** Runs one org change exclusively, then reloads the org and tells the listeners. */
  private orgWrite<T>(change: () => Promise<T>): Promise<T> {
    const run = this.writes.then(async () => {
      try {
        return await change();
      } finally {
        // a change that failed halfway may still have written something: reload either way
        const before = this.current;
        await this.reload();
        if (this.current.version !== before.version) this.notify(before, this.current);
      }
    });
    this.writes = run.catch(() => {});
    return run;
  }

  private notify(before: Org, after: Org): void {
    for (const listener of this.listeners) {
      try {
        listener(before, after);
      } catch (err) {
        this.log.error({ err }, 'org change listener failed');
      }
    }
  }

  private async reload(): Promise<void> {
    const [stored, teams, version] = await Promise.all([this.store.listUsers(), this.store.listTeams(), this.store.orgVersion()]);
    this.users = stored.map(toOrgUser);
    this.passwordVersions = new Map(stored.map((u) => [u.id, passwordVersion(this.secret, u.passwordHash)]));
    this.current = { users: this.users.map(withoutPhone), teams, version };
  }

  private async storedUser(userId: string): Promise<StoredUser | null> {
    const username = this.current.users.find((u) => u.id === userId)?.username;
    if (username === undefined) return null;
    const user = await this.store.findUserByUsername(username);
    return user?.id === userId ? user : null;
  }

  // ---- audit ----

  /** Appends everything queued so far, after any append already running (entries stay in call order). */
  private writeAudit(): Promise<void> {
    if (this.auditTimer) clearTimeout(this.auditTimer);
    this.auditTimer = null;
    const batch = this.auditQueue.splice(0);
    if (batch.length === 0) return this.auditWriting;
    this.auditWriting = this.auditWriting.then(() =>
      this.store.appendAudit(batch).catch((err: unknown) => {
        // the entries go to the log at least, so an outage of the database does not erase them silently
        this.log.error({ err, entries: batch }, 'audit entries could not be stored');
      }),
    );
    return this.auditWriting;
  }
}

/** What an admin's user update changed, for the audit log (phone and password by name only: personal data). */
function changes(before: StoredUser, next: StoredUser, passwordReset: boolean): Record<string, unknown> {
  const detail: Record<string, unknown> = {};
  for (const key of ['name', 'role', 'department', 'disabled'] as const) {
    if (before[key] !== next[key]) detail[key] = next[key];
  }
  if (before.teamIds.join() !== next.teamIds.join()) detail.teamIds = next.teamIds;
  if ((before.phone ?? '') !== (next.phone ?? '')) detail.phoneChanged = true;
  if (passwordReset) detail.passwordReset = true;
  return detail;
}

export function openAccountsService(options: AccountsServiceOptions): Promise<Accounts> {
  return Accounts.open(options);
}
