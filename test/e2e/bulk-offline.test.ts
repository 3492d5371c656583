/**
 * A device that worked offline through 50 files (200 edits) reconnects: its outbox drains to 0 and the
 * other device sees the final state, in its list (materialized rows) and in the files themselves. Both
 * see the whole district (营转办 and the admin), so any 50 files will do.
 */
import { describe, expect, it } from 'vitest';
import { newDevice, screenshot } from '../support/browser.ts';
import { byTestId, editField, fieldValue, goOffline, goOnlineAndSettle, openFile, pendingCount, signIn, useRelayAndBrowser } from './app.ts';

const FILES = 50;

const env = useRelayAndBrowser();

const docId = (i: number) => `ent-demo${String(100 + i).padStart(4, '0')}`;

describe('a long offline session', () => {
  it('drains 200 edits across 50 files and the other device lists the final state', async () => {
    const deviceA = await newDevice(env.browser, env.relay.url);
    const deviceB = await newDevice(env.browser, env.relay.url);
    const [a, b] = await Promise.all([signIn(deviceA, 'liuyang'), signIn(deviceB, 'admin')]);

    await goOffline(deviceA, a);
    const towns = new Map<number, string>();
    await openFile(a, docId(0));
    for (let i = 0; i < FILES; i++) {
      // in-app navigation (no reload): the router swaps files, flushing the previous one
      if (i > 0) {
        await a.evaluate((id) => {
          history.pushState(null, '', `/enterprises/${id}`);
          dispatchEvent(new PopStateEvent('popstate'));
        }, docId(i));
        await expect.poll(() => byTestId(a, 'file-page').getAttribute('data-id')).toBe(docId(i));
      }
      await editField(a, 'field-name', `离线批量${String(i).padStart(2, '0')}号企业有限公司`);
      await editField(a, 'field-note', `离线走访第${i}家，已记录诉求。`);
      const town = (await fieldValue(a, 'field-town')) === '石岭镇' ? '白塔镇' : '石岭镇';
      towns.set(i, town);
      await a.selectOption('[data-testid="field-town"]', town);
      await byTestId(a, 'tag-专精特新').click();
    }
    await expect.poll(() => pendingCount(a), { timeout: 15_000 }).toBe(FILES * 4);

    await goOnlineAndSettle(deviceA, a);
    expect(await pendingCount(a)).toBe(0);

    // B was online all along: its list (rows only, no docs) shows every renamed file.
    await byTestId(b, 'enterprise-search').fill('离线批量');
    await expect.poll(async () => Number(await byTestId(b, 'enterprise-count').getAttribute('data-count')), { timeout: 20_000 }).toBe(FILES);
    await screenshot(b, 'bulk-offline-list-device-b');
    await byTestId(b, 'enterprise-search').fill('离线批量07号');
    await expect.poll(() => byTestId(b, 'enterprise-row').count()).toBe(1);
    expect(await byTestId(b, 'enterprise-row').textContent()).toContain(towns.get(7));

    await openFile(b, docId(49));
    expect(await fieldValue(b, 'field-name')).toBe('离线批量49号企业有限公司');
    expect(await fieldValue(b, 'field-note')).toBe('离线走访第49家，已记录诉求。');
    expect(await fieldValue(b, 'field-town')).toBe(towns.get(49));
    await deviceA.close();
    await deviceB.close();
  });
});
