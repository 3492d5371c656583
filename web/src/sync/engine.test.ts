import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { createEnterprise, materializeEnterprise, readEnterprise, setEnterpriseField, setEnterpriseNote } from '@bangqi/shared';
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

describe('SyncEngine: tokens, refusals, revocations', () => {
  let engine: SyncEngine | null = null;
  afterEach(() => engine?.stop());

  /** The relay's Sync step 2 for a client that has nothing (the answer to an empty state vector). */
  function step2(doc: Y.Doc): Uint8Array {
    const enc = encoding.createEncoder();
    syncProtocol.writeSyncStep2(enc, doc, new Uint8Array([0]));
    return encoding.toUint8Array(enc);
  }

  it('asks for the token before each connect, refreshes once on 4401, and stops on a second one', async () => {
    const tokens = ['t1', 't2', 't3'];
    let refreshes = 0;
    let refreshWorks = true;
    engine = new SyncEngine({
      url: 'ws://x/sync',
      storage: new MemorySyncStorage(),
      socket: (url) => new FakeSocket(url),
      deviceId: 'dev-1',
      token: async () => tokens[refreshes] ?? null,
      onUnauthenticated: async () => {
        refreshes++;
        return refreshWorks;
      },
      backoffBaseMs: 5,
    });
    await engine.start();
    await tick();
    const ws1 = FakeSocket.instances.at(-1)!;
    ws1.open();
    await tick();
    expect(JSON.parse(ws1.sentText[0]!)).toMatchObject({ t: 'hello', token: 't1' });
    ws1.drop(4401); // the token expired meanwhile
    await tick(5);
    expect(refreshes).toBe(1);
    const ws2 = FakeSocket.instances.at(-1)!;
    expect(ws2).not.toBe(ws1);
    ws2.open();
    await tick();
    expect(JSON.parse(ws2.sentText[0]!)).toMatchObject({ token: 't2' });
    refreshWorks = false;
    ws2.drop(4401); // refused again before any welcome: no second refresh loop
    await tick(30);
    expect(refreshes).toBe(1);
    expect(FakeSocket.instances.at(-1)).toBe(ws2);
    expect(engine.getStatus()).toMatchObject({ connection: 'offline', lastError: 'unauthenticated' });
  });

  it('does not connect at all without a token (signed out or expired)', async () => {
    engine = new SyncEngine({
      url: 'ws://x/sync',
      storage: new MemorySyncStorage(),
      socket: (url) => new FakeSocket(url),
      deviceId: 'dev-1',
      token: async () => null,
    });
    await engine.start();
    await tick();
    expect(FakeSocket.instances).toHaveLength(0);
    expect(engine.getStatus()).toMatchObject({ connection: 'offline', lastError: 'unauthenticated' });
  });

  it('applies feed frames below lastSeq (a doc granted in full) and keeps lastSeq at the maximum', async () => {
    const storage = new MemorySyncStorage();
    engine = makeEngine(storage);
    const ws = await connect(engine);
    ws.frame({ type: 'feed', docId: 'ent-a', seq: 20, update: entUpdate('甲').update, row: JSON.stringify({ name: '甲' }) });
    ws.control({ t: 'caught-up', seq: 20, docs: 1 });
    ws.frame({ type: 'feed', docId: 'ent-g', seq: 4, update: entUpdate('新分给我的').update, row: JSON.stringify({ name: '新分给我的' }) });
    await engine.whenIdle();
    expect(storage.rows.get('ent-g')?.name).toBe('新分给我的');
    expect(storage.updates.get('ent-g')).toHaveLength(1);
    expect(storage.cursor.lastSeq).toBe(20);
    expect(engine.getStatus().lastSeq).toBe(20);
  });

  it('a refusal sets aside the entry and every later one of the doc, and resets the open doc to the relay state', async () => {
    const db = new AppDb('engine-refuse-reset');
    const storage = new DexieSyncStorage(db);
    engine = makeEngine(storage);
    const docs = new DocStore({ db, sync: engine });
    const events: string[] = [];
    docs.onDocEvent((e) => events.push(`${e.kind}:${e.docId}`));
    const ws = await connect(engine);
    const server = entUpdate('服务端名称');
    ws.frame({ type: 'feed', docId: 'ent-r', seq: 1, update: server.update, row: JSON.stringify(materializeEnterprise('ent-r', server.doc)) });
    ws.control({ t: 'caught-up', seq: 1, docs: 1 });
    await engine.whenIdle();

    const h = docs.acquire('ent-r');
    await h.ready;
    const oldClient = h.doc.clientID;
    setEnterpriseField(h.doc, 'name', '改不了的名称', 'u-zhangwei');
    await h.flush();
    setEnterpriseField(h.doc, 'town', '青山镇', 'u-zhangwei');
    await h.flush();
    await tick(5);
    expect(ws.pushes().map((p) => p.ref)).toEqual([1, 2]);

    ws.frame({ type: 'refuse', docId: 'ent-r', ref: 1, reason: 'forbidden' });
    ws.frame({ type: 'refuse', docId: 'ent-r', ref: 2, reason: 'missing-dependency' }); // already aside: no second reset
    await engine.whenIdle();
    expect(await db.outbox.count()).toBe(0);
    const refused = await db.refused.orderBy('ref').toArray();
    expect(refused.map((r) => [r.ref, r.reason])).toEqual([
      [1, 'forbidden'],
      [2, 'missing-dependency'],
    ]);
    expect(refused[0]!.name).toBe('服务端名称');
    expect(refused[0]!.changes).toEqual([{ field: 'name', before: '服务端名称', after: '改不了的名称' }]);
    expect(refused[1]!.changes).toEqual([{ field: 'town', before: '', after: '青山镇' }]);
    expect(await db.updates.where('docId').equals('ent-r').count()).toBe(0);
    expect(events).toEqual(['refused:ent-r']);
    const asks = ws.sentFrames.filter((f) => f.type === 'sync' && f.docId === 'ent-r');
    expect([...(asks.at(-1) as { message: Uint8Array }).message]).toEqual([0, 1, 0]); // step 1, empty state vector
    expect(engine.getStatus()).toMatchObject({ refused: 2, lastError: 'forbidden' });

    // Typing on into the cut-off doc: kept aside as well, never queued.
    setEnterpriseField(h.doc, 'industry', '新材料', 'u-zhangwei');
    await h.flush();
    expect(await db.outbox.count()).toBe(0);
    expect((await db.refused.where('ref').equals(0).first())?.changes).toEqual([{ field: 'industry', before: '', after: '新材料' }]);

    // The relay answers with its whole state: stored, row rewritten, doc closed, listeners told.
    ws.frame({ type: 'sync', docId: 'ent-r', message: step2(server.doc) });
    await engine.whenIdle();
    expect(events).toEqual(['refused:ent-r', 'reset:ent-r']);
    expect(ws.sentFrames.at(-1)).toMatchObject({ type: 'close', docId: 'ent-r' });
    expect((await db.enterprises.get('ent-r'))?.name).toBe('服务端名称');
    expect(await storage.pendingResets()).toEqual([]);
    // Reopened: a new Y.Doc (new clientID) with the relay's state only.
    const again = docs.acquire('ent-r');
    await again.ready;
    expect(again.doc).not.toBe(h.doc);
    expect(again.doc.clientID).not.toBe(oldClient);
    expect(readEnterprise(again.doc)).toMatchObject({ name: '服务端名称', town: '', industry: '' });
    again.release();
    h.release();
  });

  it('a reset interrupted by a lost connection asks again after the next welcome', async () => {
    const storage = new MemorySyncStorage();
    storage.addLocal('ent-x', entUpdate('本地').update);
    engine = makeEngine(storage);
    const ws = await connect(engine);
    ws.control({ t: 'caught-up', seq: 0, docs: 0 });
    await engine.whenIdle();
    await tick();
    ws.frame({ type: 'refuse', docId: 'ent-x', ref: 1, reason: 'schema-violation' });
    await engine.whenIdle();
    expect(await storage.pendingResets()).toEqual(['ent-x']);
    ws.drop();
    await tick(30);
    const ws2 = FakeSocket.instances.at(-1)!;
    ws2.open();
    await tick();
    ws2.control({ t: 'welcome', v: 1, epoch: 'e1', seq: 0, serverVersion: 't' });
    await engine.whenIdle();
    expect(ws2.sentFrames.some((f) => f.type === 'sync' && f.docId === 'ent-x')).toBe(true);
    const server = entUpdate('服务端');
    ws2.frame({ type: 'sync', docId: 'ent-x', message: step2(server.doc) });
    await engine.whenIdle();
    expect(await storage.pendingResets()).toEqual([]);
    expect(storage.rows.get('ent-x')?.name).toBe('服务端');
  });

  it('a revoke keeps unsent changes aside and drops the doc, its row and its log', async () => {
    const db = new AppDb('engine-revoke');
    const storage = new DexieSyncStorage(db);
    engine = makeEngine(storage);
    const docs = new DocStore({ db, sync: engine });
    const events: string[] = [];
    docs.onDocEvent((e) => events.push(`${e.kind}:${e.docId}`));
    const ws = await connect(engine);
    const server = entUpdate('改派走的企业');
    ws.frame({ type: 'feed', docId: 'ent-v', seq: 1, update: server.update, row: JSON.stringify(materializeEnterprise('ent-v', server.doc)) });
    await engine.whenIdle(); // not caught up: the edit stays unsent
    const h = docs.acquire('ent-v');
    await h.ready;
    setEnterpriseNote(h.doc, '离线写的走访记录', 'u-zhangwei');
    await h.flush();
    expect(await db.outbox.count()).toBe(1);

    ws.frame({ type: 'revoke', docId: 'ent-v', reason: 'access-revoked' });
    await engine.whenIdle();
    expect(events).toEqual(['revoked:ent-v']);
    expect(await db.outbox.count()).toBe(0);
    const [kept] = await db.refused.toArray();
    expect(kept).toMatchObject({ docId: 'ent-v', reason: 'access-revoked', name: '改派走的企业' });
    expect(kept!.changes).toEqual([{ field: 'note', before: '', after: '离线写的走访记录' }]);
    expect(await db.updates.where('docId').equals('ent-v').count()).toBe(0);
    expect(await db.enterprises.get('ent-v')).toBeUndefined();
    expect(engine.isAttached('ent-v')).toBe(false);
    expect(engine.getStatus()).toMatchObject({ pending: 0, refused: 1 });
    h.release();
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
