/**
 * BlobStore on PostgreSQL (bytea): its own small pg Pool, tables in the doc store's schema (PG_SCHEMA).
 * Appends and completions of one address take turns under a transaction-scoped advisory lock on the
 * hash (relays sharing the database included), so the offset check and the write are one step.
 * `complete` reads the chunks one by one to hash them and assembles the blob inside PostgreSQL
 * (string_agg over bytea), so the relay's heap never holds the whole upload.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import { num, openPgPool, type PgStoreOptions } from '../pg.ts';
import { type AppendResult, type BlobMeta, type BlobStore, checkChunkFits, type CompleteResult } from './types.ts';

// STORAGE EXTERNAL: photos and office files are compressed already; pglz would only spend CPU on them
const schemaSql = (s: string) => `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.blobs (
  hash text PRIMARY KEY,
  mime text NOT NULL,
  bytes bigint NOT NULL,
  data bytea NOT NULL,
  created_at bigint NOT NULL
);
ALTER TABLE ${s}.blobs ALTER COLUMN data SET STORAGE EXTERNAL;
CREATE TABLE IF NOT EXISTS ${s}.blob_parts (
  hash text PRIMARY KEY,
  total bigint NOT NULL,
  mime text NOT NULL,
  received bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS blob_parts_by_age ON ${s}.blob_parts (updated_at);
CREATE TABLE IF NOT EXISTS ${s}.blob_part_chunks (
  hash text NOT NULL,
  start bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (hash, start)
);
ALTER TABLE ${s}.blob_part_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
`;

interface MetaRow {
  hash: string;
  mime: string;
  bytes: string;
  created_at: string;
}
interface PartRow {
  total: string;
  mime: string;
  received: string;
}

const toMeta = (r: MetaRow): BlobMeta => ({ hash: r.hash, mime: r.mime, bytes: num(r.bytes), createdAt: num(r.created_at) });

export async function openPostgresBlobStore(options: PgStoreOptions): Promise<BlobStore> {
  const { pool, s, tx } = await openPgPool({
    ...options,
    defaultMaxConnections: 4, // a few uploads and downloads at a time; each holds its connection only for one chunk
    applicationName: 'bangqi-relay-blobs',
    schemaSql,
  });

  const meta = async (c: pg.PoolClient | pg.Pool, hash: string): Promise<BlobMeta | null> => {
    const { rows } = await c.query<MetaRow>(`SELECT hash, mime, bytes, created_at FROM ${s}.blobs WHERE hash = $1`, [hash]);
    return rows[0] ? toMeta(rows[0]) : null;
  };
  const part = async (c: pg.PoolClient | pg.Pool, hash: string) => {
    const { rows } = await c.query<PartRow>(`SELECT total, mime, received FROM ${s}.blob_parts WHERE hash = $1`, [hash]);
    return rows[0] ? { total: num(rows[0].total), mime: rows[0].mime, received: num(rows[0].received) } : null;
  };
  const lock = (c: pg.PoolClient, hash: string) => c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bangqi-blob:${hash}`]);
  const dropPart = async (c: pg.PoolClient, hash: string) => {
    await c.query(`DELETE FROM ${s}.blob_part_chunks WHERE hash = $1`, [hash]);
    return ((await c.query(`DELETE FROM ${s}.blob_parts WHERE hash = $1`, [hash])).rowCount ?? 0) > 0;
  };

  /** SHA-256 of the part's chunks, read one at a time. */
  async function hashOfPart(c: pg.PoolClient, hash: string): Promise<string> {
    const sha = createHash('sha256');
    const starts = await c.query<{ start: string }>(`SELECT start FROM ${s}.blob_part_chunks WHERE hash = $1 ORDER BY start`, [hash]);
    for (const { start } of starts.rows) {
      const { rows } = await c.query<{ data: Buffer }>(`SELECT data FROM ${s}.blob_part_chunks WHERE hash = $1 AND start = $2`, [hash, start]);
      sha.update(rows[0]!.data);
    }
    return sha.digest('hex');
  }

  let open = true;
  return {
    async head(hash) {
      const blob = await meta(pool, hash);
      if (blob) return { complete: true, blob };
      return { complete: false, received: (await part(pool, hash))?.received ?? 0 };
    },
    async read(hash) {
      const { rows } = await pool.query<MetaRow & { data: Buffer }>(
        `SELECT hash, mime, bytes, created_at, data FROM ${s}.blobs WHERE hash = $1`,
        [hash],
      );
      return rows[0] ? { ...toMeta(rows[0]), data: rows[0].data } : null;
    },
    async append(hash, chunk): Promise<AppendResult> {
      checkChunkFits(chunk);
      return tx(async (c) => {
        await lock(c, hash);
        const existing = await meta(c, hash);
        if (existing) return { status: 'existed', blob: existing };
        let stored = await part(c, hash);
        if (!stored || stored.total !== chunk.total) {
          // nothing stored yet, or a part of other bytes claiming this address: only offset 0 (re)starts it
          if (chunk.offset !== 0) return { status: 'bad-offset', offset: 0 };
          await c.query(`DELETE FROM ${s}.blob_part_chunks WHERE hash = $1`, [hash]);
          await c.query(
            `INSERT INTO ${s}.blob_parts (hash, total, mime, received, updated_at) VALUES ($1, $2, $3, 0, $4)
             ON CONFLICT (hash) DO UPDATE SET total = excluded.total, mime = excluded.mime, received = 0, updated_at = excluded.updated_at`,
            [hash, chunk.total, chunk.mime, chunk.at],
          );
          stored = { total: chunk.total, mime: chunk.mime, received: 0 };
        }
        if (chunk.offset !== stored.received) return { status: 'bad-offset', offset: stored.received };
        if (chunk.data.byteLength > 0) {
          await c.query(`INSERT INTO ${s}.blob_part_chunks (hash, start, data) VALUES ($1, $2, $3)`, [hash, chunk.offset, Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength)]);
        }
        await c.query(`UPDATE ${s}.blob_parts SET received = received + $1, updated_at = $2 WHERE hash = $3`, [chunk.data.byteLength, chunk.at, hash]);
        return { status: 'stored', received: stored.received + chunk.data.byteLength, total: stored.total };
      });
    },
    async complete(hash, at): Promise<CompleteResult> {
      return tx(async (c) => {
        await lock(c, hash);
        const existing = await meta(c, hash);
        if (existing) {
          await dropPart(c, hash); // a leftover of a second upload of the same bytes
          return { status: 'existed', blob: existing };
        }
        const stored = await part(c, hash);
        if (!stored || stored.received !== stored.total) return { status: 'incomplete', received: stored?.received ?? 0 };
        if ((await hashOfPart(c, hash)) !== hash) {
          await dropPart(c, hash);
          return { status: 'mismatch' };
        }
        await c.query(
          `INSERT INTO ${s}.blobs (hash, mime, bytes, data, created_at)
           SELECT p.hash, p.mime, p.total,
             coalesce((SELECT string_agg(k.data, ''::bytea ORDER BY k.start) FROM ${s}.blob_part_chunks k WHERE k.hash = p.hash), ''::bytea), $2
           FROM ${s}.blob_parts p WHERE p.hash = $1`,
          [hash, at],
        );
        await dropPart(c, hash);
        return { status: 'created', blob: { hash, mime: stored.mime, bytes: stored.total, createdAt: at } };
      });
    },
    async dropPartsBefore(cutoff) {
      return tx(async (c) => {
        const { rows } = await c.query<{ hash: string }>(`DELETE FROM ${s}.blob_parts WHERE updated_at < $1 RETURNING hash`, [cutoff]);
        const hashes = rows.map((r) => r.hash);
        if (hashes.length) await c.query(`DELETE FROM ${s}.blob_part_chunks WHERE hash = ANY($1)`, [hashes]);
        return hashes.length;
      });
    },
    async close() {
      if (!open) return;
      open = false;
      await pool.end();
    },
  };
}
