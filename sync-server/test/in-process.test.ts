import { readEnterprise, setEnterpriseNote } from '@bangqi/shared';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqlitePersistence } from '../src/persistence/sqlite.ts';
import { startRelay } from '../src/server.ts';
import { captureUpdate, TEST_JWT_SECRET, docFromFeeds, enterpriseUpdate, removeTempDirs, SyncClient, tempDataDir } from './helpers.ts';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: pino({ level: 'debug' }, stream) };
}

afterAll(removeTempDirs);
const dataDir = tempDataDir;

describe('startRelay in-process', () => {
  it('compacts every COMPACT_EVERY updates without losing content or seqs', async () => {
    const dir = dataDir();
    const { lines, logger } = capturingLogger();
    const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: dir, compactEvery: 5, seedDemo: 'users', jwtSecret: TEST_JWT_SECRET, logger });
    const base = `ws://127.0.0.1:${relay.port}`;
    const device = await SyncClient.connect(base);
    await device.caughtUp();
    const { doc, update } = enterpriseUpdate('金鼎重工有限公司');
    const seqs = [await device.push('ent-compact', 1, update)];
    for (let i = 2; i <= 12; i++) {
      const change = captureUpdate(doc, () => setEnterpriseNote(doc, `${readEnterprise(doc).note}${i};`, 'd'));
      seqs.push(await device.push('ent-compact', i, change));
    }
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(lines.filter((l) => l.msg === 'doc compacted').map((l) => l.seq)).toEqual([5, 10]);
    device.close();
    await relay.close();

    const store = openSqlitePersistence(dir);
    const stored = await store.loadDoc('ent-compact');
    expect(stored!.snapshot).not.toBeNull();
    expect(stored!.updates).toHaveLength(2);
    expect(stored!.seq).toBe(12);
    await store.close();

    const again = await startRelay({ port: 0, host: '127.0.0.1', dataDir: dir, compactEvery: 5, seedDemo: 'users', jwtSecret: TEST_JWT_SECRET, logger: pino({ level: 'silent' }) });
    const againBase = `ws://127.0.0.1:${again.port}`;
    const expected = readEnterprise(doc).note;
    const fresh = await SyncClient.connect(againBase);
    await fresh.caughtUp();
    expect(readEnterprise(docFromFeeds(fresh, 'ent-compact')).note).toBe(expected);
    // compacted past seq 3: the snapshot + tail, which is the whole doc
    const behind = await SyncClient.connect(againBase, { lastSeq: 3, epoch: (await fresh.welcome()).epoch });
    await behind.caughtUp();
    expect(readEnterprise(docFromFeeds(behind, 'ent-compact')).note).toBe(expected);
    // at seq 11 only the last update is missing
    const almost = await SyncClient.connect(againBase, { lastSeq: 11, epoch: (await fresh.welcome()).epoch });
    await almost.caughtUp();
    const tail = almost.feeds();
    expect(tail).toHaveLength(1);
    expect(tail[0]!.update.byteLength).toBeLessThan(Y.encodeStateAsUpdate(doc).byteLength / 2);
    for (const c of [fresh, behind, almost]) c.close();
    await again.close();
  });

  it('catches a fresh device up on 600 docs from stored bytes, without loading any doc, in seq order', async () => {
    const dir = dataDir();
    const store = openSqlitePersistence(dir);
    const items = Array.from({ length: 600 }, (_, i) => {
      const { doc, update } = enterpriseUpdate(`企业${i}`, '备注'.repeat(200));
      const more = captureUpdate(doc, () => setEnterpriseNote(doc, `${readEnterprise(doc).note}+`, 'x'));
      return [
        { docId: `ent-many${i}`, update, row: `{"id":"ent-many${i}"}` },
        { docId: `ent-many${i}`, update: more, row: `{"id":"ent-many${i}","v":2}` },
      ];
    }).flat();
    await store.appendBatch(items);
    await store.close();

    const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: dir, seedDemo: 'users', jwtSecret: TEST_JWT_SECRET, logger: pino({ level: 'silent' }) });
    const client = await SyncClient.connect(`ws://127.0.0.1:${relay.port}`);
    // pushes sent during catch-up: their acks must still come in seq order among the Feed frames
    const pushes = [1, 2, 3].map((ref) => client.push(`ent-new${ref}`, ref, enterpriseUpdate(`新企业${ref}`).update));
    const done = await client.caughtUp();
    await Promise.all(pushes);
    expect(done.docs).toBeGreaterThanOrEqual(600);
    const feeds = client.feeds();
    expect(new Set(feeds.filter((f) => f.docId.startsWith('ent-many')).map((f) => f.docId)).size).toBe(600);
    expect(feeds.find((f) => f.docId === 'ent-many599')!.row).toBe('{"id":"ent-many599","v":2}');
    expect(readEnterprise(docFromFeeds(client, 'ent-many7')).note).toBe(`${'备注'.repeat(200)}+`);
    const seqs = client.frames().flatMap((f) => (f.type === 'feed' || f.type === 'ack' ? [f.seq] : []));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(done.seq).toBe(1203);
    // only the three pushed docs were instantiated; catch-up itself never builds a Y.Doc
    expect((await relay.health()).docsLoaded).toBe(3);
    client.close();
    await relay.close();
  });
});

describe('a /sync socket that stops reading', () => {
  it('falls back to paced catch-up instead of queueing the live feed in memory, and still gets everything', async () => {
    const { lines, logger } = capturingLogger();
    const relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: dataDir(), seedDemo: 'users', jwtSecret: TEST_JWT_SECRET, logger });
    const base = `ws://127.0.0.1:${relay.port}`;
    const slow = await SyncClient.connect(base, { deviceId: 'slow' });
    await slow.caughtUp();
    slow.ws.pause(); // stops reading: the relay's send buffer for it grows
    const writer = await SyncClient.connect(base, { deviceId: 'writer' });
    await writer.caughtUp();
    const big = 'x'.repeat(1 << 20);
    const total = 40;
    for (let i = 0; i < total; i++) await writer.push(`ent-big${i}`, i + 1, enterpriseUpdate(`大${i}`, big).update);
    expect(lines.some((l) => l.msg === 'sync socket lags: back to catch-up')).toBe(true);
    slow.ws.resume();
    await slow.waitFor((r) => r.kind === 'control' && r.msg.t === 'caught-up' && r.msg.seq === total, 'the second caught-up', 20_000);
    const got = new Set(slow.feeds().map((f) => f.docId));
    expect(got.size).toBe(total);
    expect(readEnterprise(docFromFeeds(slow, 'ent-big39')).name).toBe('大39');
    slow.close();
    writer.close();
    await relay.close();
  });
});
