/**
 * What every PostgreSQL store of the relay does the same way: its own small pg Pool, tables in one schema
 * whose name is checked before it is spliced into SQL, schema creation under one advisory lock, and
 * transactions that resolve only after COMMIT.
 */
import pg from 'pg';

const DEFAULT_PG_SCHEMA = 'bangqi';

/** Schema names are spliced into SQL as quoted identifiers, so only plain lower-case names are taken. */
const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** What a caller may set on any of the stores. */
export interface PgStoreOptions {
  /** e.g. postgres://user@127.0.0.1:5432/db */
  connectionString: string;
  /** where the tables live; created when missing. Default `bangqi`, shared by every store. */
  schema?: string;
  /** most connections the pool opens (each store has its own default) */
  maxConnections?: number;
  /** an idle pooled connection failed (the pool drops it; the next query opens a new one) */
  onIdleError?: (err: Error) => void;
}

export interface PgPoolSetup<T> extends PgStoreOptions {
  defaultMaxConnections: number;
  applicationName: string;
  /** the CREATE … IF NOT EXISTS script, given the quoted schema */
  schemaSql: (s: string) => string;
  /** more work in the schema-creation transaction (seed rows, read them back) */
  init?: (c: pg.PoolClient, s: string) => Promise<T>;
}

export interface PgPool<T> {
  pool: pg.Pool;
  schema: string;
  /** the schema name, quoted for SQL */
  s: string;
  /** what `init` returned */
  initial: T;
  tx<R>(fn: (c: pg.PoolClient) => Promise<R>, begin?: string): Promise<R>;
}

/** Bigint columns arrive as strings; every value the stores keep stays far below 2^53. */
export const num = (v: string | number): number => Number(v);

/** Runs `fn` in a transaction on one pooled connection; resolves after COMMIT. */
export async function pgTransaction<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>, begin = 'BEGIN'): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** Opens the pool and creates the schema's tables; a failure ends the pool before it throws. */
export async function openPgPool<T = void>(setup: PgPoolSetup<T>): Promise<PgPool<T>> {
  const schema = setup.schema ?? DEFAULT_PG_SCHEMA;
  if (!IDENTIFIER.test(schema)) throw new Error(`PostgreSQL schema must match ${IDENTIFIER}, got "${schema}"`);
  const s = `"${schema}"`;
  const pool = new pg.Pool({
    connectionString: setup.connectionString,
    max: setup.maxConnections ?? setup.defaultMaxConnections,
    connectionTimeoutMillis: 10_000,
    application_name: setup.applicationName,
  });
  pool.on('error', (err) => setup.onIdleError?.(err));
  const tx = <R>(fn: (c: pg.PoolClient) => Promise<R>, begin?: string) => pgTransaction(pool, fn, begin);
  try {
    const initial = await tx(async (c) => {
      // one lock for every store: relays (and their stores) starting together must not race each other's CREATEs
      await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bangqi-schema:${schema}`]);
      await c.query(setup.schemaSql(s));
      return setup.init ? setup.init(c, s) : (undefined as T);
    });
    return { pool, schema, s, initial, tx };
  } catch (err) {
    await pool.end().catch(() => {});
    throw err;
  }
}
