/** Page-level steps shared by the browser tests, written against the app's data-testids. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { DEMO_PASSWORD, DEMO_TEAMS, DEMO_USERS, canReadEnterprise, generateDemoEnterprises, principalFor, type LoginResponse } from '@bangqi/shared';
import { launchChromium } from '../support/browser.ts';
import { type RelayOptions, type RelayProcess, startRelayProcess } from '../support/relay-process.ts';

export const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

export async function pendingCount(page: Page): Promise<number> {
  return Number(await byTestId(page, 'sync-pending').getAttribute('data-count'));
}

export async function syncState(page: Page): Promise<string | null> {
  return byTestId(page, 'sync-online').getAttribute('data-state');
}

/** How many demo enterprises `username` may read (what the relay syncs to their device). */
export function demoRowsFor(username: string): number {
  const user = DEMO_USERS.find((u) => u.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  const org = { users: DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })), teams: [...DEMO_TEAMS] };
  const principal = principalFor(org, user.id)!;
  return generateDemoEnterprises().filter((e) => canReadEnterprise(principal, e)).length;
}

/** Fills the login form of a page that shows it. */
export async function submitLogin(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await byTestId(page, 'login-username').fill(username);
  await byTestId(page, 'login-password').fill(password);
  await byTestId(page, 'login-submit').click();
}

/**
 * First visit of a device: sign in as a demo user, wait for the service worker and the first catch-up
 * (`expectedRows` enterprises; `demoRowsFor(username)` by default).
 */
export async function signIn(context: BrowserContext, username: string, expectedRows = demoRowsFor(username)): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[pageerror] ${err.message}`));
  await page.goto('/');
  await submitLogin(page, username);
  await expect.poll(() => byTestId(page, 'current-user').getAttribute('data-user-id'), { timeout: 15_000 }).not.toBeNull();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.swReady), { timeout: 30_000 }).toBe('1');
  await expect.poll(() => syncState(page), { timeout: 30_000 }).toBe('online');
  if (DEMO_USERS.find((u) => u.username === username)?.role === 'handler') {
    // Department handlers have no files: they land on their demands.
    await expect.poll(() => byTestId(page, 'demands-page').count(), { timeout: 30_000 }).toBe(1);
    return page;
  }
  await expect
    .poll(async () => Number(await byTestId(page, 'enterprise-count').getAttribute('data-count')), { timeout: 30_000 })
    .toBe(expectedRows);
  return page;
}

/** An access token for a demo user, straight from the relay's API (for stock clients: `/y/<docId>?token=`). */
export async function apiToken(baseUrl: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, deviceId: 'e2e-tool' }),
  });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as LoginResponse).accessToken;
}

export async function goOffline(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(true);
  await expect.poll(() => syncState(page), { timeout: 15_000 }).toBe('offline');
}

export async function goOnlineAndSettle(context: BrowserContext, page: Page): Promise<void> {
  await context.setOffline(false);
  await expect.poll(() => syncState(page), { timeout: 30_000 }).toBe('online');
  await expect.poll(() => pendingCount(page), { timeout: 30_000 }).toBe(0);
}

export async function openFile(page: Page, docId: string): Promise<void> {
  await page.goto(`/enterprises/${docId}`);
  await expect.poll(() => byTestId(page, 'field-name').isVisible(), { timeout: 15_000 }).toBe(true);
}

/** Types into a field the way a user does (clear, type), then leaves it so the edit is flushed. */
export async function editField(page: Page, testId: string, value: string): Promise<void> {
  const field = byTestId(page, testId);
  await field.fill(value);
  await field.blur();
}

export async function fieldValue(page: Page, testId: string): Promise<string> {
  return byTestId(page, testId).inputValue();
}

/**
 * One real relay process and one Chromium for the test file: started before its tests, stopped after.
 * `options` is read in beforeAll, so a file can prepare what the relay needs (a static dir…) first.
 */
export function useRelayAndBrowser(options: () => RelayOptions = () => ({})): { relay: RelayProcess; browser: Browser } {
  const env = {} as { relay: RelayProcess; browser: Browser };
  beforeAll(async () => {
    env.relay = await startRelayProcess(options());
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    await env.relay?.stop();
    env.relay?.cleanup();
  });
  return env;
}
