/**
 * The app and a stock y-websocket client (WebsocketProvider on /y/<docId>, as third-party tools use)
 * edit the same enterprise file through one real relay, live in both directions; a file created in the
 * browser is readable by the stock client.
 */
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { readEnterprise, setEnterpriseField, setEnterpriseTag } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { apiToken, byTestId, editField, fieldValue, openFile, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();
const providers: WebsocketProvider[] = [];

afterAll(() => {
  for (const p of providers) p.destroy();
});

/** A stock client signed in as `username` (the token goes in `?token=`, as third-party tools pass it). */
async function stockClient(docId: string, username: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${env.relay.url.replace('http', 'ws')}/y`, docId, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { token: await apiToken(env.relay.url, username) },
  });
  providers.push(provider);
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
  return doc;
}

describe('app ⇄ stock y-websocket client', () => {
  it('edits flow live both ways on the same file', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'liuyang');
    await openFile(page, 'ent-demo0003');
    const stock = await stockClient('ent-demo0003', 'liuyang');
    expect(readEnterprise(stock).name).toBe(await fieldValue(page, 'field-name'));

    setEnterpriseField(stock, 'name', '第三方工具改名有限公司', 'stock-tool');
    setEnterpriseTag(stock, '瞪羚', true, 'stock-tool');
    await expect.poll(() => fieldValue(page, 'field-name'), { timeout: 10_000 }).toBe('第三方工具改名有限公司');
    await expect.poll(() => byTestId(page, 'tag-瞪羚').getAttribute('aria-pressed'), { timeout: 10_000 }).toBe('true');

    await page.selectOption('[data-testid="field-industry"]', '生物医药');
    await editField(page, 'field-note', '浏览器里写的备注');
    await expect.poll(() => readEnterprise(stock).industry, { timeout: 10_000 }).toBe('生物医药');
    await expect.poll(() => readEnterprise(stock).note, { timeout: 10_000 }).toBe('浏览器里写的备注');

    // The list (materialized rows) follows the stock client's rename too.
    await page.goto('/');
    await byTestId(page, 'enterprise-search').fill('第三方工具');
    await expect.poll(() => byTestId(page, 'enterprise-row').count(), { timeout: 10_000 }).toBe(1);
    await context.close();
  });

  it('a file created in the app is served to a stock client', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'zhangwei');
    await byTestId(page, 'enterprise-new').click();
    await byTestId(page, 'create-name').fill('新建测试企业有限公司');
    await byTestId(page, 'create-submit').click();
    await expect.poll(() => byTestId(page, 'field-name').isVisible(), { timeout: 10_000 }).toBe(true);
    await editField(page, 'field-name', '新建测试企业有限公司');
    await editField(page, 'field-uscc', '914403001922038216');
    await expect.poll(() => byTestId(page, 'sync-pending').getAttribute('data-count'), { timeout: 15_000 }).toBe('0');
    const docId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    expect(docId).toMatch(/^ent-/);
    await screenshot(page, 'new-file');

    // created in the field by a commissioner: in his portfolio, so his own token reads it
    const stock = await stockClient(docId, 'zhangwei');
    const profile = readEnterprise(stock);
    expect(profile.name).toBe('新建测试企业有限公司');
    expect(profile.uscc).toBe('914403001922038216');
    expect(profile.updatedBy).not.toBe('');
    await context.close();
  });
});
