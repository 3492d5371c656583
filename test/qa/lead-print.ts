/** Lead's check: the printable policy sheet stays one A4 page with many items (QA8 saw 17 items on 2 pages). */
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { demoPolicyItems, upsertPolicyItem } from '@bangqi/shared';
import { apiToken } from '../e2e/app.ts';

const base = process.env.BASE ?? 'http://localhost:8871';
const token = await apiToken(base, 'liuyang');
const doc = new Y.Doc();
const provider = new WebsocketProvider(`${base.replace('http', 'ws')}/y`, 'pol-library', doc, { WebSocketPolyfill: WebSocket as never, params: { token } });
await new Promise<void>((r) => provider.once('sync', () => r()));
const long = '企业网上申报，经主管部门初审、联审、公示后拨付资金；需提交申请表、营业执照复印件、近三年财务审计报告、纳税证明、社保缴纳证明及其他相关证明材料。';
const template = demoPolicyItems()[0]!;
for (let i = 0; i < 8; i++) {
  upsertPolicyItem(doc, { ...template, code: `LEAD-${i}`, name: `通用测试事项${i}（无条件）`, mode: '申报', conditions: [], requirements: long, materials: long, process: long, effectiveFrom: '', effectiveTo: '', applyFrom: '', applyTo: '', withdrawn: false }, 'u-liuyang', Date.now());
}
await new Promise((r) => setTimeout(r, 1500));
provider.destroy();
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
await page.goto(base);
await page.fill('[data-testid="login-username"]', 'liuyang');
await page.fill('[data-testid="login-password"]', 'bangqi2026');
await page.click('[data-testid="login-submit"]');
await page.waitForSelector('[data-testid="enterprise-count"][data-count="300"]', { timeout: 60_000 });
await page.goto(`${base}/enterprises/ent-demo0287/policies/print`);
await page.waitForSelector('[data-testid="policy-print-item"]', { timeout: 30_000 });
await page.waitForFunction(() => document.querySelectorAll('[data-testid="policy-print-item"]').length >= 16, null, { timeout: 30_000 });
const pdf = await page.pdf({ format: 'A4' });
const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
console.log('items', await page.locator('[data-testid="policy-print-item"]').count(), 'more:', await page.locator('[data-testid="policy-print-more"]').textContent(), 'pages', pages);
await page.emulateMedia({ media: 'print' });
await page.screenshot({ path: '.tmp/print-lead2.png', fullPage: true });
await browser.close();
process.exit(pages === 1 ? 0 : 1);
