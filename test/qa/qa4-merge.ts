/**
 * QA4: two devices (zhangwei, lina) offline create the same new USCC with different names and fields;
 * after sync: one file, both fields, a merge notice. Usage: QA_PORT=18764 npx tsx test/qa/qa4-merge.ts
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { orgCodeCheckChar, usccCheckChar } from '@bangqi/shared';
import { launchChromium, newDevice } from '../support/browser.ts';

const base = `http://127.0.0.1:${process.env.QA_PORT ?? 18764}`;
const out = join(process.cwd(), '.tmp/qa4');
const tid = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function poll<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await probe().catch(() => undefined as T);
  while (!ok(v) && Date.now() < end) { await sleep(250); v = await probe().catch(() => undefined as T); }
  return v;
}
const body = '77' + String(Date.now() % 1_000_000).padStart(6, '0');
const f17 = `91371302${body}${orgCodeCheckChar(body)}`;
const code = f17 + usccCheckChar(f17);
async function device(browser: Awaited<ReturnType<typeof launchChromium>>, user: string): Promise<[BrowserContext, Page]> {
  const ctx = await newDevice(browser, base);
  const p = await ctx.newPage();
  await p.goto('/');
  await tid(p, 'login-username').fill(user); await tid(p, 'login-password').fill('bangqi2026'); await tid(p, 'login-submit').click();
  await poll(() => p.evaluate(() => document.documentElement.dataset.swReady), (v) => v === '1');
  await poll(() => tid(p, 'sync-online').getAttribute('data-state', { timeout: 1000 }), (v) => v === 'online');
  await sleep(2000);
  return [ctx, p];
}
async function create(ctx: BrowserContext, p: Page, name: string, field: string, value: string) {
  await ctx.setOffline(true);
  await poll(() => tid(p, 'sync-online').getAttribute('data-state', { timeout: 1000 }), (v) => v === 'offline');
  await p.goto('/').catch(() => {});
  await tid(p, 'enterprise-new').click();
  await tid(p, 'create-name').fill(name); await tid(p, 'create-uscc').fill(code); await tid(p, 'create-submit').click();
  await poll(() => tid(p, 'field-name').isVisible(), (v) => v === true);
  await tid(p, field).fill(value); await tid(p, field).blur(); await sleep(800);
}
const browser = await launchChromium();
try {
  const [ca, a] = await device(browser, 'zhangwei');
  const [cb, b] = await device(browser, 'zhangwei');
  await create(ca, a, '甲设备起的名字有限公司', 'field-employees', '123');
  await create(cb, b, '乙设备起的名字有限公司', 'field-note', '乙设备写的备注');
  await ca.setOffline(false); await sleep(4000); await cb.setOffline(false); await sleep(6000);
  for (const [p, n] of [[a, 'A'], [b, 'B']] as const) {
    await p.reload(); await sleep(3000);
    const url = p.url();
    const name = await tid(p, 'field-name').inputValue().catch(() => '?');
    const emp = await tid(p, 'field-employees').inputValue().catch(() => '?');
    const note = await tid(p, 'field-note').inputValue().catch(() => '?');
    const notice = await tid(p, 'merge-notice').innerText().catch(() => '(no merge notice)');
    await p.screenshot({ path: join(out, `12-merge-${n}.png`), fullPage: true });
    console.log(n, { url, name, emp, note, notice: notice.slice(0, 300) });
  }
  await a.goto('/'); await sleep(1500);
  await tid(a, 'enterprise-search').fill(code.slice(0, 14)); await sleep(800);
  console.log('files with that USCC on A:', await tid(a, 'enterprise-row').count());
} finally { await browser.close(); }
