/**
 * 在地图上选点 on a network that reaches no tile server (every tile request aborted): the picker opens on
 * the located files of the file's 镇街, a click places the marker, 确定 fills the latitude and longitude
 * fields, and the point reaches a second device through the relay. Reopened, it starts on the file's point.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { generateDemoEnterprises } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { byTestId, editField, fieldValue, openFile, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();

/** The enterprise row the device keeps for a file (what the picker centres on). */
async function storedRow(page: Page, username: string, docId: string): Promise<{ lat: number | null; lng: number | null } | undefined> {
  return page.evaluate(
    async ([db, id]) => {
      const open = indexedDB.open(db);
      const conn = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const get = conn.transaction('enterprises').objectStore('enterprises').get(id);
      return new Promise<{ lat: number | null; lng: number | null } | undefined>((resolve) => (get.onsuccess = () => resolve(get.result)));
    },
    [`bangqi-u-${username}`, docId] as const,
  );
}

/** Clicks the picker's map `dx`, `dy` pixels from its centre. */
async function clickMap(page: Page, dx: number, dy: number): Promise<void> {
  const box = (await byTestId(page, 'map-pick').boundingBox())!;
  await page.mouse.click(box.x + box.width / 2 + dx, box.y + box.height / 2 + dy);
}

describe('location picked on the map', () => {
  it('sets lat/lng with every tile request aborted and syncs to a second device', async () => {
    const demo = generateDemoEnterprises();
    const target = demo[0]!;
    const neighbour = demo.find((e) => e.id !== target.id && e.town === target.town)!;
    const all = demo.length;

    const phone = await newDevice(env.browser, env.relay.url);
    let tileRequests = 0;
    await phone.route('**/tile.openstreetmap.org/**', (route) => {
      tileRequests++;
      return route.abort();
    });
    const laptop = await newDevice(env.browser, env.relay.url);
    const [page, other] = await Promise.all([signIn(phone, 'liuyang', all), signIn(laptop, 'admin', all)]);

    // A neighbour in the same 镇街 is located: the picker for the target opens there.
    await openFile(page, neighbour.id);
    await editField(page, 'field-lat', '35.3');
    await editField(page, 'field-lng', '118.6');
    await expect.poll(() => storedRow(page, 'liuyang', neighbour.id), { timeout: 15_000 }).toMatchObject({ lat: 35.3, lng: 118.6 });

    await openFile(page, target.id);
    expect(await fieldValue(page, 'field-lat')).toBe('');
    await byTestId(page, 'pick-on-map').click();
    await expect.poll(() => byTestId(page, 'map-pick').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await byTestId(page, 'map-pick-ok').isDisabled()).toBe(true);
    expect(await byTestId(page, 'map-pick-coords').textContent()).toBe('尚未选点');
    await expect.poll(() => tileRequests, { timeout: 10_000 }).toBeGreaterThan(0);

    // A click on the centre is (within a pixel at zoom 13) the town's centre.
    await clickMap(page, 0, 0);
    await expect.poll(() => page.locator('.map-pick-marker').count()).toBe(1);
    const centreText = (await byTestId(page, 'map-pick-coords').textContent())!;
    const [cLat, cLng] = centreText.match(/-?\d+\.?\d*/g)!.map(Number);
    expect(Math.abs(cLat! - 35.3)).toBeLessThan(0.001);
    expect(Math.abs(cLng! - 118.6)).toBeLessThan(0.001);

    // A second click moves the one marker north-east; 确定 writes that point.
    await clickMap(page, 120, -80);
    await expect.poll(() => byTestId(page, 'map-pick-coords').textContent()).not.toBe(centreText);
    expect(await page.locator('.map-pick-marker').count()).toBe(1);
    const text = (await byTestId(page, 'map-pick-coords').textContent())!;
    const [lat, lng] = text.match(/-?\d+\.?\d*/g)!.map(Number);
    expect(lat!).toBeGreaterThan(cLat!);
    expect(lng!).toBeGreaterThan(cLng!);
    expect(await page.locator('.leaflet-tile-loaded').count()).toBe(0);
    await screenshot(page, 'map-pick-no-tiles');
    await byTestId(page, 'map-pick-ok').click();
    await expect.poll(() => byTestId(page, 'map-pick-dialog').count()).toBe(0);
    expect(await fieldValue(page, 'field-lat')).toBe(String(lat));
    expect(await fieldValue(page, 'field-lng')).toBe(String(lng));
    await byTestId(page, 'pick-on-map').scrollIntoViewIfNeeded();
    await screenshot(page, 'map-pick-set');

    // The second device gets the point.
    await openFile(other, target.id);
    await expect.poll(() => fieldValue(other, 'field-lat'), { timeout: 20_000 }).toBe(String(lat));
    expect(await fieldValue(other, 'field-lng')).toBe(String(lng));

    // Reopened, the picker starts on the file's point with 确定 ready; 取消 changes nothing.
    await byTestId(page, 'pick-on-map').click();
    await expect.poll(() => byTestId(page, 'map-pick').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await byTestId(page, 'map-pick-coords').textContent()).toBe(text);
    expect(await byTestId(page, 'map-pick-ok').isDisabled()).toBe(false);
    await clickMap(page, -50, 40);
    await byTestId(page, 'map-pick-cancel').click();
    await expect.poll(() => byTestId(page, 'map-pick-dialog').count()).toBe(0);
    expect(await fieldValue(page, 'field-lat')).toBe(String(lat));

    await phone.close();
    await laptop.close();
  });
});
