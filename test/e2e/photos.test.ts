/**
 * Photos and blobs in real Chromium against the real relay (issue 6), below the visit form
 * (visits.test.ts drives the form): the app's preparePhoto and BlobService, bundled for the page.
 *  - a 12-megapixel JPEG shot "upright" (EXIF Orientation 6, camera make in EXIF) comes out 1200×1600,
 *    upright, watermarked, ≤ 300 KB, with no EXIF left — in the worker and on the main thread;
 *  - uploads: the same photo put twice is stored and sent once; a 700 KB blob whose second chunk is cut
 *    off resumes from the relay's offset (no chunk sent twice); the relay then has both;
 *  - another device gets the photo on demand from the relay, and nothing while offline.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/relay-process.ts';
import { apiToken, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();
const SHOTS = join(REPO_ROOT, '.tmp/shots-photos');

async function bundle(entry: string): Promise<string> {
  const out = await build({ entryPoints: [entry], absWorkingDir: REPO_ROOT, bundle: true, format: 'iife', platform: 'browser', target: 'es2022', write: false, logLevel: 'error' });
  return out.outputFiles[0]!.text;
}

/** A JPEG with an APP1 Exif segment: IFD0 with Make (ASCII) and Orientation, inserted after SOI. */
function withExif(jpeg: Uint8Array, orientation: number, make: string): Uint8Array {
  const makeBytes = new TextEncoder().encode(`${make}\0`);
  const tiff = new Uint8Array(38 + makeBytes.length);
  const v = new DataView(tiff.buffer);
  tiff.set([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8]); // big-endian TIFF, IFD0 at 8
  v.setUint16(8, 2); // two entries, sorted by tag
  v.setUint16(10, 0x010f); // Make
  v.setUint16(12, 2); // ASCII
  v.setUint32(14, makeBytes.length);
  v.setUint32(18, 38); // offset of the string
  v.setUint16(22, 0x0112); // Orientation
  v.setUint16(24, 3); // SHORT
  v.setUint32(26, 1);
  v.setUint16(30, orientation);
  v.setUint32(34, 0); // no next IFD
  tiff.set(makeBytes, 38);
  const app1 = new Uint8Array(4 + 6 + tiff.length);
  app1.set([0xff, 0xe1]);
  new DataView(app1.buffer).setUint16(2, 2 + 6 + tiff.length);
  app1.set(new TextEncoder().encode('Exif\0\0'), 4);
  app1.set(tiff, 10);
  const out = new Uint8Array(jpeg.length + app1.length);
  out.set(jpeg.subarray(0, 2));
  out.set(app1, 2);
  out.set(jpeg.subarray(2), 2 + app1.length);
  return out;
}

const contains = (haystack: Uint8Array, text: string) => Buffer.from(haystack).includes(Buffer.from(text, 'latin1'));

interface Prepared {
  width: number;
  height: number;
  decodedWidth: number;
  decodedHeight: number;
  type: string;
  /** base64 */
  bytes: string;
  colours: number[][];
  whiteInStrip: number;
}

let pageCode = '';
let workerCode = '';

/** A device page on the relay's origin with the test bundle loaded (service worker blocked: plain network). */
async function devicePage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ baseURL: env.relay.url, serviceWorkers: 'block' });
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[pageerror] ${err.message}`));
  await page.goto('/');
  await page.addScriptTag({ content: pageCode });
  await page.evaluate((code) => (window as any).PhotoTest.setWorker(code), workerCode);
  return { context, page };
}

const isRed = ([r, g, b]: number[]) => r! > 150 && g! < 90 && b! < 90;
const isBlue = ([r, g, b]: number[]) => b! > 150 && r! < 90;

describe('photos and blobs in the browser', () => {
  let photo: Uint8Array;
  let preparedBytes = '';

  beforeAll(async () => {
    [pageCode, workerCode] = await Promise.all([bundle('test/e2e/photos-page.ts'), bundle('web/src/photos/photoWorker.ts')]);
  });

  it('prepares a 12-megapixel photo upright, watermarked, ≤ 300 KB and without EXIF, in the worker and on the main thread', async () => {
    const { context, page } = await devicePage();
    try {
      const plain = new Uint8Array(Buffer.from((await page.evaluate(() => (window as any).PhotoTest.makeJpeg(4000, 3000))) as string, 'base64'));
      photo = withExif(plain, 6, 'BANGQI-SECRET-CAMERA');
      expect(contains(photo, 'BANGQI-SECRET-CAMERA')).toBe(true);
      // (x, y) fractions: the source's red top-left quarter is the top-right one once rotated 90° clockwise
      const points: [number, number][] = [
        [0.75, 0.25],
        [0.25, 0.25],
        [0.75, 0.6],
      ];
      for (const where of ['worker', 'main'] as const) {
        const out = (await page.evaluate(([bytes, w, pts]) => (window as any).PhotoTest.prepare(bytes, w, pts), [Buffer.from(photo).toString('base64'), where, points] as const)) as Prepared;
        expect({ where, w: out.width, h: out.height, dw: out.decodedWidth, dh: out.decodedHeight, type: out.type }).toEqual({ where, w: 1200, h: 1600, dw: 1200, dh: 1600, type: 'image/jpeg' });
        const bytes = new Uint8Array(Buffer.from(out.bytes, 'base64'));
        expect(bytes.length).toBeLessThanOrEqual(300 * 1024);
        expect(contains(bytes, 'Exif')).toBe(false);
        expect(contains(bytes, 'BANGQI-SECRET')).toBe(false);
        expect(isRed(out.colours[0]!), `${where}: top-right red ${out.colours[0]}`).toBe(true);
        expect(isBlue(out.colours[1]!), `${where}: top-left blue ${out.colours[1]}`).toBe(true);
        expect(isBlue(out.colours[2]!), `${where}: lower right blue ${out.colours[2]}`).toBe(true);
        expect(out.whiteInStrip, `${where}: watermark text in the bottom strip`).toBeGreaterThan(200);
        if (where === 'worker') preparedBytes = out.bytes;
      }
      mkdirSync(SHOTS, { recursive: true });
      writeFileSync(join(SHOTS, 'prepared.jpg'), Buffer.from(preparedBytes, 'base64'));
      // without EXIF the same photo stays landscape
      const flat = (await page.evaluate(([bytes]) => (window as any).PhotoTest.prepare(bytes, 'worker', []), [Buffer.from(plain).toString('base64')] as const)) as Prepared;
      expect([flat.width, flat.height]).toEqual([1600, 1200]);
    } finally {
      await context.close();
    }
  });

  it('uploads each blob once and resumes a cut-off upload from the relay offset; another device fetches on demand', async () => {
    expect(preparedBytes, 'the prepared photo of the test before').not.toBe('');
    const token = await apiToken(env.relay.url, 'zhangwei');
    const { context, page } = await devicePage();
    const { context: contextB, page: b } = await devicePage();
    try {
      await page.evaluate((t) => (window as any).PhotoTest.open('e2e-blobs-a', t, false), token);
      const first = await page.evaluate((bytes) => (window as any).PhotoTest.putBytes(bytes, 'image/jpeg'), preparedBytes);
      const again = await page.evaluate((bytes) => (window as any).PhotoTest.putBytes(bytes, 'image/jpeg'), preparedBytes);
      expect(again).toEqual(first);
      const big = (await page.evaluate(() => (window as any).PhotoTest.putRandom(700_000, 3))) as { hash: string; bytes: number };
      expect(await page.evaluate(() => (window as any).PhotoTest.pending())).toBe(2);

      // every blob request, and the big blob's second chunk cut off once (the connection drops)
      const requests: string[] = [];
      let cut = false;
      await page.route('**/api/blobs/*', async (route) => {
        const req = route.request();
        const hash = req.url().split('/').pop()!;
        const offset = req.headers()['upload-offset'];
        requests.push(`${req.method()} ${hash.slice(0, 8)}${offset === undefined ? '' : ` ${offset}`}`);
        if (!cut && hash === big.hash && offset === String(256 * 1024)) {
          cut = true;
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      await page.evaluate(() => (window as any).PhotoTest.goOnline());
      await expect.poll(() => page.evaluate(() => (window as any).PhotoTest.pending()), { timeout: 30_000 }).toBe(0);
      const p = first.hash.slice(0, 8);
      const g = big.hash.slice(0, 8);
      expect(requests.filter((r) => r.includes(p))).toEqual([`HEAD ${p}`, `PUT ${p} 0`]);
      expect(requests.filter((r) => r.includes(g))).toEqual([`HEAD ${g}`, `PUT ${g} 0`, `PUT ${g} 262144`, `HEAD ${g}`, `PUT ${g} 262144`, `PUT ${g} 524288`]);
      const rows = (await page.evaluate(() => (window as any).PhotoTest.rows())) as { uploaded: number }[];
      expect(rows.map((r) => r.uploaded)).toEqual([1, 1]);
      // the relay has both, complete
      for (const blob of [first, big]) {
        const head = await fetch(`${env.relay.url}/api/blobs/${blob.hash}`, { method: 'HEAD', headers: { authorization: `Bearer ${token}` } });
        expect([head.status, Number(head.headers.get('content-length'))]).toEqual([200, blob.bytes]);
      }
      // nothing more to send
      const before = requests.length;
      await page.evaluate(() => (window as any).PhotoTest.kick());
      await page.waitForTimeout(300);
      expect(requests.length).toBe(before);

      // device B (the team lead): nothing offline, the photo on demand once online, then kept locally
      const tokenB = await apiToken(env.relay.url, 'wangqiang');
      await b.evaluate((t) => (window as any).PhotoTest.open('e2e-blobs-b', t, false), tokenB);
      expect(await b.evaluate((h) => (window as any).PhotoTest.show(h), first.hash)).toBe(null);
      await b.evaluate(() => (window as any).PhotoTest.goOnline());
      expect(await b.evaluate((h) => (window as any).PhotoTest.show(h), first.hash)).toEqual({ width: 1200, height: 1600 });
      expect(await b.evaluate(() => (window as any).PhotoTest.rows())).toEqual([{ hash: first.hash, uploaded: 1, bytes: first.bytes, mime: 'image/jpeg' }]);
    } finally {
      await context.close();
      await contextB.close();
    }
  });
});
