/**
 * 一企一策一人 across devices, with the relay enforcing who sees what: the team lead assigns an
 * unassigned file to 张伟 → it reaches 张伟's device and never 李娜's; 张伟 opens it offline after a
 * reload; his new file is born in his portfolio; the coordinator sees the whole district; bulk
 * assignment from the filtered list; an offline reassignment needs a reason, shows in the history and
 * reaches the new owner once the lead is back online.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generateDemoEnterprises } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { byTestId, editField, goOffline, goOnlineAndSettle, pendingCount, signIn, syncState, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();

const demo = generateDemoEnterprises();
const portfolio = (userId: string) => demo.filter((e) => e.responsibleId === userId).length;
const equipUnassigned = demo.filter((e) => e.teamId === 't-equip' && e.responsibleId === '');
const equipAll = demo.filter((e) => e.teamId === 't-equip').length;

const rowCount = async (page: Page) => Number(await byTestId(page, 'enterprise-count').getAttribute('data-count'));
const rowsWithId = (page: Page, id: string) => page.locator(`[data-testid="enterprise-row"][data-id="${id}"]`);

/** Searches the list for one file by its name (the list is virtualized: only rows on screen exist). */
async function search(page: Page, name: string): Promise<void> {
  await byTestId(page, 'enterprise-search').fill(name);
}

/** Screenshots the file page scrolled to its 一企一策一人 section (the page scrolls inside its container). */
async function screenshotSection(page: Page, name: string): Promise<void> {
  await byTestId(page, 'assignment-section').scrollIntoViewIfNeeded();
  await screenshot(page, name);
}

async function openAssignment(page: Page, docId: string): Promise<void> {
  await page.goto(`/enterprises/${docId}`);
  await expect.poll(() => byTestId(page, 'assignment-section').isVisible(), { timeout: 15_000 }).toBe(true);
}

describe('一企一策一人', () => {
  it('the lead assigns, the right device receives, offline still works, bulk and reassignment keep history', async () => {
    const leadDevice = await newDevice(env.browser, env.relay.url);
    const zhangDevice = await newDevice(env.browser, env.relay.url);
    const linaDevice = await newDevice(env.browser, env.relay.url);
    const [lead, zhang, lina] = await Promise.all([
      signIn(leadDevice, 'wangqiang', equipAll),
      signIn(zhangDevice, 'zhangwei', portfolio('u-zhangwei')),
      signIn(linaDevice, 'lina', portfolio('u-lina')),
    ]);

    // The lead finds the unassigned files of the team: chip, then filters; counts match the demo data.
    expect(Number(await byTestId(lead, 'unassigned-chip').getAttribute('data-count'))).toBe(equipUnassigned.length);
    await byTestId(lead, 'unassigned-chip').click();
    await expect.poll(() => rowCount(lead)).toBe(equipUnassigned.length);
    expect(await byTestId(lead, 'enterprise-row').first().getAttribute('data-responsible')).toBe('');
    await lead.selectOption('[data-testid="filter-responsible"]', 'u-zhangwei');
    await expect.poll(() => rowCount(lead)).toBe(portfolio('u-zhangwei'));
    await lead.selectOption('[data-testid="filter-responsible"]', 'none');
    await expect.poll(() => rowCount(lead)).toBe(equipUnassigned.length);
    await screenshot(lead, 'assignment-list-unassigned-filter');

    // Assign one to 张伟 from its file page.
    const target = equipUnassigned[0]!;
    await openAssignment(lead, target.id);
    expect(await byTestId(lead, 'file-responsible').getAttribute('data-user-id')).toBe('');
    expect(await byTestId(lead, 'file-responsible').textContent()).toContain('未分配');
    expect(await byTestId(lead, 'file-summary').textContent()).toContain('未分配');
    await byTestId(lead, 'assign-open').click();
    expect(await byTestId(lead, 'assign-team').inputValue()).toBe('t-equip');
    await lead.selectOption('[data-testid="assign-responsible"]', 'u-zhangwei');
    await byTestId(lead, 'assign-save').click();
    await expect.poll(() => byTestId(lead, 'file-responsible').getAttribute('data-user-id')).toBe('u-zhangwei');
    expect(await byTestId(lead, 'file-responsible').textContent()).toContain('张伟');
    await byTestId(lead, 'strategy').fill('每月走访一次；重点跟进技改贷款贴息申报。');
    await byTestId(lead, 'strategy').blur();
    await expect.poll(() => byTestId(lead, 'assignment-history-item').count()).toBe(2);
    await screenshotSection(lead, 'assignment-file-section-lead');

    // It reaches 张伟's device (list and file, strategy read-only) and never 李娜's.
    await expect.poll(() => rowCount(zhang), { timeout: 20_000 }).toBe(portfolio('u-zhangwei') + 1);
    await search(zhang, target.name);
    await expect.poll(() => rowsWithId(zhang, target.id).count()).toBe(1);
    await openAssignment(zhang, target.id);
    expect(await byTestId(zhang, 'file-responsible').getAttribute('data-user-id')).toBe('u-zhangwei');
    await expect.poll(() => byTestId(zhang, 'strategy').inputValue(), { timeout: 15_000 }).toBe('每月走访一次；重点跟进技改贷款贴息申报。');
    expect(await byTestId(zhang, 'strategy').getAttribute('readonly')).not.toBeNull();
    expect(await byTestId(zhang, 'assign-open').count()).toBe(0);
    await screenshotSection(zhang, 'assignment-file-section-commissioner');
    expect(await rowCount(lina)).toBe(portfolio('u-lina'));
    await search(lina, target.name);
    expect(await rowCount(lina)).toBe(0);
    await search(lina, '');

    // 张伟 goes offline and reloads: the app, the identity and the file are all on the device.
    await zhangDevice.setOffline(true);
    await zhang.reload();
    await expect.poll(() => byTestId(zhang, 'file-responsible').getAttribute('data-user-id'), { timeout: 20_000 }).toBe('u-zhangwei');
    expect(await syncState(zhang)).toBe('offline');
    await zhang.getByRole('link', { name: '返回列表' }).click();
    await search(zhang, target.name);
    await expect.poll(() => rowsWithId(zhang, target.id).count(), { timeout: 15_000 }).toBe(1);
    expect(await rowsWithId(zhang, target.id).getAttribute('data-responsible')).toBe('u-zhangwei');
    await rowsWithId(zhang, target.id).click();
    await expect.poll(() => byTestId(zhang, 'file-responsible').getAttribute('data-user-id'), { timeout: 15_000 }).toBe('u-zhangwei');
    await screenshot(zhang, 'assignment-offline-after-reload');
    await zhangDevice.setOffline(false);

    // A file 张伟 creates is born in his portfolio (one transaction), so the relay accepts it and his lead gets it.
    await zhang.getByRole('link', { name: '返回列表' }).click();
    await byTestId(zhang, 'enterprise-new').click();
    await byTestId(zhang, 'create-name').fill('临河新建精密机械有限公司');
    await byTestId(zhang, 'create-submit').click();
    await expect.poll(() => byTestId(zhang, 'file-summary').getAttribute('data-user-id'), { timeout: 15_000 }).toBe('u-zhangwei');
    await editField(zhang, 'field-name', '临河新建精密机械有限公司');
    await expect.poll(() => syncState(zhang), { timeout: 30_000 }).toBe('online');
    await expect.poll(() => pendingCount(zhang), { timeout: 30_000 }).toBe(0);
    expect(await byTestId(zhang, 'refused-link').count()).toBe(0);
    await lead.goto('/');
    await search(lead, '临河新建精密机械');
    await expect.poll(() => byTestId(lead, 'enterprise-row').getAttribute('data-responsible'), { timeout: 20_000 }).toBe('u-zhangwei');
    expect(await byTestId(lead, 'enterprise-row').getAttribute('data-team')).toBe('t-equip');
    await search(lead, '');

    // The coordinator sees the whole district (the demo files and 张伟's new one).
    const coordDevice = await newDevice(env.browser, env.relay.url);
    const coord = await signIn(coordDevice, 'liuyang', demo.length + 1);
    await screenshot(coord, 'assignment-list-coordinator');
    await coordDevice.close();

    // Bulk: the lead selects every still-unassigned file of the team and gives them to 李娜.
    await lead.goto('/');
    await expect.poll(() => rowCount(lead), { timeout: 15_000 }).toBeGreaterThan(0);
    await lead.selectOption('[data-testid="filter-team"]', 't-equip');
    await lead.selectOption('[data-testid="filter-responsible"]', 'none');
    const bulkCount = equipUnassigned.length - 1;
    await expect.poll(() => rowCount(lead)).toBe(bulkCount);
    await byTestId(lead, 'select-all-filtered').click();
    expect(Number(await byTestId(lead, 'bulk-assign').getAttribute('data-count'))).toBe(bulkCount);
    await screenshot(lead, 'assignment-list-bulk-selected');
    await byTestId(lead, 'bulk-assign').click();
    await lead.selectOption('[data-testid="assign-responsible"]', 'u-lina');
    await screenshot(lead, 'assignment-dialog-bulk');
    // The progress bar may come and go between two polls: a MutationObserver notes that it was shown.
    await lead.evaluate(() => {
      const seen = new MutationObserver(() => {
        if (!document.querySelector('[data-testid="bulk-progress"]')) return;
        document.documentElement.dataset.sawBulkProgress = '1';
        seen.disconnect();
      });
      seen.observe(document.body, { childList: true, subtree: true });
    });
    await byTestId(lead, 'assign-save').click();
    await expect.poll(() => byTestId(lead, 'bulk-summary').getAttribute('data-changed'), { timeout: 30_000 }).toBe(String(bulkCount));
    expect(await byTestId(lead, 'bulk-summary').getAttribute('data-failed')).toBe('0');
    expect(await lead.evaluate(() => document.documentElement.dataset.sawBulkProgress)).toBe('1');
    await expect.poll(() => rowCount(lead)).toBe(0); // none left unassigned in the team
    await screenshot(lead, 'assignment-list-bulk-done');
    await expect.poll(() => rowCount(lina), { timeout: 30_000 }).toBe(portfolio('u-lina') + bulkCount);

    // Reassign 张伟's file to 李娜, offline (the lead is out in the field): a reason is required, and the
    // history shows who, from → to, why. It is sent when the network is back.
    await openAssignment(lead, target.id);
    await goOffline(leadDevice, lead);
    await byTestId(lead, 'assign-open').click();
    await lead.selectOption('[data-testid="assign-responsible"]', 'u-lina');
    await byTestId(lead, 'assign-save').click();
    await expect.poll(() => byTestId(lead, 'assign-error').textContent()).toContain('原因');
    await byTestId(lead, 'assign-reason').fill('张伟借调市里三个月');
    await byTestId(lead, 'assign-save').click();
    await expect.poll(() => byTestId(lead, 'file-responsible').getAttribute('data-user-id')).toBe('u-lina');
    const newest = byTestId(lead, 'assignment-history-item').first();
    expect(await newest.textContent()).toContain('张伟 → 李娜');
    expect(await newest.textContent()).toContain('张伟借调市里三个月');
    expect(await newest.textContent()).toContain('王强');
    await screenshotSection(lead, 'assignment-file-history');
    expect(await pendingCount(lead)).toBeGreaterThan(0);
    await goOnlineAndSettle(leadDevice, lead);
    await expect.poll(() => rowCount(lina), { timeout: 20_000 }).toBe(portfolio('u-lina') + bulkCount + 1);
    await search(lina, target.name);
    await expect.poll(() => rowsWithId(lina, target.id).count()).toBe(1);
    expect(await rowsWithId(lina, target.id).getAttribute('data-responsible')).toBe('u-lina');
    // …and leaves 张伟's device (the relay revoked it).
    await zhang.goto('/');
    await search(zhang, target.name);
    await expect.poll(() => rowCount(zhang), { timeout: 20_000 }).toBe(0);

    await Promise.all([leadDevice.close(), zhangDevice.close(), linaDevice.close()]);
  });
});
