/**
 * Scale-out persistence: PostgreSQL through a `pg` Pool, every table in its own schema (created when
 * missing). Same model as sqlite.ts: one seq per tenant, docs with their list row, the update log since
 * the last snapshot, the snapshot, the epoch in meta.
 *
 * Ordering: appends bump the tenant row (`UPDATE tenants … RETURNING seq`) inside their transaction, so
 * that row stays locked until COMMIT and concurrent writers (several relays on one database) take turns:
 * seqs are gap-free (a rolled-back append rolls its bump back) and commit in seq order, so a reader that
 * sees seq N also sees every seq below it. appendUpdate/appendBatch resolve only after COMMIT.
 */
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { num, openPgPool, type PgStoreOptions } from '../pg.ts';
import { type AppendItem, DEFAULT_TENANT, type DocChange, type Persistence, type StoredDoc } from './types.ts';

export interface PostgresOptions extends PgStoreOptions {
  tenant?: string;
}

const schemaSql = (s: string) => `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.tenants (tenant text PRIMARY KEY, seq bigint NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.docs (
  tenant text NOT NULL,
  doc_id text NOT NULL,
  seq bigint NOT NULL,
  row_json text NOT NULL,
  update_count integer NOT NULL,
  PRIMARY KEY (tenant, doc_id)
);
CREATE INDEX IF NOT EXISTS docs_by_seq ON ${s}.docs (tenant, seq);
CREATE TABLE IF NOT EXISTS ${s}.updates (
  tenant text NOT NULL,
  seq bigint NOT NULL,
  doc_id text NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (tenant, seq)
);
CREATE INDEX IF NOT EXISTS updates_by_doc ON ${s}.updates (tenant, doc_id, seq);
CREATE TABLE IF NOT EXISTS ${s}.snapshots (
  tenant text NOT NULL,
  doc_id text NOT NULL,
  seq bigint NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (tenant, doc_id)
);
`;

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const buffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

export async function openPostgresPersistence(options: PostgresOptions): Promise<Persistence> {
  const tenant = options.tenant ?? DEFAULT_TENANT;
  const {
    pool,
    s,
    tx,
    initial: epoch,
  } = await openPgPool({
    ...options,
    defaultMaxConnections: 10,
    applicationName: 'bangqi-relay',
    schemaSql,
    async init(c, s) {
      await c.query(`INSERT INTO ${s}.meta (key, value) VALUES ('epoch', $1) ON CONFLICT DO NOTHING`, [randomUUID()]);
      await c.query(`INSERT INTO ${s}.tenants (tenant, seq) VALUES ($1, 0) ON CONFLICT DO NOTHING`, [tenant]);
      const { rows } = await c.query<{ value: string }>(`SELECT value FROM ${s}.meta WHERE key = 'epoch'`);
      return rows[0]!.value;
    },
  });

  async function appendAll(items: readonly AppendItem[]): Promise<number[]> {
    if (items.length === 0) return [];
    return tx(async (c) => {
      const bumped = await c.query<{ seq: string }>(
        `UPDATE ${s}.tenants SET seq = seq + $2 WHERE tenant = $1 RETURNING seq`,
        [tenant, items.length],
      );
      const last = num(bumped.rows[0]!.seq);
      const seqs = items.map((_, i) => last - items.length + 1 + i);
      await c.query(
        `INSERT INTO ${s}.updates (tenant, seq, doc_id, data)
         SELECT $1, * FROM unnest($2::bigint[], $3::text[], $4::bytea[])`,
        [tenant, seqs, items.map((i) => i.docId), items.map((i) => buffer(i.update))],
      );
      // one upsert row per doc (ON CONFLICT may touch a row only once per statement): its last item wins
      const perDoc = new Map<string, { seq: number; row: string; count: number }>();
      items.forEach(({ docId, row }, i) =>
        perDoc.set(docId, { seq: seqs[i]!, row, count: (perDoc.get(docId)?.count ?? 0) + 1 }),
      );
      const docs = [...perDoc];
      await c.query(
        `INSERT INTO ${s}.docs (tenant, doc_id, seq, row_json, update_count)
         SELECT $1, * FROM unnest($2::text[], $3::bigint[], $4::text[], $5::integer[])
         ON CONFLICT (tenant, doc_id) DO UPDATE SET seq = excluded.seq, row_json = excluded.row_json,
           update_count = docs.update_count + excluded.update_count`,
        [tenant, docs.map(([id]) => id), docs.map(([, d]) => d.seq), docs.map(([, d]) => d.row), docs.map(([, d]) => d.count)],
      );
      return seqs;
    });
  }

  /**
   * One statement (so one consistent view even while another relay compacts): the snapshot when it is
   * newer than `since` (kind 0), the updates after max(since, snapshot seq) (kind 1), the doc's seq (kind 2).
   */
  async function readDoc(docId: string, since: number) {
    const { rows } = await pool.query<{ kind: number; seq: string; data: Buffer | null }>(
      `WITH snap AS (SELECT seq, data FROM ${s}.snapshots WHERE tenant = $1 AND doc_id = $2)
       SELECT 0 AS kind, seq, data FROM snap WHERE seq > $3
       UNION ALL
       SELECT 1, seq, data FROM ${s}.updates
        WHERE tenant = $1 AND doc_id = $2 AND seq > GREATEST($3::bigint, COALESCE((SELECT seq FROM snap), 0))
       UNION ALL
       SELECT 2, seq, NULL FROM ${s}.docs WHERE tenant = $1 AND doc_id = $2
       ORDER BY kind, seq`,
      [tenant, docId, since],
    );
    const snapshot = rows.find((r) => r.kind === 0);
    const head = rows.find((r) => r.kind === 2);
    return {
      snapshot: snapshot ? bytes(snapshot.data!) : null,
      updates: rows.filter((r) => r.kind === 1).map((r) => bytes(r.data!)),
      seq: head ? num(head.seq) : null,
    };
  }

  let open = true;
  return {
    async loadDoc(docId): Promise<StoredDoc | null> {
      const { snapshot, updates, seq } = await readDoc(docId, 0);
      return seq === null ? null : { snapshot, updates, seq };
    },
    async appendUpdate(docId, update, row) {
      const [seq] = await appendAll([{ docId, update, row }]);
      return { seq: seq! };
    },
    async appendBatch(items) {
      return { seqs: await appendAll(items) };
    },
    async compact(docId, snapshot, upToSeq) {
      await tx(async (c) => {
        // The doc row lock serializes compactions of one doc. The stored snapshot is the given one merged
        // with what it replaces (old snapshot + dropped log), so an update another relay committed below
        // upToSeq, which this relay's copy of the doc may lack, is kept rather than deleted.
        await c.query(`SELECT 1 FROM ${s}.docs WHERE tenant = $1 AND doc_id = $2 FOR UPDATE`, [tenant, docId]);
        const old = await c.query<{ seq: string; data: Buffer }>(
          `SELECT seq, data FROM ${s}.snapshots WHERE tenant = $1 AND doc_id = $2`,
          [tenant, docId],
        );
        const dropped = await c.query<{ data: Buffer }>(
          `DELETE FROM ${s}.updates WHERE tenant = $1 AND doc_id = $2 AND seq <= $3 RETURNING data`,
          [tenant, docId, upToSeq],
        );
        const parts = [...old.rows.map((r) => bytes(r.data)), ...dropped.rows.map((r) => bytes(r.data)), snapshot];
        const merged = parts.length === 1 ? snapshot : Y.mergeUpdates(parts);
        const seq = Math.max(upToSeq, ...old.rows.map((r) => num(r.seq)));
        await c.query(
          `INSERT INTO ${s}.snapshots (tenant, doc_id, seq, data) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant, doc_id) DO UPDATE SET seq = excluded.seq, data = excluded.data`,
          [tenant, docId, seq, buffer(merged)],
        );
        await c.query(
          `UPDATE ${s}.docs SET update_count =
             (SELECT count(*) FROM ${s}.updates WHERE tenant = $1 AND doc_id = $2) WHERE tenant = $1 AND doc_id = $2`,
          [tenant, docId],
        );
      });
    },
    async changesSince(seq, limit) {
      const { rows } = await pool.query<{ doc_id: string; seq: string; row_json: string }>(
        `SELECT doc_id, seq, row_json FROM ${s}.docs WHERE tenant = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [tenant, seq, limit],
      );
      return rows.map((r): DocChange => ({ docId: r.doc_id, seq: num(r.seq), row: r.row_json }));
    },
    async updatesSince(docId, seq) {
      const { snapshot, updates } = await readDoc(docId, seq);
      return snapshot ? [snapshot, ...updates] : updates;
    },
    async headSeq() {
      const { rows } = await pool.query<{ seq: string }>(`SELECT seq FROM ${s}.tenants WHERE tenant = $1`, [tenant]);
      return num(rows[0]!.seq);
    },
    async epoch() {
      return epoch;
    },
    async close() {
      if (!open) return;
      open = false;
      await pool.end();
    },
  };
}
