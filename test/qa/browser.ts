/**
 * QA5 browser walk-through on one persistent Chromium profile against a relay serving web/.tmp/dist-qa5:
 * zhangwei signs in, works offline after a reload, an offline edit of a file reassigned meanwhile lands on
 * /refused, then lina signs in on the same profile, then admin. Screenshots go to .tmp/qa5/shots.
 * Usage: QA_PORT=18749 npx tsx test/qa/browser.ts  (relay started with STATIC_DIR=$PWD/web/.tmp/dist-qa5: vite's root is web/, so `--outDir .tmp/dist-qa5` lands there)
 */
import { assignEnterprise, generateDemoEnterprises } from '@bangqi/shared';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchPersistentDevice } from '../support/browser.ts';
import { capture, check, login, RawSync, sleep, summary } from './lib.ts';

const port = Number(process.env.QA_PORT ?? 18749);
const http = `http://127.0.0.1:${port}`;
const shots = join(process.cwd(), '.tmp/qa5/shots');
mkdirSync(shots, { recursive: true });
const demo = generateDemoEnterprises();
const zwDocs = demo.filter((e) => e.responsibleId === 'u-zhangwei');
const linaDocs = demo.filter((e) => e.responsibleId === 'u-lina');

const tid = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);
async function poll<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await probe().catch(() => undefined as T);
  while (!ok(v) && Date.now() < end) {
    await sleep(200);
    v = await probe().catch(() => undefined as T);
  }
  return v;
}
const count = (page: Page) => poll(async () => Number(await tid(page, 'enterprise-count').getAttribute('data-count', { timeout: 1000 })), () => true, 2000);
const shot = (page: Page, name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: false });

async function signIn(page: Page, username: string) {
  await poll(() => tid(page, 'login-username').isVisible(), (v) => v === true);
  await tid(page, 'login-username').fill(username);
  await tid(page, 'login-password').fill('bangqi2026');
  await tid(page, 'login-submit').click();
  await poll(() => tid(page, 'current-user').getAttribute('data-user-id', { timeout: 1000 }), (v) => !!v);
}

const context = await launchPersistentDevice(mkdtempSync(join(tmpdir(), 'qa5-profile-')), http);
const page = context.pages()[0] ?? (await context.newPage());
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(e.message));
await page.goto('/');
await poll(() => tid(page, 'login-page').isVisible(), (v) => v === true);
await shot(page, '01-login');

// zhangwei
await signIn(page, 'zhangwei');
await poll(() => page.evaluate(() => document.documentElement.dataset.swReady), (v) => v === '1');
const n1 = await poll(() => count(page), (v) => v === zwDocs.length);
check(`zhangwei list holds his ${zwDocs.length} files`, n1 === zwDocs.length, n1);
await shot(page, '02-list-commissioner');
const file = zwDocs[0]!;
await page.goto(`/enterprises/${file.id}`);
await poll(() => tid(page, 'field-name').isVisible(), (v) => v === true);
await tid(page, 'assignment-section').scrollIntoViewIfNeeded();
await shot(page, '03-file-assignment-commissioner');

// offline reload
await context.setOffline(true);
await page.goto('/enterprises');
await page.reload();
const n2 = await poll(() => count(page), (v) => v === zwDocs.length);
check('offline reload opens with his files', n2 === zwDocs.length, n2);
await shot(page, '04-list-offline');

// an offline edit of a file that the lead reassigns to lina meanwhile
const victim = zwDocs[1]!;
await page.goto(`/enterprises/${victim.id}`);
await poll(() => tid(page, 'field-note').isVisible(), (v) => v === true);
await tid(page, 'field-note').fill('QA5离线走访记录：重要内容不能丢。');
await tid(page, 'field-note').blur();
await sleep(500);
const lead = await RawSync.open(`ws://127.0.0.1:${port}`, (await login(http, 'wangqiang', 'bangqi2026')).body.accessToken, 'qa5-lead');
await lead.caughtUp();
const d = lead.doc(victim.id);
const r = await lead.push(victim.id, 1, capture(d, () => assignEnterprise(d, { teamId: 't-equip', responsibleId: 'u-lina', reason: 'QA5 调整' }, 'u-wangqiang')));
check('lead reassigns the file while zhangwei is offline', 'type' in r && r.type === 'ack', r);
lead.close();
await context.setOffline(false);
const refusedSeen = await poll(async () => {
  await page.goto('/refused');
  return tid(page, 'refused-item').count();
}, (v) => v > 0, 30_000);
check('the unsent offline note is kept on /refused', refusedSeen > 0, refusedSeen);
const content = await tid(page, 'refused-content').first().textContent().catch(() => '');
check('refused content shows the note', (content ?? '').includes('QA5离线走访记录'), content);
await shot(page, '05-refused');
await page.goto('/enterprises');
const n3 = await poll(() => count(page), (v) => v === zwDocs.length - 1);
check('the reassigned file left his list', n3 === zwDocs.length - 1, n3);

// sign out, lina on the same profile
await tid(page, 'logout').click();
if (await tid(page, 'logout-confirm-yes').isVisible().catch(() => false)) await tid(page, 'logout-confirm-yes').click();
await poll(() => tid(page, 'login-page').isVisible(), (v) => v === true);
await shot(page, '06-login-after-logout');
await signIn(page, 'lina');
const n4 = await poll(() => count(page), (v) => v === linaDocs.length + 1);
check(`lina sees her ${linaDocs.length} files + the reassigned one`, n4 === linaDocs.length + 1, n4);
const html = await page.content();
const leaked = zwDocs.slice(2).filter((e) => html.includes(e.name));
check('none of zhangwei\'s names in lina\'s list page', leaked.length === 0, leaked.map((e) => e.name).slice(0, 3));
await tid(page, 'enterprise-search').fill(zwDocs[2]!.name);
await sleep(800);
const rows = await tid(page, 'enterprise-row').count();
check('searching a zhangwei file name as lina finds nothing', rows === 0, rows);
await page.goto(`/enterprises/${zwDocs[2]!.id}`);
await sleep(2500);
const body = (await page.textContent('body')) ?? '';
check('lina opening zhangwei\'s file URL does not show its name', !body.includes(zwDocs[2]!.name), body.slice(0, 200));
await shot(page, '07-lina-opens-zhangwei-url');
await page.goto('/refused');
await sleep(800);
check('zhangwei\'s refused note not shown to lina', !((await page.textContent('body')) ?? '').includes('QA5离线走访记录'));
await shot(page, '08-lina-refused');
await page.goto(`/enterprises/${victim.id}`);
await poll(() => tid(page, 'field-name').isVisible(), (v) => v === true);
await tid(page, 'assignment-section').scrollIntoViewIfNeeded();
await shot(page, '09-lina-file-assignment-history');

// admin
await tid(page, 'logout').click();
if (await tid(page, 'logout-confirm-yes').isVisible().catch(() => false)) await tid(page, 'logout-confirm-yes').click();
await signIn(page, 'admin');
await page.goto('/admin/users');
await sleep(1500);
await shot(page, '10-admin-users');
await page.goto('/admin/audit');
await poll(() => tid(page, 'audit-row').count(), (v) => v > 0);
await sleep(500);
await shot(page, '11-admin-audit');
await page.goto('/admin/teams');
await sleep(1000);
await shot(page, '12-admin-teams');
await page.setViewportSize({ width: 1280, height: 860 });
await page.goto('/admin/audit');
await poll(() => tid(page, 'audit-row').count(), (v) => v > 0);
await shot(page, '13-admin-audit-wide');
check('no page errors', errors.length === 0, errors);
await context.close();
summary();
process.exit(0);
