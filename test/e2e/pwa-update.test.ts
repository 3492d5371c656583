/**
 * PWA in prompt mode: a new service worker is offered, never forced. While the user is on a file page
 * with text typed, the page stays as it is until 立即更新; then it reloads onto the new version and the
 * typed text is still there. Also: the settings page shows the persistent-storage result.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/relay-process.ts';
import { newDevice, screenshot } from '../support/browser.ts';
import { byTestId, fieldValue, openFile, signIn, useRelayAndBrowser } from './app.ts';

// A copy of the built app that this test can "deploy" a new version into.
let staticDir = '';
const env = useRelayAndBrowser(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'bangqi-static-'));
  cpSync(process.env.STATIC_DIR || join(REPO_ROOT, 'dist/web'), staticDir, { recursive: true });
  return { env: { STATIC_DIR: staticDir } };
});

afterAll(() => rmSync(staticDir, { recursive: true, force: true }));

describe('PWA', () => {
  it('offers an update without reloading a page that has typed text, and keeps the text', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'zhangwei');
    await openFile(page, 'ent-demo0061');
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await byTestId(page, 'field-note').fill('升级前正在输入的内容');

    // Deploy a new version: a byte-different service worker script.
    appendFileSync(join(staticDir, 'sw.js'), `\n// deployed ${Date.now()}\n`);
    await page.evaluate(async () => {
      const reg = await navigator.serviceWorker.getRegistration();
      await reg?.update();
    });
    await expect.poll(() => byTestId(page, 'update-prompt').isVisible(), { timeout: 20_000 }).toBe(true);
    // Offered, not forced: same document, text still in the field.
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await fieldValue(page, 'field-note')).toBe('升级前正在输入的内容');
    await screenshot(page, 'update-prompt');

    await byTestId(page, 'update-later').click();
    await expect.poll(() => byTestId(page, 'update-prompt').isVisible()).toBe(false);
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    // Another deploy; this time the user accepts.
    appendFileSync(join(staticDir, 'sw.js'), `\n// deployed again ${Date.now()}\n`);
    await byTestId(page, 'field-note').fill('升级前正在输入的内容，再补一句');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    await expect.poll(() => byTestId(page, 'update-prompt').isVisible(), { timeout: 20_000 }).toBe(true);
    await byTestId(page, 'update-now').click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument ?? false), { timeout: 20_000 })
      .toBe(false);
    await expect.poll(() => fieldValue(page, 'field-note'), { timeout: 15_000 }).toBe('升级前正在输入的内容，再补一句');
    await context.close();
  });

  it('shows whether persistent storage was granted', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'lina');
    await page.goto('/settings');
    const persisted = await byTestId(page, 'storage-persist').getAttribute('data-persisted');
    expect(['true', 'false']).toContain(persisted);
    const granted = await page.evaluate(() => navigator.storage.persisted());
    expect(persisted).toBe(String(granted));
    expect(await byTestId(page, 'app-version').textContent()).toMatch(/\d+\.\d+\.\d+/);
    await screenshot(page, 'settings');
    await context.close();
  });
});
