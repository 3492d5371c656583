/**
 * QA5 follow-ups: forged assignment metadata as the app shows it, coordinator assignments to people who
 * do not exist, sockets of other devices after a password change / reset / role change, /api/org leaks.
 * Usage: QA_PORT=18749 npx tsx test/qa/extra.ts  (relay serving the web/.tmp/dist-qa5 build, demo district)
 */
import { assignEnterprise, generateDemoEnterprises } from '@bangqi/shared';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchPersistentDevice } from '../support/browser.ts';
import { api, capture, check, login, RawSync, sleep, summary } from './lib.ts';

const port = Number(process.env.QA_PORT ?? 18749);
const http = `http://127.0.0.1:${port}`;
const base = `ws://127.0.0.1:${port}`;
const PW = 'bangqi2026';
const demo = generateDemoEnterprises();
const tok = async (u: string, pw = PW) => (await login(http, u, pw)).body.accessToken;
const adminTok = await tok('admin');

// 1. a commissioner forges "assigned by 王强" with a date in 2030 on his own file
const zwDoc = demo.filter((e) => e.responsibleId === 'u-zhangwei')[3]!;
const zw = await RawSync.open(base, await tok('zhangwei'), 'qa5-forge');
await zw.caughtUp();
const d = zw.doc(zwDoc.id);
const forged = await zw.push(zwDoc.id, 1, capture(d, () => {
  d.getMap('assignment').set('assignedBy', 'u-wangqiang');
  d.getMap('assignment').set('assignedAt', Date.UTC(2030, 0, 1));
}));
check('commissioner forges assignedBy/assignedAt (should be refused)', 'type' in forged && forged.type === 'refuse', forged);
const shots = join(process.cwd(), '.tmp/qa5/shots');
mkdirSync(shots, { recursive: true });
const ctx = await launchPersistentDevice(mkdtempSync(join(tmpdir(), 'qa5-profile2-')), http);
const page = ctx.pages()[0] ?? (await ctx.newPage());
await page.goto('/');
await page.locator('[data-testid="login-username"]').fill('liuyang');
await page.locator('[data-testid="login-password"]').fill(PW);
await page.locator('[data-testid="login-submit"]').click();
await page.locator('[data-testid="current-user"]').waitFor();
await page.goto(`/enterprises/${zwDoc.id}`);
await page.locator('[data-testid="assignment-section"]').waitFor({ timeout: 30_000 });
await sleep(1500);
await page.locator('[data-testid="assignment-section"]').scrollIntoViewIfNeeded();
await page.screenshot({ path: join(shots, '14-forged-assigned-by.png') });
const section = (await page.locator('[data-testid="assignment-section"]').textContent()) ?? '';
check('coordinator sees the forged "2030 … 王强分配" on the file page', !section.includes('王强分配'), section.slice(0, 160));
await page.goto('/enterprises');
await sleep(1500);
const first = await page.locator('[data-testid="enterprise-row"]').first().textContent();
check('the forged 2030 assignedAt pins the file on top of the coordinator list', !(first ?? '').includes(zwDoc.name), first?.slice(0, 40));
await page.screenshot({ path: join(shots, '15-list-coordinator-after-forge.png') });
await ctx.close();

// 2. the coordinator assigns to people who do not exist / cannot hold files
const co = await RawSync.open(base, await tok('liuyang'), 'qa5-co');
await co.caughtUp();
const free = demo.filter((e) => e.teamId === '')!;
let ref = 1;
for (const [i, target] of [
  [0, { teamId: 't-equip', responsibleId: 'u-nobody' }],
  [1, { teamId: 't-nonexistent', responsibleId: '' }],
  [2, { teamId: 't-equip', responsibleId: 'u-zhaomin' }],
  [3, { teamId: 't-chengguan', responsibleId: 'u-zhangwei' }],
] as const) {
  const e = free[i]!;
  const dd = co.doc(e.id);
  const r = await co.push(e.id, ref++, capture(dd, () => assignEnterprise(dd, target, 'u-liuyang')));
  const got = 'type' in r ? (r.type === 'refuse' ? r.reason : r.type) : 'closed';
  check(`coordinator assigns to ${JSON.stringify(target)} (should be refused)`, got !== 'ack', got);
}

// 3. other devices' sockets after a password change, an admin reset and a role change
async function openFor(u: string, pw = PW) {
  const c = await RawSync.open(base, await tok(u, pw), `qa5-other-${u}`);
  await c.caughtUp();
  return c;
}
const closedSoon = async (c: RawSync) => Promise.race([c.closed.then((x) => x.code), sleep(2500).then(() => 'open')]);
{
  const other = await openFor('sunlei');
  const mine = await tok('sunlei');
  const r = await fetch(`${http}/api/auth/password`, { method: 'POST', headers: { Authorization: `Bearer ${mine}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ oldPassword: PW, newPassword: 'Qa5-changed-2026' }) });
  check('password change ok', r.status === 200, r.status);
  const st = await closedSoon(other);
  check('after a password change, another device\'s open /sync socket is closed', st !== 'open', st);
}
{
  const other = await openFor('lina');
  const r = await api(http, adminTok, 'PATCH', '/api/admin/users/u-lina', { password: 'Qa5-reset-2026x' });
  check('admin password reset ok', r.status === 200, r.status);
  const st = await closedSoon(other);
  check('after an admin password reset, the user\'s open /sync socket is closed', st !== 'open', st);
}
{
  const other = await openFor('zhangwei');
  const before = other.feeds().length;
  const r = await api(http, adminTok, 'PATCH', '/api/admin/users/u-zhangwei', { role: 'handler', teamIds: [], department: '人社局' });
  check('admin turns zhangwei into a handler', r.status === 200, r);
  await sleep(2000);
  const revokes = other.frames().filter((f) => f.type === 'revoke').length;
  const st = other.closeInfo?.code ?? 'open';
  check('role change: his open socket is revoked/closed for his files', revokes > 0 || st !== 'open', { revokes, st, feedsBefore: before });
}

// 4. /api/org as a commissioner: no phones, no hashes
{
  await api(http, adminTok, 'PATCH', '/api/admin/users/u-wangqiang', { phone: '13800000000' });
  const r = await api(http, await tok('chenjing'), 'GET', '/api/org');
  const text = JSON.stringify(r.json);
  check('/api/org as a team lead leaks no phone or hash', !text.includes('13800000000') && !/argon|hash|password/i.test(text), text.slice(0, 200));
}
zw.close();
co.close();
summary();
process.exit(0);
