/**
 * The relay process on PostgreSQL (PERSISTENCE=postgres, the real server at DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), in a fresh schema dropped afterwards. Never skipped: an
 * unreachable server fails the test.
 */
import { readEnterprise, setEnterpriseNote } from '@bangqi/shared';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
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

const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';
const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 1, connectionTimeoutMillis: 3_000 });
admin.on('error', () => {});
const schemas: string[] = [];

async function freshSchema(): Promise<string> {
  await admin.query('SELECT 1').catch((err: Error) => {
    throw new Error(`PostgreSQL is not reachable at ${DATABASE_URL} (${err.message}); these tests do not skip.`);
  });
  const schema = `bangqi_relay_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  schemas.push(schema);
  return schema;
}

afterEach(killAll);
afterAll(async () => {
  removeTempDirs();
  for (const schema of schemas.splice(0)) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

describe('relay on PostgreSQL', () => {
  it('seeds once, and an update acked over /sync survives kill -9', async () => {
    const env = {
      PERSISTENCE: 'postgres',
      DATABASE_URL,
      PG_SCHEMA: await freshSchema(),
      DATA_DIR: tempDataDir(),
      SEED_DEMO: '1',
      COMPACT_EVERY: '2', // the second push also compacts the doc
    };
    const first = await spawnRelay(env);
    expect(first.logs.find((l) => l.msg === 'listening')).toMatchObject({ storage: 'postgres', seq: 302 }); // 300 files + pol-library + cfg-district
    expect(first.logs.find((l) => l.msg === 'seeded demo district')).toMatchObject({ docs: 301, seq: 301 });
    const device = await SyncClient.connect(first.ws);
    expect(await device.caughtUp()).toMatchObject({ seq: 302, docs: 302 });
    const { doc, update } = enterpriseUpdate('华盛精密机械有限公司', '首次走访');
    expect(await device.push('ent-pg', 1, update)).toBe(303);
    const note = captureUpdate(doc, () => setEnterpriseNote(doc, '首次走访，反映用工紧张', 'tester'));
    expect(await device.push('ent-pg', 2, note)).toBe(304);
    await waitUntil(() => first.logs.find((l) => l.msg === 'doc compacted' && l.docId === 'ent-pg'), 'the compaction');
    const [snapshot] = (await admin.query(`SELECT seq FROM "${env.PG_SCHEMA}".snapshots WHERE doc_id = 'ent-pg'`)).rows;
    expect(snapshot).toEqual({ seq: '304' });
    expect(await first.stop('SIGKILL')).toBeNull();

    const second = await spawnRelay(env);
    expect(second.logs.some((l) => l.msg === 'seeded demo district')).toBe(false);
    expect((await second.health()).seq).toBe(304);
    const fresh = await SyncClient.connect(second.ws);
    expect(await fresh.caughtUp()).toEqual({ t: 'caught-up', seq: 304, docs: 303 });
    const feeds = fresh.feeds().filter((f) => f.docId === 'ent-pg');
    expect(feeds.map((f) => f.seq)).toEqual([304]);
    expect(JSON.parse(feeds[0]!.row)).toMatchObject({ id: 'ent-pg', name: '华盛精密机械有限公司' });
    expect(readEnterprise(docFromFeeds(fresh, 'ent-pg')).note).toBe('首次走访，反映用工紧张');

    const provider = stockProvider(second.ws, 'ent-pg');
    await whenSynced(provider);
    expect(readEnterprise(provider.doc).note).toBe('首次走访，反映用工紧张');
    provider.destroy();
    fresh.close();
  });

  it('refuses to start without DATABASE_URL', async () => {
    await expect(spawnRelay({ PERSISTENCE: 'postgres', DATABASE_URL: '', DATA_DIR: tempDataDir() })).rejects.toThrow(
      /exited with 1[\s\S]*PERSISTENCE=postgres needs DATABASE_URL/,
    );
  });
});
