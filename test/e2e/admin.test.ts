/**
 * Admin screens against the real relay: create a team and a commissioner (Chinese validation first),
 * the new user signs in; a password reset replaces her password; disabling her stops the next sign-in;
 * the audit log shows the logins, filters and pages them, and exports a CSV; offline the screens say
 * they need the network.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { AUDIT_PAGE_SIZE } from '../../web/src/state/admin.ts';
import { apiToken, byTestId, signIn, submitLogin, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();

/** Opens the app on a fresh device and submits the login form (no waiting: the caller checks the outcome). */
async function tryLogin(context: BrowserContext, username: string, password: string): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[pageerror ${username}] ${err.message}`));
  await page.goto('/');
  await submitLogin(page, username, password);
  return page;
}

const signedInAs = (page: Page) => byTestId(page, 'current-user').getAttribute('data-user-id');

describe('admin', () => {
  it('creates a team and a commissioner who signs in; disabling stops sign-in; the audit log shows and exports it', async () => {
    const adminDevice = await newDevice(env.browser, env.relay.url);
    const admin = await signIn(adminDevice, 'admin');
    expect(await signedInAs(admin)).toBe('u-admin');
    await admin.setViewportSize({ width: 1100, height: 860 });

    // 管理 in the nav opens the users; the tabs lead to the teams. A new 街镇服务队:
    await byTestId(admin, 'nav-admin').click();
    await expect.poll(() => byTestId(admin, 'admin-users').isVisible(), { timeout: 15_000 }).toBe(true);
    await admin.getByRole('link', { name: '服务队', exact: true }).click();
    await expect.poll(() => byTestId(admin, 'team-row').count(), { timeout: 15_000 }).toBe(2);
    await byTestId(admin, 'team-new').click();
    await byTestId(admin, 'team-save').click();
    expect(await byTestId(admin, 'team-form').textContent()).toContain('请填写服务队名称');
    await byTestId(admin, 'team-form-name').fill('柳林镇服务队');
    await admin.selectOption('[data-testid="team-form-kind"]', 'town');
    await admin.selectOption('[data-testid="team-form-scope"]', '柳林镇');
    await byTestId(admin, 'team-save').click();
    await expect.poll(() => byTestId(admin, 'team-row').count()).toBe(3);
    expect(await admin.locator('[data-testid="team-row"][data-name="柳林镇服务队"]').textContent()).toContain('街镇服务队');
    await screenshot(admin, 'admin-teams');

    // A new commissioner in it: the form says in Chinese what is wrong before anything is sent.
    await admin.getByRole('link', { name: '用户', exact: true }).click();
    await expect.poll(() => byTestId(admin, 'user-row').count(), { timeout: 15_000 }).toBe(DEMO_USERS.length);
    await byTestId(admin, 'user-new').click();
    await byTestId(admin, 'user-form-name').fill('周芳');
    await byTestId(admin, 'user-form-username').fill('Zhou Fang');
    await byTestId(admin, 'user-form-phone').fill('1380000');
    await byTestId(admin, 'user-form-password').fill('12345678');
    await byTestId(admin, 'user-save').click();
    expect(await byTestId(admin, 'user-form-error-username').textContent()).toContain('用户名');
    expect(await byTestId(admin, 'user-form-error-phone').textContent()).toContain('手机号');
    expect(await byTestId(admin, 'user-form-error-password').textContent()).toContain('全是数字');
    await screenshot(admin, 'admin-user-form-errors');
    await byTestId(admin, 'user-form-username').fill('zhoufang');
    await byTestId(admin, 'user-form-phone').fill('13800000000');
    await byTestId(admin, 'user-form-password').fill('liulin2026');
    await byTestId(admin, 'user-form').getByLabel('柳林镇服务队').check();
    await byTestId(admin, 'user-save').click();
    const newRow = admin.locator('[data-testid="user-row"][data-username="zhoufang"]');
    await expect.poll(() => newRow.count(), { timeout: 15_000 }).toBe(1);
    expect(await newRow.textContent()).toContain('柳林镇服务队');
    expect(await newRow.textContent()).toContain('服务专员');
    await screenshot(admin, 'admin-users');

    // A second account with the same username is refused by the relay, said in Chinese.
    await byTestId(admin, 'user-new').click();
    await byTestId(admin, 'user-form-name').fill('周芳二');
    await byTestId(admin, 'user-form-username').fill('zhoufang');
    await byTestId(admin, 'user-form-password').fill('liulin2026');
    await byTestId(admin, 'user-save').click();
    await expect.poll(() => byTestId(admin, 'user-form-error').textContent(), { timeout: 10_000 }).toContain('已被占用');
    await admin.getByRole('button', { name: '取消' }).click();

    // The new user signs in on their own device.
    const newDevice1 = await newDevice(env.browser, env.relay.url);
    const fang = await tryLogin(newDevice1, 'zhoufang', 'liulin2026');
    await expect.poll(() => byTestId(fang, 'current-user').getAttribute('data-role'), { timeout: 30_000 }).toBe('commissioner');
    const fangId = await signedInAs(fang);
    await newDevice1.close();

    // The admin resets her password: the old one stops working, the new one works.
    await newRow.getByTestId('user-edit').click();
    expect(await byTestId(admin, 'user-form-username').isDisabled()).toBe(true);
    await byTestId(admin, 'user-form-password').fill('qingshan2027');
    await byTestId(admin, 'user-save').click();
    await expect.poll(() => byTestId(admin, 'user-form').count(), { timeout: 10_000 }).toBe(0);
    const oldPassword = await newDevice(env.browser, env.relay.url);
    const withOld = await tryLogin(oldPassword, 'zhoufang', 'liulin2026');
    await expect.poll(() => byTestId(withOld, 'login-error').textContent(), { timeout: 15_000 }).toContain('密码错误');
    await submitLogin(withOld, 'zhoufang', 'qingshan2027');
    await expect.poll(() => signedInAs(withOld), { timeout: 15_000 }).toBe(fangId);
    await oldPassword.close();

    // Disabled: the next sign-in is refused.
    admin.once('dialog', (d) => void d.accept());
    await newRow.getByTestId('user-disable').click();
    await expect.poll(() => newRow.getAttribute('data-disabled'), { timeout: 10_000 }).toBe('1');
    const newDevice2 = await newDevice(env.browser, env.relay.url);
    const refused = await tryLogin(newDevice2, 'zhoufang', 'qingshan2027');
    await expect.poll(() => byTestId(refused, 'login-error').textContent(), { timeout: 15_000 }).toContain('停用');
    await newDevice2.close();

    // The audit log: newest first, the logins (and the refused one) are there, filters narrow it.
    await admin.getByRole('link', { name: '审计日志', exact: true }).click();
    await expect.poll(() => byTestId(admin, 'audit-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await admin.selectOption('[data-testid="audit-filter-action"]', 'login');
    await expect.poll(async () => [...new Set(await byTestId(admin, 'audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action'))))]).toEqual(['login']);
    const actors = await byTestId(admin, 'audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-actor')));
    expect(actors).toContain('u-admin');
    expect(actors).toContain(fangId);
    const ids = await byTestId(admin, 'audit-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    await admin.selectOption('[data-testid="audit-filter-action"]', 'login-failed');
    await expect.poll(() => byTestId(admin, 'audit-row').first().getAttribute('data-action'), { timeout: 10_000 }).toBe('login-failed');
    await admin.selectOption('[data-testid="audit-filter-action"]', '');
    await admin.selectOption('[data-testid="audit-filter-actor"]', fangId!);
    await expect.poll(async () => [...new Set(await byTestId(admin, 'audit-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-actor'))))], { timeout: 10_000 }).toEqual([fangId]);
    await admin.selectOption('[data-testid="audit-filter-actor"]', '');
    await expect.poll(() => byTestId(admin, 'audit-row').count(), { timeout: 10_000 }).toBeGreaterThan(2);
    await screenshot(admin, 'admin-audit');

    // 加载更多: 60 more sign-ins (through the API) make the login entries more than one page.
    for (let i = 0; i < 60; i++) await apiToken(env.relay.url, 'liuyang');
    await admin.selectOption('[data-testid="audit-filter-action"]', 'login');
    await expect.poll(() => byTestId(admin, 'audit-row').count(), { timeout: 10_000 }).toBe(AUDIT_PAGE_SIZE);
    await byTestId(admin, 'audit-more').click();
    await expect.poll(() => byTestId(admin, 'audit-row').count(), { timeout: 10_000 }).toBeGreaterThan(AUDIT_PAGE_SIZE);
    const paged = await byTestId(admin, 'audit-row').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
    expect(paged).toEqual([...new Set(paged)].sort((x, y) => y - x));
    expect(await byTestId(admin, 'audit-more').count()).toBe(0);

    // A day range: today keeps them, from tomorrow on there is nothing (the empty state says so).
    const day = (offset: number) => {
      const d = new Date(Date.now() + offset * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    await byTestId(admin, 'audit-filter-from').fill(day(1));
    await expect.poll(() => byTestId(admin, 'audit-empty').isVisible(), { timeout: 10_000 }).toBe(true);
    await byTestId(admin, 'audit-filter-from').fill(day(0));
    await byTestId(admin, 'audit-filter-to').fill(day(0));
    await expect.poll(() => byTestId(admin, 'audit-row').count(), { timeout: 10_000 }).toBe(AUDIT_PAGE_SIZE);

    // Export with the same filters: a CSV download with the login entries.
    const [download] = await Promise.all([admin.waitForEvent('download'), byTestId(admin, 'audit-export').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv).toContain('login');
    expect(csv).toContain('u-admin');
    expect(csv).not.toContain('user-created');

    // Offline, the admin screens say they need the network.
    await adminDevice.setOffline(true);
    await expect.poll(() => byTestId(admin, 'admin-offline').isVisible(), { timeout: 10_000 }).toBe(true);
    await screenshot(admin, 'admin-audit-offline');
    await adminDevice.setOffline(false);
    await adminDevice.close();
  });

  it('a coordinator reads the teams but cannot change them, and has no users or audit screens', async () => {
    const device = await newDevice(env.browser, env.relay.url);
    const coord = await signIn(device, 'liuyang');
    await byTestId(coord, 'nav-admin').click();
    await expect.poll(() => byTestId(coord, 'team-row').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    expect(await byTestId(coord, 'team-new').count()).toBe(0);
    expect(await byTestId(coord, 'team-edit').count()).toBe(0);
    expect(await coord.getByRole('link', { name: '审计日志', exact: true }).count()).toBe(0);
    await coord.goto('/admin/audit');
    await expect.poll(() => byTestId(coord, 'admin-no-access').isVisible(), { timeout: 15_000 }).toBe(true);
    await device.close();
  });
});
