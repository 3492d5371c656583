/**
 * `npm run bench` (after sync and search) — the app itself in Chromium, against one relay process:
 *  1. a coordinator imports a generated 100,000-row XLSX (~1 % bad rows) through the import page: wall
 *     time from 开始导入 to the summary, and the page's longest main-thread task meanwhile (Long Tasks API);
 *  2. list-ready with 2,000 enterprise files (≈33 KB each) in IndexedDB: time from reload to the list
 *     showing its count (rows from Dexie), against loading all 2,000 docs' updates from IndexedDB and
 *     instantiating their Y.Docs in the same page.
 *  3. photos (issue 6, bench/photos.ts): preparePhoto on a 12-megapixel JPEG against a plain re-encode,
 *     and the time to save a visit with three photos.
 * Targets (issue 4): import < 15 s with no main-thread block > 200 ms; list-ready ≥ 10× faster.
 * BENCH_BROWSER_ONLY=import,list,photos runs only the named parts (default: all).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '@bangqi/shared';
import { REPO_ROOT, startRelayProcess } from '../test/support/relay-process.ts';
import { launchChromium, newDevice } from '../test/support/browser.ts';
import { buildSizedEnterprise, pushAll } from './fixtures.ts';
import { BENCH_RELAY_ENV } from './auth.ts';
import { writeDirectorySheet } from './directory-sheet.ts';
import { ensureWebBuild } from './web-build.ts';
import { benchPhotos } from './photos.ts';

const ROWS = Number(process.env.BENCH_DIRECTORY_ROWS ?? 100_000);
const FILES = Number(process.env.BENCH_LIST_DOCS ?? 2_000);
const ROUNDS = Number(process.env.BENCH_LIST_ROUNDS ?? 3);
const ONLY = new Set((process.env.BENCH_BROWSER_ONLY ?? 'import,list,photos').split(',').map((s) => s.trim()));
/** the coordinator: may import the directory and reads every file of the district */
const USER = { username: 'liuyang', id: 'u-liuyang' };
/** the app's IndexedDB of that user (web/src/storage/db.ts userDbName; that module needs DOM types) */
const DB_NAME = `bangqi-${USER.id}`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

async function waitFor<T>(what: string, probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(value)})`);
    await sleep(100);
  }
}

const countOf = async (page: Page, testId: string) => Number(await byTestId(page, testId).getAttribute('data-count'));

/** First visit of a device: signs in and waits for the service worker and the first catch-up (`rows` files). */
async function signIn(context: BrowserContext, rows: number, catchUpMs: number): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[pageerror] ${err.message}`));
  await page.goto('/');
  await byTestId(page, 'login-username').fill(USER.username);
  await byTestId(page, 'login-password').fill(DEMO_PASSWORD);
  await byTestId(page, 'login-submit').click();
  await waitFor('signed in', () => byTestId(page, 'current-user').getAttribute('data-user-id'), (v) => v !== null, 15_000);
  await waitFor('service worker', () => page.evaluate('document.documentElement.dataset.swReady'), (v) => v === '1', 30_000);
  await waitFor('online', () => byTestId(page, 'sync-online').getAttribute('data-state'), (v) => v === 'online', 30_000);
  await waitFor(`${rows} files listed`, () => countOf(page, 'enterprise-count'), (n) => n === rows, catchUpMs);
  return page;
}

/** Yjs as one script for the page (the app's bundle does not expose its copy), as global `BenchY`. */
async function yjsForPage(): Promise<string> {
  const out = await build({
    stdin: { contents: "export * from 'yjs';", resolveDir: REPO_ROOT },
    bundle: true,
    format: 'iife',
    globalName: 'BenchY',
    minify: true,
    write: false,
  });
  return out.outputFiles[0]!.text;
}

/**
 * The page's alternative to the list's rows: every doc's update log read from IndexedDB (one getAll over
 * the whole `updates` store, the cheapest read there is) and a Y.Doc built from each.
 */
const LOAD_ALL_DOCS = `async (dbName) => {
  const started = performance.now();
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const records = await new Promise((resolve, reject) => {
    const req = db.transaction('updates').objectStore('updates').getAll();
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const logs = new Map();
  let bytes = 0;
  for (const r of records) {
    // enterprise files only (the district config doc cfg-district is on every device too)
    if (!r.docId.startsWith('ent-')) continue;
    bytes += r.update.byteLength;
    const log = logs.get(r.docId);
    if (log) log.push(r.update);
    else logs.set(r.docId, [r.update]);
  }
  const docs = [];
  for (const log of logs.values()) {
    const doc = new BenchY.Doc();
    for (const update of log) BenchY.applyUpdate(doc, update);
    docs.push(doc);
  }
  const ms = performance.now() - started;
  db.close();
  for (const doc of docs) doc.destroy();
  return { ms, docs: docs.length, bytes };
}`;

/** Reloads and returns ms from navigation start until the list shows `rows` (polled every frame in the page). */
async function listReadyAfterReload(page: Page, rows: number): Promise<number> {
  await page.reload({ waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    `(() => {
      const el = document.querySelector('[data-testid="enterprise-count"]');
      return el && el.getAttribute('data-count') === '${rows}' ? performance.now() : 0;
    })()`,
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function main(): Promise<void> {
  console.log(`browser bench: ${ROWS} directory rows, ${FILES} files, ${ROUNDS} list rounds, ${cpus().length} cores, node ${process.version}`);
  const staticDir = ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), 'bangqi-bench-'));
  const relay = await startRelayProcess({ env: { ...BENCH_RELAY_ENV, STATIC_DIR: staticDir } });
  const wsUrl = relay.url.replace('http', 'ws');
  const browser = await launchChromium();
  try {
    let t = performance.now();
    // 1. import 100k rows through the import page
    if (ONLY.has('import')) {
      const file = join(dir, '市场主体名录.xlsx');
      const bad = await writeDirectorySheet(file, ROWS);
      console.log(`\nXLSX: ${ROWS} rows (${bad} bad) written in ${Math.round(performance.now() - t)} ms`);
      const importer = await newDevice(browser, relay.url);
      const a = await signIn(importer, 0, 30_000);
      await a.goto('/directory/import');
      await byTestId(a, 'import-file').setInputFiles(file);
      await waitFor('column mapping', () => byTestId(a, 'import-mapping').isVisible(), Boolean, 60_000);
      await a.evaluate(`(() => {
        window.benchLongTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.benchLongTasks.push(Math.round(e.duration));
        }).observe({ type: 'longtask' });
      })()`);
      t = performance.now();
      await byTestId(a, 'import-start').click();
      await waitFor('import summary', () => byTestId(a, 'import-summary').isVisible(), Boolean, 300_000);
      const importMs = performance.now() - t;
      const longTasks = (await a.evaluate('window.benchLongTasks')) as number[];
      const inserted = await countOf(a, 'import-inserted');
      const errors = await countOf(a, 'import-errors');
      if (inserted !== ROWS - bad || errors !== bad) throw new Error(`import: ${inserted} inserted, ${errors} errors; expected ${ROWS - bad}, ${bad}`);
      await importer.close();
      const longest = longTasks.length === 0 ? 0 : Math.max(...longTasks);
      console.log(`\n1. import of ${ROWS} rows through the import page (check + upload + commit)`);
      console.log(`   time ${(importMs / 1000).toFixed(1)} s  (target < 15 s)`);
      console.log(`   longest main-thread task ${longest} ms  (target ≤ 200 ms; ${longTasks.length} tasks over 50 ms)`);
    }

    // 2. list-ready with FILES files in IndexedDB vs loading all their docs
    if (ONLY.has('list')) {
      t = performance.now();
      const fixtures = Array.from({ length: FILES }, (_, i) => buildSizedEnterprise(i));
      const avgKb = fixtures.reduce((n, f) => n + f.update.byteLength, 0) / FILES / 1024;
      console.log(`\nfiles: ${FILES} docs, avg ${avgKb.toFixed(1)} KB encoded, built in ${Math.round(performance.now() - t)} ms`);
      t = performance.now();
      await pushAll(wsUrl, fixtures);
      console.log(`pushed to the relay in ${Math.round(performance.now() - t)} ms`);
      const reader = await newDevice(browser, relay.url);
      t = performance.now();
      const b = await signIn(reader, FILES, 300_000);
      console.log(`a new device signed in and caught up (${FILES} files into IndexedDB) in ${Math.round(performance.now() - t)} ms`);
      await waitFor('sync idle', () => countOf(b, 'sync-pending'), (n) => n === 0, 30_000);
      const yjs = await yjsForPage();

      const listMs: number[] = [];
      const loadMs: number[] = [];
      let loaded = { docs: 0, bytes: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        listMs.push(await listReadyAfterReload(b, FILES));
        // let the reloaded app settle (its catch-up with the relay) so it does not share the timing below
        await sleep(1_000);
        await b.addScriptTag({ content: yjs });
        const run = (await b.evaluate(`(${LOAD_ALL_DOCS})(${JSON.stringify(DB_NAME)})`)) as { ms: number; docs: number; bytes: number };
        if (run.docs !== FILES) throw new Error(`loaded ${run.docs} docs from IndexedDB, expected ${FILES}`);
        loadMs.push(run.ms);
        loaded = run;
      }
      const list = median(listMs);
      const load = median(loadMs);
      console.log(`\n2. ${FILES} files in IndexedDB (${(loaded.bytes / 1024 / 1024).toFixed(1)} MB of updates)`);
      console.log(`   list-ready after reload   ${list.toFixed(0).padStart(6)} ms  rounds ${listMs.map((x) => x.toFixed(0)).join(', ')}`);
      console.log(`   load all ${FILES} Y.Docs    ${load.toFixed(0).padStart(6)} ms  rounds ${loadMs.map((x) => x.toFixed(0)).join(', ')}`);
      console.log(`   ratio load-all / list-ready: ${(load / list).toFixed(1)}×  (target ≥ 10×)`);
    }
    // 3. photos: compression of a 12-megapixel JPEG, a visit with three photos saved and uploaded
    if (ONLY.has('photos')) await benchPhotos(browser, relay.url);
  } finally {
    await browser.close();
    await relay.stop();
    relay.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
