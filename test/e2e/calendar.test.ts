/**
 * 设置 → 节假日与调休 in the browser: the coordinator sees the district's years (synced from the relay's
 * seeded cfg-district), the 2026 National Day dates, and a warning for next year, which has no official
 * calendar; a pasted import with a bad line shows the line's error and imports nothing until fixed; the
 * imported year clears the warning and is edited date by date; a commissioner's device gets the year and
 * sees it all read-only.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_HOLIDAYS, chinaDay } from '@bangqi/shared';
import { newDevice } from '../support/browser.ts';
import { byTestId, pendingCount, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();
const SHOTS = `${process.cwd()}/.tmp/shots-helperH`;
const shot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
};

describe('holiday calendar settings', () => {
  it('shows the years, warns about next year, imports it with per-line errors, edits it, and syncs it read-only to a commissioner', async () => {
    const thisYear = Number(chinaDay(Date.now()).slice(0, 4));
    const next = String(thisYear + 1);
    const expectedMissing = [String(thisYear), next].filter((y) => !OFFICIAL_HOLIDAYS[y]);

    const coordDevice = await newDevice(env.browser, env.relay.url);
    const coord = await signIn(coordDevice, 'liuyang');
    await coord.goto('/settings');
    await byTestId(coord, 'calendar-link').click();
    await expect.poll(() => byTestId(coord, 'calendar-page').getAttribute('data-loaded'), { timeout: 15_000 }).toBe('true');
    // the relay's seeded years arrive: 2026 is district data, no longer the built-in copy
    await expect.poll(() => coord.locator('[data-testid="cal-year"][data-year="2026"]').getAttribute('data-built-in'), { timeout: 15_000 }).toBe('false');
    expect(await byTestId(coord, 'cal-year').evaluateAll((els) => els.map((e) => e.getAttribute('data-year')))).toEqual(['2026', '2025', '2024']);
    if (expectedMissing.length) expect(await byTestId(coord, 'cal-missing').getAttribute('data-years')).toBe(expectedMissing.join(','));

    // 2026: National Day off, the 调休 Saturday a workday
    await coord.locator('[data-testid="cal-year"][data-year="2026"] [data-testid="cal-year-toggle"]').click();
    const y2026 = coord.locator('[data-testid="cal-year-editor"][data-year="2026"]');
    expect(await y2026.locator('[data-testid="cal-day"][data-day="2026-10-01"]').getAttribute('data-kind')).toBe('off');
    expect(await y2026.locator('[data-testid="cal-day"][data-day="2026-10-10"]').getAttribute('data-kind')).toBe('work');
    await shot(coord, 'calendar-2026');
    await coord.locator('[data-testid="cal-year"][data-year="2026"] [data-testid="cal-year-toggle"]').click();

    // import next year: a bad line is reported and blocks the import
    await byTestId(coord, 'cal-import-year').fill(next);
    await byTestId(coord, 'cal-import-text').fill(`${next}-01-01,休\n${next}-02-30,休\n${next}-02-07,班`);
    await expect.poll(() => byTestId(coord, 'cal-import-error').count()).toBe(1);
    expect(await byTestId(coord, 'cal-import-error').getAttribute('data-line')).toBe('2');
    expect(await byTestId(coord, 'cal-import-error').textContent()).toContain(`“${next}-02-30”不是有效日期`);
    expect(await byTestId(coord, 'cal-import-submit').isDisabled()).toBe(true);
    await shot(coord, 'calendar-import-error');
    await byTestId(coord, 'cal-import-text').fill(`${next}-01-01,休\n${next}-02-10,休\n${next}-02-07,班`);
    await expect.poll(() => byTestId(coord, 'cal-import-summary').textContent()).toContain('放假 2 天，调休上班 1 天');
    await byTestId(coord, 'cal-import-submit').click();
    await expect.poll(() => byTestId(coord, 'cal-import-done').isVisible()).toBe(true);
    const nextLine = coord.locator(`[data-testid="cal-year"][data-year="${next}"]`);
    await expect.poll(() => nextLine.getAttribute('data-built-in')).toBe('false');
    expect(await nextLine.textContent()).toContain('导入 · 刘洋');
    if (expectedMissing.length === 1) await expect.poll(() => byTestId(coord, 'cal-missing').count()).toBe(0);

    // edit it date by date (the imported year opens)
    const editor = coord.locator(`[data-testid="cal-year-editor"][data-year="${next}"]`);
    await expect.poll(() => editor.locator('[data-testid="cal-day"]').count()).toBe(3);
    const weekday = [4, 5, 6, 7].map((d) => `${next}-01-0${d}`).find((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))!;
    await editor.locator('[data-testid="cal-add-date"]').fill(weekday);
    await editor.locator('[data-testid="cal-add-kind"]').selectOption('work');
    await editor.locator('[data-testid="cal-add"]').click();
    await expect.poll(() => editor.locator('[data-testid="cal-add-error"]').textContent()).toContain('本来就上班');
    await editor.locator('[data-testid="cal-add-kind"]').selectOption('off');
    await editor.locator('[data-testid="cal-add"]').click();
    await expect.poll(() => editor.locator('[data-testid="cal-day"]').count()).toBe(4);
    await editor.locator(`[data-testid="cal-day"][data-day="${next}-02-10"] [data-testid="cal-day-remove"]`).click();
    await expect.poll(() => editor.locator('[data-testid="cal-day"]').count()).toBe(3);
    await shot(coord, 'calendar-next-year-edited');
    await expect.poll(() => pendingCount(coord), { timeout: 30_000 }).toBe(0);

    // a commissioner's device: the year arrives, read-only
    const zwDevice = await newDevice(env.browser, env.relay.url);
    const zw = await signIn(zwDevice, 'zhangwei');
    await zw.goto('/settings/calendar');
    const zwNext = zw.locator(`[data-testid="cal-year"][data-year="${next}"]`);
    await expect.poll(() => zwNext.getAttribute('data-built-in'), { timeout: 20_000 }).toBe('false');
    expect(await byTestId(zw, 'cal-read-only').textContent()).toContain('只有协调员和管理员可以修改日历');
    expect(await byTestId(zw, 'cal-import').count()).toBe(0);
    await zwNext.locator('[data-testid="cal-year-toggle"]').click();
    const zwEditor = zw.locator(`[data-testid="cal-year-editor"][data-year="${next}"]`);
    expect(await zwEditor.locator('[data-testid="cal-day"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-day')}:${e.getAttribute('data-kind')}`))).toEqual(
      [`${next}-01-01:off`, `${weekday}:off`, `${next}-02-07:work`].sort(),
    );
    expect(await zwEditor.locator('[data-testid="cal-day-remove"]').count()).toBe(0);
    expect(await zwEditor.locator('[data-testid="cal-add"]').count()).toBe(0);
    await shot(zw, 'calendar-read-only');
  });
});
