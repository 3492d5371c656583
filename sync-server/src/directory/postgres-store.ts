/**
 * DirectoryStore on PostgreSQL: its own small pg Pool, tables in the doc store's schema (PG_SCHEMA).
 * A commit locks its import row and the version row (so commits from several relays take turns and each
 * gets its own version), then merges set-wise: the rows go in as one JSON parameter into a temporary
 * table, one UPDATE touches the rows whose fields differ, one INSERT adds the new ones.
 */
import type { DirectoryCommitResult, DirectoryRow } from '@bangqi/shared';
import type pg from 'pg';
import { num, openPgPool, type PgStoreOptions } from '../pg.ts';
import { type EntityRow, type ImportRow, toEntity, toImport, toRecord } from './rows.ts';
import {
  type DirectoryStore,
  ImportClosedError,
  ImportNotFoundError,
  type ImportSession,
  type NewImportSession,
} from './types.ts';

// uscc is COLLATE "C": delta paging orders by it, and byte order is the same on every server (and in SQLite)
const schemaSql = (s: string) => `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.directory (
  uscc text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  former_names text NOT NULL,
  legal_rep text NOT NULL,
  address text NOT NULL,
  established_on text NOT NULL,
  registered_capital text NOT NULL,
  industry text NOT NULL,
  town text NOT NULL,
  status text NOT NULL,
  version bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS directory_by_version ON ${s}.directory (version, uscc);
CREATE TABLE IF NOT EXISTS ${s}.directory_version (one integer PRIMARY KEY CHECK (one = 1), version bigint NOT NULL);
INSERT INTO ${s}.directory_version (one, version) VALUES (1, 0) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s}.directory_imports (
  id text PRIMARY KEY,
  file_name text NOT NULL,
  total_rows integer NOT NULL,
  total_chunks integer NOT NULL,
  created_by text NOT NULL,
  created_at bigint NOT NULL,
  status text NOT NULL,
  result text
);
CREATE TABLE IF NOT EXISTS ${s}.directory_import_chunks (
  import_id text NOT NULL,
  n integer NOT NULL,
  rows text NOT NULL,
  PRIMARY KEY (import_id, n)
);
`;

const DATA_COLUMNS = ['name', 'former_names', 'legal_rep', 'address', 'established_on', 'registered_capital', 'industry', 'town', 'status'];

export async function openPostgresDirectoryStore(options: PgStoreOptions): Promise<DirectoryStore> {
  const { pool, s, tx } = await openPgPool({
    ...options,
    defaultMaxConnections: 3, // imports are rare, deltas are small reads
    applicationName: 'bangqi-relay-directory',
    schemaSql,
  });

  async function readImport(c: pg.PoolClient | pg.Pool, id: string, lock = ''): Promise<ImportSession | null> {
    const { rows } = await c.query<ImportRow>(`SELECT * FROM ${s}.directory_imports WHERE id = $1 ${lock}`, [id]);
    const r = rows[0];
    if (!r) return null;
    const chunks = await c.query<{ n: number }>(`SELECT n FROM ${s}.directory_import_chunks WHERE import_id = $1 ORDER BY n`, [id]);
    return toImport(r, chunks.rows.map((x) => x.n));
  }

  async function merge(c: pg.PoolClient, rows: readonly DirectoryRow[], at: number) {
    const head = num((await c.query<{ version: string }>(`SELECT version FROM ${s}.directory_version FOR UPDATE`)).rows[0]!.version);
    const next = head + 1;
    const columns = ['uscc', ...DATA_COLUMNS];
    await c.query(`CREATE TEMP TABLE directory_incoming (${columns.map((col) => `${col} text COLLATE "C" NOT NULL`).join(', ')}) ON COMMIT DROP`);
    await c.query(
      `INSERT INTO directory_incoming SELECT * FROM json_to_recordset($1::json) AS x(${columns.map((col) => `${col} text`).join(', ')})`,
      [JSON.stringify(rows.map(toRecord))],
    );
    const differs = `(${DATA_COLUMNS.map((col) => `d.${col}`).join(', ')}) IS DISTINCT FROM (${DATA_COLUMNS.map((col) => `i.${col}`).join(', ')})`;
    const updated = await c.query(
      `UPDATE ${s}.directory d SET ${DATA_COLUMNS.map((col) => `${col} = i.${col}`).join(', ')}, version = $1, updated_at = $2
       FROM directory_incoming i WHERE d.uscc = i.uscc AND ${differs}`,
      [next, at],
    );
    const inserted = await c.query(
      `INSERT INTO ${s}.directory (${columns.join(', ')}, version, updated_at)
       SELECT ${columns.join(', ')}, $1, $2 FROM directory_incoming ON CONFLICT (uscc) DO NOTHING`,
      [next, at],
    );
    const counts = { inserted: inserted.rowCount ?? 0, updated: updated.rowCount ?? 0 };
    const changed = counts.inserted + counts.updated > 0;
    if (changed) await c.query(`UPDATE ${s}.directory_version SET version = $1`, [next]);
    return { ...counts, unchanged: rows.length - counts.inserted - counts.updated, version: changed ? next : head };
  }

  let open = true;
  return {
    async createImport(x: NewImportSession) {
      await pool.query(
        `INSERT INTO ${s}.directory_imports (id, file_name, total_rows, total_chunks, created_by, created_at, status, result)
         VALUES ($1, $2, $3, $4, $5, $6, 'open', NULL)`,
        [x.id, x.fileName, x.totalRows, x.totalChunks, x.createdBy, x.createdAt],
      );
    },
    async getImport(id) {
      return readImport(pool, id);
    },
    async putChunk(id, n, rows) {
      await tx(async (c) => {
        // FOR SHARE: a commit (FOR UPDATE) waits for this chunk, or this chunk sees the import committed
        const { rows: found } = await c.query<{ status: string }>(`SELECT status FROM ${s}.directory_imports WHERE id = $1 FOR SHARE`, [id]);
        if (!found[0]) throw new ImportNotFoundError(`no import ${id}`);
        if (found[0].status !== 'open') throw new ImportClosedError(`import ${id} is ${found[0].status}`);
        await c.query(
          `INSERT INTO ${s}.directory_import_chunks (import_id, n, rows) VALUES ($1, $2, $3)
           ON CONFLICT (import_id, n) DO UPDATE SET rows = excluded.rows`,
          [id, n, JSON.stringify(rows)],
        );
      });
    },
    async commitImport(id, at, prepare) {
      return tx(async (c) => {
        const session = await readImport(c, id, 'FOR UPDATE');
        if (!session) throw new ImportNotFoundError(`no import ${id}`);
        if (session.status === 'committed') return session.result!;
        const staged = await c.query<{ n: number; rows: string }>(
          `SELECT n, rows FROM ${s}.directory_import_chunks WHERE import_id = $1 ORDER BY n`,
          [id],
        );
        const prepared = prepare(session, staged.rows.map((r) => ({ n: r.n, rows: JSON.parse(r.rows) as unknown[] })));
        const result: DirectoryCommitResult = { ...(await merge(c, prepared.rows, at)), rejected: prepared.rejected };
        await c.query(`DELETE FROM ${s}.directory_import_chunks WHERE import_id = $1`, [id]);
        await c.query(`UPDATE ${s}.directory_imports SET status = 'committed', result = $2 WHERE id = $1`, [id, JSON.stringify(result)]);
        return result;
      });
    },
    async dropImport(id) {
      return tx(async (c) => {
        await c.query(`DELETE FROM ${s}.directory_import_chunks WHERE import_id = $1`, [id]);
        const { rowCount } = await c.query(`DELETE FROM ${s}.directory_imports WHERE id = $1`, [id]);
        return (rowCount ?? 0) > 0;
      });
    },
    async dropImportsBefore(cutoff) {
      return tx(async (c) => {
        const { rows } = await c.query<{ id: string }>(`DELETE FROM ${s}.directory_imports WHERE created_at < $1 RETURNING id`, [cutoff]);
        const ids = rows.map((r) => r.id);
        if (ids.length) await c.query(`DELETE FROM ${s}.directory_import_chunks WHERE import_id = ANY($1)`, [ids]);
        return ids.length;
      });
    },
    async delta(since, after, limit) {
      // one snapshot: the head read here covers exactly the rows this page could see
      return tx(async (c) => {
        const { rows } =
          after === null
            ? await c.query<EntityRow>(`SELECT * FROM ${s}.directory WHERE version > $1 ORDER BY version, uscc LIMIT $2`, [since, limit])
            : await c.query<EntityRow>(
                `SELECT * FROM ${s}.directory WHERE (version, uscc) > ($1, $2) ORDER BY version, uscc LIMIT $3`,
                [since, after, limit],
              );
        const head = await c.query<{ version: string }>(`SELECT version FROM ${s}.directory_version`);
        return { rows: rows.map(toEntity), version: num(head.rows[0]!.version) };
      }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    },
    async stats() {
      const { rows } = await pool.query<{ rows: string; version: string }>(
        `SELECT (SELECT count(*) FROM ${s}.directory) AS rows, (SELECT version FROM ${s}.directory_version) AS version`,
      );
      return { rows: num(rows[0]!.rows), version: num(rows[0]!.version) };
    },
    async close() {
      if (!open) return;
      open = false;
      await pool.end();
    },
  };
}
