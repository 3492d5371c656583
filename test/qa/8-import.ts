/**
 * qa8: the coordinator imports a messy policy XLSX (title row, columns in another order, aliases, 、 and ，
 * separators, a date as an Excel serial number, a Date cell, a whole period in 有效期, a duplicate code, an
 * unknown 兑现方式, an unknown column), then a GBK CSV, then re-imports the XLSX with one change.
 * QA_PORT=8840 npx tsx test/qa/8-import.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import writeXlsxFile from 'write-excel-file/node';
import { launchChromium } from '../support/browser.ts';
import { check, sleep, summary } from './lib.ts';
import { poll, tid } from './page.ts';

const port = Number(process.env.QA_PORT ?? 8840);
const http = `http://127.0.0.1:${port}`;
const dir = join(process.cwd(), '.tmp/qa-qa8');
mkdirSync(dir, { recursive: true });
export async function signIn(ctx: BrowserContext, user: string): Promise<Page> {
  const p = await ctx.newPage();
  p.on('pageerror', (e) => console.log(`[pageerror ${user}] ${e.message}`));
  await p.goto('/');
  await poll(() => tid(p, 'login-username').isVisible(), (v) => v === true);
  await tid(p, 'login-username').fill(user);
  await tid(p, 'login-password').fill('bangqi2026');
  await tid(p, 'login-submit').click();
  await poll(() => tid(p, 'current-user').getAttribute('data-user-id', { timeout: 1000 }), (v) => !!v);
  await poll(() => p.evaluate(() => document.documentElement.dataset.swReady), (v) => v === '1');
  await poll(() => tid(p, 'sync-online').getAttribute('data-state', { timeout: 1000 }), (v) => v === 'online');
  await poll(async () => Number(await tid(p, 'enterprise-count').getAttribute('data-count', { timeout: 1000 })), (v) => v > 0);
  return p;
}

// columns in another order, most headers are aliases; 序号 and 备注说明 are not fields
const HEADER = ['序号', '政策事项名称', '编码', '主管部门', '政策级别', '申报方式', '扶持标准', '行业', '镇街', '标签', '成立早于', '最少从业人数', '有效期', '申报截止', '备注说明'];
type C = string | number | Date | null;
const ROWS: C[][] = [
  [1, '专精特新装备企业技改奖励', 'QA8-A', '工信局', '县级', '需申报', '最高奖励80万元', '高端装备制造、新材料', '新桥镇，河阳镇', '专精特新', null, null, '2025-01-01至2027-12-31', new Date(Date.UTC(2026, 11, 20)), ''],
  [2, '老字号装备企业稳岗补贴', 'QA8-B', '人社局', '市级', '申报', '每人500元', '高端装备制造', '', '', 40179 /* 2010-01-01 as an Excel serial */, 50, '', null, ''],
  [3, '重复编码的事项', 'QA8-A', '工信局', '县级', '申报', '', '', '', '', null, null, '', null, '重复'],
  [4, '兑现方式写错的事项', 'QA8-D', '财政局', '省', '自动兑付', '', '', '', '', null, null, '', null, ''],
  [5, '规上企业电费补贴（免申即享）', 'QA8-E', '发改局', '区级', '免申即享', '按用电量补贴，最高5万元', '', '', '规上; 高新技术企业', null, null, '', null, ''],
  [6, '已过期的旧政策', 'QA8-X', '商务局', '市', '申报', '2万元', '', '', '', null, null, '2023-01-01至2025-12-31', null, ''],
];
async function writeSheet(file: string, rows: C[][]) {
  const cell = (v: C) =>
    v === null || v === '' ? null : v instanceof Date ? { value: v, type: Date, format: 'yyyy-mm-dd' } : { value: v, type: typeof v === 'number' ? Number : String };
  const data = [[cell('临河区惠企政策清单（QA8 整理版）')], [null], HEADER.map(cell), ...rows.map((r) => r.map(cell))];
  await writeXlsxFile(data as never).toFile(file);
}

async function runImport(p: Page, file: string, name: string) {
  await p.goto('/policies/import');
  await tid(p, 'policy-import-file').setInputFiles(file);
  await poll(() => tid(p, 'policy-import-mapping').isVisible(), (v) => v === true, 15_000);
  const mapping: Record<string, string> = {};
  for (const k of ['code', 'name', 'department', 'level', 'mode', 'benefit', 'industry', 'town', 'tagsAny', 'establishedBefore', 'employeesMin', 'effectiveFrom', 'applyTo']) {
    mapping[k] = await tid(p, `policy-map-${k}`).inputValue().catch(() => '?');
  }
  const unknown = await tid(p, 'policy-import-unknown').textContent().catch(() => null);
  await p.setViewportSize({ width: 390, height: 844 });
  await p.screenshot({ path: join(dir, `${name}-mapping.png`), fullPage: true });
  await tid(p, 'policy-import-start').click();
  await poll(() => tid(p, 'policy-import-summary').isVisible(), (v) => v === true, 30_000);
  const c = async (id: string) => tid(p, id).getAttribute('data-count');
  const counts = { added: await c('policy-import-added'), updated: await c('policy-import-updated'), unchanged: await c('policy-import-unchanged'), errors: await c('policy-import-errors') };
  const lines = await p.locator('[data-testid="policy-import-report-line"]').evaluateAll((els) =>
    els.map((e) => ({ row: e.getAttribute('data-row'), code: e.getAttribute('data-code'), text: e.textContent })),
  );
  await p.screenshot({ path: join(dir, `${name}-summary.png`), fullPage: true });
  return { mapping, unknown, counts, lines };
}

const browser = await launchChromium();
const ctx = await browser.newContext({ baseURL: http, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
const p = await signIn(ctx, 'liuyang');

const xlsx = join(dir, 'messy.xlsx');
await writeSheet(xlsx, ROWS);
const r1 = await runImport(p, xlsx, 'xlsx1');
console.log(JSON.stringify(r1, null, 1));
check('xlsx: code column is 编码 (2)', r1.mapping.code === '2', r1.mapping);
check('xlsx: 4 added (A, B, E, X), 2 errors (dup A, mode D)', r1.counts.added === '4' && r1.counts.errors === '2', r1.counts);
check('xlsx: duplicate reported on row 6', r1.lines.some((l) => l.code === 'duplicate' && l.row === '6'), r1.lines);
check('xlsx: unknown mode reported on row 7', r1.lines.some((l) => l.code === 'mode' && l.row === '7'), r1.lines);

// GBK CSV (Excel's 另存为 CSV on a Chinese Windows)
const csv = [
  '事项编码,事项名称,兑现方式,适用行业,企业标签,申报截止日期,支持标准',
  'QA8-G1,技改贷款贴息,申报,"高端装备制造,新材料",专精特新、规上,2027/3/31,"贴息50%，最高30万元"',
  'QA8-G2,新招用高校毕业生社保补贴,免申即享,,,2027年6月30日,按实际缴费补贴',
].join('\r\n');
writeFileSync(join(dir, 'utf8.csv'), csv);
execFileSync('python3', ['-c', `open(${JSON.stringify(join(dir, 'gbk.csv'))},'wb').write(open(${JSON.stringify(join(dir, 'utf8.csv'))},encoding='utf-8').read().encode('gbk'))`]);
const r2 = await runImport(p, join(dir, 'gbk.csv'), 'csv');
console.log(JSON.stringify(r2, null, 1));
check('gbk csv: 2 added, 0 errors', r2.counts.added === '2' && r2.counts.errors === '0', r2.counts);

// re-import: one benefit changed, the bad rows fixed
const rows2 = ROWS.map((r) => [...r]);
rows2[1]![6] = '每人800元';
rows2[2]![2] = 'QA8-C';
rows2[3]![5] = '免申';
const xlsx2 = join(dir, 'messy2.xlsx');
await writeSheet(xlsx2, rows2);
const r3 = await runImport(p, xlsx2, 'xlsx2');
console.log(JSON.stringify(r3.counts));
check('re-import: added 2 (C, D), updated 1 (B), unchanged 3', r3.counts.added === '2' && r3.counts.updated === '1' && r3.counts.unchanged === '3' && r3.counts.errors === '0', r3.counts);

// the items as read on their pages
for (const code of ['QA8-A', 'QA8-B', 'QA8-E', 'QA8-G1', 'QA8-G2']) {
  await p.goto(`/policies/${code}`);
  await sleep(1500);
  const text = (await p.locator('main').textContent().catch(() => '')) ?? '';
  console.log(code, text.replace(/\s+/g, ' ').slice(0, 700));
  await p.screenshot({ path: join(dir, `item-${code}.png`), fullPage: true });
}
// the list: expired hidden by default
await p.goto('/policies');
await sleep(1500);
const listText = (await p.locator('main').textContent()) ?? '';
check('list hides expired QA8-X by default', !listText.includes('已过期的旧政策'), '');
await p.screenshot({ path: join(dir, 'list-coord.png'), fullPage: false });
summary();
await browser.close();
