/**
 * The persistence contract on the real PostgreSQL server (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), each case in a fresh schema that is dropped afterwards.
 * An unreachable server fails this file; it is never skipped.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { admin, dropSchema, openInSchema, pgSuiteFactory, pgTestSchema } from '../pg-test-schema.ts';
import { runPersistenceSuite } from './adapter-suite.ts';
import { openPostgresPersistence } from './postgres.ts';

const freshSchema = () => pgTestSchema('bangqi_test');
const open = (schema: string) => openInSchema(openPostgresPersistence, schema);

runPersistenceSuite('postgres', pgSuiteFactory('bangqi_test', openPostgresPersistence));

function textUpdate(doc: Y.Doc, text: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return Y.encodeStateAsUpdate(doc, before);
}

describe('postgres adapter', () => {
  it('creates its tables in the named schema and refuses unsafe schema names', async () => {
    const schema = freshSchema();
    const store = await open(schema);
    try {
      const { rows } = await admin.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );
      expect(rows.map((r) => r.table_name)).toEqual(['docs', 'meta', 'snapshots', 'tenants', 'updates']);
    } finally {
      await store.close();
      await dropSchema(schema);
    }
    await expect(open('x"; DROP')).rejects.toThrow(/schema/);
  });

  it('two stores on one schema (two relays) share the epoch and interleave concurrent appends without gaps', async () => {
    const schema = freshSchema();
    const [a, b] = await Promise.all([
      open(schema),
      open(schema),
    ]);
    try {
      expect(await a.epoch()).toBe(await b.epoch());
      const writes = Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).appendUpdate(`ent-c${i % 5}`, textUpdate(new Y.Doc(), String(i)), `{"i":${i}}`),
      );
      const seqs = (await Promise.all(writes)).map((r) => r.seq).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await a.headSeq()).toBe(20);
      const { rows } = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${schema}".updates`);
      expect(Number(rows[0]!.n)).toBe(20);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await dropSchema(schema);
    }
  });

  it('an append waits for the tenant row lock, so seqs commit in order and resolve only after COMMIT', async () => {
    const schema = freshSchema();
    const store = await open(schema);
    const other = await admin.connect();
    try {
      await store.appendUpdate('ent-l', textUpdate(new Y.Doc(), 'a'), '');
      // another writer's open transaction holds the tenant row (as a second relay mid-append would)
      await other.query('BEGIN');
      await other.query(`UPDATE "${schema}".tenants SET seq = seq + 1 RETURNING seq`);
      let resolved = false;
      const pending = store.appendUpdate('ent-l', textUpdate(new Y.Doc(), 'b'), '').then((r) => ((resolved = true), r));
      await new Promise((r) => setTimeout(r, 300));
      expect(resolved).toBe(false);
      expect(await store.headSeq()).toBe(1); // the other writer's seq 2 is not visible before its COMMIT
      await other.query(`INSERT INTO "${schema}".docs VALUES ('default', 'ent-x', 2, '', 0)`);
      await other.query('COMMIT');
      expect(await pending).toEqual({ seq: 3 });
      expect((await store.changesSince(0, 10)).map((c) => [c.docId, c.seq])).toEqual([['ent-x', 2], ['ent-l', 3]]);
    } finally {
      await other.query('ROLLBACK').catch(() => {});
      other.release();
      await store.close();
      await dropSchema(schema);
    }
  });

  it('compaction keeps an update the compacting relay never saw (stored by another relay below upToSeq)', async () => {
    const schema = freshSchema();
    const store = await open(schema);
    try {
      const mine = new Y.Doc();
      await store.appendUpdate('ent-m', textUpdate(mine, 'mine '), '');
      const theirs = new Y.Doc();
      Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
      const { seq } = await store.appendUpdate('ent-m', textUpdate(theirs, 'theirs'), '');
      await store.compact('ent-m', Y.encodeStateAsUpdate(mine), seq); // `mine` lacks "theirs"
      const loaded = (await store.loadDoc('ent-m'))!;
      expect(loaded.updates).toEqual([]);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, loaded.snapshot!);
      expect(doc.getText('t').toString()).toBe('mine theirs');
    } finally {
      await store.close();
      await dropSchema(schema);
    }
  });
});
