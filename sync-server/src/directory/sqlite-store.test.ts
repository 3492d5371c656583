import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteDirectoryStore } from './sqlite-store.ts';
import { runDirectoryStoreSuite } from './store-suite.ts';

runDirectoryStoreSuite('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bangqi-directory-'));
  return { open: () => openSqliteDirectoryStore(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
});
