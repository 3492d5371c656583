/**
 * The HTTP API against a real relay (in-process, port 0, temp DATA_DIR, demo accounts only): sign-in,
 * tokens, rate limits, admin changes and the audit log. TRUST_PROXY lets each test pose as its own client
 * address (X-Forwarded-For), so the per-IP limits of one test do not leak into another.
 */
import { type AuditEntry, type AuditPage, DEMO_PASSWORD, type LoginResponse, type Org, type OrgUser, type Team } from '@bangqi/shared';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChainSegment } from '../src/accounts/audit-chain.ts';
import { REFRESH_REUSE_GRACE_MS } from '../src/accounts/service.ts';
import { type Relay, startRelay } from '../src/server.ts';
import { removeTempDirs, tempDataDir } from './helpers.ts';

interface Reply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

let nextIp = 1;
/** A client address nobody else in this file uses. */
const freshIp = () => `10.0.${Math.floor(nextIp / 250)}.${(nextIp++ % 250) + 1}`;

function client(relay: Relay) {
  const base = `http://127.0.0.1:${relay.port}`;
  async function call<T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { body?: unknown; token?: string; ip?: string; raw?: string; contentType?: string } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { 'X-Forwarded-For': options.ip ?? freshIp() };
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const payload = options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
    if (payload !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
    const res = await fetch(base + path, { method, headers, ...(payload !== undefined ? { body: payload } : {}) });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // CSV and other non-JSON bodies are read from `text`
    }
    return { status: res.status, headers: res.headers, body: body as T, text };
  }
  async function login(username: string, password = DEMO_PASSWORD, ip?: string): Promise<LoginResponse> {
    const res = await call<LoginResponse>('POST', '/api/auth/login', { body: { username, password, deviceId: 'dev-test' }, ip });
    expect(res.status, `login ${username}: ${res.text}`).toBe(200);
    return res.body;
  }
  return { call, login };
}

const quiet = pino({ level: 'silent' });
const start = (overrides: Parameters<typeof startRelay>[0] = {}) =>
  startRelay({ port: 0, host: '127.0.0.1', dataDir: tempDataDir(), seedDemo: 'users', trustProxy: true, logger: quiet, ...overrides });

let relay: Relay;
let api: ReturnType<typeof client>;
let admin: LoginResponse;

beforeAll(async () => {
  relay = await start();
  api = client(relay);
  admin = await api.login('admin');
});
afterAll(async () => {
  await relay?.close();
  removeTempDirs();
});

/** Every audit entry, oldest first (paging through GET /api/audit). */
async function wholeAuditLog(): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let before: number | null = null;
  do {
    const page: Reply<AuditPage> = await api.call<AuditPage>('GET', `/api/audit?limit=1000${before ? `&before=${before}` : ''}`, { token: admin.accessToken });
    expect(page.status).toBe(200);
    all.push(...page.body.entries);
    before = page.body.nextBefore;
  } while (before !== null);
  return all.reverse();
}

describe('sign-in', () => {
  it('signs in a demo user and returns tokens and the user, never the password hash', async () => {
    const res = await api.call<LoginResponse>('POST', '/api/auth/login', { body: { username: 'ZhangWei', password: DEMO_PASSWORD } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body.user).toMatchObject({ id: 'u-zhangwei', username: 'zhangwei', role: 'commissioner', teamIds: ['t-equip'], disabled: false });
    expect(res.text).not.toContain('passwordHash');
    expect(res.text).not.toContain('$argon2');
    expect(res.body.accessExpiresAt).toBeGreaterThan(Date.now() + 800_000);
    expect(res.body.refreshExpiresAt).toBeGreaterThan(Date.now() + 29 * 24 * 3600_000);
    const me = await api.call<OrgUser>('GET', '/api/me', { token: res.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.id).toBe('u-zhangwei');
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const wrong = await api.call('POST', '/api/auth/login', { body: { username: 'lina', password: 'wrong-password' } });
    const unknown = await api.call('POST', '/api/auth/login', { body: { username: 'nobody', password: 'wrong-password' } });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ reason: 'bad-credentials', message: 'wrong username or password' });
    expect(unknown.body).toEqual(wrong.body);
  });

  it('refuses malformed requests with the field named', async () => {
    const noPassword = await api.call('POST', '/api/auth/login', { body: { username: 'lina' } });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body).toMatchObject({ reason: 'invalid-request', message: expect.stringContaining('password') });
    const notJson = await api.call('POST', '/api/auth/login', { raw: '{"username":', contentType: 'application/json' });
    expect(notJson.body).toMatchObject({ reason: 'invalid-request' });
    // a cross-site form can only post text/plain, urlencoded or multipart
    const form = await api.call('POST', '/api/auth/login', { raw: JSON.stringify({ username: 'lina', password: DEMO_PASSWORD }), contentType: 'text/plain' });
    expect(form.status).toBe(400);
    expect(form.body.message).toContain('Content-Type');
    const huge = await api.call('POST', '/api/auth/login', { body: { username: 'lina', password: 'x'.repeat(70_000) } });
    expect(huge.status).toBe(413);
    const unknownRoute = await api.call('GET', '/api/nothing-here');
    expect(unknownRoute.status).toBe(404);
    expect(unknownRoute.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a missing, forged, alg-none or garbage access token', async () => {
    expect((await api.call('GET', '/api/me')).status).toBe(401);
    const forged = await new SignJWT({ dev: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-admin')
      .setIssuer('bangqi-relay')
      .setAudience('bangqi')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-relay-secret'));
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const algNone = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'u-admin', iss: 'bangqi-relay', aud: 'bangqi', exp: Math.floor(Date.now() / 1000) + 3600 })}.`;
    // the admin's real token with its payload swapped for another user's: the signature no longer fits
    const [header, , signature] = admin.accessToken.split('.');
    const tampered = `${header}.${b64({ sub: 'u-liuyang', iss: 'bangqi-relay', aud: 'bangqi', exp: Math.floor(Date.now() / 1000) + 3600 })}.${signature}`;
    for (const token of [forged, algNone, tampered, 'garbage']) {
      const res = await api.call('GET', '/api/me', { token });
      expect(res.status, token).toBe(401);
      expect(res.body).toEqual({ reason: 'unauthenticated', message: 'access token invalid' });
    }
  });

  it('refuses an expired access token', async () => {
    const shortLived = await start({ accessTtlSec: 1 });
    try {
      const own = client(shortLived);
      const { accessToken } = await own.login('liuyang');
      expect((await own.call('GET', '/api/me', { token: accessToken })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 2_100));
      const res = await own.call('GET', '/api/me', { token: accessToken });
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('access token expired');
    } finally {
      await shortLived.close();
    }
  });
});

describe('refresh tokens', () => {
  it('rotates: each refresh token works once (a second use at the same moment, as from a second tab, only fails)', async () => {
    const first = await api.login('chenjing');
    const second = await api.call<LoginResponse>('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.user.id).toBe('u-chenjing');
    expect((await api.call('GET', '/api/me', { token: second.body.accessToken })).status).toBe(200);
    const reuse = await api.call('POST', '/api/auth/refresh', { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.reason).toBe('unauthenticated');
    const third = await api.call<LoginResponse>('POST', '/api/auth/refresh', { body: { refreshToken: second.body.refreshToken } });
    expect(third.status).toBe(200);
  });

  it('reuse detection: a used refresh token presented again revokes every token rotated from the same sign-in, and is audited', async () => {
    const stolen = await api.login('zhaomin');
    const otherDevice = await api.login('zhaomin');
    // the thief rotates first; later the device presents the same (now used) token
    const thief = await api.call<LoginResponse>('POST', '/api/auth/refresh', { body: { refreshToken: stolen.refreshToken } });
    expect(thief.status).toBe(200);
    await new Promise((r) => setTimeout(r, REFRESH_REUSE_GRACE_MS + 100));
    const replay = await api.call('POST', '/api/auth/refresh', { body: { refreshToken: stolen.refreshToken }, ip: '10.9.9.9' });
    expect(replay.status).toBe(401);
    // whoever rotated first is cut off; the user's other sign-in is not
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: thief.body.refreshToken } })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: otherDevice.refreshToken } })).status).toBe(200);
    const reuse = (await wholeAuditLog()).filter((e) => e.action === 'refresh' && e.actor === 'u-zhaomin' && e.detail.reuse);
    expect(reuse).toEqual([expect.objectContaining({ deviceId: 'dev-test', detail: { ip: '10.9.9.9', reuse: true, familyRevoked: true } })]);
  });

  it('logout revokes the refresh token', async () => {
    const session = await api.login('wangqiang');
    const out = await api.call('POST', '/api/auth/logout', { body: { refreshToken: session.refreshToken } });
    expect(out.status).toBe(204);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
  });
});

describe('password change', () => {
  it('needs the old password, applies the rules, and ends every other session', async () => {
    const elsewhere = await api.login('sunlei');
    const here = await api.login('sunlei');
    const wrongOld = await api.call('POST', '/api/auth/password', { token: here.accessToken, body: { oldPassword: 'not-it-at-all', newPassword: 'new-secret-1' } });
    expect(wrongOld.status).toBe(400);
    expect(wrongOld.body.reason).toBe('bad-credentials');
    const short = await api.call('POST', '/api/auth/password', { token: here.accessToken, body: { oldPassword: DEMO_PASSWORD, newPassword: 'short' } });
    expect(short.status).toBe(400);
    expect(short.body).toEqual({ reason: 'invalid-request', message: 'newPassword must be at least 8 characters' });
    const digits = await api.call('POST', '/api/auth/password', { token: here.accessToken, body: { oldPassword: DEMO_PASSWORD, newPassword: '1234567890' } });
    expect(digits.body.message).toBe('newPassword must not be all digits');
    expect((await api.call('POST', '/api/auth/password', { body: { oldPassword: DEMO_PASSWORD, newPassword: 'new-secret-1' } })).status).toBe(401);

    const changed = await api.call<LoginResponse>('POST', '/api/auth/password', { token: here.accessToken, body: { oldPassword: DEMO_PASSWORD, newPassword: 'new-secret-1' } });
    expect(changed.status).toBe(200);
    expect((await api.call('GET', '/api/me', { token: changed.body.accessToken })).status).toBe(200);
    // the access tokens issued before, on this device and elsewhere, stop working at once
    for (const old of [elsewhere.accessToken, here.accessToken]) {
      const me = await api.call('GET', '/api/me', { token: old });
      expect(me.status).toBe(401);
      expect(me.body).toEqual({ reason: 'unauthenticated', message: 'access token revoked' });
    }
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: elsewhere.refreshToken } })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: here.refreshToken } })).status).toBe(401);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: changed.body.refreshToken } })).status).toBe(200);
    expect((await api.call('POST', '/api/auth/login', { body: { username: 'sunlei', password: DEMO_PASSWORD } })).status).toBe(401);
    await api.login('sunlei', 'new-secret-1');
  });
});

describe('rate limits', () => {
  it('locks a username after 5 failures: 20 wrong passwords end in 429, and so does the right one', async () => {
    const statuses: number[] = [];
    let last: Reply | null = null;
    for (let i = 0; i < 20; i++) {
      last = await api.call('POST', '/api/auth/login', { body: { username: 'zhaomin', password: `wrong-${i}-password` } });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual(Array(15).fill(429));
    expect(last!.body).toMatchObject({ reason: 'rate-limited' });
    const retryAfter = Number(last!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(last!.body.retryAfterSec).toBe(retryAfter);
    // from yet another address too: the lock is on the username
    const right = await api.call('POST', '/api/auth/login', { body: { username: 'zhaomin', password: DEMO_PASSWORD } });
    expect(right.status).toBe(429);
  });

  it('limits failures per address across usernames', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++) {
      const res = await api.call('POST', '/api/auth/login', { ip, body: { username: `guess${i}`, password: 'wrong-password' } });
      expect(res.status).toBe(401);
    }
    const next = await api.call('POST', '/api/auth/login', { ip, body: { username: 'liuyang', password: DEMO_PASSWORD } });
    expect(next.status).toBe(429);
    expect(Number(next.headers.get('retry-after'))).toBeGreaterThan(0);
    // the same account from another address is fine
    await api.login('liuyang');
  });
});

describe('admin', () => {
  const teamLeadInput = { username: 'zhouqi', name: '周琦', role: 'team-lead', phone: '13800000001', password: 'lead-secret-1' };

  it('is for admins only', async () => {
    const commissioner = await api.login('zhangwei');
    for (const [method, path] of [['GET', '/api/admin/users'], ['GET', '/api/admin/teams'], ['GET', '/api/audit'], ['GET', '/api/audit/export']] as const) {
      expect((await api.call(method, path, { token: commissioner.accessToken })).status, path).toBe(403);
      expect((await api.call(method, path)).status, path).toBe(401);
    }
    const create = await api.call('POST', '/api/admin/users', { token: commissioner.accessToken, body: teamLeadInput });
    expect(create.status).toBe(403);
    expect(create.body.reason).toBe('forbidden');
  });

  it('creates and updates users, validating every field', async () => {
    const token = admin.accessToken;
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await api.call('POST', '/api/admin/users', { token, body: { ...teamLeadInput, ...body } });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.reason).toBe('invalid-request');
      expect(res.body.message).toContain(field);
    };
    await bad({ role: 'boss' }, 'role');
    await bad({ phone: '12345' }, 'phone');
    await bad({ teamIds: ['t-nope'] }, 'teamIds');
    await bad({ teamIds: 't-equip' }, 'teamIds');
    await bad({ password: 'short' }, 'password');
    await bad({ username: 'Has Space' }, 'username');
    await bad({ name: '' }, 'name');
    await bad({ name: '名'.repeat(41) }, 'name');
    await bad({ role: 'handler' }, 'department');

    const created = await api.call<OrgUser>('POST', '/api/admin/users', { token, body: teamLeadInput });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: 'zhouqi', role: 'team-lead', phone: '13800000001', teamIds: [], disabled: false });
    const taken = await api.call('POST', '/api/admin/users', { token, body: teamLeadInput });
    expect(taken.status).toBe(409);
    expect(taken.body.reason).toBe('conflict');
    await api.login('zhouqi', 'lead-secret-1');

    const updated = await api.call<OrgUser>('PATCH', `/api/admin/users/${created.body.id}`, { token, body: { teamIds: ['t-chengguan'], name: '周琦琦' } });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ name: '周琦琦', teamIds: ['t-chengguan'] });
    expect((await api.call('PATCH', '/api/admin/users/u-nobody', { token, body: { name: 'x' } })).status).toBe(404);
    expect((await api.call('PATCH', `/api/admin/users/${created.body.id}`, { token, body: { username: 'other' } })).status).toBe(400);

    // phones only for admins
    const adminOrg = await api.call<Org>('GET', '/api/org', { token });
    expect(adminOrg.body.users.find((u) => u.id === created.body.id)?.phone).toBe('13800000001');
    const lead = await api.login('wangqiang');
    const leadOrg = await api.call<Org>('GET', '/api/org', { token: lead.accessToken });
    expect(leadOrg.status).toBe(200);
    expect(leadOrg.text).not.toContain('13800000001');
    expect(leadOrg.body.version).toBe(adminOrg.body.version);
  });

  it('disabling a user refuses their sign-in, their tokens and their refresh tokens; enabling restores sign-in', async () => {
    const token = admin.accessToken;
    const lina = await api.login('lina');
    const off = await api.call<OrgUser>('PATCH', '/api/admin/users/u-lina', { token, body: { disabled: true } });
    expect(off.body.disabled).toBe(true);
    const login = await api.call('POST', '/api/auth/login', { body: { username: 'lina', password: DEMO_PASSWORD } });
    expect(login.status).toBe(403);
    expect(login.body.reason).toBe('account-disabled');
    const me = await api.call('GET', '/api/me', { token: lina.accessToken });
    expect(me.status).toBe(403);
    expect(me.body.reason).toBe('account-disabled');
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: lina.refreshToken } })).status).toBe(401);
    await api.call('PATCH', '/api/admin/users/u-lina', { token, body: { disabled: false } });
    await api.login('lina');
  });

  it('a password reset ends the user\'s sessions', async () => {
    const session = await api.login('chenjing');
    const reset = await api.call('PATCH', '/api/admin/users/u-chenjing', { token: admin.accessToken, body: { password: 'reset-secret-1' } });
    expect(reset.status).toBe(200);
    expect((await api.call('POST', '/api/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    expect((await api.call('GET', '/api/me', { token: session.accessToken })).status).toBe(401);
    await api.login('chenjing', 'reset-secret-1');
  });

  it('keeps at least one active admin', async () => {
    const res = await api.call('PATCH', '/api/admin/users/u-admin', { token: admin.accessToken, body: { disabled: true } });
    expect(res.status).toBe(409);
    expect((await api.call('PATCH', '/api/admin/users/u-admin', { token: admin.accessToken, body: { role: 'coordinator' } })).status).toBe(409);
  });

  it('creates and updates teams; a lead must be an active team lead and joins the team', async () => {
    const token = admin.accessToken;
    const users = await api.call<OrgUser[]>('GET', '/api/admin/users', { token });
    const zhouqi = users.body.find((u) => u.username === 'zhouqi')!;
    const notLead = await api.call('POST', '/api/admin/teams', { token, body: { name: '新材料专项服务队', kind: 'industry', scope: '新材料', leadId: 'u-zhangwei' } });
    expect(notLead.status).toBe(400);
    expect(notLead.body.message).toContain('leadId');
    const badKind = await api.call('POST', '/api/admin/teams', { token, body: { name: '新材料专项服务队', kind: 'club', scope: '新材料', leadId: null } });
    expect(badKind.body.message).toContain('kind');
    const dup = await api.call('POST', '/api/admin/teams', { token, body: { name: '城关街道服务队', kind: 'town', scope: '城关街道', leadId: null } });
    expect(dup.status).toBe(409);

    const team = await api.call<Team>('POST', '/api/admin/teams', { token, body: { name: '新材料专项服务队', kind: 'industry', scope: '新材料', leadId: zhouqi.id } });
    expect(team.status).toBe(201);
    expect(team.body).toMatchObject({ name: '新材料专项服务队', leadId: zhouqi.id });
    const me = await api.login('zhouqi', 'lead-secret-1');
    expect(me.user.teamIds).toContain(team.body.id);

    const renamed = await api.call<Team>('PATCH', `/api/admin/teams/${team.body.id}`, { token, body: { name: '新材料服务队', leadId: null } });
    expect(renamed.body).toMatchObject({ id: team.body.id, name: '新材料服务队', leadId: null, scope: '新材料' });
    expect((await api.call('PATCH', '/api/admin/teams/t-nope', { token, body: { name: 'x' } })).status).toBe(404);
    const teams = await api.call<Team[]>('GET', '/api/admin/teams', { token });
    expect(teams.body.map((t) => t.id)).toEqual(expect.arrayContaining(['t-equip', 't-chengguan', team.body.id]));
  });

  it('a lead who stops being a team lead leaves their teams without a lead', async () => {
    const token = admin.accessToken;
    await api.call('PATCH', '/api/admin/users/u-wangqiang', { token, body: { role: 'commissioner' } });
    const teams = await api.call<Team[]>('GET', '/api/admin/teams', { token });
    expect(teams.body.find((t) => t.id === 't-equip')?.leadId).toBeNull();
    await api.call('PATCH', '/api/admin/users/u-wangqiang', { token, body: { role: 'team-lead' } });
    const back = await api.call<Team>('PATCH', '/api/admin/teams/t-equip', { token, body: { leadId: 'u-wangqiang' } });
    expect(back.body.leadId).toBe('u-wangqiang');
  });
});

describe('audit log', () => {
  it('records every login and failure with the address and reason, in a valid chain', async () => {
    const ip = freshIp();
    await api.login('liuyang', DEMO_PASSWORD, ip);
    await api.call('POST', '/api/auth/login', { ip, body: { username: 'liuyang', password: 'wrong-password' } });
    await api.call('POST', '/api/auth/login', { ip, body: { username: 'ghost', password: 'wrong-password' } });
    const log = await wholeAuditLog();
    expect(verifyChainSegment(log, null)).toBeNull();
    const mine = log.filter((e) => e.detail.ip === ip);
    expect(mine.map((e) => [e.action, e.actor, e.detail.why])).toEqual([
      ['login', 'u-liuyang', undefined],
      ['login-failed', 'liuyang', 'bad-password'],
      ['login-failed', 'ghost', 'unknown-user'],
    ]);
    expect(mine[0]!.deviceId).toBe('dev-test');
    // the lock of the rate-limit test is there too
    expect(log.some((e) => e.action === 'login-failed' && e.actor === 'zhaomin' && typeof e.detail.lockedForSec === 'number')).toBe(true);
    expect(log.filter((e) => e.action === 'login-failed' && e.actor === 'zhaomin' && e.detail.why === 'locked').length).toBeGreaterThanOrEqual(15);
    // admin changes
    expect(log.some((e) => e.action === 'user-created' && e.detail.username === 'zhouqi' && e.actor === 'u-admin')).toBe(true);
    expect(log.some((e) => e.action === 'user-updated' && e.detail.userId === 'u-lina' && e.detail.disabled === true)).toBe(true);
    expect(log.some((e) => e.action === 'team-created' && e.detail.name === '新材料专项服务队')).toBe(true);
    expect(log.some((e) => e.action === 'password-changed' && e.actor === 'u-sunlei')).toBe(true);
    expect(log.some((e) => e.action === 'refresh' && e.actor === 'u-chenjing')).toBe(true);
    expect(log.some((e) => e.action === 'logout' && e.actor === 'u-wangqiang')).toBe(true);
    // the phone number itself stays out of the log
    expect(JSON.stringify(log)).not.toContain('13800000001');
  });

  it('filters by actor, action, time and pages newest first', async () => {
    const token = admin.accessToken;
    const failed = await api.call<AuditPage>('GET', '/api/audit?action=login-failed&actor=zhaomin&limit=3', { token });
    expect(failed.body.entries).toHaveLength(3);
    expect(failed.body.entries.every((e) => e.action === 'login-failed' && e.actor === 'zhaomin')).toBe(true);
    const ids = failed.body.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const older = await api.call<AuditPage>('GET', `/api/audit?action=login-failed&actor=zhaomin&limit=3&before=${failed.body.nextBefore}`, { token });
    expect(Math.max(...older.body.entries.map((e) => e.id))).toBeLessThan(Math.min(...ids));
    const future = await api.call<AuditPage>('GET', `/api/audit?from=${Date.now() + 60_000}`, { token });
    expect(future.body.entries).toEqual([]);
    const badAction = await api.call('GET', '/api/audit?action=everything', { token });
    expect(badAction.status).toBe(400);
    expect(badAction.body.message).toContain('action');
    expect((await api.call('GET', '/api/audit?limit=5000', { token })).status).toBe(400);
  });

  it('exports CSV with a BOM, ISO times, names, and formula cells defused', async () => {
    await api.call('POST', '/api/auth/login', { body: { username: '=HYPERLINK("http://x")', password: 'wrong-password' } });
    const res = await fetch(`http://127.0.0.1:${relay.port}/api/audit/export?action=login-failed`, { headers: { Authorization: `Bearer ${admin.accessToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,time,actor,actorName,device,action,doc,detail,hash');
    expect(lines[1]).toMatch(/^\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z,"'=hyperlink\(""http:\/\/x""\)",,,login-failed,,"\{""ip"":""[\d.]+"",""why"":""unknown-user""\}",[0-9a-f]{64}$/);
    expect(lines.slice(1).every((l) => l.includes(',login-failed,'))).toBe(true);

    const all = await fetch(`http://127.0.0.1:${relay.port}/api/audit/export`, { headers: { Authorization: `Bearer ${admin.accessToken}` } });
    const allText = await all.text();
    expect(allText).toContain(',u-admin,系统管理员,');
    const log = await wholeAuditLog();
    expect(allText.trimEnd().split('\r\n')).toHaveLength(log.length + 1);
  });
});

describe('on PostgreSQL', () => {
  const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bangqi_api_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  afterAll(async () => {
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.end();
  });

  it('signs in, rotates refresh tokens, lets an admin create a user and keeps a valid audit chain', async () => {
    const pgRelay = await start({ storage: 'postgres', databaseUrl: DATABASE_URL, pgSchema: schema });
    try {
      const own = client(pgRelay);
      const pgAdmin = await own.login('admin');
      const renewed = await own.call<LoginResponse>('POST', '/api/auth/refresh', { body: { refreshToken: pgAdmin.refreshToken } });
      expect(renewed.status).toBe(200);
      expect((await own.call('POST', '/api/auth/refresh', { body: { refreshToken: pgAdmin.refreshToken } })).status).toBe(401);
      const token = renewed.body.accessToken;
      const created = await own.call<OrgUser>('POST', '/api/admin/users', {
        token,
        body: { username: 'pguser', name: '彭工', role: 'commissioner', teamIds: ['t-equip'], password: 'pg-secret-1' },
      });
      expect(created.status).toBe(201);
      expect((await own.call('POST', '/api/admin/users', { token, body: { username: 'pguser', name: 'x', role: 'admin', password: 'pg-secret-1' } })).status).toBe(409);
      await own.login('pguser', 'pg-secret-1');
      expect((await own.call('POST', '/api/auth/login', { body: { username: 'pguser', password: 'wrong-password' } })).status).toBe(401);
      const page = await own.call<AuditPage>('GET', '/api/audit?limit=1000', { token });
      const log = page.body.entries.reverse();
      // the second refresh is the reuse of a used token
      expect(log.map((e) => e.action)).toEqual(['login', 'refresh', 'refresh', 'user-created', 'login', 'login-failed']);
      expect(log[2]!.detail).toMatchObject({ reuse: true, familyRevoked: false });
      expect(verifyChainSegment(log, null)).toBeNull();
    } finally {
      await pgRelay.close();
    }
  });
});
