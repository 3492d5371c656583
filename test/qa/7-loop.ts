/**
 * qa7: 诉求闭环 re-check with other users than the builders' test: commissioner 李娜, handlers 赵敏 (人社局)
 * and 钱税 (税务局, created by admin), coordinators 刘洋 and 周通 (created by admin). Run against a relay at BASE.
 */
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DEMO_TEAMS, DEMO_USERS, canReadEnterprise, createDemand, generateDemoEnterprises, principalFor } from '@bangqi/shared';
import { launchChromium } from '../support/browser.ts';

const BASE = process.env.BASE ?? 'http://localhost:8847';
const SHOTS = '.tmp/qa-qa7';
mkdirSync(SHOTS, { recursive: true });
const by = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const log = (...a: unknown[]) => console.log('•', ...a);
async function poll<T>(what: string, f: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await f().catch(() => undefined as T);
  while (!ok(v)) {
    if (Date.now() > end) throw new Error(`timeout: ${what} (last ${JSON.stringify(v)})`);
    await new Promise((r) => setTimeout(r, 250));
    v = await f().catch(() => undefined as T);
  }
  return v;
}
const state = (p: Page) => by(p, 'demand-page').getAttribute('data-state');
const syncState = (p: Page) => by(p, 'sync-online').getAttribute('data-state');
const pending = async (p: Page) => Number(await by(p, 'sync-pending').getAttribute('data-count'));
async function offline(c: BrowserContext, p: Page) { await c.setOffline(true); await poll('offline', () => syncState(p), (s) => s === 'offline'); }
async function online(c: BrowserContext, p: Page) {
  await c.setOffline(false);
  await poll('online', () => syncState(p), (s) => s === 'online', 30_000);
  await poll('settled', () => pending(p), (n) => n === 0, 30_000);
}
async function signIn(c: BrowserContext, user: string): Promise<Page> {
  const p = await c.newPage();
  p.on('pageerror', (e) => console.error(`[pageerror ${user}] ${e.message}`));
  await p.goto('/');
  await by(p, 'login-username').fill(user);
  await by(p, 'login-password').fill('bangqi2026');
  await by(p, 'login-submit').click();
  await poll(`${user} signed in`, () => by(p, 'current-user').getAttribute('data-user-id'), (v) => !!v);
  await poll('sw', () => p.evaluate(() => document.documentElement.dataset.swReady), (v) => v === '1', 30_000);
  await poll('online', () => syncState(p), (s) => s === 'online', 30_000);
  return p;
}
async function open(p: Page, id: string) {
  await p.goto(`/demands/${id}`);
  await poll(`open ${id}`, () => by(p, 'demand-page').getAttribute('data-id'), (v) => v === id);
}
async function act(p: Page, action: string, note: string, fill?: () => Promise<void>) {
  await by(p, `demand-action-${action}`).click();
  await fill?.();
  if (note) await by(p, 'demand-action-note').fill(note);
  await by(p, 'demand-action-submit').click();
  await p.waitForTimeout(600);
}
const cards = (p: Page) => p.locator('[data-testid="demand-card"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));
/** ids in the device's Dexie `demands` table (any db that has one) */
const dexieDemands = (p: Page) =>
  p.evaluate(async () => {
    const out: string[] = [];
    for (const info of await indexedDB.databases()) {
      const db: IDBDatabase = await new Promise((res, rej) => { const r = indexedDB.open(info.name!); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      if (db.objectStoreNames.contains('demands')) {
        const keys: IDBValidKey[] = await new Promise((res) => { const r = db.transaction('demands').objectStore('demands').getAllKeys(); r.onsuccess = () => res(r.result); });
        out.push(...keys.map(String));
      }
      db.close();
    }
    return out;
  });
const history = (p: Page) => p.locator('[data-testid="demand-event"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-type')}:${(e.textContent ?? '').replace(/\s+/g, ' ').slice(0, 60)}`));
async function shot(p: Page, name: string) {
  await p.setViewportSize({ width: 390, height: 844 });
  await p.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  await p.setViewportSize({ width: 420, height: 860 });
}
async function token(u: string) {
  const r = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: u, password: 'bangqi2026' }) });
  return ((await r.json()) as { accessToken: string }).accessToken;
}

const org = { users: DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })), teams: [...DEMO_TEAMS] };
const lina = principalFor(org, 'u-lina')!;
const ents = generateDemoEnterprises().filter((e) => canReadEnterprise(lina, e));
const ent = ents[3]!;
const ent2 = ents[4]!;
log('enterprise', ent.id, ent.name, ent.town, '| second', ent2.id, ent2.name);

const browser = await launchChromium();
const dev = () => browser.newContext({ baseURL: BASE, locale: 'zh-CN', viewport: { width: 420, height: 860 }, serviceWorkers: 'allow' });
const [cLina, cZhao, cQian, cLiu, cZhou] = [await dev(), await dev(), await dev(), await dev(), await dev()];
const liNa = await signIn(cLina, 'lina');
const zhao = await signIn(cZhao, 'zhaomin');
const qian = await signIn(cQian, 'qianshui');
const liu = await signIn(cLiu, 'liuyang');
const zhou = await signIn(cZhou, 'zhoutong');
const results: Record<string, unknown> = {};
try {
  // A. 李娜 offline on the file: 提诉求 with an attachment
  await liNa.goto(`/enterprises/${ent.id}`);
  await poll('file', () => by(liNa, 'field-name').isVisible(), (v) => v);
  await offline(cLina, liNa);
  await by(liNa, 'raise-demand').click();
  await by(liNa, 'demand-field-title').fill('新厂房用工与纳税辅导');
  await by(liNa, 'demand-field-description').fill('=HYPERLINK("http://x","点我") 企业扩产需招工 30 人，并咨询研发费用加计扣除');
  await liNa.selectOption('[data-testid="demand-field-category"]', '人才');
  await by(liNa, 'raise-submit').click();
  const d1 = (await poll('d1', () => by(liNa, 'demand-page').getAttribute('data-id'), (v) => !!v && v.startsWith('dem-')))!;
  await by(liNa, 'demand-attachment-input').setInputFiles({ name: '厂房照片.txt', mimeType: 'text/plain', buffer: Buffer.from('附件内容 qa7') });
  await poll('attachment', () => liNa.locator('[data-testid="demand-attachment"]').count(), (n) => n === 1);
  await shot(liNa, 'A-raised-offline');
  // second demand (税务局 only)
  await liNa.goto(`/enterprises/${ent2.id}`);
  await poll('file2', () => by(liNa, 'field-name').isVisible(), (v) => v);
  await by(liNa, 'raise-demand').click();
  await by(liNa, 'demand-field-title').fill('+出口退税进度查询');
  await liNa.selectOption('[data-testid="demand-field-category"]', '纳税');
  await by(liNa, 'raise-submit').click();
  const d2 = (await poll('d2', () => by(liNa, 'demand-page').getAttribute('data-id'), (v) => !!v && v !== d1 && v.startsWith('dem-')))!;
  log('raised offline', d1, d2, 'pending', await pending(liNa));
  await online(cLina, liNa);

  // B. 刘洋 dispatches d1 to 人社局 + 税务局, d2 to 税务局
  await open(liu, d1);
  await act(liu, 'dispatch', '两部门分别办理', async () => {
    await liu.locator('[data-testid="dispatch-department"][value="人社局"]').check();
    const tax = liu.locator('[data-testid="dispatch-department"][value="税务局"]');
    if (await tax.count()) await tax.check(); else await by(liu, 'dispatch-other').fill('税务局');
  });
  log('d1 after dispatch', await state(liu), await by(liu, 'demand-departments').textContent());
  log('attachment on coordinator', await liu.locator('[data-testid="demand-attachment"]').count());
  await open(liu, d2);
  await act(liu, 'dispatch', '', async () => {
    const tax = liu.locator('[data-testid="dispatch-department"][value="税务局"]');
    if (await tax.count()) await tax.check(); else await by(liu, 'dispatch-other').fill('税务局');
  });
  log('d2 after dispatch', await state(liu), await by(liu, 'demand-departments').textContent());

  // C. who sees what (UI and Dexie)
  await zhao.goto('/demands');
  await qian.goto('/demands');
  const zCards = await poll('zhao cards', () => cards(zhao), (v) => v.includes(d1));
  const qCards = await poll('qian cards', () => cards(qian), (v) => v.includes(d1) && v.includes(d2));
  await zhao.waitForTimeout(1500);
  results.zhaoCards = await cards(zhao);
  results.zhaoDexie = await dexieDemands(zhao);
  results.qianCards = qCards;
  results.qianDexie = await dexieDemands(qian);
  log('人社局 cards', zCards, 'dexie', results.zhaoDexie, '| 税务局 cards', qCards, 'dexie', results.qianDexie);
  await shot(zhao, 'C-zhaomin-list');

  // D. both departments: two progress notes offline, then each resolves its part
  await open(zhao, d1);
  await open(qian, d1);
  await offline(cZhao, zhao);
  await offline(cQian, qian);
  await act(zhao, 'progress', '人社局：已推送招聘会信息');
  await act(qian, 'progress', '税务局：已预约上门辅导');
  await online(cZhao, zhao);
  await online(cQian, qian);
  await open(liu, d1);
  await liu.waitForTimeout(1500);
  log('d1 history after two offline notes', await history(liu));
  await open(zhao, d1);
  await act(zhao, 'resolve', '人社局部分已办结');
  await poll('zhao resolved synced', () => pending(zhao), (n) => n === 0);
  await open(liu, d1);
  await liu.waitForTimeout(1500);
  log('d1 after 人社局 办结 only: state', await state(liu), 'stepper', await by(liu, 'demand-state').textContent());
  await shot(liu, 'D-one-of-two-resolved');
  await open(qian, d1);
  log('税务局 actions now', await qian.locator('[data-testid^="demand-action-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))));
  await act(qian, 'resolve', '税务局部分已办结');
  await poll('qian synced', () => pending(qian), (n) => n === 0);
  await open(liNa, d1);
  await poll('lina sees resolved', () => state(liNa), (s) => s === 'resolved');
  // E. 李娜 回访 不满意 → reopens
  await act(liNa, 'callback', '企业反映招工仍不足', () => by(liNa, 'callback-不满意').check());
  log('d1 after 不满意 (lina)', await state(liNa));
  await poll('lina synced', () => pending(liNa), (n) => n === 0);
  await open(zhao, d1);
  await poll('zhao sees reopened', () => state(zhao), (s) => s === 'handling');
  log('人社局 actions after reopen', await zhao.locator('[data-testid^="demand-action-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))));
  await act(zhao, 'resolve', '人社局二次办结');
  await poll('zhao synced', () => pending(zhao), (n) => n === 0);
  await open(liu, d1);
  await liu.waitForTimeout(1500);
  log('d1 after only 人社局 re-resolved', await state(liu));
  if ((await state(liu)) !== 'resolved') {
    await open(qian, d1);
    await act(qian, 'resolve', '税务局二次办结');
    await poll('qian synced', () => pending(qian), (n) => n === 0);
  }
  await open(liu, d1);
  await poll('resolved', () => state(liu), (s) => s === 'resolved');

  // F. two coordinators offline: two different 回访 on d1
  await open(zhou, d1);
  await poll('zhou resolved', () => state(zhou), (s) => s === 'resolved');
  await offline(cLiu, liu);
  await offline(cZhou, zhou);
  await act(liu, 'callback', '电话回访满意', () => by(liu, 'callback-满意').check());
  await act(zhou, 'callback', '上门回访仍有意见', () => by(zhou, 'callback-不满意').check());
  await online(cLiu, liu);
  await online(cZhou, zhou);
  await open(liu, d1);
  await open(zhou, d1);
  await liu.waitForTimeout(2000);
  const sL = await state(liu), sZ = await state(zhou);
  const confL = await by(liu, 'demand-conflict').count(), confZ = await by(zhou, 'demand-conflict').count();
  log('two 回访: state liu/zhou', sL, sZ, 'conflict shown', confL, confZ);
  await shot(liu, 'F-two-callbacks');
  await open(liNa, d1);
  await liNa.waitForTimeout(1500);
  log('lina state', await state(liNa), 'conflict shown to commissioner', await by(liNa, 'demand-conflict').count());
  if (confL) {
    await liu.locator('[data-testid="demand-keep"]').first().click();
    await liu.waitForTimeout(1500);
    await poll('liu synced', () => pending(liu), (n) => n === 0);
    await open(zhou, d1);
    await zhou.waitForTimeout(1500);
    log('after decide: liu', await state(liu), await by(liu, 'demand-conflict').count(), 'zhou', await state(zhou), await by(zhou, 'demand-conflict').count());
  }

  // G. d2: 税务局 resolves; 满意; then 销号 (刘洋) vs 退回 (周通) offline
  await open(qian, d2);
  await act(qian, 'resolve', '退税已到账');
  await poll('qian synced', () => pending(qian), (n) => n === 0);
  await open(liu, d2);
  await poll('d2 resolved', () => state(liu), (s) => s === 'resolved');
  await act(liu, 'callback', '', () => by(liu, 'callback-基本满意').check());
  await poll('liu synced', () => pending(liu), (n) => n === 0);
  await open(zhou, d2);
  await poll('zhou called-back', () => state(zhou), (s) => s === 'called-back');
  await offline(cLiu, liu);
  await offline(cZhou, zhou);
  await act(liu, 'close', '');
  await act(zhou, 'reject', '材料不全，退回');
  log('offline: liu', await state(liu), 'zhou', await state(zhou));
  await online(cLiu, liu);
  await online(cZhou, zhou);
  await open(liu, d2);
  await open(zhou, d2);
  await open(qian, d2);
  await liu.waitForTimeout(2000);
  log('销号 vs 退回: liu', await state(liu), await by(liu, 'demand-conflict').count(), '| zhou', await state(zhou), await by(zhou, 'demand-conflict').count(), '| qian', await state(qian));
  await shot(zhou, 'G-close-vs-reject');
  if (await by(zhou, 'demand-conflict').count()) {
    const keeps = zhou.locator('[data-testid="demand-keep"]');
    log('keep buttons', await keeps.allTextContents());
    await keeps.first().click();
    await zhou.waitForTimeout(1500);
    await poll('zhou synced', () => pending(zhou), (n) => n === 0);
    await open(liu, d2);
    await liu.waitForTimeout(1500);
    log('after decide: zhou', await state(zhou), 'liu', await state(liu), 'qian', await state(qian), 'conflict', await by(liu, 'demand-conflict').count());
  }

  // H. a demand accepted 2026-09-30 (tier 5), created by a stock y-websocket client as 刘洋 → due 2026-10-13 by hand, overdue now
  const d3 = `dem-qa7nd${Date.now().toString(36)}`;
  const ydoc = new Y.Doc();
  const prov = new WebsocketProvider(`${BASE.replace('http', 'ws')}/y`, d3, ydoc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { token: await token('liuyang') } });
  let closed = 0;
  prov.on('connection-close', (e: CloseEvent | null) => { if (e) closed = e.code; });
  await new Promise<void>((r) => prov.once('sync', () => r()));
  createDemand(ydoc, { enterpriseId: ent.id, enterpriseName: ent.name, town: ent.town, visitId: '', title: '国庆前受理的诉求', description: '', category: '人才', urgency: 'ordinary', contactName: '', contactPhone: '' }, 'u-liuyang', Date.parse('2026-09-30T10:00:00+08:00'));
  await new Promise((r) => setTimeout(r, 1500));
  log('stock-created', d3, 'close code', closed);
  prov.destroy();
  await open(liu, d3);
  log('d3 due day', await by(liu, 'demand-due-day').textContent(), '| timing', await by(liu, 'demand-timing').textContent());
  await shot(liu, 'H-national-day');
  await act(liu, 'dispatch', '', () => liu.locator('[data-testid="dispatch-department"][value="人社局"]').check());
  await liu.goto('/demands?tab=overdue');
  await liu.waitForTimeout(2000);
  for (const [name, p] of [['liuyang', liu], ['zhaomin', zhao], ['lina', liNa]] as const) {
    await p.goto('/demands');
    await p.waitForTimeout(800);
    const tabs = await p.locator('[data-testid^="demand-tab-"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-testid')}=${e.textContent}`));
    const t = p.locator('[data-testid="demand-tab-escalated"], [data-testid="demand-tab-supervise"], [data-testid="demand-tab-overdue"]');
    if (await t.count()) await t.first().click();
    await p.waitForTimeout(1500);
    log(name, 'tabs', tabs, '| 督办 list has d3', (await cards(p)).includes(d3));
    await shot(p, `H-dubang-${name}`);
  }
  log('RESULT', JSON.stringify({ d1, d2, d3 }));
} catch (e) {
  console.error('FAILED', e);
  for (const [n, p] of [['lina', liNa], ['zhao', zhao], ['qian', qian], ['liu', liu], ['zhou', zhou]] as const) await p.screenshot({ path: `${SHOTS}/fail-${n}.png` }).catch(() => {});
} finally {
  await browser.close();
}
