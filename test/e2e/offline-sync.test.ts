/**
 * Two devices (two Chromium contexts) against one real relay process: offline edit + offline reload
 * through the service worker, and concurrent offline edits of different fields merging on reconnect.
 */
import { describe, expect, it } from 'vitest';
import { newDevice, screenshot } from '../support/browser.ts';
import {
  byTestId,
  editField,
  fieldValue,
  goOffline,
  goOnlineAndSettle,
  openFile,
  pendingCount,
  signIn,
  useRelayAndBrowser,
} from './app.ts';

/** Files of 张伟's portfolio in 高端装备制造专项服务队, which 王强 leads (both may read and edit them). */
const SHARED_FILE_1 = 'ent-demo0011';
const SHARED_FILE_2 = 'ent-demo0051';

const env = useRelayAndBrowser();

describe('offline editing on two devices', () => {
  it('keeps an offline edit across an offline reload and delivers it to the other device', async () => {
    const deviceA = await newDevice(env.browser, env.relay.url);
    const deviceB = await newDevice(env.browser, env.relay.url);
    const a = await signIn(deviceA, 'zhangwei');
    const b = await signIn(deviceB, 'wangqiang');

    await openFile(a, SHARED_FILE_1);
    await goOffline(deviceA, a);
    await editField(a, 'field-name', '离线修改的企业名称有限公司');
    await expect.poll(() => pendingCount(a)).toBeGreaterThan(0);

    await a.reload();
    await expect.poll(() => fieldValue(a, 'field-name'), { timeout: 15_000 }).toBe('离线修改的企业名称有限公司');
    expect(await pendingCount(a)).toBeGreaterThan(0);
    await screenshot(a, 'offline-reload-device-a');

    await goOnlineAndSettle(deviceA, a);

    await openFile(b, SHARED_FILE_1);
    await expect.poll(() => fieldValue(b, 'field-name'), { timeout: 15_000 }).toBe('离线修改的企业名称有限公司');
    // The list on B is read from materialized rows: it shows the new name too.
    await b.goto('/');
    await byTestId(b, 'enterprise-search').fill('离线修改');
    await expect.poll(() => byTestId(b, 'enterprise-row').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(b, 'list-device-b');
    await deviceA.close();
    await deviceB.close();
  });

  it('merges edits of different fields made on two offline devices', async () => {
    const deviceA = await newDevice(env.browser, env.relay.url);
    const deviceB = await newDevice(env.browser, env.relay.url);
    const a = await signIn(deviceA, 'zhangwei');
    const b = await signIn(deviceB, 'wangqiang');
    const docId = SHARED_FILE_2;
    await openFile(a, docId);
    await openFile(b, docId);
    const originalNote = await fieldValue(a, 'field-note');
    const tagWas = await byTestId(a, 'tag-专精特新').getAttribute('aria-pressed');
    const tagNow = tagWas === 'true' ? 'false' : 'true';

    await goOffline(deviceA, a);
    await goOffline(deviceB, b);
    await editField(a, 'field-name', '设备A改的名称有限公司');
    await byTestId(a, 'tag-专精特新').click();
    await editField(b, 'field-note', `${originalNote}设备B离线补充的备注。`);
    await b.selectOption('[data-testid="field-town"]', '石岭镇');
    await expect.poll(() => pendingCount(a)).toBeGreaterThan(0);
    await expect.poll(() => pendingCount(b)).toBeGreaterThan(0);

    await goOnlineAndSettle(deviceA, a);
    await goOnlineAndSettle(deviceB, b);

    for (const page of [a, b]) {
      await expect.poll(() => fieldValue(page, 'field-name'), { timeout: 15_000 }).toBe('设备A改的名称有限公司');
      await expect.poll(() => fieldValue(page, 'field-note'), { timeout: 15_000 }).toBe(`${originalNote}设备B离线补充的备注。`);
      await expect.poll(() => fieldValue(page, 'field-town')).toBe('石岭镇');
      await expect.poll(() => byTestId(page, 'tag-专精特新').getAttribute('aria-pressed')).toBe(tagNow);
    }
    await screenshot(b, 'merged-device-b');
    await deviceA.close();
    await deviceB.close();
  });
});
