/** qa7: a hand-checkable set of demands in Nov 2026 created by stock y-websocket clients (coordinator 刘洋), then /figures and the XLSX export. */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import readXlsxFile from 'read-excel-file/node';
import { appendDemandEvent, createDemand, type DemandEventInput } from '@bangqi/shared';
import { launchChromium } from '../support/browser.ts';
const BASE = process.env.BASE ?? 'http://localhost:8847';
const r = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'liuyang', password: 'bangqi2026' }) });
const token = ((await r.json()) as { accessToken: string }).accessToken;
const t = (s: string) => Date.parse(`${s}T10:00:00+08:00`);
const tag = Date.now().toString(36);
type Step = [string, DemandEventInput];
const plan: { title: string; urgency: 'simple' | 'ordinary' | 'complex'; at: string; steps: Step[] }[] = [
  { title: '=1+1 N1 用地指标', urgency: 'complex', at: '2026-11-02', steps: [['2026-11-03', { type: 'dispatch', departments: ['人社局'], note: '' }], ['2026-11-20', { type: 'resolve', department: '', note: '已办' }], ['2026-11-23', { type: 'callback', satisfaction: '满意', comment: '' }], ['2026-11-24', { type: 'close', note: '' }]] },
  { title: '@SUM(A1) N2 急事', urgency: 'simple', at: '2026-11-02', steps: [['2026-11-02', { type: 'dispatch', departments: ['人社局'], note: '' }], ['2026-11-05', { type: 'resolve', department: '', note: '-晚了' }], ['2026-11-06', { type: 'callback', satisfaction: '基本满意', comment: '' }]] },
  { title: 'N3 融资', urgency: 'ordinary', at: '2026-11-10', steps: [['2026-11-10', { type: 'dispatch', departments: ['人社局'], note: '' }], ['2026-11-16', { type: 'resolve', department: '', note: '' }], ['2026-11-18', { type: 'callback', satisfaction: '不满意', comment: '+没解决' }]] },
  { title: 'N4 审批', urgency: 'ordinary', at: '2026-11-10', steps: [['2026-11-11', { type: 'dispatch', departments: ['人社局'], note: '' }]] },
];
if (!process.env.SKIP_CREATE) for (const [i, d] of plan.entries()) {
  const doc = new Y.Doc();
  const prov = new WebsocketProvider(`${BASE.replace('http', 'ws')}/y`, `dem-qa7f${i}${tag}`, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { token } });
  await new Promise<void>((res) => prov.once('sync', () => res()));
  createDemand(doc, { enterpriseId: 'ent-demo0112', enterpriseName: '临沂泰和机械集团有限公司', town: '青山镇', visitId: '', title: d.title, description: '', category: '审批', urgency: d.urgency, contactName: '', contactPhone: '' }, 'u-liuyang', t(d.at));
  for (const [day, input] of d.steps) appendDemandEvent(doc, input, 'u-liuyang', t(day));
  await new Promise((res) => setTimeout(res, 800));
  prov.destroy();
}
console.log('created', plan.length, 'tag', tag);
const browser = await launchChromium();
const ctx = await browser.newContext({ baseURL: BASE, locale: 'zh-CN', viewport: { width: 1280, height: 900 }, serviceWorkers: 'allow', acceptDownloads: true });
const p = await ctx.newPage();
await p.goto('/');
await p.fill('[data-testid="login-username"]', 'liuyang');
await p.fill('[data-testid="login-password"]', 'bangqi2026');
await p.click('[data-testid="login-submit"]');
await p.waitForSelector('[data-testid="current-user"]');
await p.waitForTimeout(6000);
await p.goto('/figures');
await p.waitForSelector('[data-testid="figures-headline"]');
await p.fill('input[data-testid="period-month"]', '2026-11');
await p.waitForTimeout(1500);
for (const id of ['headline-received', 'headline-ontime', 'headline-satisfaction', 'headline-overdue']) console.log(id, (await p.textContent(`[data-testid="${id}"]`))?.replace(/\s+/g, ' '));
console.log('range', await p.textContent('[data-testid="figures-range"]').catch(() => '?'));
await p.screenshot({ path: '.tmp/qa-qa7/figures-nov.png', fullPage: true });
const [dl] = await Promise.all([p.waitForEvent('download'), p.click('[data-testid="demands-export"]')]);
const path = `.tmp/qa-qa7/${dl.suggestedFilename()}`;
await dl.saveAs(path);
console.log('xlsx', path);
const names = ((await readXlsxFile(readFileSync(path), { getSheets: true } as never)) as unknown as { name: string }[]).map((x) => x.name);
console.log('sheets', names);
for (const sheet of names) {
  const rows = await readXlsxFile(readFileSync(path), { sheet } as never);
  console.log(`== ${sheet}: ${rows.length} rows`);
  console.log(JSON.stringify(rows[0]));
  for (const row of rows) if (JSON.stringify(row).includes('N1') || JSON.stringify(row).includes('N2') || JSON.stringify(row).includes('N3') || JSON.stringify(row).includes('没解决') || JSON.stringify(row).includes('晚了')) console.log(JSON.stringify(row));
}
await browser.close();
