/**
 * The states a user meets besides editing: first visit (the login page), a search with no match, a link to a
 * file that does not exist (online and offline) or is malformed, and reaching a file by keyboard only.
 */
import { describe, expect, it } from 'vitest';
import { newDevice, screenshot } from '../support/browser.ts';
import { startRelayProcess } from '../support/relay-process.ts';
import { byTestId, goOffline, signIn, syncState, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();

describe('UI states', () => {
  it('first visit, no match, unknown or malformed file links, keyboard only', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const first = await context.newPage();
    await first.goto('/');
    await expect.poll(() => byTestId(first, 'login-page').isVisible()).toBe(true);
    // nobody signed in: no sync status saying "离线" on a working network
    expect(await byTestId(first, 'sync-online').count()).toBe(0);
    await screenshot(first, 'ui-login');
    await first.close();

    const page = await signIn(context, 'zhangwei');
    await byTestId(page, 'enterprise-search').fill('没有这家企业');
    await expect.poll(() => byTestId(page, 'enterprise-count').getAttribute('data-count')).toBe('0');
    await expect.poll(() => page.getByText('没有符合条件的企业').isVisible()).toBe(true);

    await page.goto('/enterprises/ent-nosuchfile1');
    await expect.poll(() => byTestId(page, 'file-not-found').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await byTestId(page, 'file-not-found').textContent()).toContain('没有找到这份企业档案');
    await page.goto('/enterprises/不是编号');
    await expect.poll(() => byTestId(page, 'file-not-found').isVisible()).toBe(true);
    // A path the app does not know says so (it used to show the list).
    await page.goto('/nowhere/at/all');
    await expect.poll(() => byTestId(page, 'page-not-found').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await byTestId(page, 'page-not-found').textContent()).toContain('页面不存在');
    await goOffline(context, page);
    await page.goto('/enterprises/ent-nosuchfile2');
    await expect.poll(() => byTestId(page, 'file-not-found').isVisible(), { timeout: 15_000 }).toBe(true);
    await screenshot(page, 'ui-not-found-offline');

    // keyboard only: back to the list, Tab to the search, type, Tab to the first row, Enter opens it
    await byTestId(page, 'file-not-found').getByRole('link').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId(page, 'enterprise-search').isVisible()).toBe(true);
    await byTestId(page, 'enterprise-search').focus();
    await page.keyboard.insertText('有限公司');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid'));
    // (past 新建, the list/map switch, 筛选, sort, export, the team filter and 保存当前筛选)
    for (let i = 0; i < 12 && (await focused()) !== 'enterprise-row'; i++) await page.keyboard.press('Tab');
    expect(await focused()).toBe('enterprise-row');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-id'));
    await page.keyboard.press('Enter');
    await expect.poll(() => byTestId(page, 'file-page').getAttribute('data-id'), { timeout: 15_000 }).toBe(id);
    await context.close();
  });

  it('an unknown file stays "not found" while the relay is unreachable and the app keeps retrying', async () => {
    const own = await startRelayProcess();
    const context = await newDevice(env.browser, own.url);
    try {
      const page = await signIn(context, 'lina');
      await own.kill(); // the network is up, the relay is not: connect attempts fail, one per backoff
      await expect.poll(() => syncState(page), { timeout: 15_000 }).toBe('offline');
      await page.evaluate(() => {
        history.pushState(null, '', '/enterprises/ent-nosuchfile3');
        dispatchEvent(new PopStateEvent('popstate'));
      });
      await expect.poll(() => byTestId(page, 'file-not-found').isVisible(), { timeout: 15_000 }).toBe(true);
      // record every state the status bar and the page go through from now on
      await page.evaluate(() => {
        const w = window as unknown as { seen: string[] };
        w.seen = [];
        new MutationObserver(() => {
          const state = document.querySelector('[data-testid="sync-online"]')?.getAttribute('data-state') ?? '';
          const file = document.querySelector('[data-testid="file-loading"]') ? 'file-loading' : 'file-not-found';
          w.seen.push(`${state}/${file}`);
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      });
      const seen = () => page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      await page.getByRole('button', { name: '立即重连' }).click(); // one attempt now (no waiting for the backoff)
      await expect.poll(async () => (await seen()).some((s) => s.startsWith('connecting/')), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => syncState(page), { timeout: 15_000 }).toBe('offline');
      expect((await seen()).filter((s) => s.endsWith('/file-loading'))).toEqual([]);
    } finally {
      await context.close();
      await own.stop();
      own.cleanup();
    }
  });
});
