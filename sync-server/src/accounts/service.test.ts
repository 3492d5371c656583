import { DEMO_PASSWORD, type Org } from '@bangqi/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { seedUsersIfEmpty } from './seed-users.ts';
import { type Accounts, openAccountsService, REFRESH_REUSE_GRACE_MS } from './service.ts';
import { openSqliteAccountStore } from './sqlite-store.ts';
import { issueAccessToken } from './tokens.ts';
import type { AccountStore } from './types.ts';

const log = pino({ level: 'silent' });
const config = { jwtSecret: '', accessTtlSec: 900, refreshTtlSec: 3600, trustProxy: false };
let dir: string;
let store: AccountStore;
let accounts: Accounts;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bangqi-service-'));
  store = openSqliteAccountStore(dir);
  await seedUsersIfEmpty(store, { seedDemo: 'users', adminPassword: '' }, log);
  accounts = await openAccountsService({ store, config, log });
});
afterEach(async () => {
  await accounts.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const admin = () => accounts.principal('u-admin')!;

describe('AccountsService', () => {
  it('authenticates a token against the current org: a disabled user fails at once', async () => {
    const { accessToken, accessExpiresAt } = await accounts.login({ username: 'lina', password: DEMO_PASSWORD, deviceId: 'dev-1' }, '10.0.0.1');
    expect(await accounts.authenticate(accessToken)).toEqual({
      ok: true,
      principal: { userId: 'u-lina', name: '李娜', role: 'commissioner', teamIds: ['t-equip'], ledTeamIds: [], deviceId: 'dev-1', department: '' },
      expiresAt: Math.floor(accessExpiresAt / 1000) * 1000,
      passwordVersion: expect.stringMatching(/^[0-9a-f]{12}$/),
    });
    expect(await accounts.authenticate(undefined)).toEqual({ ok: false, why: 'missing' });
    expect(await accounts.authenticate('x.y.z')).toEqual({ ok: false, why: 'invalid' });
    await accounts.updateUser(admin(), 'u-lina', { disabled: true });
    expect(await accounts.authenticate(accessToken)).toEqual({ ok: false, why: 'disabled' });
    // a valid signature for a user who does not exist
    const secret = await store.secret('jwt', () => 'unused');
    const ghost = await issueAccessToken(secret, { userId: 'u-ghost', deviceId: '' }, 60_000);
    expect(await accounts.authenticate(ghost.token)).toEqual({ ok: false, why: 'invalid' });
  });

  it('a password change or reset voids every access token issued before; a restart does not revive them', async () => {
    const elsewhere = await accounts.login({ username: 'lina', password: DEMO_PASSWORD, deviceId: 'dev-1' }, '10.0.0.1');
    const here = await accounts.login({ username: 'lina', password: DEMO_PASSWORD, deviceId: 'dev-2' }, '10.0.0.1');
    const lina = accounts.principal('u-lina', 'dev-2')!;
    const before = await accounts.authenticate(here.accessToken);
    if (!before.ok) throw new Error('the fresh token fails');
    const changed = await accounts.changePassword(lina, DEMO_PASSWORD, 'new-secret-1', '10.0.0.1');
    expect(await accounts.authenticate(elsewhere.accessToken)).toEqual({ ok: false, why: 'revoked' });
    expect(await accounts.authenticate(here.accessToken)).toEqual({ ok: false, why: 'revoked' });
    expect(accounts.credentialsCurrent('u-lina', before.passwordVersion)).toBe(false);
    const fresh = await accounts.authenticate(changed.accessToken);
    expect(fresh.ok).toBe(true);

    await accounts.updateUser(admin(), 'u-lina', { password: 'reset-secret-1' });
    expect(await accounts.authenticate(changed.accessToken)).toEqual({ ok: false, why: 'revoked' });
    // an admin edit that leaves the password alone keeps the tokens
    const after = await accounts.login({ username: 'lina', password: 'reset-secret-1' }, '10.0.0.1');
    await accounts.updateUser(admin(), 'u-lina', { name: '李娜娜' });
    expect((await accounts.authenticate(after.accessToken)).ok).toBe(true);
    const restarted = await openAccountsService({ store, config, log });
    expect(await restarted.authenticate(changed.accessToken)).toEqual({ ok: false, why: 'revoked' });
    expect((await restarted.authenticate(after.accessToken)).ok).toBe(true);
    await restarted.close();
  });

  it('a refresh token used twice revokes its family; a second use within the grace only fails', async () => {
    const first = await accounts.login({ username: 'lina', password: DEMO_PASSWORD, deviceId: 'dev-1' }, '10.0.0.1');
    const other = await accounts.login({ username: 'lina', password: DEMO_PASSWORD, deviceId: 'dev-2' }, '10.0.0.1');
    const second = await accounts.refresh(first.refreshToken, '10.0.0.1');
    // two tabs refreshing at once: the late one fails, the family lives on
    await expect(accounts.refresh(first.refreshToken, '10.0.0.1')).rejects.toMatchObject({ status: 401 });
    const third = await accounts.refresh(second.refreshToken, '10.0.0.1');
    // a replay later than the grace: the family (third) is revoked, the other sign-in is not
    vi.useFakeTimers({ now: Date.now() + REFRESH_REUSE_GRACE_MS, toFake: ['Date'] });
    try {
      await expect(accounts.refresh(second.refreshToken, '10.0.0.9')).rejects.toMatchObject({ status: 401 });
      await expect(accounts.refresh(third.refreshToken, '10.0.0.1')).rejects.toMatchObject({ status: 401 });
      expect((await accounts.refresh(other.refreshToken, '10.0.0.1')).user.id).toBe('u-lina');
    } finally {
      vi.useRealTimers();
    }
    await accounts.flushAudit();
    const refreshes = (await store.auditRange(0, 100)).filter((e) => e.action === 'refresh');
    expect(refreshes.map((e) => e.detail)).toEqual([
      { ip: '10.0.0.1' },
      { ip: '10.0.0.1', reuse: true, familyRevoked: false },
      { ip: '10.0.0.1' },
      { ip: '10.0.0.9', reuse: true, familyRevoked: true },
      { ip: '10.0.0.1' },
    ]);
    expect(refreshes[3]).toMatchObject({ actor: 'u-lina', deviceId: 'dev-1' });
  });

  it('logout revokes the whole family, including a token rotated from the one presented', async () => {
    const first = await accounts.login({ username: 'lina', password: DEMO_PASSWORD }, '10.0.0.1');
    const second = await accounts.refresh(first.refreshToken, '10.0.0.1');
    await accounts.logout(first.refreshToken, '10.0.0.1');
    await expect(accounts.refresh(second.refreshToken, '10.0.0.1')).rejects.toMatchObject({ status: 401 });
  });

  it('keeps the signing secret across restarts (tokens survive a relay restart)', async () => {
    const { accessToken } = await accounts.login({ username: 'lina', password: DEMO_PASSWORD }, '10.0.0.1');
    const again = await openAccountsService({ store, config, log });
    expect((await again.authenticate(accessToken)).ok).toBe(true);
    await again.close();
    const otherSecret = await openAccountsService({ store, config: { ...config, jwtSecret: 'from-env' }, log });
    expect(await otherSecret.authenticate(accessToken)).toEqual({ ok: false, why: 'invalid' });
    await otherSecret.close();
  });

  it('tells listeners about each org change with the org before and after', async () => {
    const seen: [Org, Org][] = [];
    const stop = accounts.onOrgChange((before, after) => seen.push([before, after]));
    const v0 = accounts.org().version;
    await accounts.updateUser(admin(), 'u-zhangwei', { teamIds: ['t-chengguan'] });
    expect(seen).toHaveLength(1);
    const [before, after] = seen[0]!;
    expect(before.version).toBe(v0);
    expect(after.version).toBeGreaterThan(v0);
    expect(before.users.find((u) => u.id === 'u-zhangwei')!.teamIds).toEqual(['t-equip']);
    expect(after.users.find((u) => u.id === 'u-zhangwei')!.teamIds).toEqual(['t-chengguan']);
    expect(accounts.org()).toBe(after);
    expect(accounts.principal('u-zhangwei')!.teamIds).toEqual(['t-chengguan']);
    stop();
    await accounts.updateUser(admin(), 'u-zhangwei', { teamIds: ['t-equip'] });
    expect(seen).toHaveLength(1);
  });

  it('keeps phones out of org() and in the admin view', async () => {
    await accounts.updateUser(admin(), 'u-sunlei', { phone: '13912345678' });
    expect(JSON.stringify(accounts.org())).not.toContain('13912345678');
    expect(accounts.orgFor(admin()).users.find((u) => u.id === 'u-sunlei')!.phone).toBe('13912345678');
    expect(JSON.stringify(accounts.orgFor(accounts.principal('u-liuyang')!))).not.toContain('13912345678');
  });

  it('appends queued audit entries in call order; flushAudit and close wait for them', async () => {
    for (let i = 0; i < 5; i++) accounts.audit({ at: i, actor: 'u-admin', deviceId: '', action: 'update-accepted', docId: `ent-${i}`, detail: { i } });
    await accounts.flushAudit();
    const stored = await store.auditRange(0, 100);
    expect(stored.map((e) => e.docId)).toEqual(['ent-0', 'ent-1', 'ent-2', 'ent-3', 'ent-4']);
    accounts.audit({ at: 9, actor: '', deviceId: '', action: 'update-refused', docId: 'ent-last', detail: {} });
    await accounts.close();
    expect((await store.auditRange(5, 10)).map((e) => e.docId)).toEqual(['ent-last']);
  });
});
