/**
 * QA5: tokens and sign-in limits against a relay started with ACCESS_TTL_SEC=2 (demo accounts).
 * Usage: QA_PORT=18746 npx tsx test/qa/tokens.ts
 */
import { SignJWT } from 'jose';
import { api, check, login, RawSync, sleep, summary, yClose } from './lib.ts';

const port = Number(process.env.QA_PORT ?? 18746);
const http = `http://127.0.0.1:${port}`;
const base = `ws://127.0.0.1:${port}`;
const PW = 'bangqi2026';
const post = async (path: string, body: unknown, token?: string) => {
  const res = await fetch(`${http}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : null };
};
async function syncClose(token: string | undefined) {
  const c = await RawSync.open(base, token, 'qa5-tok');
  const r = await Promise.race([c.closed, sleep(3000).then(() => 'still-open' as const)]);
  c.close();
  return r;
}

const admin = (await login(http, 'admin', PW)).body;
const zw = (await login(http, 'zhangwei', PW)).body;

// expired access token
const me1 = await api(http, zw.accessToken, 'GET', '/api/me');
check('fresh token works on /api/me', me1.status === 200, me1.status);
check('ACCESS_TTL_SEC=2 gives a 2 s token', Math.abs(zw.accessExpiresAt - Date.now() - 2000) < 1500, zw.accessExpiresAt - Date.now());
const open = await RawSync.open(base, zw.accessToken, 'qa5-live');
await open.caughtUp();
await sleep(3200);
const me2 = await api(http, zw.accessToken, 'GET', '/api/me');
check('expired token → 401 on /api/me', me2.status === 401, me2);
check('expired token → 4401 on /sync', JSON.stringify(await syncClose(zw.accessToken)).includes('4401'));
const y = await yClose(base, 'ent-x1', zw.accessToken);
check('expired token → 4401 on /y', y !== 'still-open' && y.code === 4401, y);
check('a /sync socket opened with a token that then expired stays open (token checked at connect)', open.closeInfo === null, open.closeInfo);
open.close();

// forged tokens
const [h, p] = zw.accessToken.split('.');
const payload = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
console.log('token claims:', Object.keys(payload).join(','));
const upgraded = Buffer.from(JSON.stringify({ ...payload, sub: 'u-admin', role: 'admin', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
const forgedPayload = `${h}.${upgraded}.${zw.accessToken.split('.')[2]}`;
const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${upgraded}.`;
const otherKey = await new SignJWT({ ...payload, exp: Math.floor(Date.now() / 1000) + 3600 }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('guess'));
for (const [what, t] of [['payload swapped', forgedPayload], ['alg none', none], ['other key', otherKey], ['garbage', 'abc.def.ghi'], ['empty', '']] as const) {
  const r = await api(http, t, 'GET', '/api/admin/users');
  check(`forged (${what}) → 401 on API`, r.status === 401, r.status);
  const s = await syncClose(t || undefined);
  check(`forged (${what}) → 4401 on /sync`, s !== 'still-open' && s.code === 4401, s);
  const yy = await yClose(base, 'ent-x1', t);
  check(`forged (${what}) → 4401 on /y`, yy !== 'still-open' && yy.code === 4401, yy);
}
// token in the query string of the API (should not be accepted) and Bearer case
const q = await fetch(`${http}/api/me?token=${admin.accessToken}`);
check('API ignores ?token= (only Authorization)', q.status === 401, q.status);

// refresh rotation and reuse
const r1 = await post('/api/auth/refresh', { refreshToken: zw.refreshToken });
check('refresh works once', r1.status === 200, r1.status);
const r2 = await post('/api/auth/refresh', { refreshToken: zw.refreshToken });
check('refresh reuse refused', r2.status === 401, r2);
const next = r1.json!.refreshToken as string;
const r3 = await post('/api/auth/refresh', { refreshToken: next });
check('after a reuse attempt, is the rotated (possibly stolen) chain revoked? (reuse detection)', r3.status === 401, `status ${r3.status} — the newer refresh token still works`);

// logout
const lw = (await login(http, 'lina', PW)).body;
const lo = await post('/api/auth/logout', { refreshToken: lw.refreshToken });
check('logout 204', lo.status === 204, lo.status);
const lr = await post('/api/auth/refresh', { refreshToken: lw.refreshToken });
check('refresh after logout refused', lr.status === 401, lr.status);
const lo2 = await post('/api/auth/logout', { refreshToken: 'not-a-token' });
check('logout with a garbage token does not 500', lo2.status < 500, lo2.status);

// password change → old refresh dead
const s1 = (await login(http, 'sunlei', PW, 'dev-a')).body;
const s2 = (await login(http, 'sunlei', PW, 'dev-b')).body;
const pc = await post('/api/auth/password', { oldPassword: PW, newPassword: 'Qa5-new-pass-2026' }, s2.accessToken);
check('password change 200', pc.status === 200, pc);
const oldR = await post('/api/auth/refresh', { refreshToken: s1.refreshToken });
check('other device refresh dead after password change', oldR.status === 401, oldR.status);
const oldLogin = await login(http, 'sunlei', PW);
check('old password refused', oldLogin.status === 401, oldLogin.status);
const newLogin = await login(http, 'sunlei', 'Qa5-new-pass-2026');
check('new password works', newLogin.status === 200, newLogin.status);

// disabled meanwhile: open socket, token, refresh
const adminNow = (await login(http, 'admin', PW)).body.accessToken; // the 2 s token of the start is gone
const cj = (await login(http, 'chenjing', PW)).body;
const cjSock = await RawSync.open(base, (await login(http, 'chenjing', PW)).body.accessToken, 'qa5-cj');
await cjSock.caughtUp();
const dis = await api(http, adminNow, 'PATCH', '/api/admin/users/u-chenjing', { disabled: true });
check('admin disables chenjing', dis.status === 200, dis.status);
const closed = await Promise.race([cjSock.closed, sleep(3000).then(() => 'still-open' as const)]);
check('disabled: open /sync closed 4401', closed !== 'still-open' && closed.code === 4401, closed);
const dm = await api(http, cj.accessToken, 'GET', '/api/me');
check('disabled: unexpired token refused on API', dm.status === 401 || dm.status === 403, dm.status);
const dr = await post('/api/auth/refresh', { refreshToken: cj.refreshToken });
check('disabled: refresh refused', dr.status >= 400, dr);
const dl = await login(http, 'chenjing', PW);
check('disabled: login refused account-disabled', dl.status === 403 && dl.body.reason === 'account-disabled', dl);
await api(http, (await login(http, 'admin', PW)).body.accessToken, 'PATCH', '/api/admin/users/u-chenjing', { disabled: false });

// rate limit: 20 wrong passwords for one user
const codes: number[] = [];
for (let i = 0; i < 20; i++) codes.push((await login(http, 'wangqiang', `wrong${i}`)).status);
check('20 wrong passwords end in 429', codes.at(-1) === 429, codes.join(','));
const locked = await login(http, 'wangqiang', PW);
check('correct password refused while locked (429 with retryAfterSec)', locked.status === 429 && typeof locked.body.retryAfterSec === 'number', locked);
const other = await login(http, 'liuyang', PW);
check('another user from the same address still signs in', other.status === 200, other.status);
// unknown user: the same answers (no enumeration through the lock)
const ucodes: number[] = [];
for (let i = 0; i < 7; i++) ucodes.push((await login(http, 'nosuchuser', `wrong${i}`)).status);
check('unknown username locks like a real one (no enumeration)', ucodes.join(',') === codes.slice(0, 7).join(','), { unknown: ucodes.join(','), real: codes.slice(0, 7).join(',') });
// per address: more failures across usernames
const acodes: number[] = [];
for (let i = 0; i < 25; i++) acodes.push((await login(http, `probe${i}`, 'x')).status);
check('per-address limit after 20 failures across usernames', acodes.includes(429), acodes.join(','));
const afterAddr = await login(http, 'zhaomin', PW);
check('per-address lock also refuses a correct password of another user from that address (office NAT lock-out)', afterAddr.status === 200, afterAddr.status);
// X-Forwarded-For is ignored without TRUST_PROXY
const xff = await fetch(`${http}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': '10.9.9.9' }, body: JSON.stringify({ username: 'probeX', password: 'x' }) });
check('X-Forwarded-For does not escape the address limit without TRUST_PROXY', xff.status === 429, xff.status);

summary();
process.exit(0);
