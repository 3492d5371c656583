/**
 * The one SQLite file every store of the relay keeps its tables in (DATA_DIR/bangqi.sqlite), opened with
 * the pragmas they all rely on: WAL + synchronous=FULL, so a write that resolved survives kill -9 and
 * power loss, and a busy timeout, so the stores' connections to the same file wait for each other.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const DB_FILE = 'bangqi.sqlite';

/** Opens (creating the folder and file when missing) DATA_DIR's database and runs `schema` in it. */
export function openSqliteDatabase(dataDir: string, schema: string): Database.Database {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  db.exec(schema);
  return db;
}
