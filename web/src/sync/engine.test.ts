import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { createEnterprise, materializeEnterprise, readEnterprise, setEnterpriseField } from '@bangqi/shared';
import { SyncEngine, REMOTE_ORIGIN, syncUrl } from './engine.ts';
import { MemorySyncStorage } from './memoryStorage.ts';
import { FakeSocket, tick } from '../test/fakeSocket.ts';
import type { SyncStorage } from './types.ts';
import { AppDb } from '../storage/db.ts';
import { DexieSyncStorage } from '../domain/syncStorage.ts';
import { DocStore } from '../domain/docStore.ts';

function entUpdate(name: string, by = 'u-x'): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  createEnterprise(doc, { name }, by, 1000);
  return { doc, update: Y.encodeStateAsUpdate(doc) };
}

function makeEngine(storage: SyncStorage) {
  return new SyncEngine({
    url: syncUrl('http://localhost:5173'),
    storage,
    socket: (url) => new FakeSocket(url),
    deviceId: 'dev-1',
    user: () => '张伟',
    backoffBaseMs: 10,
    backoffMaxMs: 40,
    random: () => 0,
  });
}

async function connect(engine: SyncEngine, epoch = 'e1') {
  await engine.start();
  const ws = FakeSocket.instances.at(-1)!;
  ws.open();
  await tick();
  ws.control({ t: 'welcome', v: 1, epoch, seq: 0, serverVersion: 'test' });
  return ws;
}

beforeEach(() => {
  FakeSocket.instances = [];
});

describe('SyncEngine', () => {
  let engine: SyncEngine | null = null;
  afterEach(() => engine?.stop());

  it('says hello with its cursor and resets lastSeq when the epoch differs', async () => {
    const storage = new MemorySyncStorage();
    storage.cursor = { lastSeq: 42, epoch: 'old' };
    engine = makeEngine(storage);
    const ws = await connect(engine, 'new');
    expect(ws.url).toBe('ws://localhost:5173/sync');
    expect(JSON.parse(ws.sentText[0]!)).toMatchObject({ t: 'hello', v: 1, lastSeq: 42, epoch: 'old', deviceId: 'dev-1', user: '张伟' });
    await engine.whenIdle();
    expect(storage.cursor).toEqual({ lastSeq: 0, epoch: 'new' });
    expect(engine.getStatus().connection).toBe('online');
  });

  it('stays offline when the network goes away while a welcome is being handled', async () => {
    const storage = new MemorySyncStorage();
    engine = makeEngine(storage);
    await engine.start();
    const ws = FakeSocket.instances.at(-1)!;
    ws.open();
    await tick();
    ws.control({ t: 'welcome', v: 1, epoch: 'e1', seq: 0, serverVersion: 'test' });
    engine.goOffline(); // the browser's offline event, while the welcome waits for storage
    await engine.whenIdle();
    expect(engine.getStatus().connection).toBe('offline');
    // the same with an epoch change (two storage round trips)
    engine.reconnectNow();
    const ws2 = FakeSocket.instances.at(-1)!;
    ws2.open();
    await tick();
    ws2.control({ t: 'welcome', v: 1, epoch: 'e2', seq: 0, serverVersion: 'test' });
    await Promise.resolve();
    await Promise.resolve();
    engine.goOffline();
    await engine.whenIdle();
    expect(engine.getStatus().connection).toBe('offline');
  });

  it('stores feed bytes and relay rows without a doc, then caught-up advances lastSeq', async () => {
    const storage = new MemorySyncStorage();
    engine = makeEngine(storage);
    const ws = await connect(engine);
    const a = entUpdate('甲公司');
    ws.frame({ type: 'feed', docId: 'ent-a', seq: 3, update: a.update, row: JSON.stringify({ id: 'ent-a', name: '服务端行' }) });
    ws.frame({ type: 'feed', docId: 'ent-b', seq: 5, update: entUpdate('乙公司').update, row: '' });
    ws.control({ t: 'caught-up', seq: 7, docs: 2 });
    await engine.whenIdle();
    expect(storage.updates.get('ent-a')).toHaveLength(1);
    expect(storage.rows.get('ent-a')?.name).toBe('服务端行'); // the relay's row, taken as is
    expect(storage.rows.has('ent-b')).toBe(false);
    expect(storage.cursor.lastSeq).toBe(7);
    expect(engine.getStatus()).toMatchObject({ caughtUp: true, lastSeq: 7 });
    expect(engine.getStatus().lastSyncedAt).not.toBeNull();
  });

  it('re-materializes the row locally for a doc with pending outbox entries', async () => {
    const storage = new MemorySyncStorage();
    const { doc, update } = entUpdate('本地名称');
    storage.addLocal('ent-p', update);
    engine = makeEngine(storage);
    const ws = await connect(engine);
    const remote = new Y.Doc();
    Y.applyUpdate(remote, update);
    const sv = Y.encodeStateVector(remote);
    setEnterpriseField(remote, 'town', '柳林镇', 'u-y');
    ws.frame({
      type: 'feed',
      docId: 'ent-p',
      seq: 9,
      update: Y.encodeStateAsUpdate(remote, sv),
      row: JSON.stringify({ ...materializeEnterprise('ent-p', remote), name: '服务端旧名' }),
    });
    await engine.whenIdle();
    const row = storage.rows.get('ent-p')!;
    expect(row.name).toBe('本地名称');
    expect(row.town).toBe('柳林镇');
    doc.destroy();
  });

  it('drains the outbox in order after caught-up and deletes entries only on ack', async () => {
    const storage = new MemorySyncStorage();
    storage.addLocal('ent-a', new Uint8Array([1]));
    storage.addLocal('ent-b', new Uint8Array([2]));
    engine = makeEngine(storage);
    const ws = await connect(engine);
    await tick();
    expect(ws.pushes()).toHaveLength(0); // not before caught-up
    ws.control({ t: 'caught-up', seq: 0, docs: 0 });
    await engine.whenIdle();
    await tick();
    expect(ws.pushes().map((p) => p.ref)).toEqual([1, 2]);
    expect(storage.outbox.size).toBe(2);
    expect(engine.getStatus().pending).toBe(2);
    ws.frame({ type: 'ack', docId: 'ent-a', ref: 1, seq: 11 });
    await engine.whenIdle();
    expect([...storage.outbox.keys()]).toEqual([2]);
    expect(storage.cursor.lastSeq).toBe(11);
    expect(engine.getStatus().pending).toBe(1);
    // A new local entry is sent when announced.
    storage.addLocal('ent-c', new Uint8Array([3]));
    engine.outboxChanged();
    await tick(5);
    expect(ws.pushes().map((p) => p.ref)).toEqual([1, 2, 3]);
    // The connection drops: unacked entries are resent in order on the next one.
    ws.drop();
    await tick(30);
    const ws2 = FakeSocket.instances.at(-1)!;
    expect(ws2).not.toBe(ws);
    ws2.open();
    await tick();
    ws2.control({ t: 'welcome', v: 1, epoch: 'e1', seq: 11, serverVersion: 't' });
    ws2.control({ t: 'caught-up', seq: 11, docs: 0 });
    await engine.whenIdle();
    await tick();
    expect(ws2.pushes().map((p) => p.ref)).toEqual([2, 3]);
    expect(JSON.parse(ws2.sentText[0]!).lastSeq).toBe(11);
  });

  it('keeps a refused entry aside and reports the reason', async () => {
    const storage = new MemorySyncStorage();
    storage.addLocal('ent-a', new Uint8Array([1]));
    engine = makeEngine(storage);
    const ws = await connect(engine);
    ws.control({ t: 'caught-up', seq: 0, docs: 0 });
    await engine.whenIdle();
    await tick();
    ws.frame({ type: 'refuse', docId: 'ent-a', ref: 1, reason: 'invalid-update' });
    await engine.whenIdle();
    expect(storage.outbox.size).toBe(0);
    expect(storage.refused).toHaveLength(1);
    expect(storage.refused[0]!.reason).toBe('invalid-update');
    expect(engine.getStatus()).toMatchObject({ pending: 0, refused: 1, lastError: 'invalid-update' });
  });

  it('reconnects with backoff, stops on 4401, and reconnectNow retries at once', async () => {
    engine = makeEngine(new MemorySyncStorage());
    await engine.start();
    const ws = FakeSocket.instances.at(-1)!;
    ws.drop(1006);
    expect(engine.getStatus().connection).toBe('offline');
    await tick(30);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.instances.at(-1)!.drop(4401);
    await tick(60);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(engine.getStatus().lastError).toBe('unauthenticated');
    engine.reconnectNow();
    expect(FakeSocket.instances).toHaveLength(3);
    expect(engine.getStatus().connection).toBe('connecting');
  });

  it('replaces a connection that stops answering while pushes are in flight', async () => {
    const storage = new MemorySyncStorage();
    storage.addLocal('ent-a', new Uint8Array([1]));
    engine = new SyncEngine({
      url: 'ws://x/sync',
      storage,
      socket: (url) => new FakeSocket(url),
      deviceId: 'dev-1',
      stallTimeoutMs: 40,
      backoffBaseMs: 5,
      backoffMaxMs: 5,
    });
    const ws = await connect(engine);
    ws.control({ t: 'caught-up', seq: 0, docs: 0 });
    await engine.whenIdle();
    await tick();
    expect(ws.pushes()).toHaveLength(1);
    await tick(120); // no ack, no frame at all
    expect(ws.closedWith).not.toBeNull();
    expect(FakeSocket.instances.length).toBeGreaterThan(1);
    expect(storage.outbox.size).toBe(1); // still pending, resent on the next connection
  });

  it('accepts caught-up more than once (only ever raising lastSeq)', async () => {
    const storage = new MemorySyncStorage();
    engine = makeEngine(storage);
    const ws = await connect(engine);
    ws.control({ t: 'caught-up', seq: 5, docs: 0 });
    ws.frame({ type: 'feed', docId: 'ent-a', seq: 9, update: entUpdate('甲').update, row: '' });
    ws.control({ t: 'caught-up', seq: 7, docs: 1 });
    await engine.whenIdle();
    expect(storage.cursor.lastSeq).toBe(9);
    expect(engine.getStatus()).toMatchObject({ caughtUp: true, lastSeq: 9 });
  });

  it('shares presence for open docs only: throttled, applied from others, never echoed', async () => {
    engine = new SyncEngine({
      url: 'ws://x/sync',
      storage: new MemorySyncStorage(),
      socket: (url) => new FakeSocket(url),
      deviceId: 'dev-1',
      awarenessThrottleMs: 50,
    });
    const ws = await connect(engine);
    await engine.whenIdle();
    const doc = new Y.Doc();
    const attached = engine.attach('ent-w1', { doc, receive: async () => {} });
    const seen: string[][] = [];
    attached.onPresence((others) => seen.push(others.map((o) => o.user?.name ?? '?')));
    attached.awareness.setLocalStateField('user', { id: 'u-zhangwei', name: '张伟' });
    attached.awareness.setLocalStateField('user', { id: 'u-zhangwei', name: '张伟2' });
    await tick(80);
    const sent = () => ws.sentFrames.filter((f) => f.type === 'awareness');
    expect(sent()).toHaveLength(1);
    // Another viewer's presence arrives: shown, not sent back.
    const otherDoc = new Y.Doc();
    const other = new awarenessProtocol.Awareness(otherDoc);
    other.setLocalStateField('user', { id: 'u-lina', name: '李娜' });
    ws.frame({ type: 'awareness', docId: 'ent-w1', update: awarenessProtocol.encodeAwarenessUpdate(other, [other.clientID]) });
    await engine.whenIdle();
    await tick(80);
    expect(seen.at(-1)).toEqual(['李娜']);
    expect(sent()).toHaveLength(1);
    attached.detach();
    expect(ws.sentFrames.at(-1)).toMatchObject({ type: 'close', docId: 'ent-w1' });
    other.destroy();
  });

  it('syncs an open doc: step 1 on attach, answers step 1, stores and applies step 2 and feed', async () => {
    const db = new AppDb('engine-open-doc');
    const storage = new DexieSyncStorage(db);
    engine = makeEngine(storage);
    const docs = new DocStore({ db, sync: engine });
    const ws = await connect(engine);
    await engine.whenIdle();
    const h = docs.acquire('ent-o1');
    await h.ready;
    expect(ws.sentFrames.filter((f) => f.type === 'sync' && f.docId === 'ent-o1')).toHaveLength(1);
    // The relay's step 2 carries the doc.
    const server = entUpdate('服务端企业');
    const enc = encoding.createEncoder();
    syncProtocol.writeSyncStep2(enc, server.doc, Y.encodeStateVector(h.doc));
    ws.frame({ type: 'sync', docId: 'ent-o1', message: encoding.toUint8Array(enc) });
    await engine.whenIdle();
    await h.flush();
    expect(readEnterprise(h.doc).name).toBe('服务端企业');
    expect(await db.updates.where('docId').equals('ent-o1').count()).toBe(1);
    expect((await db.enterprises.get('ent-o1'))?.name).toBe('服务端企业');
    // A live feed frame for the open doc reaches the screen.
    const sv = Y.encodeStateVector(server.doc);
    setEnterpriseField(server.doc, 'name', '改名后', 'u-y');
    ws.frame({ type: 'feed', docId: 'ent-o1', seq: 2, update: Y.encodeStateAsUpdate(server.doc, sv), row: JSON.stringify(materializeEnterprise('ent-o1', server.doc)) });
    await engine.whenIdle();
    expect(readEnterprise(h.doc).name).toBe('改名后');
    expect(await db.outbox.count()).toBe(0);
    // A local edit goes through the outbox as a Push after caught-up.
    ws.control({ t: 'caught-up', seq: 2, docs: 0 });
    await engine.whenIdle();
    setEnterpriseField(h.doc, 'town', '青山镇', 'u-zhangwei');
    await h.flush();
    await tick(5);
    const push = ws.pushes().at(-1)!;
    expect(push.docId).toBe('ent-o1');
    const check = new Y.Doc();
    Y.applyUpdate(check, Y.encodeStateAsUpdate(server.doc));
    Y.applyUpdate(check, push.update);
    expect(readEnterprise(check).town).toBe('青山镇');
    expect(REMOTE_ORIGIN).toBeTypeOf('symbol');
    h.release();
    await tick(5);
    expect(ws.sentFrames.at(-1)).toMatchObject({ type: 'close', docId: 'ent-o1' });
  });
});

describe('DexieSyncStorage', () => {
  it('stores feed bytes as they are, without instantiating a doc, when the relay sends the row', async () => {
    const db = new AppDb('dexie-sync-storage-raw');
    const s = new DexieSyncStorage(db);
    // Not a Y update at all: any attempt to build a Y.Doc from it would throw.
    const opaque = new Uint8Array([0xff, 0xfe, 0xfd, 0xfc]);
    await s.storeFeed([{ docId: 'ent-raw', seq: 12, update: opaque, row: JSON.stringify({ id: 'ent-raw', name: '原样保存' }) }]);
    const stored = await db.updates.where('docId').equals('ent-raw').toArray();
    expect(stored.map((r) => [...r.update])).toEqual([[0xff, 0xfe, 0xfd, 0xfc]]);
    expect((await db.enterprises.get('ent-raw'))?.name).toBe('原样保存');
    expect((await s.getCursor()).lastSeq).toBe(12);
  });

  it('stores a feed batch in one go with the new lastSeq, and deletes outbox entries only on ack', async () => {
    const db = new AppDb('dexie-sync-storage');
    const s = new DexieSyncStorage(db);
    const a = entUpdate('甲');
    await s.storeFeed([
      { docId: 'ent-a', seq: 4, update: a.update, row: JSON.stringify(materializeEnterprise('ent-a', a.doc)) },
      { docId: 'ent-b', seq: 6, update: entUpdate('乙').update, row: JSON.stringify({ name: '乙' }) },
    ]);
    expect(await s.getCursor()).toEqual({ lastSeq: 6, epoch: '' });
    expect(await db.updates.count()).toBe(2);
    expect((await db.enterprises.get('ent-b'))?.name).toBe('乙');
    await db.outbox.bulkAdd([
      { docId: 'ent-a', update: new Uint8Array([1]), createdAt: 0 },
      { docId: 'ent-a', update: new Uint8Array([2]), createdAt: 0 },
    ]);
    const out = await s.readOutbox(0, 10);
    expect(out.map((e) => e.ref)).toEqual([1, 2]);
    expect((await s.readOutbox(1, 10)).map((e) => e.ref)).toEqual([2]);
    await s.ack(1, 8);
    expect(await s.pendingCount()).toBe(1);
    expect((await s.getCursor()).lastSeq).toBe(8);
    await s.ack(2, 7); // lastSeq never goes back
    expect((await s.getCursor()).lastSeq).toBe(8);
    await db.outbox.add({ docId: 'ent-a', update: new Uint8Array([3]), createdAt: 0 });
    expect(await s.refuseDoc('ent-a', 3, 'forbidden')).toBe(true);
    expect(await s.refuseDoc('ent-a', 3, 'forbidden')).toBe(false); // already aside
    expect(await s.pendingCount()).toBe(0);
    expect(await s.refusedCount()).toBe(1);
  });
});
