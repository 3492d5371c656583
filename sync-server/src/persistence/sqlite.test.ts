import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runPersistenceSuite } from './adapter-suite.ts';
import { DB_FILE, openSqlitePersistence } from './sqlite.ts';

runPersistenceSuite('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bangqi-sqlite-'));
  return { open: () => openSqlitePersistence(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
});

it('sqlite: creates DATA_DIR and the database file in WAL mode', async () => {
  const dir = join(mkdtempSync(join(tmpdir(), 'bangqi-sqlite-')), 'nested', 'data');
  const store = openSqlitePersistence(dir);
  await store.appendUpdate('ent-x', new Uint8Array([0, 0]), '');
  expect(existsSync(join(dir, DB_FILE))).toBe(true);
  expect(existsSync(join(dir, `${DB_FILE}-wal`))).toBe(true);
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});
