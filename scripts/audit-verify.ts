// `npm run audit:verify`: walks the relay's whole audit log (same env as the relay: DATA_DIR, PERSISTENCE,
// DATABASE_URL, PG_SCHEMA) and checks every entry's hash and its link to the entry before it.
// Exit 0: intact. Exit 1: an entry was changed, removed or reordered (named in the output). Exit 2: the
// log could not be opened or read. A missing database (or PostgreSQL schema) is an error, never created.
import type { AuditEntry } from '@bangqi/shared';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { type ChainProblem, verifyChainSegment } from '../sync-server/src/accounts/audit-chain.ts';
import { openAccountStore } from '../sync-server/src/accounts/open-store.ts';
import type { AccountStore } from '../sync-server/src/accounts/types.ts';
import { configFromEnv, type RelayConfig } from '../sync-server/src/config.ts';
import { DB_FILE } from '../sync-server/src/persistence/sqlite.ts';

const PAGE = 1000;

class CannotOpen extends Error {}

/** Refuses a location that holds no audit log, so a mistyped DATA_DIR or PG_SCHEMA is not reported "OK: 0 entries". */
async function checkLogExists(config: RelayConfig): Promise<string> {
  if (config.storage === 'sqlite') {
    const file = join(config.dataDir, DB_FILE);
    if (!existsSync(file)) throw new CannotOpen(`no database at ${file} (set DATA_DIR)`);
    return file;
  }
  const where = `schema "${config.pgSchema}" of ${config.databaseUrl.replace(/:[^:@/]*@/, ':***@')}`;
  const client = new pg.Client({ connectionString: config.databaseUrl, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [`"${config.pgSchema}".audit_log`]);
    if (!rows[0]?.t) throw new CannotOpen(`no audit log in ${where} (set PG_SCHEMA)`);
  } finally {
    await client.end().catch(() => {});
  }
  return where;
}

function explain(problem: ChainProblem, prev: AuditEntry | null): string {
  switch (problem.problem) {
    case 'hash-mismatch':
      return 'hash-mismatch (the entry was changed after it was written)';
    case 'broken-link':
      return `broken-link (its prevHash is not the hash of entry #${prev?.id ?? 0}: an entry was replaced or reordered)`;
    case 'gap':
      return `gap (expected entry #${(prev?.id ?? 0) + 1} next: entries were removed)`;
  }
}

const describe = (e: AuditEntry) =>
  `${new Date(e.at).toISOString()} actor=${JSON.stringify(e.actor)} action=${e.action}${e.docId ? ` doc=${e.docId}` : ''}`;

async function verify(store: AccountStore): Promise<number> {
  let prev: AuditEntry | null = null;
  let checked = 0;
  for (;;) {
    const page = await store.auditRange(prev?.id ?? 0, PAGE);
    if (page.length === 0) break;
    const problem = verifyChainSegment(page, prev);
    if (problem) {
      const bad = page.find((e) => e.id === problem.id)!;
      const verified = checked + page.indexOf(bad);
      console.log(`audit log TAMPERED at entry #${problem.id}: ${explain(problem, page[page.indexOf(bad) - 1] ?? prev)}`);
      console.log(`  entry #${bad.id}: ${describe(bad)}`);
      console.log(`  ${verified} ${verified === 1 ? 'entry' : 'entries'} before it verified`);
      return 1;
    }
    checked += page.length;
    prev = page[page.length - 1]!;
  }
  console.log(
    prev ? `audit log OK: ${checked} entries, head ${prev.hash.slice(0, 16)}` : 'audit log OK: 0 entries (the log is empty)',
  );
  return 0;
}

async function main(): Promise<number> {
  let store: AccountStore;
  let where: string;
  try {
    const config = configFromEnv();
    where = await checkLogExists(config);
    store = await openAccountStore(config);
  } catch (err) {
    console.error(`audit:verify cannot open the audit log: ${(err as Error).message}`);
    return 2;
  }
  console.log(`verifying the audit log in ${where}`);
  try {
    return await verify(store);
  } catch (err) {
    console.error(`audit:verify cannot read the audit log: ${(err as Error).message}`);
    return 2;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
