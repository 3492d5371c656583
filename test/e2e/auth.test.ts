/**
 * Signing in on a device: the login page and its errors, working offline after one online sign-in, two
 * users on one browser profile (each sees only their own data; unsynced changes wait for their owner),
 * an expired session that keeps local edits until the user signs in again, and changes the relay will
 * not take (a wiped name; a file reassigned while the device was offline) kept on 未同步/被拒修改.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DEMO_PASSWORD, assignEnterprise } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { startRelayProcess } from '../support/relay-process.ts';
import {
  apiToken,
  byTestId,
  demoRowsFor,
  editField,
  fieldValue,
  goOffline,
  goOnlineAndSettle,
  openFile,
  pendingCount,
  signIn,
  submitLogin,
  syncState,
  useRelayAndBrowser,
} from './app.ts';
import type { Page } from 'playwright-core';

const env = useRelayAndBrowser();

const rowCount = async (page: Page) => Number(await byTestId(page, 'enterprise-count').getAttribute('data-count'));

/** 王强 (team lead of 高端装备制造专项服务队) reassigns a file with a stock client, as any device of his would. */
async function reassign(relayUrl: string, docId: string, responsibleId: string): Promise<void> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${relayUrl.replace('http', 'ws')}/y`, docId, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { token: await apiToken(relayUrl, 'wangqiang') },
  });
  try {
    await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
    assignEnterprise(doc, { teamId: 't-equip', responsibleId, reason: '调整分工' }, 'u-wangqiang');
    // The stock protocol has no acks: wait until the relay echoes nothing more to send (its state vector matches).
    await new Promise((r) => setTimeout(r, 1_000));
  } finally {
    provider.destroy();
    doc.destroy();
  }
}

describe('sign-in', () => {
  it('explains a wrong password and a missing network, then works offline after one sign-in', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await context.newPage();
    await page.goto('/');
    await expect.poll(() => byTestId(page, 'login-page').isVisible()).toBe(true);
    await screenshot(page, 'auth-login');

    await submitLogin(page, 'zhangwei', 'wrong-password');
    await expect.poll(() => byTestId(page, 'login-error').textContent()).toBe('用户名或密码错误');
    await screenshot(page, 'auth-login-error');

    await context.setOffline(true);
    await submitLogin(page, 'zhangwei');
    await expect.poll(() => byTestId(page, 'login-error').textContent()).toBe('首次登录需要联网，请连接网络后再试');
    await context.setOffline(false);
    await page.close();

    const app = await signIn(context, 'zhangwei');
    const user = byTestId(app, 'current-user');
    expect(await user.getAttribute('data-user-id')).toBe('u-zhangwei');
    expect(await user.getAttribute('data-role')).toBe('commissioner');
    expect(await user.textContent()).toContain('张伟');
    expect(await user.textContent()).toContain('服务专员');
    expect(await byTestId(app, 'nav').isVisible()).toBe(true);
    await screenshot(app, 'auth-header');

    // No network at all, a reload: the app opens, signed in, with its data.
    await goOffline(context, app);
    await app.reload();
    await expect.poll(() => rowCount(app), { timeout: 15_000 }).toBe(demoRowsFor('zhangwei'));
    expect(await byTestId(app, 'current-user').getAttribute('data-user-id')).toBe('u-zhangwei');
    expect(await syncState(app)).toBe('offline');
    await openFile(app, 'ent-demo0011');
    await context.close();
  });

  it('keeps each user’s data apart on one browser profile; unsynced changes wait for their owner', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'zhangwei');
    await openFile(page, 'ent-demo0083');
    await goOffline(context, page);
    await editField(page, 'field-name', '张伟离线改名有限公司');
    await expect.poll(() => pendingCount(page)).toBeGreaterThan(0);

    // Logging out with unsynced changes asks first, and says they stay.
    await byTestId(page, 'logout').click();
    await expect.poll(() => byTestId(page, 'logout-confirm').isVisible()).toBe(true);
    expect(await byTestId(page, 'logout-confirm').textContent()).toContain('仍保存在本设备上');
    await screenshot(page, 'auth-logout-confirm');
    await byTestId(page, 'logout-confirm-yes').click();
    await expect.poll(() => byTestId(page, 'login-page').isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/');

    await context.setOffline(false);
    await submitLogin(page, 'lina');
    await expect.poll(() => byTestId(page, 'current-user').getAttribute('data-user-id'), { timeout: 15_000 }).toBe('u-lina');
    await expect.poll(() => rowCount(page), { timeout: 30_000 }).toBe(demoRowsFor('lina'));
    await byTestId(page, 'enterprise-search').fill('张伟离线改名');
    await expect.poll(() => rowCount(page)).toBe(0);
    expect(await pendingCount(page)).toBe(0);
    // 张伟's file is not on this device for 李娜, and the relay does not give it to her either.
    await page.goto('/enterprises/ent-demo0083');
    await expect
      .poll(async () => (await byTestId(page, 'file-not-found').isVisible()) || (await byTestId(page, 'revoked-notice').isVisible()), { timeout: 15_000 })
      .toBe(true);
    expect(await byTestId(page, 'field-name').count()).toBe(0);
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name).sort());
    expect(databases).toEqual(expect.arrayContaining(['bangqi-u-lina', 'bangqi-u-zhangwei']));

    await byTestId(page, 'logout').click(); // nothing pending: no question
    await expect.poll(() => byTestId(page, 'login-page').isVisible()).toBe(true);
    await submitLogin(page, 'zhangwei');
    await expect.poll(() => syncState(page), { timeout: 15_000 }).toBe('online');
    await expect.poll(() => pendingCount(page), { timeout: 15_000 }).toBe(0);
    await openFile(page, 'ent-demo0083');
    expect(await fieldValue(page, 'field-name')).toBe('张伟离线改名有限公司');
    await context.close();
  });

  it('an expired session keeps working locally, shows the banner, and a re-login syncs what was kept', async () => {
    // Short-lived access tokens, so a session whose refresh token was revoked runs out within the test.
    const relay = await startRelayProcess({ env: { ACCESS_TTL_SEC: '4' } });
    const context = await newDevice(env.browser, relay.url);
    try {
      const page = await signIn(context, 'sunlei');
      await openFile(page, 'ent-demo0005');
      await goOffline(context, page);
      const note = await fieldValue(page, 'field-note');
      await editField(page, 'field-note', `${note}会话过期前的离线记录。`);
      await expect.poll(() => pendingCount(page)).toBeGreaterThan(0);

      // On another device, 孙磊 changes his password (修改密码): every other refresh token of his is revoked.
      const other = await newDevice(env.browser, relay.url);
      const b = await signIn(other, 'sunlei');
      await b.goto('/account/password');
      await byTestId(b, 'password-old').fill('not-my-password');
      await byTestId(b, 'password-new').fill('sunlei-new-2026');
      await byTestId(b, 'password-save').click();
      await expect.poll(() => byTestId(b, 'password-message').textContent()).toBe('当前密码不正确');
      await byTestId(b, 'password-new').fill('short');
      await byTestId(b, 'password-save').click();
      await expect.poll(() => byTestId(b, 'password-message').textContent()).toBe('新密码至少 8 位');
      await byTestId(b, 'password-old').fill(DEMO_PASSWORD);
      await byTestId(b, 'password-new').fill('sunlei-new-2026');
      await byTestId(b, 'password-save').click();
      await expect.poll(() => byTestId(b, 'password-message').getAttribute('data-ok'), { timeout: 15_000 }).toBe('1');
      await screenshot(b, 'auth-password-changed');
      // The device that changed it stays signed in (it got a fresh pair) and keeps syncing.
      await b.waitForTimeout(4_500); // meanwhile the first device's access token runs out
      await b.goto('/');
      await expect.poll(() => syncState(b), { timeout: 15_000 }).toBe('online');
      expect(await byTestId(b, 'auth-expired').count()).toBe(0);
      await other.close();

      await context.setOffline(false);
      await expect.poll(() => byTestId(page, 'auth-expired').isVisible(), { timeout: 20_000 }).toBe(true);
      expect(await pendingCount(page)).toBeGreaterThan(0);
      expect(await fieldValue(page, 'field-note')).toBe(`${note}会话过期前的离线记录。`);
      await screenshot(page, 'auth-expired');
      // Still usable: another edit while expired is kept too.
      await editField(page, 'field-name', '过期后仍可编辑有限公司');

      await byTestId(page, 'reauth-password').fill(DEMO_PASSWORD);
      await byTestId(page, 'reauth-submit').click();
      await expect.poll(() => byTestId(page, 'reauth-error').textContent()).toBe('用户名或密码错误');
      await byTestId(page, 'reauth-password').fill('sunlei-new-2026');
      await byTestId(page, 'reauth-submit').click();
      await expect.poll(() => byTestId(page, 'auth-expired').isVisible(), { timeout: 15_000 }).toBe(false);
      await expect.poll(() => syncState(page), { timeout: 20_000 }).toBe('online');
      await expect.poll(() => pendingCount(page), { timeout: 20_000 }).toBe(0);
      expect(await byTestId(page, 'current-user').getAttribute('data-user-id')).toBe('u-sunlei');
    } finally {
      await context.close();
      await relay.stop();
      relay.cleanup();
    }
  });

  it('a change the relay refuses (erasing the name) is kept aside and the open file returns to the relay state', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'lina');
    await openFile(page, 'ent-demo0112');
    const name = await fieldValue(page, 'field-name');
    await editField(page, 'field-name', '');
    await expect.poll(() => byTestId(page, 'refused-link').getAttribute('data-count'), { timeout: 15_000 }).toBe('1');
    expect(await byTestId(page, 'sync-error').getAttribute('data-reason')).toBe('wipe-refused');
    // reset to what the relay holds: the name is back, nothing is pending
    await expect.poll(() => fieldValue(page, 'field-name'), { timeout: 15_000 }).toBe(name);
    expect(await pendingCount(page)).toBe(0);
    // and the file keeps working: a later edit is accepted (new clientID, no dependency on the refused one)
    await page.selectOption('[data-testid="field-town"]', '河阳镇');
    await expect.poll(() => pendingCount(page), { timeout: 15_000 }).toBe(0);
    expect(await byTestId(page, 'refused-link').getAttribute('data-count')).toBe('1');
    await byTestId(page, 'refused-link').click();
    await expect.poll(() => byTestId(page, 'refused-item').count()).toBe(1);
    expect(await byTestId(page, 'refused-reason').textContent()).toBe('不能清空档案（企业名称不能删除）');
    expect(await byTestId(page, 'refused-content').textContent()).toContain('企业名称：（清空）');
    await context.close();
  });

  it('a file reassigned while offline: the unsent visit note is kept on 未同步/被拒修改 with its content', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'zhangwei');
    const before = demoRowsFor('zhangwei');
    await openFile(page, 'ent-demo0051');
    const name = await fieldValue(page, 'field-name');
    await goOffline(context, page);
    await editField(page, 'field-note', '离线走访：企业反映用工紧张，需要技工招聘支持。');
    await expect.poll(() => pendingCount(page)).toBeGreaterThan(0);

    await reassign(env.relay.url, 'ent-demo0051', 'u-lina');
    await context.setOffline(false);
    await expect.poll(() => byTestId(page, 'refused-link').getAttribute('data-count'), { timeout: 20_000 }).toBe('1');
    expect(await pendingCount(page)).toBe(0);
    await byTestId(page, 'refused-link').click();
    await expect.poll(() => byTestId(page, 'refused-item').count()).toBe(1);
    const item = byTestId(page, 'refused-item');
    expect(await item.textContent()).toContain(name);
    expect(await byTestId(page, 'refused-reason').textContent()).toContain('已不在您的服务范围内');
    expect(await byTestId(page, 'refused-content').textContent()).toContain('离线走访：企业反映用工紧张，需要技工招聘支持。');
    await screenshot(page, 'auth-refused');
    // The file itself is gone from this device (no longer in the portfolio).
    await page.goto('/');
    await expect.poll(() => rowCount(page), { timeout: 15_000 }).toBe(before - 1);

    await page.goto('/refused');
    await byTestId(page, 'refused-dismiss').click();
    await expect.poll(() => byTestId(page, 'refused-item').count()).toBe(0);
    await expect.poll(() => byTestId(page, 'refused-link').count()).toBe(0);

    // A file open on screen that is reassigned: the page says so and leaves.
    await openFile(page, 'ent-demo0061');
    await reassign(env.relay.url, 'ent-demo0061', 'u-lina');
    await expect.poll(() => byTestId(page, 'revoked-notice').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect.poll(() => rowCount(page), { timeout: 15_000 }).toBe(before - 2);
    await context.close();
  });
});
