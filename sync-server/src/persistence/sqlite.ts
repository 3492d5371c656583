/**
 * Embedded default persistence: better-sqlite3 in DATA_DIR/bangqi.sqlite. WAL + synchronous=FULL, so an
 * update whose appendUpdate resolved (and was therefore acked) survives kill -9 and power loss.
 */
import { randomUUID } from 'node:crypto';
import { openSqliteDatabase } from '../sqlite-db.ts';
import { type AppendItem, DEFAULT_TENANT, type DocChange, type Persistence, type StoredDoc } from './types.ts';

export { DB_FILE } from '../sqlite-db.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tenants (tenant TEXT PRIMARY KEY, seq INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS docs (
  tenant TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  row_json TEXT NOT NULL,
  update_count INTEGER NOT NULL,
  PRIMARY KEY (tenant, doc_id)
);
CREATE INDEX IF NOT EXISTS docs_by_seq ON docs (tenant, seq);
CREATE TABLE IF NOT EXISTS updates (
  tenant TEXT NOT NULL,
  seq INTEGER NOT NULL,
  doc_id TEXT NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (tenant, seq)
);
CREATE INDEX IF NOT EXISTS updates_by_doc ON updates (tenant, doc_id, seq);
CREATE TABLE IF NOT EXISTS snapshots (
  tenant TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (tenant, doc_id)
);
`;

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

export function openSqlitePersistence(dataDir: string, tenant = DEFAULT_TENANT): Persistence {
  const db = openSqliteDatabase(dataDir, SCHEMA);
  // Catch-up reads whole docs (tens of KB each, spread over overflow pages): map the file and keep a
  // larger page cache so a fresh device's catch-up copies from memory instead of issuing reads.
  db.pragma('mmap_size = 268435456');
  db.pragma('cache_size = -65536');
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('epoch', randomUUID());
  db.prepare('INSERT OR IGNORE INTO tenants (tenant, seq) VALUES (?, 0)').run(tenant);
  const epoch = (db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get('epoch') as string);

  const q = {
    head: db.prepare('SELECT seq FROM tenants WHERE tenant = ?').pluck(),
    bump: db.prepare('UPDATE tenants SET seq = seq + 1 WHERE tenant = ? RETURNING seq').pluck(),
    insertUpdate: db.prepare('INSERT INTO updates (tenant, seq, doc_id, data) VALUES (?, ?, ?, ?)'),
    upsertDoc: db.prepare(`INSERT INTO docs (tenant, doc_id, seq, row_json, update_count) VALUES (?, ?, ?, ?, 1)
      ON CONFLICT (tenant, doc_id) DO UPDATE SET seq = excluded.seq, row_json = excluded.row_json,
      update_count = update_count + 1`),
    doc: db.prepare('SELECT seq FROM docs WHERE tenant = ? AND doc_id = ?').pluck(),
    snapshot: db.prepare('SELECT seq, data FROM snapshots WHERE tenant = ? AND doc_id = ?'),
    updatesAfter: db.prepare('SELECT data FROM updates WHERE tenant = ? AND doc_id = ? AND seq > ? ORDER BY seq').pluck(),
    changes: db.prepare('SELECT doc_id AS docId, seq, row_json AS row FROM docs WHERE tenant = ? AND seq > ? ORDER BY seq LIMIT ?'),
    putSnapshot: db.prepare(`INSERT INTO snapshots (tenant, doc_id, seq, data) VALUES (?, ?, ?, ?)
      ON CONFLICT (tenant, doc_id) DO UPDATE SET seq = excluded.seq, data = excluded.data`),
    dropUpdates: db.prepare('DELETE FROM updates WHERE tenant = ? AND doc_id = ? AND seq <= ?'),
    recount: db.prepare(`UPDATE docs SET update_count =
      (SELECT count(*) FROM updates WHERE tenant = @tenant AND doc_id = @docId) WHERE tenant = @tenant AND doc_id = @docId`),
  };

  const appendAll = db.transaction((items: readonly AppendItem[]): number[] =>
    items.map(({ docId, update, row }) => {
      const seq = q.bump.get(tenant) as number;
      q.insertUpdate.run(tenant, seq, docId, update);
      q.upsertDoc.run(tenant, docId, seq, row);
      return seq;
    }),
  );
  const compactTx = db.transaction((docId: string, snapshot: Uint8Array, upToSeq: number) => {
    q.putSnapshot.run(tenant, docId, upToSeq, snapshot);
    q.dropUpdates.run(tenant, docId, upToSeq);
    q.recount.run({ tenant, docId });
  });
  const snapshotOf = (docId: string) => q.snapshot.get(tenant, docId) as { seq: number; data: Buffer } | undefined;
  const updatesAfter = (docId: string, seq: number) =>
    (q.updatesAfter.all(tenant, docId, seq) as Buffer[]).map(bytes);

  let open = true;
  return {
    async loadDoc(docId): Promise<StoredDoc | null> {
      const seq = q.doc.get(tenant, docId) as number | undefined;
      if (seq === undefined) return null;
      const snap = snapshotOf(docId);
      return { snapshot: snap ? bytes(snap.data) : null, updates: updatesAfter(docId, snap?.seq ?? 0), seq };
    },
    async appendUpdate(docId, update, row) {
      const [seq] = appendAll([{ docId, update, row }]);
      return { seq: seq! };
    },
    async appendBatch(items) {
      return { seqs: appendAll(items) };
    },
    async compact(docId, snapshot, upToSeq) {
      compactTx(docId, snapshot, upToSeq);
    },
    async changesSince(seq, limit) {
      return q.changes.all(tenant, seq, limit) as DocChange[];
    },
    async updatesSince(docId, seq) {
      const snap = snapshotOf(docId);
      if (snap && snap.seq > seq) return [bytes(snap.data), ...updatesAfter(docId, snap.seq)];
      return updatesAfter(docId, seq);
    },
    async headSeq() {
      return q.head.get(tenant) as number;
    },
    async epoch() {
      return epoch;
    },
    async close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}
