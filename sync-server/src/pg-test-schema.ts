/**
 * For the PostgreSQL store tests: the real server (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), a fresh schema per case, dropped afterwards.
 * An unreachable server fails every case that calls serverUp(); these tests are never skipped.
 * Importing this registers an afterAll that closes the admin pool.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll } from 'vitest';
import type { PgStoreOptions } from './pg.ts';

export const DATABASE_URL = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** a pool outside the stores under test, to look at and set up their tables */
export const admin = new pg.Pool({ connectionString: DATABASE_URL, max: 2, connectionTimeoutMillis: 3_000 });
admin.on('error', () => {});
afterAll(() => admin.end());

/** a schema name no other case or test process uses; `prefix` says which file made it */
export const pgTestSchema = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
export const dropSchema = (schema: string) => admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);

let reachable: Promise<void> | undefined;
/** Every case starts here, so an unreachable server fails each of them with this message. */
export function serverUp(): Promise<void> {
  return (reachable ??= admin.query('SELECT 1').then(
    () => undefined,
    (err: Error) => {
      throw new Error(
        `PostgreSQL is not reachable at ${DATABASE_URL.replace(/:[^:@/]*@/, ':***@')} (${err.message}). ` +
          'Start it or point DATABASE_URL at a server; these tests do not skip.',
      );
    },
  ));
}

/** Opens a store in `schema` once the server is known to be up. */
export async function openInSchema<T>(open: (options: PgStoreOptions) => Promise<T>, schema: string): Promise<T> {
  await serverUp();
  return open({ connectionString: DATABASE_URL, schema });
}

/** A contract suite's factory: each case gets the store in a fresh schema, dropped afterwards. */
export const pgSuiteFactory =
  <T>(prefix: string, open: (options: PgStoreOptions) => Promise<T>) =>
  () => {
    const schema = pgTestSchema(prefix);
    return { open: () => openInSchema(open, schema), cleanup: async () => void (await dropSchema(schema)) };
  };
