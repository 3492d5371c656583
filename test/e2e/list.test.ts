/**
 * The enterprise list as the coordinator uses it: facet filters with counts, a saved filter that survives
 * a reload and applies in one tap, the URL carrying the filter; licence reminders (expired first, window
 * remembered); the map of the filtered list with every tile request aborted (points, clusters, click opens
 * the file); and the XLSX export of the filtered list read back in Node, with formula-like cells neutralised.
 * Licences, coordinates and a hostile name are written by a stock y-websocket client, as a third-party
 * tool would, and reach the browser through the relay.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readSheet } from 'read-excel-file/node';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { DEMO_TEAMS, addLicence, generateDemoEnterprises, setEnterpriseField, setEnterpriseLocation } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { apiToken, byTestId, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();
const providers: WebsocketProvider[] = [];
afterAll(() => {
  for (const p of providers) p.destroy();
});

const demo = generateDemoEnterprises();
const TOWN = '城关街道';
const inTown = demo.filter((e) => e.town === TOWN);
const bigInTown = inTown.filter((e) => e.tags.includes('规上'));
const EVIL_NAME = '=HYPERLINK("http://evil.example","点我")';
const evil = bigInTown[0]!;
// Five neighbours ~300 m apart (one cluster when zoomed out) and one enterprise far away.
const cluster = demo.slice(10, 15);
const far = demo[20]!;

const day = (offset: number) => {
  const d = new Date();
  d.setDate(d.getDate() + offset);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
const licences = [
  { id: demo[30]!.id, type: '排污许可证', number: 'PW-EXPIRED', expiresOn: day(-5) },
  { id: demo[31]!.id, type: '安全生产许可证', number: 'AQ-10', expiresOn: day(10) },
  { id: demo[32]!.id, type: '取水许可证', number: 'QS-45', expiresOn: day(45) },
  { id: demo[33]!.id, type: '食品生产许可证', number: 'SC-400', expiresOn: day(400) },
];

async function stockDoc(docId: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${env.relay.url.replace('http', 'ws')}/y`, docId, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { token: await apiToken(env.relay.url, 'liuyang') },
  });
  providers.push(provider);
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
  return doc;
}

const count = async (page: Page) => Number(await byTestId(page, 'enterprise-count').getAttribute('data-count'));
const optionText = (page: Page, select: string, value: string) =>
  page.locator(`[data-testid="${select}"] option[value="${value}"]`).textContent();

describe('enterprise list: filters, reminders, map, export', () => {
  it('filters with counts, saved filters, licence reminders, map without tiles, XLSX export', async () => {
    const context = await newDevice(env.browser, env.relay.url);
    // No tile server is reachable on a government network: every tile request fails.
    let tileRequests = 0;
    await context.route('**/tile.openstreetmap.org/**', (route) => {
      tileRequests++;
      return route.abort();
    });
    const page = await signIn(context, 'liuyang', demo.length);

    // A third-party tool adds licences, coordinates and a hostile name; the rows reach the device.
    for (const l of licences) addLicence(await stockDoc(l.id), { type: l.type, number: l.number, expiresOn: l.expiresOn }, 'stock-tool');
    for (const [i, e] of cluster.entries()) setEnterpriseLocation(await stockDoc(e.id), 35.06 + i * 0.003, 118.34 + i * 0.003, 'stock-tool');
    setEnterpriseLocation(await stockDoc(far.id), 35.3, 118.7, 'stock-tool');
    setEnterpriseField(await stockDoc(evil.id), 'name', EVIL_NAME, 'stock-tool');
    await byTestId(page, 'enterprise-search').fill('HYPERLINK');
    await expect.poll(() => count(page), { timeout: 20_000 }).toBe(1);
    await byTestId(page, 'enterprise-search').fill('');

    // Facets: each option shows what choosing it would give; choices combine.
    await byTestId(page, 'filters-toggle').click();
    expect(await optionText(page, 'filter-town', TOWN)).toBe(`${TOWN}（${inTown.length}）`);
    await page.selectOption('[data-testid="filter-town"]', TOWN);
    await expect.poll(() => count(page)).toBe(inTown.length);
    expect(await page.locator('[data-testid="filter-tag"][data-tag="规上"]').textContent()).toBe(`规上（${bigInTown.length}）`);
    await page.locator('[data-testid="filter-tag"][data-tag="规上"]').click();
    await expect.poll(() => count(page)).toBe(bigInTown.length);
    // Nobody has been visited yet: "not visited in 90 days" keeps them all.
    await page.selectOption('[data-testid="filter-not-visited"]', '90');
    await expect.poll(() => count(page)).toBe(bigInTown.length);
    expect(await byTestId(page, 'filters-toggle').textContent()).toBe('筛选 · 3');
    const url = new URL(page.url());
    expect(url.searchParams.get('town')).toBe(TOWN);
    expect(url.searchParams.get('tags')).toBe('规上');
    expect(url.searchParams.get('nv')).toBe('90');
    await screenshot(page, 'list-filters');

    // Saved under a name; survives a reload; one tap brings it back after the filter was cleared.
    await byTestId(page, 'save-filter').click();
    await byTestId(page, 'save-filter-name').fill('城关规上');
    await byTestId(page, 'save-filter-submit').click();
    await page.reload();
    await expect.poll(() => count(page), { timeout: 15_000 }).toBe(bigInTown.length);
    await page.goto('/');
    await expect.poll(() => count(page), { timeout: 15_000 }).toBe(demo.length);
    await page.locator('[data-testid="saved-filter"][data-name="城关规上"]').click();
    await expect.poll(() => count(page)).toBe(bigInTown.length);
    expect(new URL(page.url()).searchParams.get('town')).toBe(TOWN);
    await screenshot(page, 'list-saved-filter');

    // Sorting by licence expiry puts the expired licence first.
    await page.goto('/?sort=licence');
    await expect.poll(() => byTestId(page, 'enterprise-row').first().getAttribute('data-id'), { timeout: 15_000 }).toBe(licences[0]!.id);

    // Licence reminders: within 30 days by default, expired first and marked; a wider window is remembered.
    await page.goto('/reminders');
    await expect.poll(() => byTestId(page, 'reminder-count').getAttribute('data-count'), { timeout: 15_000 }).toBe('2');
    const first = byTestId(page, 'reminder').first();
    expect(await first.getAttribute('data-id')).toBe(licences[0]!.id);
    expect(await first.getAttribute('data-days')).toBe('-5');
    expect(await first.getAttribute('class')).toContain('reminder-expired');
    expect(await first.textContent()).toContain('已过期 5 天');
    expect(await byTestId(page, 'reminder').nth(1).textContent()).toContain('剩 10 天');
    await screenshot(page, 'reminders-30');
    await page.selectOption('[data-testid="reminder-window"]', '60');
    await expect.poll(() => byTestId(page, 'reminder-count').getAttribute('data-count')).toBe('3');
    await page.reload();
    await expect.poll(() => byTestId(page, 'reminder-count').getAttribute('data-count'), { timeout: 15_000 }).toBe('3');
    expect(await byTestId(page, 'reminder-window').inputValue()).toBe('60');
    await byTestId(page, 'reminder').nth(1).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/enterprises/${licences[1]!.id}`);

    // Map of the whole list with no tiles: six located points, the five neighbours clustered.
    await page.goto('/?view=map');
    await expect.poll(() => byTestId(page, 'map-counts').getAttribute('data-located'), { timeout: 15_000 }).toBe('6');
    expect(await byTestId(page, 'map-counts').getAttribute('data-missing')).toBe(String(demo.length - 6));
    await expect.poll(() => page.locator('path.map-cluster').count()).toBeGreaterThan(0);
    expect(tileRequests).toBeGreaterThan(0);
    await screenshot(page, 'map-no-tiles');
    // A cluster opens up when clicked (zooms in until its points separate).
    const before = await page.locator('path.map-point').count();
    await page.locator('path.map-cluster').first().click();
    await expect.poll(() => page.locator('path.map-point').count()).toBeGreaterThan(before);
    await screenshot(page, 'map-cluster-opened');
    // 不加载底图: remembered on this device, no tile is requested any more, the points stay.
    await byTestId(page, 'tiles-open').click();
    await byTestId(page, 'tiles-none').click();
    await expect.poll(() => byTestId(page, 'map').getAttribute('data-tiles')).toBe('off');
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    await page.reload();
    await expect.poll(() => byTestId(page, 'map').getAttribute('data-tiles'), { timeout: 15_000 }).toBe('off');
    const requested = tileRequests;
    await expect.poll(() => page.locator('path.map-cluster, path.map-point').count()).toBeGreaterThan(0);
    expect(tileRequests).toBe(requested);
    expect(await page.locator('.leaflet-tile').count()).toBe(0);
    // The map shows the filtered list: search the far one, its single point opens its file.
    await byTestId(page, 'enterprise-search').fill(far.name);
    await expect.poll(() => byTestId(page, 'map-counts').getAttribute('data-located')).toBe('1');
    await expect.poll(() => page.locator('path.map-point').count()).toBe(1);
    await page.locator('path.map-point').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/enterprises/${far.id}`);

    // Export the filtered list; read the file back: every row, names resolved, formulas neutralised.
    await page.goto(`/?town=${encodeURIComponent(TOWN)}&tags=${encodeURIComponent('规上')}`);
    await expect.poll(() => count(page), { timeout: 15_000 }).toBe(bigInTown.length);
    const [download] = await Promise.all([page.waitForEvent('download'), byTestId(page, 'export-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/^企业档案-\d{8}\.xlsx$/);
    const file = join(mkdtempSync(join(tmpdir(), 'bangqi-export-')), 'export.xlsx');
    await download.saveAs(file);
    const sheet = await readSheet(file);
    const header = sheet[0]!.map(String);
    expect(header).toEqual(expect.arrayContaining(['企业名称', '统一社会信用代码', '所属镇街', '服务队', '责任人', '许可证', '纬度', '经度']));
    expect(sheet.length).toBe(bigInTown.length + 1);
    const col = (name: string) => header.indexOf(name);
    const evilRow = sheet.find((r) => r[col('档案编号')] === evil.id)!;
    expect(evilRow[col('企业名称')]).toBe(`'${EVIL_NAME}`);
    expect(evilRow[col('所属镇街')]).toBe(TOWN);
    for (const r of sheet.slice(1)) {
      for (const cell of r) if (typeof cell === 'string') expect(cell).not.toMatch(/^[=+\-@]/);
      const teamId = demo.find((e) => e.id === r[col('档案编号')])!.teamId;
      expect(r[col('服务队')]).toBe(DEMO_TEAMS.find((t) => t.id === teamId)?.name ?? null);
    }
    await screenshot(page, 'list-export');
    await context.close();
  });
});
