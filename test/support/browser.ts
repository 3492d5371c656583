/**
 * Real Chromium via playwright-core (Debian's /usr/bin/chromium; `scripts/ensure-chromium.mjs` installs
 * it). Each browser context is one device: its own IndexedDB, service worker and cookies.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, type Page, chromium } from 'playwright-core';
import { REPO_ROOT } from './relay-process.ts';

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');

const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
/** Flags for this sandbox (root, no GPU, closed network): see ARCHITECTURE.md "Tooling facts". */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const DEVICE = { locale: 'zh-CN', viewport: { width: 420, height: 860 } };

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

/** A device whose profile lives on disk, so a closed browser can be reopened with the same storage. */
export async function launchPersistentDevice(userDataDir: string, baseURL: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL,
    ...DEVICE,
  });
}

/** A new device: a fresh context on the relay's origin (service workers need a real origin). */
export async function newDevice(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({ baseURL, ...DEVICE, serviceWorkers: 'allow' });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
