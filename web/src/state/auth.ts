/**
 * Who is signed in on this device, and their tokens.
 *
 * The session (user, access + refresh token, expiries) is kept in localStorage, so after ONE online
 * sign-in the app opens and works offline after a reload: the user is known, only syncing waits. The
 * access token is short-lived and refreshed (single use refresh token, rotated) when it is about to
 * expire or when the relay says 401/4401. A refresh the relay refuses (revoked, expired, password changed)
 * makes the status 'expired': the app keeps working on local data, sync stops, and the user signs in
 * again with their password — nothing local is lost or dropped.
 */
import { createSignal, type Accessor } from 'solid-js';
import { principalFor, type LoginResponse, type Org, type OrgUser, type PasswordChangeRequest, type Principal, type TokenPair } from '@bangqi/shared';
import { ApiError, apiRequest, readJson } from './api.ts';

export type AuthStatus = 'signed-in' | 'offline' | 'expired';

export interface StoredAuth extends TokenPair {
  user: OrgUser;
  /** when this device received the pair (the refresh margin is a share of the token's lifetime) */
  receivedAt?: number;
}

export interface AuthStore {
  /** this device's stable id (sent at login, in hello and kept in the audit log) */
  readonly deviceId: string;
  user: Accessor<OrgUser | null>;
  /** the signed-in user as the access rules see them, from the cached org */
  principal: Accessor<Principal | null>;
  /** 'offline': the relay could not be reached to refresh; 'expired': it refused, sign in again */
  status: Accessor<AuthStatus>;
  /** throws ApiError (bad-credentials, rate-limited with retryAfterSec, account-disabled, status 0 offline) */
  login(username: string, password: string): Promise<void>;
  /** revokes the refresh token (when online) and forgets the session; local data stays for this user */
  logout(): Promise<void>;
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  /** a valid access token (refreshed when needed); the stale one when the relay is unreachable; null when expired */
  accessToken(): Promise<string | null>;
  /** exchanges the refresh token now (after a 401/4401); true when a new access token was obtained */
  refresh(): Promise<boolean>;
  /** the org saw a change of the signed-in user (name, role, teams): keep the cached copy current */
  updateUser(user: OrgUser): void;
  /** another tab of this device signed in, out, or rotated the tokens: take the stored session */
  reload(): void;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export const SESSION_KEY = 'bangqi-session';
export const DEVICE_KEY = 'bangqi-device';
/** refresh this long before the access token expires (clock skew, a slow network)… */
const REFRESH_MARGIN_MS = 60_000;
/** …but never earlier than the last quarter of its lifetime (short-lived tokens would refresh on every use) */
const marginOf = (s: StoredAuth) => Math.min(REFRESH_MARGIN_MS, Math.max(0, (s.accessExpiresAt - (s.receivedAt ?? s.accessExpiresAt)) / 4));

function readStored(storage: KeyValueStorage): StoredAuth | null {
  try {
    const raw = storage.getItem(SESSION_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as StoredAuth;
    return value?.user?.id && typeof value.refreshToken === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** The device id, created on first use (kept across sign-ins: it names the device, not the user). */
export function deviceIdOf(storage: KeyValueStorage): string {
  let id = storage.getItem(DEVICE_KEY);
  if (!id) {
    id = `dev-${globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
    storage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export interface AuthOptions {
  storage: KeyValueStorage;
  /** the cached org of the signed-in user (principal), read lazily */
  org: () => Org | null;
  fetch?: typeof fetch;
  now?: () => number;
}

export function createAuthStore(opts: AuthOptions): AuthStore {
  const { storage } = opts;
  const now = opts.now ?? Date.now;
  const deviceId = deviceIdOf(storage);
  let stored = readStored(storage);
  const [user, setUser] = createSignal<OrgUser | null>(stored?.user ?? null);
  const [status, setStatus] = createSignal<AuthStatus>('signed-in');
  let refreshing: Promise<boolean> | null = null;

  const save = (next: StoredAuth | null) => {
    stored = next;
    try {
      if (next) storage.setItem(SESSION_KEY, JSON.stringify(next));
      else storage.removeItem(SESSION_KEY);
    } catch {
      /* storage full or disabled: the session lives in memory until the tab closes */
    }
    setUser(next?.user ?? null);
  };

  const adopt = (user: OrgUser, pair: TokenPair) => {
    save({
      user,
      accessToken: pair.accessToken,
      accessExpiresAt: pair.accessExpiresAt,
      refreshToken: pair.refreshToken,
      refreshExpiresAt: pair.refreshExpiresAt,
      receivedAt: now(),
    });
    setStatus('signed-in');
  };

  const doRefresh = async (): Promise<boolean> => {
    const current = stored;
    if (!current) return false;
    if (current.refreshExpiresAt <= now()) {
      setStatus('expired');
      return false;
    }
    try {
      const res = await apiRequest('POST', '/api/auth/refresh', { body: { refreshToken: current.refreshToken }, fetch: opts.fetch });
      const pair = await readJson<TokenPair & { user?: OrgUser }>(res);
      if (stored?.user.id !== current.user.id) return false; // signed out meanwhile
      adopt(pair.user ?? current.user, pair);
      return true;
    } catch (err) {
      // Another tab of this device may have rotated the token first: take its pair.
      const latest = readStored(storage);
      if (latest && latest.user.id === current.user.id && latest.refreshToken !== current.refreshToken) {
        stored = latest;
        setStatus('signed-in');
        return latest.accessExpiresAt > now();
      }
      if (err instanceof ApiError && (err.offline || err.status >= 500)) setStatus('offline');
      else setStatus('expired');
      return false;
    }
  };

  const refresh = (): Promise<boolean> => {
    refreshing ??= doRefresh().finally(() => (refreshing = null));
    return refreshing;
  };

  const authedPost = async (path: string, body: unknown): Promise<Response> => {
    const token = await accessToken();
    try {
      return await apiRequest('POST', path, { body, token, fetch: opts.fetch });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || !(await refresh())) throw err;
      return apiRequest('POST', path, { body, token: stored?.accessToken, fetch: opts.fetch });
    }
  };

  async function accessToken(): Promise<string | null> {
    if (!stored) return null;
    if (stored.accessExpiresAt - marginOf(stored) > now()) return stored.accessToken;
    if (await refresh()) return stored?.accessToken ?? null;
    // Unreachable relay: hand out what we have (a connect fails anyway; a 4401 later refreshes again).
    return status() === 'offline' ? (stored?.accessToken ?? null) : null;
  }

  return {
    deviceId,
    user,
    status,
    principal: () => {
      const u = user();
      if (!u) return null;
      const org = opts.org();
      if (org?.users.some((x) => x.id === u.id)) return principalFor(org, u.id, deviceId);
      return principalFor({ users: [u], teams: org?.teams ?? [] }, u.id, deviceId);
    },
    async login(username, password) {
      const res = await apiRequest('POST', '/api/auth/login', {
        body: { username: username.trim().toLowerCase(), password, deviceId },
        fetch: opts.fetch,
      });
      const body = await readJson<LoginResponse>(res);
      adopt(body.user, body);
    },
    async logout() {
      const current = stored;
      save(null);
      setStatus('signed-in');
      if (!current) return;
      // Best effort: offline, the refresh token simply expires on the relay.
      await apiRequest('POST', '/api/auth/logout', { body: { refreshToken: current.refreshToken }, token: current.accessToken, fetch: opts.fetch }).catch(() => {});
    },
    async changePassword(oldPassword, newPassword) {
      const body: PasswordChangeRequest = { oldPassword, newPassword };
      const res = await authedPost('/api/auth/password', body);
      // The relay may rotate our tokens with the change (the others are revoked).
      const pair = await readJson<Partial<TokenPair> | undefined>(res);
      if (stored && pair?.accessToken && pair.refreshToken) adopt(stored.user, pair as TokenPair);
    },
    accessToken,
    refresh,
    reload() {
      const latest = readStored(storage);
      stored = latest;
      if (latest?.user.id !== user()?.id) setUser(latest?.user ?? null);
      if (latest && latest.accessExpiresAt > now()) setStatus('signed-in');
    },
    updateUser(next) {
      if (stored && stored.user.id === next.id && JSON.stringify(stored.user) !== JSON.stringify(next)) save({ ...stored, user: next });
    },
  };
}
