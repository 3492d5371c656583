/**
 * The contract every Persistence adapter must pass. Call it from the adapter's own test file:
 *   runPersistenceSuite('sqlite', () => ({ open, cleanup }))
 * where `open()` opens the adapter on the same underlying database each time (to test durability across
 * reopen) and `cleanup()` deletes that database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { Persistence } from './types.ts';

export interface AdapterFactory {
  open(): Persistence | Promise<Persistence>;
  cleanup(): void | Promise<void>;
}

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | null = null;
  const grab = (u: Uint8Array) => (update = u);
  doc.on('update', grab);
  doc.getText('t').insert(doc.getText('t').length, text);
  doc.off('update', grab);
  return update!;
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.mergeUpdates(updates));
  return doc.getText('t').toString();
}

export function runPersistenceSuite(name: string, makeFactory: () => AdapterFactory): void {
  describe(`persistence contract: ${name}`, () => {
    let factory: AdapterFactory;
    let store: Persistence;
    beforeEach(async () => {
      factory = makeFactory();
      store = await factory.open();
    });
    afterEach(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('starts empty with seq 0 and unknown docs', async () => {
      expect(await store.headSeq()).toBe(0);
      expect(await store.loadDoc('ent-nothing')).toBeNull();
      expect(await store.changesSince(0, 10)).toEqual([]);
      expect(await store.updatesSince('ent-nothing', 0)).toEqual([]);
    });

    it('gives every update the next tenant seq, across docs and batches', async () => {
      const a = new Y.Doc();
      const b = new Y.Doc();
      expect(await store.appendUpdate('ent-a', textUpdate(a, 'x'), '{"id":"ent-a"}')).toEqual({ seq: 1 });
      expect(await store.appendUpdate('ent-b', textUpdate(b, 'y'), '')).toEqual({ seq: 2 });
      const batch = await store.appendBatch([
        { docId: 'ent-a', update: textUpdate(a, 'z'), row: '{"id":"ent-a","v":2}' },
        { docId: 'ent-c', update: textUpdate(new Y.Doc(), 'c'), row: '' },
      ]);
      expect(batch.seqs).toEqual([3, 4]);
      expect(await store.headSeq()).toBe(4);
      const changes = await store.changesSince(0, 10);
      expect(changes).toEqual([
        { docId: 'ent-b', seq: 2, row: '' },
        { docId: 'ent-a', seq: 3, row: '{"id":"ent-a","v":2}' },
        { docId: 'ent-c', seq: 4, row: '' },
      ]);
      const loaded = await store.loadDoc('ent-a');
      expect(loaded?.seq).toBe(3);
      expect(loaded?.snapshot).toBeNull();
      expect(textOf(loaded!.updates)).toBe('xz');
    });

    it('keeps committed updates, rows and the epoch across reopen', async () => {
      const doc = new Y.Doc();
      await store.appendUpdate('ent-d', textUpdate(doc, 'hello'), '{"n":1}');
      await store.appendUpdate('ent-d', textUpdate(doc, ' world'), '{"n":2}');
      const epoch = await store.epoch();
      expect(epoch).toMatch(/.{8,}/);
      await store.close();
      store = await factory.open();
      expect(await store.epoch()).toBe(epoch);
      expect(await store.headSeq()).toBe(2);
      const loaded = await store.loadDoc('ent-d');
      expect(textOf(loaded!.updates)).toBe('hello world');
      expect(await store.changesSince(0, 10)).toEqual([{ docId: 'ent-d', seq: 2, row: '{"n":2}' }]);
    });

    it('compaction keeps content and seq, and updatesSince falls back to the snapshot', async () => {
      const doc = new Y.Doc();
      for (const ch of 'abcde') await store.appendUpdate('ent-k', textUpdate(doc, ch), '');
      const tail = await store.appendUpdate('ent-other', textUpdate(new Y.Doc(), 'o'), '');
      expect(tail.seq).toBe(6);
      await store.compact('ent-k', Y.encodeStateAsUpdate(doc), 5);
      const after = await store.appendUpdate('ent-k', textUpdate(doc, 'f'), '');
      expect(after.seq).toBe(7);

      const loaded = await store.loadDoc('ent-k');
      expect(loaded!.snapshot).not.toBeNull();
      expect(loaded!.updates).toHaveLength(1);
      expect(loaded!.seq).toBe(7);
      expect(textOf([loaded!.snapshot!, ...loaded!.updates])).toBe('abcdef');
      // a client at seq 2 lacks c..f: compacted past 2, so it gets the snapshot + the tail
      expect(textOf(await store.updatesSince('ent-k', 2))).toBe('abcdef');
      // a client at seq 6 lacks only f: just the one update after the snapshot
      const since6 = await store.updatesSince('ent-k', 6);
      expect(since6).toHaveLength(1);
      expect(await store.updatesSince('ent-k', 7)).toEqual([]);

      await store.close();
      store = await factory.open();
      expect((await store.loadDoc('ent-k'))!.seq).toBe(7);
      expect(textOf(await store.updatesSince('ent-k', 0))).toBe('abcdef');
      expect(await store.headSeq()).toBe(7);
    });

    it('pages changesSince in seq order without gaps or repeats', async () => {
      const items = Array.from({ length: 25 }, (_, i) => ({
        docId: `ent-p${i}`,
        update: textUpdate(new Y.Doc(), String(i)),
        row: `{"i":${i}}`,
      }));
      await store.appendBatch(items);
      // touch two docs again: they move to the end of the feed
      await store.appendUpdate('ent-p3', textUpdate(new Y.Doc(), 'again'), '{"i":3,"again":true}');
      await store.appendUpdate('ent-p0', textUpdate(new Y.Doc(), 'again'), '{"i":0,"again":true}');
      const seen: string[] = [];
      let cursor = 0;
      for (;;) {
        const page = await store.changesSince(cursor, 7);
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(7);
        for (const change of page) {
          expect(change.seq).toBeGreaterThan(cursor);
          cursor = change.seq;
          seen.push(change.docId);
        }
      }
      expect(seen).toHaveLength(25);
      expect(new Set(seen).size).toBe(25);
      expect(seen.slice(-2)).toEqual(['ent-p3', 'ent-p0']);
      expect(cursor).toBe(27);
      expect(await store.changesSince(25, 100)).toEqual([
        { docId: 'ent-p3', seq: 26, row: '{"i":3,"again":true}' },
        { docId: 'ent-p0', seq: 27, row: '{"i":0,"again":true}' },
      ]);
    });
  });
}
