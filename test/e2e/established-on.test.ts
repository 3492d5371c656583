/**
 * 成立日期 on the enterprise file: the demo file shows its seeded date, a coordinator changes it (kept
 * across a reload), a date in the future is refused with a message and not saved.
 */
import { describe, expect, it } from 'vitest';
import { demoEstablishedOn, generateDemoEnterprises } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { byTestId, editField, fieldValue, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();

describe('成立日期 on the file page', () => {
  it('shows the seeded date, saves an edit, refuses a future date', async () => {
    const device = await newDevice(env.browser, env.relay.url);
    const page = await signIn(device, 'liuyang', generateDemoEnterprises().length);
    await page.goto('/enterprises/ent-demo0083');
    await expect.poll(() => byTestId(page, 'field-establishedOn').isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await fieldValue(page, 'field-establishedOn')).toBe(demoEstablishedOn(82));

    await editField(page, 'field-establishedOn', '2099-01-01');
    await expect.poll(() => byTestId(page, 'established-on-error').textContent(), { timeout: 10_000 }).toContain('不晚于今天');
    await byTestId(page, 'field-establishedOn').scrollIntoViewIfNeeded();
    await screenshot(page, 'established-on-error');

    await editField(page, 'field-establishedOn', '2015-06-30');
    await expect.poll(() => byTestId(page, 'established-on-error').count(), { timeout: 10_000 }).toBe(0);
    await screenshot(page, 'established-on-saved');
    await page.reload();
    await expect.poll(() => fieldValue(page, 'field-establishedOn').catch(() => ''), { timeout: 20_000 }).toBe('2015-06-30');
    await device.close();
  }, 90_000);
});
