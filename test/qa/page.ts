/** Page-level helpers shared by the QA scripts (test/qa/6-*, 8-*): locate by test id, poll until a probe holds. */
import type { Page } from 'playwright-core';
import { sleep } from './lib.ts';

export const tid = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);

/** Re-runs `probe` every 250 ms until `ok` holds or `ms` pass; returns the last value (a failed probe reads undefined). */
export async function poll<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await probe().catch(() => undefined as T);
  while (!ok(v) && Date.now() < end) {
    await sleep(250);
    v = await probe().catch(() => undefined as T);
  }
  return v;
}

/** The top bar's 待同步 count. */
export const pending = async (p: Page) => Number(await tid(p, 'sync-pending').getAttribute('data-count', { timeout: 1000 }));
