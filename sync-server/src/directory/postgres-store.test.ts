/**
 * The directory store contract on the real PostgreSQL server (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), each case in a fresh schema that is dropped afterwards.
 * An unreachable server fails this file; it is never skipped.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openPostgresDirectoryStore } from './postgres-store.ts';
import { runDirectoryStoreSuite } from './store-suite.ts';

const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2, connectionTimeoutMillis: 3_000 });
admin.on('error', () => {});
afterAll(() => admin.end());

runDirectoryStoreSuite('postgres', () => {
  const schema = `bangqi_dir_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    open: () => openPostgresDirectoryStore({ connectionString: DATABASE_URL, schema }),
    cleanup: async () => void (await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)),
  };
});
