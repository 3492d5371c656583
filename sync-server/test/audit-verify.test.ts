/**
 * `npm run audit:verify` as an operator runs it: a child process reading DATA_DIR, against a SQLite file
 * written through the account store and then edited behind the relay's back.
 */
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { auditHash } from '../src/accounts/audit-chain.ts';
import { openSqliteAccountStore } from '../src/accounts/sqlite-store.ts';
import type { AuditInput } from '../src/accounts/types.ts';
import { DB_FILE } from '../src/persistence/sqlite.ts';
import { removeTempDirs, tempDataDir } from './helpers.ts';

const root = join(import.meta.dirname, '../..');
const T0 = Date.UTC(2026, 2, 1);
/** more than one page of the script's walk (1000) */
const COUNT = 2345;

function runVerify(dataDir: string, viaNpm = false): Promise<{ code: number | null; out: string }> {
  const [cmd, args] = viaNpm
    ? ['npm', ['run', '--silent', 'audit:verify']]
    : [process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts']];
  const env = { ...process.env, DATA_DIR: dataDir, PERSISTENCE: 'sqlite', DATABASE_URL: '', PG_SCHEMA: '' };
  return new Promise((resolve) => {
    const child = execFile(cmd, args, { cwd: root, env }, (_err, stdout, stderr) =>
      resolve({ code: child.exitCode, out: stdout + stderr }),
    );
  });
}

const entry = (i: number): AuditInput => ({
  at: T0 + i * 1000,
  actor: `u-${i % 7}`,
  deviceId: `dev-${i % 3}`,
  action: i % 2 ? 'update-accepted' : 'login',
  docId: i % 2 ? `ent-${i % 50}` : '',
  detail: { bytes: 100 + i, ip: '10.0.0.1' },
});

let dir: string;
let db: Database.Database;
beforeEach(async () => {
  dir = tempDataDir();
  const store = openSqliteAccountStore(dir);
  const all = Array.from({ length: COUNT }, (_, i) => entry(i + 1));
  for (let i = 0; i < COUNT; i += 500) await store.appendAudit(all.slice(i, i + 500));
  await store.close();
  db = new Database(join(dir, DB_FILE));
});
afterEach(() => {
  db.close();
  removeTempDirs();
});

it('reports an intact log with its size and head, through the npm script', async () => {
  const head = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck().get(COUNT) as string;
  const { code, out } = await runVerify(dir, true);
  expect(out).toContain(`audit log OK: ${COUNT} entries, head ${head.slice(0, 16)}`);
  expect(code).toBe(0);
});

it('names the entry whose stored bytes were changed (actor, detail), past the first page', async () => {
  const actor = db.prepare('SELECT actor FROM audit_log WHERE id = 1700').pluck().get() as string;
  db.prepare('UPDATE audit_log SET actor = ? WHERE id = 1700').run(actor.replace('u-', 'v-'));
  let result = await runVerify(dir);
  expect(result.out).toContain('audit log TAMPERED at entry #1700: hash-mismatch');
  expect(result.out).toContain('1699 entries before it verified');
  expect(result.code).toBe(1);

  db.prepare('UPDATE audit_log SET actor = ? WHERE id = 1700').run(actor);
  expect((await runVerify(dir)).code).toBe(0);

  db.prepare(`UPDATE audit_log SET detail = replace(detail, '"bytes":105', '"bytes":106') WHERE id = 5`).run();
  result = await runVerify(dir);
  expect(result.out).toContain('audit log TAMPERED at entry #5: hash-mismatch');
  expect(result.code).toBe(1);
});

it('finds a removed middle entry (gap) and a rewritten entry whose hash was recomputed (broken link)', async () => {
  db.prepare('DELETE FROM audit_log WHERE id = 1200').run();
  let result = await runVerify(dir);
  expect(result.out).toContain('audit log TAMPERED at entry #1201: gap (expected entry #1200 next');
  expect(result.code).toBe(1);

  const restored = tempDataDir();
  const store = openSqliteAccountStore(restored);
  await store.appendAudit(Array.from({ length: 10 }, (_, i) => entry(i + 1)));
  const [original] = await store.auditRange(3, 1);
  await store.close();
  // a careful forger rewrites entry #4 and its hash, but cannot fix #5's link without rewriting the rest
  const { hash: _, ...forged } = { ...original!, actor: 'u-0' };
  const other = new Database(join(restored, DB_FILE));
  other.prepare('UPDATE audit_log SET actor = ?, hash = ? WHERE id = 4').run('u-0', auditHash(forged));
  other.close();
  result = await runVerify(restored);
  expect(result.out).toContain('audit log TAMPERED at entry #5: broken-link');
  expect(result.code).toBe(1);
});

it('exits 2 without creating anything when DATA_DIR holds no database', async () => {
  const empty = tempDataDir();
  const { code, out } = await runVerify(empty);
  expect(out).toContain('cannot open the audit log: no database at');
  expect(code).toBe(2);
  expect(existsSync(join(empty, DB_FILE))).toBe(false);
});
