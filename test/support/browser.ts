/**
 * Real Chromium via playwright-core (Debian's /usr/bin/chromium; `scripts/ensure-chromium.mjs` installs
 * it). Each browser context is one device: its own IndexedDB, service worker and cookies.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { REPO_ROOT } from './relay-process.ts';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A new device: a fresh context on the relay's origin (service workers need a real origin). */
export async function newDevice(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, locale: 'zh-CN', viewport: { width: 420, height: 860 }, serviceWorkers: 'allow' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
