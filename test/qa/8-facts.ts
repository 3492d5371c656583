/**
 * qa8: a fact typed on the file changes the match at once, offline: 0061 (高端装备制造, est. 2001) lacks
 * 从业人数 for QA8-B (≥ 50, est. before 2010) → 信息不全; 60 → 符合; 30 → not listed as 符合. After sync the
 * coordinator's QA8-B district list counts it. Run after 8-import.ts. QA_PORT=8841 npx tsx test/qa/8-facts.ts
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { check, sleep, summary } from './lib.ts';
import { poll, tid } from './page.ts';

const http = `http://127.0.0.1:${Number(process.env.QA_PORT ?? 8841)}`;
const dir = join(process.cwd(), '.tmp/qa-qa8');
const state = (p: Page) => tid(p, 'sync-online').getAttribute('data-state', { timeout: 1000 });
async function signIn(ctx: BrowserContext, user: string): Promise<Page> {
  const p = await ctx.newPage();
  p.on('pageerror', (e) => console.log(`[pageerror ${user}] ${e.message}`));
  await p.goto('/');
  await poll(() => tid(p, 'login-username').isVisible(), (v) => v === true);
  await tid(p, 'login-username').fill(user);
  await tid(p, 'login-password').fill('bangqi2026');
  await tid(p, 'login-submit').click();
  await poll(() => tid(p, 'current-user').getAttribute('data-user-id', { timeout: 1000 }), (v) => !!v);
  await poll(() => p.evaluate(() => document.documentElement.dataset.swReady), (v) => v === '1');
  await poll(() => state(p), (v) => v === 'online');
  await poll(async () => Number(await tid(p, 'enterprise-count').getAttribute('data-count', { timeout: 1000 })), (v) => v > 0);
  return p;
}
const kindB = (p: Page) => p.locator('[data-testid="file-policy"][data-code="QA8-B"]').getAttribute('data-kind', { timeout: 1000 }).catch(() => 'absent');

const browser = await launchChromium();
const phoneCtx = await browser.newContext({ baseURL: http, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
const coordCtx = await browser.newContext({ baseURL: http, locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
const zw = await signIn(phoneCtx, 'zhangwei');
const coord = await signIn(coordCtx, 'liuyang');
await coord.goto('/policies/QA8-B');
await tid(coord, 'policy-scope-district').click().catch(() => {});
const before = Number(await poll(() => tid(coord, 'policy-count-eligible').textContent({ timeout: 1000 }), (v) => v !== null && v !== undefined));

await phoneCtx.setOffline(true);
await poll(() => state(zw), (v) => v === 'offline');
await zw.goto('/enterprises/ent-demo0061');
check('0061 QA8-B starts as unknown', (await poll(() => kindB(zw), (v) => v === 'unknown')) === 'unknown');
await tid(zw, 'field-employees').fill('60');
await tid(zw, 'field-employees').press('Tab');
check('60 employees → QA8-B eligible offline', (await poll(() => kindB(zw), (v) => v === 'eligible', 10_000)) === 'eligible');
await tid(zw, 'field-employees').fill('30');
await tid(zw, 'field-employees').press('Tab');
const k30 = await poll(() => kindB(zw), (v) => v !== 'eligible', 10_000);
check('30 employees → QA8-B no longer eligible (nearly, naming 从业人数)', k30 === 'nearly', k30);
const unmet = await zw.locator('[data-testid="file-policy"][data-code="QA8-B"] [data-testid="file-policy-unmet"]').textContent().catch(() => '');
check('nearly names 从业人数', (unmet ?? '').includes('从业人数'), unmet);
await tid(zw, 'field-employees').fill('60');
await tid(zw, 'field-employees').press('Tab');
await poll(() => kindB(zw), (v) => v === 'eligible', 10_000);
await phoneCtx.setOffline(false);
await poll(() => state(zw), (v) => v === 'online');
await poll(async () => Number(await tid(zw, 'sync-pending').getAttribute('data-count', { timeout: 1000 })), (n) => n === 0, 60_000);

const afterCount = await poll(() => tid(coord, 'policy-count-eligible').textContent({ timeout: 1000 }), (v) => Number(v) === before + 1, 45_000);
check('coordinator QA8-B 符合 +1 after sync', Number(afterCount) === before + 1, { before, after: afterCount });
check('coordinator lists 0061 as eligible', (await coord.locator('[data-testid="policy-enterprises-eligible"] [data-testid="policy-enterprise"][data-id="ent-demo0061"]').count()) === 1);
await coord.screenshot({ path: join(dir, 'coord-item-B.png'), fullPage: true });
summary();
await browser.close();
