/**
 * 惠企政策 import in the browser: the coordinator imports a policy list XLSX (title row above the header,
 * condition columns, one bad row): 新增 4 / 错误 1 with the bad row on the report; re-importing with one
 * row changed says 更新 1 / 未变 3. A commissioner's device gets the items after sync and, offline,
 * finds one by its pinyin initials and reads its conditions. Screenshots of list, item and import at
 * 390 and 1280 px.
 */
import { mkdirSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/node';
import { POLICY_COLUMNS } from '@bangqi/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newDevice } from '../support/browser.ts';
import { byTestId, goOffline, pendingCount, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();
const DIR = `${process.cwd()}/.tmp/policies-e2e`;
const SHOTS = `${process.cwd()}/.tmp/shots-p2`;
const shot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
};

const HEADER = ['事项编码', '事项名称', '政策文件', '文号', '发布层级', '发布部门', '领域', '兑现方式', '支持标准', '咨询电话', '申报截止日期', '适用行业', '企业标签(任一)', '企业规模', '从业人数不少于', '备注'];
const ROWS = [
  ['FX-KJ-001', '高新技术企业认定奖励', '费县支持科技创新若干措施', '费政发〔2025〕3号', '县区', '科技局', '科技', '申报', '首次认定奖励20万元', '0539-5011234', '2099-06-30', '', '高新技术企业', '', '', ''],
  ['FX-GY-002', '规上工业企业技术改造设备补助', '费县推动制造业高质量发展若干政策', '', '县区', '工信局', '工业', '申报', '按设备投资额10%补助，最高100万元', '0539-5012345', '', '制造业', '', '规上', 20, ''],
  ['FX-SF-003', '小微企业“六税两费”减征', '财政部 税务总局公告2023年第12号', '', '国家', '税务局', '税费', '免申即享', '减半征收', '12366', '', '', '', '规下', '', ''],
  ['FX-RC-004', '青年人才生活补贴', '费县人才新政', '', '县区', '人社局', '人才', '申报', '每人每月1000元', '', '', '', '', '', '', '核对'],
  ['FX-BAD-005', '日期填错的事项', '', '', '省级', '', '', '随便', '', '', '2026-02-30', '', '', '', '', ''],
];

async function writeSheet(file: string, rows: (string | number)[][]): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const cell = (v: string | number) => (v === '' ? null : { value: v, type: typeof v === 'number' ? Number : String });
  const data = [[cell('费县惠企政策清单（2026 年版）')], HEADER.map(cell), ...rows.map((r) => r.map(cell))];
  await writeXlsxFile(data as never).toFile(file);
}

async function importFile(page: Page, file: string): Promise<void> {
  await byTestId(page, 'policy-import-file').setInputFiles(file);
  await expect.poll(() => byTestId(page, 'policy-import-mapping').isVisible(), { timeout: 15_000 }).toBe(true);
  await byTestId(page, 'policy-import-start').click();
  await expect.poll(() => byTestId(page, 'policy-import-summary').isVisible(), { timeout: 30_000 }).toBe(true);
}
const count = (page: Page, id: string) => byTestId(page, id).getAttribute('data-count');

describe('policy library import', () => {
  it('imports a list with a bad row, re-imports one change, and a commissioner finds an item offline by initials', async () => {
    const first = `${DIR}/policies-1.xlsx`;
    await writeSheet(first, ROWS);
    const device = await newDevice(env.browser, env.relay.url);
    const coord = await signIn(device, 'liuyang');
    await coord.goto('/policies');
    // the demo district's seeded library arrives first (its expired items hidden)
    await expect.poll(async () => Number(await count(coord, 'policy-count')), { timeout: 30_000 }).toBeGreaterThan(0);
    const base = Number(await count(coord, 'policy-count'));
    await byTestId(coord, 'policy-import-link').click();
    // the template: one header row with every column
    const [download] = await Promise.all([coord.waitForEvent('download'), byTestId(coord, 'policy-template').click()]);
    expect(download.suggestedFilename()).toBe('惠企政策导入模板.xlsx');
    const template = await readSheet(await download.path());
    expect(template).toEqual([POLICY_COLUMNS.map((c) => c.label)]);

    await byTestId(coord, 'policy-import-file').setInputFiles(first);
    await expect.poll(() => byTestId(coord, 'policy-import-mapping').isVisible(), { timeout: 15_000 }).toBe(true);
    // the header under the title row is found; the columns are mapped; 备注 is named as not imported
    expect(await byTestId(coord, 'policy-map-code').inputValue()).toBe('0');
    expect(await byTestId(coord, 'policy-map-industry').inputValue()).toBe('11');
    expect(await byTestId(coord, 'policy-import-unknown').textContent()).toContain('备注');
    await shot(coord, 'import-mapping');
    await byTestId(coord, 'policy-import-start').click();
    await expect.poll(() => byTestId(coord, 'policy-import-summary').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await count(coord, 'policy-import-added')).toBe('4');
    expect(await count(coord, 'policy-import-errors')).toBe('1');
    const bad = coord.locator('[data-testid="policy-import-report-line"][data-row="7"]');
    // 省级 reads as 省; the mode 随便 and the date 2026-02-30 are refused, each named with its column
    expect(await bad.evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual(['mode', 'date']);
    expect(await bad.first().textContent()).toContain('兑现方式');
    expect(await coord.locator('[data-testid="policy-import-report-line"]').count()).toBe(2);
    await shot(coord, 'import-summary');

    // re-import: one row changed → 更新 1, the rest 未变
    const second = `${DIR}/policies-2.xlsx`;
    const changed = ROWS.slice(0, 4).map((r) => [...r]);
    changed[1]![8] = '按设备投资额12%补助，最高120万元';
    await writeSheet(second, changed);
    await byTestId(coord, 'policy-import-again').click();
    await importFile(coord, second);
    expect(await count(coord, 'policy-import-added')).toBe('0');
    expect(await count(coord, 'policy-import-updated')).toBe('1');
    expect(await count(coord, 'policy-import-unchanged')).toBe('3');
    expect(await count(coord, 'policy-import-errors')).toBe('0');

    await coord.goto('/policies');
    await expect.poll(() => count(coord, 'policy-count'), { timeout: 15_000 }).toBe(String(base + 4));
    const ours = (page: Page) => byTestId(page, 'policy-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')!).filter((c) => c.startsWith('FX-')));
    expect(await ours(coord)).toEqual(['FX-GY-002', 'FX-KJ-001', 'FX-RC-004', 'FX-SF-003']);
    await shot(coord, 'list-coordinator');

    // the editor: a condition with a bad value is named in Chinese and nothing is written until fixed
    await coord.goto('/policies/FX-RC-004/edit');
    await expect.poll(() => byTestId(coord, 'policy-field-name').inputValue(), { timeout: 15_000 }).toBe('青年人才生活补贴');
    await byTestId(coord, 'policy-add-condition').click();
    const row = byTestId(coord, 'policy-condition-row').last();
    await row.locator('select').selectOption('lte');
    await row.locator('input').fill('很多');
    await byTestId(coord, 'policy-save').click();
    await expect.poll(() => byTestId(coord, 'policy-form-errors').textContent()).toBe('有 1 处需要修改');
    expect(await row.textContent()).toContain('请填写不小于 0 的整数');
    await shot(coord, 'editor-error');
    await row.locator('input').fill('50');
    await byTestId(coord, 'policy-save').click();
    await expect.poll(() => byTestId(coord, 'policy-condition').allTextContents(), { timeout: 15_000 }).toEqual(['从业人数不多于 50 人']);
    await expect.poll(() => pendingCount(coord), { timeout: 30_000 }).toBe(0);

    // a commissioner's device: the items arrive; offline, 技改 by initials, the item page reads offline
    const zwDevice = await newDevice(env.browser, env.relay.url);
    const zw = await signIn(zwDevice, 'zhangwei');
    await zw.goto('/policies');
    await expect.poll(() => count(zw, 'policy-count'), { timeout: 30_000 }).toBe(String(base + 4));
    expect(await byTestId(zw, 'policy-import-link').count()).toBe(0);
    await goOffline(zwDevice, zw);
    const codes = () => byTestId(zw, 'policy-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    // 规上工业企业… by its initials: the name match first
    await byTestId(zw, 'policy-search').fill('gsgyqy');
    await expect.poll(async () => (await codes())[0], { timeout: 15_000 }).toBe('FX-GY-002');
    // 青年人才 by full pinyin
    await byTestId(zw, 'policy-search').fill('qingnianrencai');
    await expect.poll(codes, { timeout: 15_000 }).toEqual(['FX-RC-004']);
    await byTestId(zw, 'policy-search').fill('');
    await byTestId(zw, 'policy-filter-mode').selectOption('免申即享');
    await expect.poll(() => ours(zw)).toEqual(['FX-SF-003']);
    // an item typed by its code
    await byTestId(zw, 'policy-search').fill('FX-SF-003');
    await expect.poll(async () => (await codes())[0]).toBe('FX-SF-003');
    await shot(zw, 'list-commissioner-filtered');
    await byTestId(zw, 'policy-filter-mode').selectOption('');
    await byTestId(zw, 'policy-search').fill('gsgyqy');
    await byTestId(zw, 'policy-row').first().click();
    await expect.poll(() => byTestId(zw, 'policy-name').textContent(), { timeout: 15_000 }).toBe('规上工业企业技术改造设备补助');
    expect(await byTestId(zw, 'policy-benefit').textContent()).toBe('按设备投资额12%补助，最高120万元');
    expect(await byTestId(zw, 'policy-condition').allTextContents()).toEqual(['行业属于：制造业', '企业规模为规上', '从业人数不少于 20 人']);
    expect(await byTestId(zw, 'policy-phone').getAttribute('href')).toBe('tel:0539-5012345');
    expect(await byTestId(zw, 'policy-edit').count()).toBe(0);
    await shot(zw, 'item-commissioner');

    // withdrawing hides an item from the list (never deleted): 显示已失效 brings it back
    await coord.goto('/policies/FX-RC-004');
    coord.once('dialog', (d) => void d.accept());
    await byTestId(coord, 'policy-withdraw').click();
    await expect.poll(() => byTestId(coord, 'policy-validity').getAttribute('data-state')).toBe('withdrawn');
    await coord.goto('/policies');
    await expect.poll(() => count(coord, 'policy-count'), { timeout: 15_000 }).toBe(String(base + 3));
    expect(await ours(coord)).toEqual(['FX-GY-002', 'FX-KJ-001', 'FX-SF-003']);
    await byTestId(coord, 'policy-show-inactive').check();
    await expect.poll(() => ours(coord)).toEqual(['FX-GY-002', 'FX-KJ-001', 'FX-RC-004', 'FX-SF-003']);
  }, 120_000);
});
