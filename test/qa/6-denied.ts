/**
 * QA6: GPS refused (no permission) and no fix (POSITION_UNAVAILABLE), both while offline on 李娜's phone:
 * the visit saves, flagged, and the team lead sees the flags after sync.
 * Usage: QA_PORT=8860 npx tsx test/qa/6-denied.ts
 */
import { generateDemoEnterprises } from '@bangqi/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { check, sleep, summary } from './lib.ts';
import { poll, tid } from './page.ts';

const http = `http://127.0.0.1:${process.env.QA_PORT ?? 8860}`;
const file = generateDemoEnterprises().filter((e) => e.responsibleId === 'u-lina' && e.id !== 'ent-demo0044')[2]!;
async function signIn(ctx: BrowserContext, user: string): Promise<Page> {
  const p = await ctx.newPage();
  await p.goto('/');
  await tid(p, 'login-username').fill(user);
  await tid(p, 'login-password').fill('bangqi2026');
  await tid(p, 'login-submit').click();
  await poll(() => tid(p, 'current-user').getAttribute('data-user-id', { timeout: 1000 }), (v) => !!v);
  await poll(() => p.evaluate(() => document.documentElement.dataset.swReady), (v) => v === '1');
  await poll(() => tid(p, 'sync-online').getAttribute('data-state', { timeout: 1000 }), (v) => v === 'online');
  return p;
}
const browser = await launchChromium();
const phone = { baseURL: http, locale: 'zh-CN', viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' as const };
const dev = await browser.newContext(phone); // no geolocation permission
const p = await signIn(dev, 'lina');
await p.goto(`/enterprises/${file.id}`);
await poll(() => tid(p, 'visit-new').isVisible(), (v) => v === true);
await dev.setOffline(true);
await tid(p, 'visit-new').click();
await tid(p, 'visit-checkin').click();
const f1 = await poll(() => tid(p, 'visit-checkin-stamp').getAttribute('data-flags', { timeout: 1000 }), (v) => !!v);
check('offline, permission refused → check-in flagged denied', f1 === 'denied', f1);
// no fix on check-out: the position source fails (code 2)
await p.evaluate(() => {
  navigator.geolocation.getCurrentPosition = (_ok, err) => setTimeout(() => err?.({ code: 2, message: 'no fix', PERMISSION_DENIED: 1, POSITION_UNAVAILABLE: 2, TIMEOUT: 3 } as GeolocationPositionError), 50);
});
await tid(p, 'visit-checkout').click();
const f2 = await poll(() => tid(p, 'visit-checkout-stamp').getAttribute('data-flags', { timeout: 1000 }), (v) => !!v);
check('no fix → check-out flagged no-fix', f2 === 'no-fix', { f2, text: await tid(p, 'visit-checkout-stamp').textContent() });
await tid(p, 'visit-findings').fill('信号弱，无法定位');
await tid(p, 'visit-save').click();
await poll(() => tid(p, 'visit-item').count(), (v) => v === 1);
const itemText = await tid(p, 'visit-item').textContent();
check('saved offline, list shows the flag in Chinese', (itemText ?? '').includes('未授权定位'), itemText);
const visitId = await tid(p, 'visit-item').getAttribute('data-id');
await dev.setOffline(false);
await poll(async () => Number(await tid(p, 'sync-pending').getAttribute('data-count', { timeout: 1000 })), (v) => v === 0);
const devB = await browser.newContext(phone);
const b = await signIn(devB, 'wangqiang');
await b.goto(`/enterprises/${file.id}?visit=${visitId}`);
const bf = await poll(async () => [await tid(b, 'visit-d-checkin').getAttribute('data-flags', { timeout: 1000 }), await tid(b, 'visit-d-checkout').getAttribute('data-flags', { timeout: 1000 })], (v) => v?.[0] === 'denied');
check('team lead sees denied / no-fix', bf?.[0] === 'denied' && bf?.[1] === 'no-fix', bf);
await tid(b, 'visit-detail').scrollIntoViewIfNeeded();
await b.screenshot({ path: '.tmp/qa-qa6/19-denied-b.png' });
await browser.close();
summary();
