/**
 * The account store contract on the real PostgreSQL server (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), each case in a fresh schema that is dropped afterwards.
 * An unreachable server fails this file; it is never skipped.
 */
import { expect, it } from 'vitest';
import { openPostgresPersistence } from '../persistence/postgres.ts';
import { admin, DATABASE_URL, dropSchema, openInSchema, pgSuiteFactory, pgTestSchema, serverUp } from '../pg-test-schema.ts';
import { verifyChainSegment } from './audit-chain.ts';
import { openPostgresAccountStore } from './postgres-store.ts';
import { runAccountStoreSuite } from './store-suite.ts';

const freshSchema = () => pgTestSchema('bangqi_acct');
const open = (schema: string) => openInSchema(openPostgresAccountStore, schema);

runAccountStoreSuite('postgres', pgSuiteFactory('bangqi_acct', openPostgresAccountStore));

it('postgres: lives beside the doc store in one schema (both created at once), detail as text; refuses unsafe schema names', async () => {
  const schema = freshSchema();
  await serverUp();
  const [docs, accounts] = await Promise.all([
    openPostgresPersistence({ connectionString: DATABASE_URL, schema }),
    open(schema),
  ]);
  try {
    const { rows } = await admin.query<{ table_name: string }>(
      'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
      [schema],
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'access_changes', 'audit_log', 'docs', 'meta', 'org_version', 'refresh_tokens', 'secrets', 'snapshots', 'teams', 'tenants', 'updates', 'users',
    ]);
    const detail = { z: 1, a: { y: 2, b: 3 }, 中: '文' };
    await accounts.appendAudit([{ at: 1, actor: 'u-1', deviceId: 'd', action: 'login', docId: '', detail }]);
    const stored = await admin.query<{ detail: string }>(`SELECT detail FROM "${schema}".audit_log`);
    expect(stored.rows[0]!.detail).toBe(JSON.stringify(detail));
    expect(verifyChainSegment(await accounts.auditRange(0, 10), null)).toBeNull();
  } finally {
    await Promise.all([docs.close(), accounts.close()]);
    await dropSchema(schema);
  }
  await expect(open('x"; DROP')).rejects.toThrow(/schema/);
});

it('postgres: a schema from before reuse detection gets family and use columns; its tokens still work, each its own family', async () => {
  const schema = freshSchema();
  await serverUp();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.query(`CREATE TABLE "${schema}".refresh_tokens (token_hash text PRIMARY KEY, user_id text NOT NULL, device_id text NOT NULL, expires_at bigint NOT NULL)`);
  await admin.query(`INSERT INTO "${schema}".refresh_tokens VALUES ('h1', 'u-1', 'd', 4102444800000), ('h2', 'u-1', 'd', 4102444800000)`);
  try {
    await (await open(schema)).close(); // twice: the migration is idempotent
    const store = await open(schema);
    try {
      expect(await store.useRefreshToken('h1', 1)).toEqual({
        record: { tokenHash: 'h1', userId: 'u-1', deviceId: 'd', expiresAt: 4102444800000, familyId: 'h1' },
        usedBefore: null,
      });
      await store.revokeRefreshFamily('h1');
      expect((await store.useRefreshToken('h2', 1))?.record.familyId).toBe('h2');
    } finally {
      await store.close();
    }
  } finally {
    await dropSchema(schema);
  }
});

it('postgres: an append waits for another relay holding the audit lock, then chains after its entries', async () => {
  const schema = freshSchema();
  const store = await open(schema);
  const other = await admin.connect();
  try {
    await store.appendAudit([{ at: 1, actor: 'a', deviceId: '', action: 'login', docId: '', detail: {} }]);
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bangqi-audit:${schema}`]);
    let resolved = false;
    const pending = store
      .appendAudit([{ at: 2, actor: 'b', deviceId: '', action: 'logout', docId: '', detail: {} }])
      .then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 300));
    expect(resolved).toBe(false);
    await other.query('COMMIT');
    await pending;
    const log = await store.auditRange(0, 10);
    expect(log.map((e) => [e.id, e.actor])).toEqual([[1, 'a'], [2, 'b']]);
    expect(verifyChainSegment(log, null)).toBeNull();
  } finally {
    await other.query('ROLLBACK').catch(() => {});
    other.release();
    await store.close();
    await dropSchema(schema);
  }
});
