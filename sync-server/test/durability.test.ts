import { readEnterprise, setEnterpriseNote } from '@bangqi/shared';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  captureUpdate,
  docFromFeeds,
  enterpriseUpdate,
  killAll,
  removeTempDirs,
  spawnRelay,
  stockProvider,
  SyncClient,
  tempDataDir,
  waitUntil,
  whenSynced,
} from './helpers.ts';

afterEach(killAll);
afterAll(removeTempDirs);
const dataDir = tempDataDir;

describe('durability and lifecycle', () => {
  it('an update acked over /sync survives kill -9 (fresh /sync catch-up and a stock provider both see it)', async () => {
    const DATA_DIR = dataDir();
    const first = await spawnRelay({ DATA_DIR });
    const device = await SyncClient.connect(first.ws);
    await device.caughtUp();
    const { doc, update } = enterpriseUpdate('华盛精密机械有限公司', '首次走访');
    const seq1 = await device.push('ent-durable', 1, update);
    const note = captureUpdate(doc, () => setEnterpriseNote(doc, '首次走访，反映用工紧张', 'tester'));
    const seq2 = await device.push('ent-durable', 2, note);
    expect(seq2).toBe(seq1 + 1);
    expect(await first.stop('SIGKILL')).toBeNull();

    const second = await spawnRelay({ DATA_DIR });
    const fresh = await SyncClient.connect(second.ws);
    const caughtUp = await fresh.caughtUp();
    expect(caughtUp.seq).toBe(seq2);
    const feeds = fresh.feeds().filter((f) => f.docId === 'ent-durable');
    expect(feeds).toHaveLength(1);
    expect(feeds[0]!.seq).toBe(seq2);
    expect(JSON.parse(feeds[0]!.row)).toMatchObject({ id: 'ent-durable', name: '华盛精密机械有限公司' });
    expect(readEnterprise(docFromFeeds(fresh, 'ent-durable')).note).toBe('首次走访，反映用工紧张');

    const provider = stockProvider(second.ws, 'ent-durable');
    await whenSynced(provider);
    expect(readEnterprise(provider.doc).note).toBe('首次走访，反映用工紧张');
    provider.destroy();
    fresh.close();
  });

  it('a resent push is acked with the current seq and not stored again', async () => {
    const relay = await spawnRelay({ DATA_DIR: dataDir() });
    const device = await SyncClient.connect(relay.ws);
    await device.caughtUp();
    const { update } = enterpriseUpdate('恒泰化工有限公司');
    const seq = await device.push('ent-resend', 7, update);
    expect(await device.push('ent-resend', 8, update)).toBe(seq);
    expect((await relay.health()).seq).toBe(seq);
    device.close();
  });

  it('reconnecting from lastSeq after one small change receives exactly one Feed frame', async () => {
    const relay = await spawnRelay({ DATA_DIR: dataDir(), SEED_DEMO: '1' });
    const phone = await SyncClient.connect(relay.ws);
    const welcome = await phone.welcome();
    const full = await phone.caughtUp();
    expect(full.docs).toBe(302); // 300 files + the policy library (pol-library) + the district settings (cfg-district)
    const fullBytes = phone.bytesIn;
    phone.close();

    const other = await SyncClient.connect(relay.ws, { deviceId: 'other' });
    await other.caughtUp();
    const doc = docFromFeeds(other, 'ent-demo0042');
    const small = captureUpdate(doc, () => setEnterpriseNote(doc, `${readEnterprise(doc).note}已回访。`, 'other'));
    const seq = await other.push('ent-demo0042', 1, small);
    other.close();

    const again = await SyncClient.connect(relay.ws, { lastSeq: full.seq, epoch: welcome.epoch });
    const caughtUp = await again.caughtUp();
    expect(caughtUp).toEqual({ t: 'caught-up', seq, docs: 1 });
    const feeds = again.feeds();
    expect(feeds.map((f) => [f.docId, f.seq])).toEqual([['ent-demo0042', seq]]);
    // only the small change travels, not the doc's state
    expect(feeds[0]!.update.byteLength).toBeLessThan(small.byteLength + 64);
    expect(again.bytesIn).toBeLessThan(4096);
    expect(fullBytes).toBeGreaterThan(again.bytesIn * 20);
    // the row is the server's materialized row after the change
    expect(JSON.parse(feeds[0]!.row).note).toMatch(/已回访。$/);
    again.close();
  });

  it('a different epoch voids lastSeq: the client gets everything', async () => {
    const relay = await spawnRelay({ DATA_DIR: dataDir(), SEED_DEMO: '1' });
    const client = await SyncClient.connect(relay.ws, { lastSeq: 300, epoch: 'another-database' });
    expect((await client.caughtUp()).docs).toBe(302); // 300 files + pol-library + cfg-district
    client.close();
  });

  it('seeds the demo district once: 300 rows, not again on restart', async () => {
    const DATA_DIR = dataDir();
    const relay = await spawnRelay({ DATA_DIR, SEED_DEMO: '1' });
    expect(relay.logs.find((l) => l.msg === 'seeded demo district')).toMatchObject({ docs: 301, seq: 301 }); // 300 files + pol-library
    const client = await SyncClient.connect(relay.ws);
    const caughtUp = await client.caughtUp();
    // then the district settings doc (seq 302); neither has a row
    expect(caughtUp).toEqual({ t: 'caught-up', seq: 302, docs: 302 });
    expect(client.feeds().filter((f) => !f.docId.startsWith('ent-')).map((f) => [f.docId, f.seq, f.row])).toEqual([
      ['pol-library', 301, ''],
      ['cfg-district', 302, ''],
    ]);
    const rows = client.feeds().filter((f) => f.docId.startsWith('ent-')).map((f) => JSON.parse(f.row) as { id: string; name: string; uscc: string });
    expect(new Set(rows.map((r) => r.id)).size).toBe(300);
    expect(rows.every((r) => r.id.startsWith('ent-demo') && r.name.length > 0 && r.uscc.length === 18)).toBe(true);
    client.close();
    expect(await relay.stop('SIGTERM')).toBe(0);

    const again = await spawnRelay({ DATA_DIR, SEED_DEMO: '1' });
    expect(again.logs.some((l) => l.msg === 'seeded demo district')).toBe(false);
    expect((await again.health()).seq).toBe(302);
  });

  it('SIGTERM closes sockets with 1001 and exits 0', async () => {
    const relay = await spawnRelay({ DATA_DIR: dataDir() });
    const client = await SyncClient.connect(relay.ws);
    await client.caughtUp();
    const provider = stockProvider(relay.ws, 'ent-bye');
    await whenSynced(provider);
    const exit = await relay.stop('SIGTERM');
    expect(exit).toBe(0);
    expect((await client.closed).code).toBe(1001);
    expect(client.controls().at(-1)).toMatchObject({ t: 'error', reason: 'shutting-down' });
    provider.destroy();
  });

  it('an idle doc is unloaded and reloads intact', async () => {
    const relay = await spawnRelay({ DATA_DIR: dataDir(), DOC_IDLE_MS: '200' });
    const provider = stockProvider(relay.ws, 'ent-idle');
    await whenSynced(provider);
    Y.applyUpdate(provider.doc, enterpriseUpdate('九州物流有限公司', '冷链').update);
    await waitUntil(async () => (await relay.health()).seq === 1, 'the commit');
    expect((await relay.health()).docsLoaded).toBe(1);
    // open on a /sync socket too, then close it there: still loaded while the provider is connected
    const device = await SyncClient.connect(relay.ws);
    await device.caughtUp();
    device.send({ type: 'sync', docId: 'ent-idle', message: new Uint8Array([0, 1, 0]) });
    await device.waitFor((r) => r.kind === 'frame' && r.frame.type === 'sync', 'step 2');
    device.send({ type: 'close', docId: 'ent-idle' });
    provider.destroy();
    await waitUntil(async () => (await relay.health()).docsLoaded === 0, 'the doc to be unloaded');

    const again = stockProvider(relay.ws, 'ent-idle');
    await whenSynced(again);
    expect(readEnterprise(again.doc)).toMatchObject({ name: '九州物流有限公司', note: '冷链' });
    expect((await relay.health()).docsLoaded).toBe(1);
    again.destroy();
    device.close();
  });
});
