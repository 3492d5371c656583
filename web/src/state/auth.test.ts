import { describe, expect, it } from 'vitest';
import type { LoginResponse, OrgUser } from '@bangqi/shared';
import { ApiError } from './api.ts';
import { SESSION_KEY, createAuthStore } from './auth.ts';

const USER: OrgUser = { id: 'u-zhangwei', username: 'zhangwei', name: '张伟', role: 'commissioner', teamIds: ['t-equip'], department: '', disabled: false };

function memoryStorage() {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
  };
}

type Handler = (path: string, body: Record<string, unknown>) => Response | 'offline';

function fakeFetch(handler: Handler): { fetch: typeof fetch; calls: string[] } {
  const calls: string[] = [];
  const f = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    calls.push(path);
    const out = handler(path, init?.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {});
    if (out === 'offline') throw new TypeError('Failed to fetch');
    return out;
  }) as typeof fetch;
  return { fetch: f, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let n = 0;
const pair = (now: number, accessMs = 15 * 60_000): LoginResponse => ({
  user: USER,
  accessToken: `a${++n}`,
  accessExpiresAt: now + accessMs,
  refreshToken: `r${n}`,
  refreshExpiresAt: now + 30 * 86_400_000,
});

describe('auth store', () => {
  it('signs in, keeps the session for the next start, and reads it back offline', async () => {
    const storage = memoryStorage();
    let now = 1_000_000;
    const { fetch } = fakeFetch((path, body) => {
      expect(path).toBe('/api/auth/login');
      expect(body).toMatchObject({ username: 'zhangwei', password: 'pw', deviceId: expect.stringMatching(/^dev-/) });
      return json(200, pair(now));
    });
    const auth = createAuthStore({ storage, org: () => null, fetch, now: () => now });
    expect(auth.user()).toBeNull();
    await auth.login(' ZhangWei ', 'pw');
    expect(auth.user()?.name).toBe('张伟');
    expect(JSON.parse(storage.map.get(SESSION_KEY)!).user.id).toBe('u-zhangwei');

    // Next start, no network at all: the user is known, the token still valid is handed out.
    const offline = fakeFetch(() => 'offline');
    const again = createAuthStore({ storage, org: () => null, fetch: offline.fetch, now: () => now });
    expect(again.user()?.id).toBe('u-zhangwei');
    expect(again.principal()).toMatchObject({ userId: 'u-zhangwei', role: 'commissioner', teamIds: ['t-equip'] });
    expect(await again.accessToken()).toMatch(/^a/);
    expect(offline.calls).toEqual([]);
    // Expired access token while offline: the stale one (the relay will say 4401 later), status offline.
    now += 20 * 60_000;
    const stale = await again.accessToken();
    expect(stale).toMatch(/^a/);
    expect(again.status()).toBe('offline');
  });

  it('refreshes before expiry, and a refused refresh makes the session expired (user kept)', async () => {
    const storage = memoryStorage();
    let now = 5_000_000;
    let refreshOk = true;
    const { fetch, calls } = fakeFetch((path) => {
      if (path === '/api/auth/login') return json(200, pair(now, 40_000));
      if (path === '/api/auth/refresh') return refreshOk ? json(200, pair(now)) : json(401, { reason: 'unauthenticated' });
      return json(404, {});
    });
    const auth = createAuthStore({ storage, org: () => null, fetch, now: () => now });
    await auth.login('zhangwei', 'pw');
    const first = JSON.parse(storage.map.get(SESSION_KEY)!).accessToken as string;
    now += 20_000; // half the lifetime left: still used as it is
    expect(await auth.accessToken()).toBe(first);
    now += 15_000; // in the last quarter of its lifetime: refreshed first
    const token = await auth.accessToken();
    expect(token).not.toBe(first);
    expect(calls.filter((c) => c === '/api/auth/refresh')).toHaveLength(1);
    expect(auth.status()).toBe('signed-in');

    refreshOk = false;
    expect(await auth.refresh()).toBe(false);
    expect(auth.status()).toBe('expired');
    expect(auth.user()?.id).toBe('u-zhangwei'); // still signed in locally: data stays usable
    // Two callers at once share one refresh (a refresh token is single use).
    const before = calls.length;
    await Promise.all([auth.refresh(), auth.refresh()]);
    expect(calls.length - before).toBe(1);
  });

  it('reports wrong passwords and rate limits as ApiError with the wait, and network failures as offline', async () => {
    const storage = memoryStorage();
    let mode: 'bad' | 'limited' | 'offline' = 'bad';
    const { fetch } = fakeFetch(() =>
      mode === 'offline' ? 'offline' : mode === 'bad' ? json(401, { reason: 'bad-credentials' }) : json(429, { reason: 'rate-limited', retryAfterSec: 600 }),
    );
    const auth = createAuthStore({ storage, org: () => null, fetch });
    await expect(auth.login('zhangwei', 'nope')).rejects.toMatchObject({ status: 401, reason: 'bad-credentials' });
    mode = 'limited';
    await expect(auth.login('zhangwei', 'nope')).rejects.toMatchObject({ reason: 'rate-limited', retryAfterSec: 600 });
    mode = 'offline';
    const err = await auth.login('zhangwei', 'pw').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).offline).toBe(true);
    expect(auth.user()).toBeNull();
  });

  it('logs out locally even offline, and the next user gets nothing of the first one', async () => {
    const storage = memoryStorage();
    const now = 9_000_000;
    let online = true;
    const { fetch } = fakeFetch((path) => (!online ? 'offline' : path === '/api/auth/login' ? json(200, pair(now)) : json(204, null)));
    const auth = createAuthStore({ storage, org: () => null, fetch, now: () => now });
    await auth.login('zhangwei', 'pw');
    const device = auth.deviceId;
    online = false;
    await auth.logout();
    expect(auth.user()).toBeNull();
    expect(storage.map.has(SESSION_KEY)).toBe(false);
    expect(await auth.accessToken()).toBeNull();
    expect(createAuthStore({ storage, org: () => null, fetch }).deviceId).toBe(device); // the device keeps its id
  });
});
