/**
 * 惠企政策 matching in the browser. The coordinator imports two items (one any enterprise qualifies for, one
 * needing a tag nobody has: "nearly" with the tag named). 张伟, offline, opens a file of his portfolio: 可享政策
 * lists the first as 符合 and the second as 接近符合 with the missing tag; he records a visit explaining the
 * first item. Back online, the coordinator's device shows 已告知 for that enterprise on the item's list.
 * 张伟's push list of the item opens with read-excel-file: header + one row per qualifying enterprise.
 * Screenshots at 390 and 1280 px into .tmp/shots-p3.
 */
import { mkdirSync } from 'node:fs';
import writeXlsxFile from 'write-excel-file/node';
import { readSheet } from 'read-excel-file/node';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newDevice } from '../support/browser.ts';
import { byTestId, goOffline, goOnlineAndSettle, pendingCount, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();
const DIR = `${process.cwd()}/.tmp/policies-match-e2e`;
const SHOTS = `${process.cwd()}/.tmp/shots-p3`;
const shot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
};

const HEADER = ['事项编码', '事项名称', '政策文件', '发布层级', '发布部门', '领域', '兑现方式', '支持标准', '咨询电话', '企业标签(任一)', '申报截止日期'];
/** ten days ahead (device time): inside the 申报截止 reminder window */
const d = new Date(Date.now() + 10 * 86_400_000);
const CLOSES = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const ROWS = [
  ['P3-ALL-001', '测试普惠奖励', '测试政策', '县区', '工信局', '工业', '申报', '奖励5万元', '0539-5010000', '', CLOSES],
  ['P3-TAG-002', '测试专属补助', '测试政策', '县区', '科技局', '科技', '申报', '补助8万元', '0539-5020000', 'P3专属标签', ''],
];

async function importItems(page: Page): Promise<void> {
  mkdirSync(DIR, { recursive: true });
  const file = `${DIR}/items.xlsx`;
  const cell = (v: string) => (v === '' ? null : { value: v, type: String });
  await writeXlsxFile([HEADER.map(cell), ...ROWS.map((r) => r.map(cell))] as never).toFile(file);
  await page.goto('/policies/import');
  await byTestId(page, 'policy-import-file').setInputFiles(file);
  await expect.poll(() => byTestId(page, 'policy-import-mapping').isVisible(), { timeout: 15_000 }).toBe(true);
  await byTestId(page, 'policy-import-start').click();
  await expect.poll(() => byTestId(page, 'policy-import-summary').isVisible(), { timeout: 30_000 }).toBe(true);
  expect(await byTestId(page, 'policy-import-added').getAttribute('data-count')).toBe('2');
}

describe('policy matching', () => {
  it('lists items offline on a file with the nearly reason, 已告知 from a visit reaches another device, push list exports', async () => {
    const coordDevice = await newDevice(env.browser, env.relay.url);
    const coord = await signIn(coordDevice, 'liuyang');
    await importItems(coord);
    await expect.poll(() => pendingCount(coord), { timeout: 30_000 }).toBe(0);

    const phone = await newDevice(env.browser, env.relay.url);
    const zw = await signIn(phone, 'zhangwei');
    await zw.goto('/policies/P3-ALL-001');
    await expect.poll(async () => Number(await byTestId(zw, 'policy-count-eligible').textContent().catch(() => '0')), { timeout: 30_000 }).toBeGreaterThan(0);
    const eligible = Number(await byTestId(zw, 'policy-count-eligible').textContent());
    const id = (await byTestId(zw, 'policy-enterprise').first().getAttribute('data-id'))!;
    await shot(zw, 'item-enterprises');

    // Offline: the file lists the items, the tag item as nearly with the tag named.
    await goOffline(phone, zw);
    await zw.goto(`/enterprises/${id}`);
    const file = (code: string) => zw.locator(`[data-testid="file-policy"][data-code="${code}"]`);
    await expect.poll(() => file('P3-ALL-001').getAttribute('data-kind'), { timeout: 30_000 }).toBe('eligible');
    expect(await file('P3-TAG-002').getAttribute('data-kind')).toBe('nearly');
    expect(await file('P3-TAG-002').locator('[data-testid="file-policy-unmet"]').textContent()).toContain('P3专属标签');
    await byTestId(zw, 'file-policies').scrollIntoViewIfNeeded();
    await shot(zw, 'file-policies');

    // A visit explaining the first item records 已告知 (offline, with the visit).
    await byTestId(zw, 'visit-new').click();
    await expect.poll(() => byTestId(zw, 'visit-form').isVisible()).toBe(true);
    await byTestId(zw, 'visit-purpose').fill('宣讲惠企政策');
    await zw.locator('[data-testid="visit-policy"][data-code="P3-ALL-001"]').check();
    await byTestId(zw, 'visit-policy-picker').scrollIntoViewIfNeeded();
    await shot(zw, 'visit-picker');
    await byTestId(zw, 'visit-save').click();
    await expect.poll(() => byTestId(zw, 'visit-item').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => file('P3-ALL-001').locator('[data-testid="file-policy-status"]').textContent(), { timeout: 15_000 }).toBe('已告知');
    await goOnlineAndSettle(phone, zw);

    // The coordinator's device sees 已告知 on the item's district list.
    await coord.goto('/policies/P3-ALL-001');
    await byTestId(coord, 'policy-scope-district').click();
    const entry = coord.locator(`[data-testid="policy-enterprise"][data-id="${id}"] [data-testid="policy-enterprise-status"]`);
    await expect.poll(() => entry.textContent().catch(() => ''), { timeout: 45_000 }).toBe('已告知');

    // The status dialog on the file: 已兑现 needs its date; then the file shows it with the amount.
    await zw.goto(`/enterprises/${id}`);
    await file('P3-ALL-001').locator('[data-testid="file-policy-record"]').click();
    await byTestId(zw, 'policy-status-已兑现').check();
    await byTestId(zw, 'policy-status-amount').fill('5万元');
    await byTestId(zw, 'policy-status-date').fill('');
    await byTestId(zw, 'policy-status-save').click();
    await expect.poll(() => byTestId(zw, 'policy-status-error').isVisible()).toBe(true);
    await byTestId(zw, 'policy-status-date').fill('2026-11-30');
    await shot(zw, 'status-dialog');
    await byTestId(zw, 'policy-status-save').click();
    await expect.poll(() => file('P3-ALL-001').locator('[data-testid="file-policy-status"]').textContent(), { timeout: 15_000 }).toBe('已兑现 5万元');
    await expect.poll(() => pendingCount(zw), { timeout: 30_000 }).toBe(0);

    // 张伟's push list: header + every qualifying enterprise of his portfolio.
    await zw.goto('/policies/P3-ALL-001');
    await expect.poll(async () => Number(await byTestId(zw, 'policy-count-eligible').textContent().catch(() => '0')), { timeout: 30_000 }).toBe(eligible);
    // the row carries the status recorded on the file (materialized on this device)
    await expect.poll(() => zw.locator(`[data-testid="policy-enterprise"][data-id="${id}"] [data-testid="policy-enterprise-status"]`).textContent(), { timeout: 30_000 }).toBe('已兑现 5万元');
    const [download] = await Promise.all([zw.waitForEvent('download', { timeout: 60_000 }), byTestId(zw, 'policy-push-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^推送名单-P3-ALL-001-\d{8}\.xlsx$/);
    const sheet = await readSheet((await download.path())!);
    expect(sheet[0]).toEqual(['企业名称', '统一社会信用代码', '镇街', '行业', '包保专员', '联系人', '职务', '联系电话', '其他联系人', '政策状态']);
    expect(sheet).toHaveLength(eligible + 1);
    const names = await zw.locator('[data-testid="policy-enterprises-eligible"] [data-testid="policy-enterprise"] a').allTextContents();
    expect(sheet.slice(1).map((r) => r[0])).toEqual(names);
    expect(sheet.slice(1).filter((r) => r[9] === '已兑现 5万元')).toHaveLength(1);
    expect(sheet.slice(1).every((r) => r[4] === '张伟')).toBe(true);

    // 申报截止: every qualifying enterprise of his portfolio but the one already paid.
    await zw.goto('/reminders?tab=policies');
    await expect.poll(() => zw.locator('[data-testid="closing-reminder"][data-code="P3-ALL-001"]').count(), { timeout: 15_000 }).toBe(eligible - 1);
    expect(await zw.locator(`[data-testid="closing-reminder"][data-code="P3-ALL-001"][data-id="${id}"]`).count()).toBe(0);
    await shot(zw, 'reminders');

    // The printable sheet lists the qualifying item.
    await zw.goto(`/enterprises/${id}/policies/print`);
    await expect.poll(() => zw.locator('[data-testid="policy-print-item"][data-code="P3-ALL-001"]').count(), { timeout: 15_000 }).toBe(1);
    await shot(zw, 'print');
  }, 150_000);
});
