import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DB_FILE, openSqlitePersistence } from '../persistence/sqlite.ts';
import { openSqliteAccountStore } from './sqlite-store.ts';
import { runAccountStoreSuite } from './store-suite.ts';

runAccountStoreSuite('sqlite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bangqi-accounts-'));
  return { open: () => openSqliteAccountStore(dir), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
});

it('sqlite: shares the doc store file (WAL) without touching its tables', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bangqi-accounts-'));
  try {
    const docs = openSqlitePersistence(dir);
    const accounts = openSqliteAccountStore(dir);
    await docs.appendUpdate('ent-x', new Uint8Array([0, 0]), '');
    await accounts.appendAudit([{ at: 1, actor: '', deviceId: '', action: 'login', docId: '', detail: {} }]);
    expect(await docs.headSeq()).toBe(1);
    await Promise.all([docs.close(), accounts.close()]);

    const db = new Database(join(dir, DB_FILE), { readonly: true });
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['access_changes', 'audit_log', 'docs', 'org_version', 'refresh_tokens', 'secrets', 'teams', 'updates', 'users']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('sqlite: a database from before reuse detection gets family and use columns; its tokens still work, each its own family', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'bangqi-accounts-'));
  try {
    const old = new Database(join(dir, DB_FILE));
    old.exec(`CREATE TABLE refresh_tokens (token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL, device_id TEXT NOT NULL, expires_at INTEGER NOT NULL);
      INSERT INTO refresh_tokens VALUES ('h1', 'u-1', 'd', 4102444800000), ('h2', 'u-1', 'd', 4102444800000);`);
    old.close();
    for (let open = 0; open < 2; open++) {
      const store = openSqliteAccountStore(dir); // twice: the migration runs once
      await store.close();
    }
    const store = openSqliteAccountStore(dir);
    expect(await store.useRefreshToken('h1', 1)).toEqual({
      record: { tokenHash: 'h1', userId: 'u-1', deviceId: 'd', expiresAt: 4102444800000, familyId: 'h1' },
      usedBefore: null,
    });
    await store.revokeRefreshFamily('h1');
    expect((await store.useRefreshToken('h2', 1))?.record.familyId).toBe('h2');
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
