import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteBlobStore } from './sqlite-store.ts';
import { runBlobStoreSuite } from './store-suite.ts';

runBlobStoreSuite('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bangqi-blobs-'));
  return { open: () => openSqliteBlobStore(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
});
