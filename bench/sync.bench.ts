/**
 * `npm run bench` — one relay process, one run, figures and ratios:
 *  1. a fresh device syncing N = 500 enterprise docs (≈33 KB each) over /sync (our SyncEngine) vs
 *     500 stock y-websocket WebsocketProviders on /y/<docId> (same docs, same relay);
 *  2. reconnect after one small change elsewhere: bytes on the wire, /sync vs stock;
 *  3. relay RSS after 3,000 docs were touched, and after they sat idle past DOC_IDLE_MS.
 * Targets (ARCHITECTURE.md): ≥ 10× faster fresh sync, ≤ 4 KB reconnect, memory that falls after idle.
 */
import { readFileSync } from 'node:fs';
import * as Y from 'yjs';
import { setEnterpriseField } from '@bangqi/shared';
import { SyncEngine } from '../web/src/sync/engine.ts';
import { MemorySyncStorage } from '../web/src/sync/memoryStorage.ts';
import type { SocketLike } from '../web/src/sync/types.ts';
import { startRelayProcess } from '../test/support/relay-process.ts';
import { buildSizedEnterprise, pushAll } from './fixtures.ts';
import { type ByteCounter, countingWebSocket, syncWithStockProviders } from './stock.ts';
import { BENCH_RELAY_ENV, benchToken } from './auth.ts';

const N = Number(process.env.BENCH_DOCS ?? 500);
const TOUCHED = Number(process.env.BENCH_TOUCHED ?? 3000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
/** unmeasured rounds first: a relay serves for weeks, so compare it warm (JIT, page cache) */
const WARMUP = 1;
/** long enough that no doc unloads (and no relay GC runs) during section 1's rounds */
const IDLE_MS = 20_000;
/** collect the bench process's own garbage (the previous round's 500 Y.Docs) outside the timings */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Waits until the relay has no client left (the previous round's sockets are closed) before timing. */
async function settle(url: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await health(url)).clients > 0 && Date.now() < deadline) await sleep(50);
}

async function health(url: string): Promise<{ docsLoaded: number; clients: number }> {
  return (await fetch(`${url}/healthz`)).json() as Promise<{ docsLoaded: number; clients: number }>;
}

/** A device with our engine: resolves once the relay says caught-up and every frame is stored. */
async function syncWithEngine(wsUrl: string, storage: MemorySyncStorage, counter: ByteCounter): Promise<SyncEngine> {
  const Counting = countingWebSocket(counter);
  const engine = new SyncEngine({
    url: `${wsUrl}/sync`,
    storage,
    socket: (url) => new Counting(url) as unknown as SocketLike,
    deviceId: 'bench-device',
    token: () => benchToken,
  });
  const caughtUp = new Promise<void>((resolve) => {
    const off = engine.subscribe((s) => {
      if (s.caughtUp) {
        queueMicrotask(() => off());
        resolve();
      }
    });
  });
  await engine.start();
  await caughtUp;
  await engine.whenIdle();
  return engine;
}

async function main(): Promise<void> {
  console.log(`bench: N=${N} docs, ${TOUCHED} touched for memory, ${WARMUP} warm-up + ${ROUNDS} measured rounds, node ${process.version}`);
  let t = performance.now();
  const fixtures = Array.from({ length: N }, (_, i) => buildSizedEnterprise(i));
  const avg = fixtures.reduce((n, f) => n + f.update.byteLength, 0) / N;
  console.log(`fixtures: ${N} docs, avg ${kb(avg)} encoded, built in ${Math.round(performance.now() - t)} ms`);

  const relay = await startRelayProcess({ env: { ...BENCH_RELAY_ENV, DOC_IDLE_MS: String(IDLE_MS) } });
  const wsUrl = relay.url.replace('http', 'ws');
  try {
    t = performance.now();
    await pushAll(wsUrl, fixtures);
    console.log(`loaded into relay over /sync (acked = committed) in ${Math.round(performance.now() - t)} ms`);
    const ids = fixtures.map((f) => f.id);

    // 1. fresh device: /sync engine vs stock providers, alternating rounds.
    const engineMs: number[] = [];
    const stockMs: number[] = [];
    let engineBytes = 0;
    let stockBytes = 0;
    let lastEngine: { engine: SyncEngine; storage: MemorySyncStorage } | null = null;
    let lastStock: Awaited<ReturnType<typeof syncWithStockProviders>> | null = null;
    for (let round = 0; round < WARMUP + ROUNDS; round++) {
      const measured = round >= WARMUP;
      lastEngine?.engine.stop();
      lastStock?.destroy();
      lastStock = null;
      lastEngine = null;
      await settle(relay.url);
      collect();
      const storage = new MemorySyncStorage();
      const ec: ByteCounter = { sent: 0, received: 0 };
      t = performance.now();
      const engine = await syncWithEngine(wsUrl, storage, ec);
      if (measured) engineMs.push(performance.now() - t);
      engineBytes = ec.received + ec.sent;
      const stored = storage.updates.size;
      if (storage.rows.size !== N) throw new Error(`engine stored ${storage.rows.size} rows, expected ${N}`);
      if (stored !== N) throw new Error(`engine stored ${stored} docs, expected ${N}`);
      lastEngine = { engine, storage };
      engine.stop();

      await settle(relay.url);
      collect();
      const sc: ByteCounter = { sent: 0, received: 0 };
      t = performance.now();
      lastStock = await syncWithStockProviders(wsUrl, ids, sc);
      if (measured) stockMs.push(performance.now() - t);
      stockBytes = sc.received + sc.sent;
      await sleep(200);
    }
    const fresh = { engine: median(engineMs), stock: median(stockMs) };
    console.log('\n1. fresh device, N docs');
    console.log(`   /sync SyncEngine      ${fresh.engine.toFixed(0).padStart(6)} ms  (${mb(engineBytes)} on the wire)  rounds ${engineMs.map((x) => x.toFixed(0)).join(', ')}`);
    console.log(`   stock providers ×${N}  ${fresh.stock.toFixed(0).padStart(6)} ms  (${mb(stockBytes)} on the wire)  rounds ${stockMs.map((x) => x.toFixed(0)).join(', ')}`);
    console.log(`   ratio stock / sync: ${(fresh.stock / fresh.engine).toFixed(1)}×  (target ≥ 10×)`);

    // 2. reconnect after one small change made by another device.
    lastEngine!.engine.stop();
    lastStock!.destroy();
    await sleep(200);
    const changer = new Y.Doc();
    Y.applyUpdate(changer, fixtures[7]!.update);
    const before = Y.encodeStateVector(changer);
    setEnterpriseField(changer, 'town', '柳林镇', 'bench-other-device');
    const change = Y.encodeStateAsUpdate(changer, before);
    await pushAll(wsUrl, [{ id: fixtures[7]!.id, update: change }]);
    const rc: ByteCounter = { sent: 0, received: 0 };
    const reconnected = await syncWithEngine(wsUrl, lastEngine!.storage, rc);
    reconnected.stop();
    const src: ByteCounter = { sent: 0, received: 0 };
    const stockAgain = await syncWithStockProviders(wsUrl, ids, src, lastStock!.docs);
    stockAgain.destroy();
    console.log(`\n2. reconnect after one ${change.byteLength}-byte change elsewhere`);
    console.log(`   /sync   ${kb(rc.sent + rc.received)} (sent ${rc.sent} B, received ${rc.received} B)  (target ≤ 4 KB)`);
    console.log(`   stock   ${kb(src.sent + src.received)} (sent ${kb(src.sent)}, received ${kb(src.received)})`);
    console.log(`   ratio stock / sync: ${((src.sent + src.received) / (rc.sent + rc.received)).toFixed(0)}×`);

    // 3. relay memory: touch TOUCHED docs (the N fixtures reused under new ids), then leave them idle.
    await sleep(IDLE_MS + 3_000);
    const rssStart = rssOf(relay.pid);
    const touched: { id: string; update: Uint8Array }[] = [];
    for (let i = 0; i < TOUCHED; i++) {
      touched.push({ id: `ent-touch${String(i).padStart(5, '0')}`, update: fixtures[i % N]!.update });
    }
    t = performance.now();
    for (let i = 0; i < touched.length; i += 500) await pushAll(wsUrl, touched.slice(i, i + 500));
    const rssBusy = rssOf(relay.pid);
    const busy = await health(relay.url);
    console.log(`\n3. relay memory (RSS), ${TOUCHED} docs touched in ${Math.round(performance.now() - t)} ms`);
    console.log(`   before          ${mb(rssStart)}`);
    console.log(`   docs loaded     ${mb(rssBusy)}  (healthz docsLoaded ${busy.docsLoaded})`);
    let idle = busy;
    const deadline = Date.now() + IDLE_MS * 4 + 10_000;
    while (idle.docsLoaded > 0 && Date.now() < deadline) {
      await sleep(500);
      idle = await health(relay.url);
    }
    await sleep(2_000);
    const rssIdle = rssOf(relay.pid);
    console.log(`   after idle      ${mb(rssIdle)}  (healthz docsLoaded ${idle.docsLoaded}, DOC_IDLE_MS ${IDLE_MS})`);
    console.log(`   fell by ${mb(rssBusy - rssIdle)} (${(((rssBusy - rssIdle) / rssBusy) * 100).toFixed(0)} %)`);
  } finally {
    await relay.stop();
    relay.cleanup();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
