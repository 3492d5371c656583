/**
 * Photos in real Chromium (issue 6): the app's preparePhoto on a 12-megapixel JPEG generated in the
 * page (4000×3000, photo-like detail and noise), against a baseline re-encode without resizing
 * (canvas.toBlob quality 0.92); then saving a visit with three such photos (prepare ×3 in the photo
 * worker + BlobService.put ×3 + one addVisit doc write through the DocStore), and uploading the three
 * blobs to the relay. The app's modules are bundled for the page with esbuild (the app's bundle does
 * not expose them); the photo worker is bundled separately and started from a blob URL.
 */
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { REPO_ROOT } from '../test/support/relay-process.ts';
import { newDevice } from '../test/support/browser.ts';
import { benchToken } from './auth.ts';

const PHOTOS = 3;
const ROUNDS = Number(process.env.BENCH_PHOTO_ROUNDS ?? 3);

async function bundle(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    absWorkingDir: REPO_ROOT,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'error',
  });
  return out.outputFiles[0]!.text;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;

interface Encoded {
  bytes: number;
  ms: number;
  width: number;
  height: number;
  /** longest main-thread task meanwhile (preparePhoto runs only) */
  longTaskMs?: number;
}

export async function benchPhotos(browser: Browser, relayUrl: string): Promise<void> {
  const [pageCode, workerCode] = await Promise.all([bundle('bench/photos-page.ts'), bundle('web/src/photos/photoWorker.ts')]);
  const device = await newDevice(browser, relayUrl);
  try {
    const page: Page = await device.newPage();
    page.on('pageerror', (err) => console.error(`[pageerror] ${err.message}`));
    await page.goto('/');
    await page.addScriptTag({ content: pageCode });
    await page.evaluate((code) => (window as any).BenchPhotos.setWorker(code), workerCode);

    const made: { bytes: number; ms: number }[] = [];
    for (let i = 0; i < PHOTOS; i++) made.push(await page.evaluate((i) => (window as any).BenchPhotos.makeJpeg(`p${i}`, 1000 + i), i));
    console.log(`\n3. photos: ${PHOTOS} generated 4000×3000 JPEGs (q 0.92) of ${made.map((m) => mb(m.bytes)).join(', ')}`);

    const base: Encoded[] = [];
    const worker: Encoded[] = [];
    const main: Encoded[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      base.push(await page.evaluate(() => (window as any).BenchPhotos.baseline('p0')));
      worker.push(await page.evaluate(() => (window as any).BenchPhotos.compress('p0', 'worker')));
      main.push(await page.evaluate(() => (window as any).BenchPhotos.compress('p0', 'main')));
    }
    const line = (name: string, runs: Encoded[]) =>
      `   ${name.padEnd(34)} ${`${runs[0]!.width}×${runs[0]!.height}`.padStart(9)}  ${kb(runs[0]!.bytes).padStart(8)}  ${median(runs.map((x) => x.ms)).toFixed(0).padStart(5)} ms  (rounds ${runs.map((x) => x.ms.toFixed(0)).join(', ')})${runs[0]!.longTaskMs === undefined ? '' : `; longest main-thread task ${Math.max(...runs.map((x) => x.longTaskMs!))} ms`}`;
    console.log(`   input ${mb(made[0]!.bytes)} (4000×3000)`);
    console.log(line('baseline: toBlob q0.92, no resize', base));
    console.log(line('preparePhoto in the worker', worker));
    console.log(line('preparePhoto on the main thread', main));
    console.log(`   output ${(base[0]!.bytes / worker[0]!.bytes).toFixed(1)}× smaller than the baseline, ${(made[0]!.bytes / worker[0]!.bytes).toFixed(1)}× smaller than the input (target ≤ 300 KB)`);

    const saves: { ms: number; prepareMs: number[]; putMs: number[]; writeMs: number; bytes: number[] }[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      await page.evaluate(([db, token]) => (window as any).BenchPhotos.open(db, token), [`bench-photos-${r}`, benchToken] as const);
      saves.push(await page.evaluate((r) => (window as any).BenchPhotos.saveVisit(['p0', 'p1', 'p2'], `ent-bench-photos-${r}`), r));
    }
    const mid = [...saves].sort((a, b) => a.ms - b.ms)[Math.floor(saves.length / 2)]!;
    console.log(`   save a visit with ${PHOTOS} photos: ${mid.ms.toFixed(0)} ms (median of ${ROUNDS}; rounds ${saves.map((x) => x.ms.toFixed(0)).join(', ')})`);
    console.log(
      `     prepare ${mid.prepareMs.map((x) => x.toFixed(0)).join(' + ')} ms, put ${mid.putMs.map((x) => x.toFixed(0)).join(' + ')} ms, doc write ${mid.writeMs.toFixed(0)} ms; photos ${mid.bytes.map(kb).join(', ')}`,
    );
    // the last round's three blobs to the relay (HEAD + one or two 256 KiB chunks each)
    const up = (await page.evaluate(() => (window as any).BenchPhotos.uploadAll())) as { ms: number; pending: number };
    if (up.pending > 0) console.log(`   upload: ${up.pending} blobs still pending after ${up.ms.toFixed(0)} ms (relay without the blob API?)`);
    else console.log(`   upload of the ${PHOTOS} photos to the relay: ${up.ms.toFixed(0)} ms`);
  } finally {
    await device.close();
  }
}
