/**
 * BlobStore on SQLite: its own connection to the relay's file (DATA_DIR/bangqi.sqlite), same pragmas.
 * A part is kept as one row per chunk, so appending a chunk writes only that chunk (one growing BLOB
 * would be rewritten whole on every append). `complete` hashes the chunks one at a time and assembles the
 * blob inside SQLite (group_concat of BLOBs is byte-exact in a UTF-8 database), so the relay's heap never
 * holds the whole upload. Both run in one BEGIN IMMEDIATE transaction, so nothing interleaves with them.
 */
import { createHash } from 'node:crypto';
import { openSqliteDatabase } from '../sqlite-db.ts';
import {
  type AppendResult,
  type BlobChunk,
  type BlobHead,
  type BlobMeta,
  type BlobStore,
  checkChunkFits,
  type CompleteResult,
  type StoredBlob,
} from './types.ts';

// rowid tables, not WITHOUT ROWID: their rows are far larger than a page
const SCHEMA = `
CREATE TABLE IF NOT EXISTS blobs (
  hash TEXT PRIMARY KEY,
  mime TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  data BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS blob_parts (
  hash TEXT PRIMARY KEY,
  total INTEGER NOT NULL,
  mime TEXT NOT NULL,
  received INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS blob_parts_by_age ON blob_parts (updated_at);
CREATE TABLE IF NOT EXISTS blob_part_chunks (
  hash TEXT NOT NULL,
  start INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (hash, start)
);
`;

interface MetaRow {
  hash: string;
  mime: string;
  bytes: number;
  created_at: number;
}
interface PartRow {
  total: number;
  mime: string;
  received: number;
}

const toMeta = (r: MetaRow): BlobMeta => ({ hash: r.hash, mime: r.mime, bytes: r.bytes, createdAt: r.created_at });

export function openSqliteBlobStore(dataDir: string): BlobStore {
  const db = openSqliteDatabase(dataDir, SCHEMA);

  const q = {
    meta: db.prepare<[string], MetaRow>('SELECT hash, mime, bytes, created_at FROM blobs WHERE hash = ?'),
    blob: db.prepare<[string], MetaRow & { data: Buffer }>('SELECT hash, mime, bytes, created_at, data FROM blobs WHERE hash = ?'),
    part: db.prepare<[string], PartRow>('SELECT total, mime, received FROM blob_parts WHERE hash = ?'),
    newPart: db.prepare(`INSERT INTO blob_parts (hash, total, mime, received, updated_at) VALUES (?, ?, ?, 0, ?)
      ON CONFLICT (hash) DO UPDATE SET total = excluded.total, mime = excluded.mime, received = 0, updated_at = excluded.updated_at`),
    grow: db.prepare('UPDATE blob_parts SET received = received + ?, updated_at = ? WHERE hash = ?'),
    putChunk: db.prepare('INSERT INTO blob_part_chunks (hash, start, data) VALUES (?, ?, ?)'),
    chunks: db.prepare<[string], Buffer>('SELECT data FROM blob_part_chunks WHERE hash = ? ORDER BY start').pluck(),
    dropChunks: db.prepare('DELETE FROM blob_part_chunks WHERE hash = ?'),
    dropPart: db.prepare('DELETE FROM blob_parts WHERE hash = ?'),
    staleParts: db.prepare<[number], string>('SELECT hash FROM blob_parts WHERE updated_at < ?').pluck(),
    promote: db.prepare(`INSERT INTO blobs (hash, mime, bytes, data, created_at)
      SELECT p.hash, p.mime, p.total,
        coalesce((SELECT CAST(group_concat(c.data, '' ORDER BY c.start) AS BLOB) FROM blob_part_chunks c WHERE c.hash = p.hash), x''), ?
      FROM blob_parts p WHERE p.hash = ?`),
  };

  const dropPart = (hash: string) => {
    q.dropChunks.run(hash);
    return q.dropPart.run(hash).changes > 0;
  };

  const append = db.transaction((hash: string, chunk: BlobChunk): AppendResult => {
    const existing = q.meta.get(hash);
    if (existing) return { status: 'existed', blob: toMeta(existing) };
    let part = q.part.get(hash);
    if (!part || part.total !== chunk.total) {
      // nothing stored yet, or a part of other bytes claiming this address: only offset 0 (re)starts it
      if (chunk.offset !== 0) return { status: 'bad-offset', offset: 0 };
      q.dropChunks.run(hash);
      q.newPart.run(hash, chunk.total, chunk.mime, chunk.at);
      part = { total: chunk.total, mime: chunk.mime, received: 0 };
    }
    if (chunk.offset !== part.received) return { status: 'bad-offset', offset: part.received };
    if (chunk.data.byteLength > 0) q.putChunk.run(hash, chunk.offset, chunk.data);
    q.grow.run(chunk.data.byteLength, chunk.at, hash);
    return { status: 'stored', received: part.received + chunk.data.byteLength, total: part.total };
  });

  const complete = db.transaction((hash: string, at: number): CompleteResult => {
    const existing = q.meta.get(hash);
    if (existing) {
      dropPart(hash); // a leftover of a second upload of the same bytes
      return { status: 'existed', blob: toMeta(existing) };
    }
    const part = q.part.get(hash);
    if (!part || part.received !== part.total) return { status: 'incomplete', received: part?.received ?? 0 };
    const sha = createHash('sha256');
    for (const data of q.chunks.iterate(hash)) sha.update(data);
    if (sha.digest('hex') !== hash) {
      dropPart(hash);
      return { status: 'mismatch' };
    }
    q.promote.run(at, hash);
    dropPart(hash);
    return { status: 'created', blob: { hash, mime: part.mime, bytes: part.total, createdAt: at } };
  });

  const dropPartsBefore = db.transaction((cutoff: number) => q.staleParts.all(cutoff).filter(dropPart).length);

  let open = true;
  return {
    async head(hash): Promise<BlobHead> {
      const meta = q.meta.get(hash);
      if (meta) return { complete: true, blob: toMeta(meta) };
      return { complete: false, received: q.part.get(hash)?.received ?? 0 };
    },
    async read(hash): Promise<StoredBlob | null> {
      const row = q.blob.get(hash);
      return row ? { ...toMeta(row), data: row.data } : null;
    },
    async append(hash, chunk) {
      checkChunkFits(chunk);
      return append.immediate(hash, chunk);
    },
    async complete(hash, at) {
      return complete.immediate(hash, at);
    },
    async dropPartsBefore(cutoff) {
      return dropPartsBefore.immediate(cutoff);
    },
    async close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}
