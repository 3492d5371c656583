/**
 * The contract every DirectoryStore adapter must pass. Call it from the adapter's own test file:
 *   runDirectoryStoreSuite('sqlite', () => ({ open, cleanup }))
 * where `open()` opens the adapter on the same underlying database each time and `cleanup()` deletes it.
 */
import type { DirectoryEntity, DirectoryRow } from '@bangqi/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DirectoryStore, ImportClosedError, ImportNotFoundError, type PreparedImport, type StagedChunk } from './types.ts';

export interface DirectoryStoreFactory {
  open(): DirectoryStore | Promise<DirectoryStore>;
  cleanup(): void | Promise<void>;
}

const T0 = Date.UTC(2026, 2, 1);

/** Not real codes: the store does not validate, the service does. */
const row = (i: number, extra: Partial<DirectoryRow> = {}): DirectoryRow => ({
  uscc: `91371300${String(i).padStart(10, '0')}`,
  name: `费县企业${i}有限公司`,
  formerNames: [],
  legalRep: `法人${i}`,
  address: `费县某路${i}号`,
  establishedOn: '2020-01-02',
  registeredCapital: '500万元人民币',
  industry: '新材料',
  town: '费城街道',
  status: '存续',
  ...extra,
});

/** Takes the staged rows as they are (they are DirectoryRows here). */
const asIs = (_session: unknown, chunks: StagedChunk[]): PreparedImport => ({ rows: chunks.flatMap((c) => c.rows as DirectoryRow[]), rejected: [] });

async function importRows(store: DirectoryStore, id: string, chunks: DirectoryRow[][], at = T0): ReturnType<DirectoryStore['commitImport']> {
  const totalRows = chunks.reduce((n, c) => n + c.length, 0);
  await store.createImport({ id, fileName: `${id}.xlsx`, totalRows, totalChunks: chunks.length, createdBy: 'u-admin', createdAt: at });
  for (const [n, rows] of chunks.entries()) await store.putChunk(id, n, rows);
  return store.commitImport(id, at, asIs);
}

/** Every row after `since`, read in pages of `page`. */
async function wholeDelta(store: DirectoryStore, since: number, page: number): Promise<DirectoryEntity[]> {
  const all: DirectoryEntity[] = [];
  let after: string | null = null;
  for (;;) {
    const { rows } = await store.delta(since, after, page);
    all.push(...rows);
    if (rows.length < page) return all;
    since = rows.at(-1)!.version;
    after = rows.at(-1)!.uscc;
  }
}

export function runDirectoryStoreSuite(label: string, factory: () => DirectoryStoreFactory): void {
  describe(`DirectoryStore contract: ${label}`, () => {
    let f: DirectoryStoreFactory;
    let store: DirectoryStore;
    beforeEach(async () => {
      f = factory();
      store = await f.open();
    });
    afterEach(async () => {
      await store.close();
      await f.cleanup();
    });

    it('starts empty at version 0', async () => {
      expect(await store.stats()).toEqual({ rows: 0, version: 0 });
      expect(await store.delta(0, null, 10)).toEqual({ rows: [], version: 0 });
      expect(await store.getImport('nope')).toBeNull();
    });

    it('keeps an import session with the chunks received; a re-sent chunk replaces the first', async () => {
      await store.createImport({ id: 'imp-1', fileName: '主体.xlsx', totalRows: 3, totalChunks: 3, createdBy: 'u-admin', createdAt: T0 });
      await store.putChunk('imp-1', 2, [row(3)]);
      await store.putChunk('imp-1', 0, [row(1, { name: '旧' })]);
      await store.putChunk('imp-1', 0, [row(1)]);
      expect(await store.getImport('imp-1')).toEqual({
        id: 'imp-1',
        fileName: '主体.xlsx',
        totalRows: 3,
        totalChunks: 3,
        createdBy: 'u-admin',
        createdAt: T0,
        status: 'open',
        chunksReceived: [0, 2],
        result: null,
      });
      await store.putChunk('imp-1', 1, [row(2)]);
      let seen: StagedChunk[] = [];
      await store.commitImport('imp-1', T0, (_s, chunks) => {
        seen = chunks;
        return asIs(_s, chunks);
      });
      expect(seen.map((c) => c.n)).toEqual([0, 1, 2]);
      expect((seen[0]!.rows[0] as DirectoryRow).name).toBe(row(1).name);
      await expect(store.putChunk('nope', 0, [])).rejects.toBeInstanceOf(ImportNotFoundError);
    });

    it('merges by USCC: inserts new rows, updates changed ones with the next version, leaves identical ones alone', async () => {
      const first = await importRows(store, 'imp-1', [[row(1), row(2), row(3)], [row(4)]], T0);
      expect(first).toEqual({ inserted: 4, updated: 0, unchanged: 0, rejected: [], version: 1 });
      const second = await importRows(store, 'imp-2', [[row(1), row(2, { formerNames: ['旧名'] }), row(3, { status: '注销' }), row(5)]], T0 + 1000);
      expect(second).toEqual({ inserted: 1, updated: 2, unchanged: 1, rejected: [], version: 2 });
      expect(await store.stats()).toEqual({ rows: 5, version: 2 });

      const changed = await store.delta(1, null, 10);
      expect(changed.version).toBe(2);
      expect(changed.rows.map((r) => r.uscc)).toEqual([row(2).uscc, row(3).uscc, row(5).uscc]);
      expect(changed.rows[0]).toEqual({ ...row(2, { formerNames: ['旧名'] }), version: 2, updatedAt: T0 + 1000 });
      const all = await store.delta(0, null, 10);
      expect(all.rows.map((r) => [r.uscc, r.version])).toEqual([
        [row(1).uscc, 1],
        [row(4).uscc, 1],
        [row(2).uscc, 2],
        [row(3).uscc, 2],
        [row(5).uscc, 2],
      ]);
      expect(all.rows[0]).toEqual({ ...row(1), version: 1, updatedAt: T0 });
    });

    it('a commit that changes nothing keeps the version', async () => {
      await importRows(store, 'imp-1', [[row(1), row(2)]]);
      expect(await importRows(store, 'imp-2', [[row(2), row(1)]])).toEqual({ inserted: 0, updated: 0, unchanged: 2, rejected: [], version: 1 });
      expect(await store.stats()).toEqual({ rows: 2, version: 1 });
      expect((await store.delta(1, null, 10)).rows).toEqual([]);
    });

    it('pages a delta inside one version by (version, uscc)', async () => {
      const rows = Array.from({ length: 25 }, (_, i) => row(i));
      await importRows(store, 'imp-1', [rows.slice(0, 10), rows.slice(10)]);
      await importRows(store, 'imp-2', [[row(3, { town: '探沂镇' }), row(100)]]);
      const paged = await wholeDelta(store, 0, 7);
      expect(paged.map((r) => r.uscc)).toEqual([...rows.filter((_, i) => i !== 3).map((r) => r.uscc), row(3).uscc, row(100).uscc]);
      expect((await store.delta(2, row(3).uscc, 100)).rows.map((r) => r.uscc)).toEqual([row(100).uscc]);
      expect((await store.delta(2, row(100).uscc, 100)).rows).toEqual([]);
      expect((await store.delta(1, null, 100)).rows.map((r) => r.uscc)).toEqual([row(3).uscc, row(100).uscc]);
    });

    it('commits once: a second commit answers the stored result, chunks after it are refused, staging is gone', async () => {
      const result = await importRows(store, 'imp-1', [[row(1)]]);
      let prepared = 0;
      expect(await store.commitImport('imp-1', T0 + 5, (s, c) => (prepared++, asIs(s, c)))).toEqual(result);
      expect(prepared).toBe(0);
      await expect(store.putChunk('imp-1', 0, [row(9)])).rejects.toBeInstanceOf(ImportClosedError);
      expect(await store.getImport('imp-1')).toMatchObject({ status: 'committed', chunksReceived: [], result });
      expect(await store.stats()).toEqual({ rows: 1, version: 1 });
    });

    it('a commit whose prepare throws changes nothing, and the import stays open', async () => {
      await importRows(store, 'imp-1', [[row(1)]]);
      await store.createImport({ id: 'imp-2', fileName: 'b.csv', totalRows: 2, totalChunks: 2, createdBy: 'u-admin', createdAt: T0 });
      await store.putChunk('imp-2', 0, [row(1, { name: '改名' }), row(2)]);
      await expect(
        store.commitImport('imp-2', T0, () => {
          throw new Error('chunk 1 is missing');
        }),
      ).rejects.toThrow('chunk 1 is missing');
      expect(await store.getImport('imp-2')).toMatchObject({ status: 'open', chunksReceived: [0] });
      expect(await store.stats()).toEqual({ rows: 1, version: 1 });
      await expect(store.commitImport('nope', T0, asIs)).rejects.toBeInstanceOf(ImportNotFoundError);
    });

    it('dropping an import removes it and its staging; old imports are dropped by age', async () => {
      await store.createImport({ id: 'old', fileName: 'a', totalRows: 1, totalChunks: 1, createdBy: 'u', createdAt: T0 });
      await store.putChunk('old', 0, [row(1)]);
      await store.createImport({ id: 'new', fileName: 'b', totalRows: 1, totalChunks: 1, createdBy: 'u', createdAt: T0 + 10 });
      await store.createImport({ id: 'gone', fileName: 'c', totalRows: 1, totalChunks: 1, createdBy: 'u', createdAt: T0 + 10 });
      await store.putChunk('gone', 0, [row(2)]);
      expect(await store.dropImport('gone')).toBe(true);
      expect(await store.dropImport('gone')).toBe(false);
      expect(await store.dropImportsBefore(T0 + 5)).toBe(1);
      expect(await store.getImport('old')).toBeNull();
      expect(await store.getImport('gone')).toBeNull();
      expect(await store.getImport('new')).toMatchObject({ status: 'open', chunksReceived: [] });
      // a later import may reuse nothing of theirs: the staging went with them
      await store.createImport({ id: 'old', fileName: 'a', totalRows: 1, totalChunks: 1, createdBy: 'u', createdAt: T0 + 20 });
      expect(await store.getImport('old')).toMatchObject({ chunksReceived: [] });
    });

    it('survives a reopen: rows, version and open imports are kept', async () => {
      await importRows(store, 'imp-1', [[row(1), row(2)]]);
      await store.createImport({ id: 'imp-2', fileName: 'b', totalRows: 2, totalChunks: 2, createdBy: 'u', createdAt: T0 });
      await store.putChunk('imp-2', 1, [row(3)]);
      await store.close();
      store = await f.open();
      expect(await store.stats()).toEqual({ rows: 2, version: 1 });
      expect(await store.getImport('imp-2')).toMatchObject({ status: 'open', chunksReceived: [1] });
    });

    it('two stores on one database: concurrent commits each get their own version', async () => {
      const other = await f.open();
      try {
        await store.createImport({ id: 'a', fileName: 'a', totalRows: 2, totalChunks: 1, createdBy: 'u', createdAt: T0 });
        await store.putChunk('a', 0, [row(1), row(2)]);
        await other.createImport({ id: 'b', fileName: 'b', totalRows: 2, totalChunks: 1, createdBy: 'u', createdAt: T0 });
        await other.putChunk('b', 0, [row(2, { town: '上冶镇' }), row(3)]);
        const [a, b] = await Promise.all([store.commitImport('a', T0, asIs), other.commitImport('b', T0, asIs)]);
        expect([a.version, b.version].sort()).toEqual([1, 2]);
        expect(await other.stats()).toEqual({ rows: 3, version: 2 });
        expect(a.inserted + b.inserted).toBe(3);
      } finally {
        await other.close();
      }
    });
  });
}
