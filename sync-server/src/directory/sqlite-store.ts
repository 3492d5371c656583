/**
 * DirectoryStore on SQLite: its own connection to the doc store's file (DATA_DIR/bangqi.sqlite), same
 * pragmas. better-sqlite3 is synchronous, so a commit is one BEGIN IMMEDIATE transaction that nothing else
 * in this process can interleave with, and a crash mid-commit leaves the directory as it was.
 */
import type { DirectoryCommitResult, DirectoryEntity, DirectoryRow } from '@bangqi/shared';
import { openSqliteDatabase } from '../sqlite-db.ts';
import { type EntityRow, type ImportRow, toEntity, toImport, toRecord } from './rows.ts';
import {
  type DirectoryStore,
  ImportClosedError,
  ImportNotFoundError,
  type ImportSession,
  type MergeCounts,
  type NewImportSession,
  ROW_FIELDS,
} from './types.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS directory (
  uscc TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  former_names TEXT NOT NULL,
  legal_rep TEXT NOT NULL,
  address TEXT NOT NULL,
  established_on TEXT NOT NULL,
  registered_capital TEXT NOT NULL,
  industry TEXT NOT NULL,
  town TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS directory_by_version ON directory (version, uscc);
CREATE TABLE IF NOT EXISTS directory_version (one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL);
INSERT OR IGNORE INTO directory_version (one, version) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS directory_imports (
  id TEXT PRIMARY KEY,
  file_name TEXT NOT NULL,
  total_rows INTEGER NOT NULL,
  total_chunks INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  result TEXT
);
CREATE TABLE IF NOT EXISTS directory_import_chunks (
  import_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  rows TEXT NOT NULL,
  PRIMARY KEY (import_id, n)
);
`;

const rowParams = (r: DirectoryRow, version: number, at: number) => ({ ...toRecord(r), version, updated_at: at });

function sameFields(stored: DirectoryEntity, row: DirectoryRow): boolean {
  return ROW_FIELDS.every((f) =>
    f === 'formerNames' ? JSON.stringify(stored.formerNames) === JSON.stringify(row.formerNames) : stored[f] === row[f],
  );
}

export function openSqliteDirectoryStore(dataDir: string): DirectoryStore {
  const db = openSqliteDatabase(dataDir, SCHEMA);

  const q = {
    insertImport: db.prepare(`INSERT INTO directory_imports (id, file_name, total_rows, total_chunks, created_by, created_at, status, result)
      VALUES (@id, @fileName, @totalRows, @totalChunks, @createdBy, @createdAt, 'open', NULL)`),
    getImport: db.prepare<[string], ImportRow>('SELECT * FROM directory_imports WHERE id = ?'),
    chunkNumbers: db.prepare<[string], number>('SELECT n FROM directory_import_chunks WHERE import_id = ? ORDER BY n').pluck(),
    chunks: db.prepare<[string], { n: number; rows: string }>('SELECT n, rows FROM directory_import_chunks WHERE import_id = ? ORDER BY n'),
    putChunk: db.prepare(`INSERT INTO directory_import_chunks (import_id, n, rows) VALUES (?, ?, ?)
      ON CONFLICT (import_id, n) DO UPDATE SET rows = excluded.rows`),
    dropChunks: db.prepare('DELETE FROM directory_import_chunks WHERE import_id = ?'),
    dropImport: db.prepare('DELETE FROM directory_imports WHERE id = ?'),
    oldImports: db.prepare<[number], string>('SELECT id FROM directory_imports WHERE created_at < ?').pluck(),
    markCommitted: db.prepare("UPDATE directory_imports SET status = 'committed', result = ? WHERE id = ?"),
    head: db.prepare<[], number>('SELECT version FROM directory_version').pluck(),
    setHead: db.prepare('UPDATE directory_version SET version = ?'),
    row: db.prepare<[string], EntityRow>('SELECT * FROM directory WHERE uscc = ?'),
    insertRow: db.prepare(`INSERT INTO directory (uscc, name, former_names, legal_rep, address, established_on,
      registered_capital, industry, town, status, version, updated_at) VALUES (@uscc, @name, @former_names, @legal_rep,
      @address, @established_on, @registered_capital, @industry, @town, @status, @version, @updated_at)`),
    updateRow: db.prepare(`UPDATE directory SET name = @name, former_names = @former_names, legal_rep = @legal_rep,
      address = @address, established_on = @established_on, registered_capital = @registered_capital,
      industry = @industry, town = @town, status = @status, version = @version, updated_at = @updated_at
      WHERE uscc = @uscc`),
    deltaAfterVersion: db.prepare<[number, number], EntityRow>('SELECT * FROM directory WHERE version > ? ORDER BY version, uscc LIMIT ?'),
    deltaAfterRow: db.prepare<[number, string, number], EntityRow>(
      'SELECT * FROM directory WHERE (version, uscc) > (?, ?) ORDER BY version, uscc LIMIT ?',
    ),
    count: db.prepare<[], number>('SELECT count(*) FROM directory').pluck(),
  };

  function readImport(id: string): ImportSession | null {
    const r = q.getImport.get(id);
    if (!r) return null;
    return toImport(r, q.chunkNumbers.all(id));
  }

  function merge(rows: readonly DirectoryRow[], at: number): MergeCounts & { version: number } {
    const head = q.head.get()!;
    const next = head + 1;
    const counts: MergeCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const row of rows) {
      const stored = q.row.get(row.uscc);
      if (!stored) {
        q.insertRow.run(rowParams(row, next, at));
        counts.inserted++;
      } else if (sameFields(toEntity(stored), row)) {
        counts.unchanged++;
      } else {
        q.updateRow.run(rowParams(row, next, at));
        counts.updated++;
      }
    }
    const changed = counts.inserted + counts.updated > 0;
    if (changed) q.setHead.run(next);
    return { ...counts, version: changed ? next : head };
  }

  const commit = db.transaction((id: string, at: number, prepare: Parameters<DirectoryStore['commitImport']>[2]) => {
    const session = readImport(id);
    if (!session) throw new ImportNotFoundError(`no import ${id}`);
    if (session.status === 'committed') return session.result!;
    const chunks = q.chunks.all(id).map((c) => ({ n: c.n, rows: JSON.parse(c.rows) as unknown[] }));
    const prepared = prepare(session, chunks);
    const result: DirectoryCommitResult = { ...merge(prepared.rows, at), rejected: prepared.rejected };
    q.dropChunks.run(id);
    q.markCommitted.run(JSON.stringify(result), id);
    return result;
  });
  const put = db.transaction((id: string, n: number, rows: string) => {
    const session = q.getImport.get(id);
    if (!session) throw new ImportNotFoundError(`no import ${id}`);
    if (session.status !== 'open') throw new ImportClosedError(`import ${id} is ${session.status}`);
    q.putChunk.run(id, n, rows);
  });
  const drop = db.transaction((id: string) => {
    q.dropChunks.run(id);
    return q.dropImport.run(id).changes > 0;
  });
  const dropBefore = db.transaction((cutoff: number) => {
    const ids = q.oldImports.all(cutoff);
    for (const id of ids) drop(id);
    return ids.length;
  });
  const delta = db.transaction((since: number, after: string | null, limit: number) => {
    const rows = after === null ? q.deltaAfterVersion.all(since, limit) : q.deltaAfterRow.all(since, after, limit);
    return { rows: rows.map(toEntity), version: q.head.get()! };
  });

  let open = true;
  return {
    async createImport(session: NewImportSession) {
      q.insertImport.run(session);
    },
    async getImport(id) {
      return readImport(id);
    },
    async putChunk(id, n, rows) {
      put(id, n, JSON.stringify(rows));
    },
    async commitImport(id, at, prepare) {
      return commit.immediate(id, at, prepare);
    },
    async dropImport(id) {
      return drop(id);
    },
    async dropImportsBefore(cutoff) {
      return dropBefore(cutoff);
    },
    async delta(since, after, limit) {
      return delta(since, after, limit);
    },
    async stats() {
      return { rows: q.count.get()!, version: q.head.get()! };
    },
    async close() {
      if (!open) return;
      open = false;
      db.close();
    },
  };
}
