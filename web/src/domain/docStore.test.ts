import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEnterprise, readEnterprise, setEnterpriseField, setEnterpriseNote } from '@bangqi/shared';
import { AppDb } from '../storage/db.ts';
import { webStorageJournal } from '../storage/journal.ts';
import { DocStore, type DocSyncPort } from './docStore.ts';
import { REMOTE_ORIGIN, type AttachedDoc, type OpenDocHost } from '../sync/engine.ts';

let n = 0;
const freshDb = () => new AppDb(`test-docstore-${++n}`);

/** A fresh store over a fresh database with a sync port that records the hosts attached to it. */
function storeWithPort() {
  const db = freshDb();
  const hosts = new Map<string, OpenDocHost>();
  const port: DocSyncPort = {
    outboxChanged: () => {},
    attach: (docId, host): AttachedDoc => {
      hosts.set(docId, host);
      return { awareness: null as never, onPresence: () => () => {}, detach: () => hosts.delete(docId) };
    },
  };
  return { db, hosts, store: new DocStore({ db, sync: port }) };
}

describe('DocStore', () => {
  it('persists a local update (log + outbox + row) before telling sync', async () => {
    const db = freshDb();
    let countAtNotify = -1;
    const port: DocSyncPort = {
      outboxChanged: () => {
        countAtNotify = -2;
        void db.outbox.count().then((c) => (countAtNotify = c));
      },
      attach: () => ({ awareness: null as never, onPresence: () => () => {}, detach: () => {} }),
    };
    const store = new DocStore({ db, sync: port });
    const h = store.acquire('ent-a1');
    await h.ready;
    createEnterprise(h.doc, { name: '华盛机械有限公司', town: '柳林镇' }, 'u-zhangwei');
    await h.flush();
    await new Promise((r) => setTimeout(r, 10));
    expect(countAtNotify).toBe(1);
    expect(await db.updates.where('docId').equals('ent-a1').count()).toBe(1);
    const row = await db.enterprises.get('ent-a1');
    expect(row?.name).toBe('华盛机械有限公司');
    expect(row?.town).toBe('柳林镇');
    h.release();
  });

  it('keeps an update whose write failed and stores it with the next one', async () => {
    const db = freshDb();
    const errors: unknown[] = [];
    const store = new DocStore({ db, onError: (e) => errors.push(e) });
    const h = store.acquire('ent-f1');
    await h.ready;
    const original = db.transaction.bind(db) as (...args: unknown[]) => Promise<unknown>;
    let fail = true;
    (db as unknown as { transaction: (...args: unknown[]) => Promise<unknown> }).transaction = (...args) => {
      if (fail) {
        fail = false;
        return Promise.reject(new Error('QuotaExceededError'));
      }
      return original(...args);
    };
    createEnterprise(h.doc, { name: '磁盘满时创建' }, 'u');
    await h.flush();
    expect(errors).toHaveLength(1);
    expect(await db.outbox.count()).toBe(0);
    setEnterpriseField(h.doc, 'town', '柳林镇', 'u');
    await h.flush();
    h.release();
    const h2 = new DocStore({ db: new AppDb(db.name) }).acquire('ent-f1');
    await h2.ready;
    expect(readEnterprise(h2.doc)).toMatchObject({ name: '磁盘满时创建', town: '柳林镇' });
    expect(await db.outbox.count()).toBe(1);
    h2.release();
  });

  it('survives a reload: a new store over the same IndexedDB sees every edit', async () => {
    const name = `test-docstore-reload-${++n}`;
    const db1 = new AppDb(name);
    const s1 = new DocStore({ db: db1 });
    const h1 = s1.acquire('ent-r1');
    await h1.ready;
    createEnterprise(h1.doc, { name: '鑫源新材料有限公司' }, 'u-lina');
    setEnterpriseNote(h1.doc, '反映用工紧张', 'u-lina');
    setEnterpriseField(h1.doc, 'uscc', '91371302MA3C4L5Q0X', 'u-lina');
    await h1.flush();
    h1.release();
    db1.close();

    const db2 = new AppDb(name);
    const s2 = new DocStore({ db: db2 });
    const h2 = s2.acquire('ent-r1');
    await h2.ready;
    const p = readEnterprise(h2.doc);
    expect(p.name).toBe('鑫源新材料有限公司');
    expect(p.note).toBe('反映用工紧张');
    expect(p.uscc).toBe('91371302MA3C4L5Q0X');
    // loading does not create outbox entries
    expect(await db2.outbox.count()).toBe(3);
    h2.release();
  });

  it('stores remote updates, applies them, rewrites the row, and does not send them back', async () => {
    const { db, hosts, store } = storeWithPort();
    const h = store.acquire('ent-x1');
    await h.ready;
    const other = new Y.Doc();
    createEnterprise(other, { name: '远端企业' }, 'u-lina');
    await hosts.get('ent-x1')!.receive(Y.encodeStateAsUpdate(other));
    await h.flush();
    expect(readEnterprise(h.doc).name).toBe('远端企业');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.updates.count()).toBe(1);
    expect((await db.enterprises.get('ent-x1'))?.name).toBe('远端企业');
    // A feed update applied by the engine (already stored by it) also rewrites the row.
    const before = Y.encodeStateVector(other);
    setEnterpriseField(other, 'name', '远端企业（改）', 'u-lina');
    Y.applyUpdate(h.doc, Y.encodeStateAsUpdate(other, before), REMOTE_ORIGIN);
    await h.flush();
    expect((await db.enterprises.get('ent-x1'))?.name).toBe('远端企业（改）');
    expect(await db.outbox.count()).toBe(0);
    h.release();
  });

  it('compacts the update log into one entry without losing content or outbox entries', async () => {
    const db = freshDb();
    const store = new DocStore({ db, compactAt: 10 });
    const h = store.acquire('ent-c1');
    await h.ready;
    createEnterprise(h.doc, { name: 'c' }, 'u');
    let note = '';
    for (let i = 0; i < 25; i++) {
      note += String.fromCharCode(0x4e00 + i);
      setEnterpriseNote(h.doc, note, 'u');
      await h.flush();
    }
    const logCount = await db.updates.where('docId').equals('ent-c1').count();
    expect(logCount).toBeLessThanOrEqual(11);
    expect(await db.outbox.count()).toBe(26);
    h.release();
    await new Promise((r) => setTimeout(r, 10));
    expect(store.isOpen('ent-c1')).toBe(false);
    const h2 = new DocStore({ db }).acquire('ent-c1');
    await h2.ready;
    expect(readEnterprise(h2.doc).note).toBe(note);
    h2.release();
  });

  it('shares one doc between holders and destroys it after the last release', async () => {
    const { hosts, store } = storeWithPort();
    const a = store.acquire('ent-s1');
    const b = store.acquire('ent-s1');
    expect(a.doc).toBe(b.doc);
    await a.ready;
    expect(hosts.has('ent-s1')).toBe(true);
    a.release();
    a.release(); // double release is ignored
    await new Promise((r) => setTimeout(r, 10));
    expect(store.isOpen('ent-s1')).toBe(true);
    b.release();
    await new Promise((r) => setTimeout(r, 10));
    expect(store.isOpen('ent-s1')).toBe(false);
    expect(hosts.has('ent-s1')).toBe(false);
  });

  it('journals a local update synchronously and replays it at the next start when the page went away mid-write', async () => {
    const kv = new Map<string, string>();
    const storage = {
      get length() {
        return kv.size;
      },
      key: (i: number) => [...kv.keys()][i] ?? null,
      getItem: (k: string) => kv.get(k) ?? null,
      setItem: (k: string, v: string) => void kv.set(k, v),
      removeItem: (k: string) => void kv.delete(k),
    };
    const name = `test-docstore-journal-${++n}`;
    const db1 = new AppDb(name);
    const s1 = new DocStore({ db: db1, journal: webStorageJournal(storage, "u-1") });
    const h1 = s1.acquire('ent-j1');
    await h1.ready;
    createEnterprise(h1.doc, { name: '永安纺织有限公司' }, 'u-lina');
    await h1.flush();
    expect(kv.size).toBe(0); // committed to IndexedDB: the journal entry is gone
    // The page goes away: IndexedDB refuses the write made during pagehide; only the journal has it.
    (db1 as unknown as { transaction: () => Promise<never> }).transaction = () => Promise.reject(new Error('AbortError'));
    setEnterpriseNote(h1.doc, '刷新前刚输入的备注', 'u-lina');
    expect(kv.size).toBe(1); // recorded in the same task as the edit
    await h1.flush();
    db1.close();

    const db2 = new AppDb(name);
    const s2 = new DocStore({ db: db2, journal: webStorageJournal(storage, "u-1") });
    const h2 = s2.acquire('ent-j1');
    await h2.ready;
    expect(readEnterprise(h2.doc)).toMatchObject({ name: '永安纺织有限公司', note: '刷新前刚输入的备注' });
    expect(await db2.outbox.count()).toBe(2);
    expect((await db2.enterprises.get('ent-j1'))?.note).toBe('刷新前刚输入的备注');
    expect(kv.size).toBe(0);
    h2.release();
  });
});
