/**
 * "Nothing typed is ever lost": text typed into 企业名称 / 备注 and the page reloaded or closed at once,
 * before the edit debounce fired — online and offline, and a closed tab reopened in the same profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { launchPersistentDevice, newDevice } from '../support/browser.ts';
import { byTestId, fieldValue, goOffline, openFile, pendingCount, signIn, useRelayAndBrowser } from './app.ts';

/** EDIT_DEBOUNCE_MS in web/src/features/enterprises/DocTextField.tsx */
const EDIT_DEBOUNCE_MS = 250;

const env = useRelayAndBrowser();

/** Types like a user (key events), without leaving the field: the debounce has not fired yet. */
async function typeWithoutLeaving(page: Page, testId: string, text: string): Promise<void> {
  const field = byTestId(page, testId);
  await field.click();
  await page.keyboard.press('End');
  await page.keyboard.insertText(text);
}

describe('text typed just before the page goes away', () => {
  it('survives an immediate reload, online and offline', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'zhangwei');
    await openFile(page, 'ent-demo0011');
    const name = await fieldValue(page, 'field-name');

    await typeWithoutLeaving(page, 'field-name', '（在线刷新）');
    await page.reload();
    await expect.poll(() => fieldValue(page, 'field-name'), { timeout: 15_000 }).toBe(`${name}（在线刷新）`);

    await goOffline(context, page);
    const note = await fieldValue(page, 'field-note');
    await typeWithoutLeaving(page, 'field-note', '离线刷新前刚输入的备注');
    await page.reload();
    await expect.poll(() => fieldValue(page, 'field-note'), { timeout: 15_000 }).toBe(`${note}离线刷新前刚输入的备注`);
    expect(await pendingCount(page)).toBeGreaterThan(0);

    // Not only text: a tag tapped right before the reload (its IndexedDB write is aborted too).
    const tag = byTestId(page, 'tag-重点项目');
    const pressed = await tag.getAttribute('aria-pressed');
    await tag.click();
    await page.reload();
    await expect.poll(() => byTestId(page, 'tag-重点项目').getAttribute('aria-pressed'), { timeout: 15_000 }).toBe(
      pressed === 'true' ? 'false' : 'true',
    );
    await context.close();
  });

  it('survives the tab crashing right after typing (no pagehide)', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'wangqiang');
    await openFile(page, 'ent-demo0004');
    const note = await fieldValue(page, 'field-note');
    await typeWithoutLeaving(page, 'field-note', '崩溃前刚输入');
    const cdp = await context.newCDPSession(page);
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
    const again = await context.newPage();
    await openFile(again, 'ent-demo0004');
    await expect.poll(() => fieldValue(again, 'field-note'), { timeout: 15_000 }).toBe(`${note}崩溃前刚输入`);
    await context.close();
  });

  it('survives closing the tab at once (a new tab in the same profile shows it)', async () => {
    const userDataDir = mkdtempSync(join(tmpdir(), 'bangqi-profile-'));
    try {
      const launch = () => launchPersistentDevice(userDataDir, env.relay.url);
      let context = await launch();
      const first = await signIn(context, 'lina');
      await openFile(first, 'ent-demo0044');
      const name = await fieldValue(first, 'field-name');
      // Keep one page open so closing the tab does not end the browser.
      const keeper = await context.newPage();
      await typeWithoutLeaving(first, 'field-name', '（关标签）');
      await first.close({ runBeforeUnload: true });
      const second = await context.newPage();
      await openFile(second, 'ent-demo0044');
      await expect.poll(() => fieldValue(second, 'field-name'), { timeout: 15_000 }).toBe(`${name}（关标签）`);

      // Closing the whole browser right after typing (quit, not a crash).
      await typeWithoutLeaving(second, 'field-note', '关浏览器前输入');
      await keeper.close();
      await context.close();
      context = await launch();
      const third = await context.newPage();
      await openFile(third, 'ent-demo0044');
      await expect.poll(() => fieldValue(third, 'field-note'), { timeout: 15_000 }).toContain('关浏览器前输入');
      await context.close();
    } finally {
      rmSync(userDataDir, { recursive: true, force: true });
    }
  });

  it('writes nothing while an input method is composing (pinyin is not text yet), then the chosen characters', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'liuyang');
    await openFile(page, 'ent-demo0013');
    const name = await fieldValue(page, 'field-name');
    const title = byTestId(page, 'file-page').locator('h1');
    await byTestId(page, 'field-name').click();
    await page.keyboard.press('End');
    const cdp = await context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'zh', selectionStart: 2, selectionEnd: 2 });
    await cdp.send('Input.imeSetComposition', { text: 'zhang', selectionStart: 5, selectionEnd: 5 });
    // A page timer set now fires after any edit debounce started by the keystrokes above.
    await page.evaluate((ms) => new Promise((resolve) => setTimeout(resolve, ms)), EDIT_DEBOUNCE_MS + 50);
    expect(await title.textContent()).toBe(name); // the title shows the doc: nothing was written
    await cdp.send('Input.insertText', { text: '张' });
    await expect.poll(() => title.textContent()).toBe(`${name}张`);
    expect(await fieldValue(page, 'field-name')).toBe(`${name}张`);
    await context.close();
  });
});
