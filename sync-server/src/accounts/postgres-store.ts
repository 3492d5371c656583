/**
 * AccountStore on PostgreSQL: its own small pg Pool, tables in the doc store's schema (PG_SCHEMA).
 * Audit details are stored as TEXT, not jsonb: jsonb reorders keys, and the hash covers the text as written.
 * Several relays may share the database: audit appends serialize on a transaction-scoped advisory lock,
 * so they still form one chain, and schema creation takes the same lock the doc store takes for its own.
 */
import { num, openPgPool, type PgStoreOptions } from '../pg.ts';
import { auditPageSize, chainEntries } from './audit-chain.ts';
import { auditQuery, type AuditRow, type TeamRow, toEntry, toTeam, toUser, type UserColumns } from './rows.ts';
import {
  type AccessChange,
  AccountConflictError,
  AccountNotFoundError,
  type AccountStore,
  type AuditFilter,
  type AuditInput,
  type StoredUser,
} from './types.ts';

const schemaSql = (s: string) => `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.users (
  pos bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  username text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL,
  team_ids text[] NOT NULL,
  department text NOT NULL,
  disabled boolean NOT NULL,
  phone text,
  password_hash text NOT NULL,
  created_at bigint NOT NULL,
  updated_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS ${s}.teams (
  pos bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  name text NOT NULL UNIQUE,
  kind text NOT NULL,
  scope text NOT NULL,
  lead_id text
);
CREATE TABLE IF NOT EXISTS ${s}.org_version (one integer PRIMARY KEY CHECK (one = 1), version bigint NOT NULL);
INSERT INTO ${s}.org_version (one, version) VALUES (1, 1) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS ${s}.refresh_tokens (
  token_hash text PRIMARY KEY,
  user_id text NOT NULL,
  device_id text NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_user ON ${s}.refresh_tokens (user_id);
-- reuse detection (added later: databases created before get the columns here; an older token is a family of its own)
ALTER TABLE ${s}.refresh_tokens ADD COLUMN IF NOT EXISTS family_id text NOT NULL DEFAULT '';
ALTER TABLE ${s}.refresh_tokens ADD COLUMN IF NOT EXISTS used_at bigint;
UPDATE ${s}.refresh_tokens SET family_id = token_hash WHERE family_id = '';
CREATE INDEX IF NOT EXISTS refresh_tokens_by_family ON ${s}.refresh_tokens (family_id);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_expiry ON ${s}.refresh_tokens (expires_at);
CREATE TABLE IF NOT EXISTS ${s}.secrets (name text PRIMARY KEY, value text NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.audit_log (
  id bigint PRIMARY KEY,
  at bigint NOT NULL,
  actor text NOT NULL,
  device_id text NOT NULL,
  action text NOT NULL,
  doc_id text NOT NULL,
  detail text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_actor ON ${s}.audit_log (actor, id);
CREATE INDEX IF NOT EXISTS audit_by_action ON ${s}.audit_log (action, id);
CREATE INDEX IF NOT EXISTS audit_by_doc ON ${s}.audit_log (doc_id, id);
CREATE INDEX IF NOT EXISTS audit_by_at ON ${s}.audit_log (at);
CREATE TABLE IF NOT EXISTS ${s}.access_changes (
  user_id text NOT NULL,
  doc_id text NOT NULL,
  seq bigint NOT NULL,
  readable boolean NOT NULL,
  PRIMARY KEY (user_id, doc_id)
);
CREATE INDEX IF NOT EXISTS access_changes_by_seq ON ${s}.access_changes (user_id, seq);
`;

interface UserRow extends UserColumns {
  team_ids: string[];
  disabled: boolean;
}

const userFromRow = (r: UserRow) => toUser(r, r.team_ids, r.disabled);
const userValues = (u: StoredUser) => [
  u.id,
  u.username.toLowerCase(),
  u.name,
  u.role,
  u.teamIds,
  u.department,
  u.disabled,
  u.phone ?? null,
  u.passwordHash,
  u.createdAt,
  u.updatedAt,
];

const isUniqueViolation = (err: unknown) => (err as { code?: unknown } | null)?.code === '23505';

export async function openPostgresAccountStore(options: PgStoreOptions): Promise<AccountStore> {
  const { pool, schema, s, tx } = await openPgPool({
    ...options,
    defaultMaxConnections: 4, // account traffic is light next to doc traffic
    applicationName: 'bangqi-relay-accounts',
    schemaSql,
  });

  /** A user/team write and the org version bump commit together; a UNIQUE violation is a conflict. */
  async function orgWrite(what: string, sql: string, values: unknown[]): Promise<number> {
    try {
      return await tx(async (c) => {
        const { rowCount } = await c.query(sql, values);
        if (rowCount) await c.query(`UPDATE ${s}.org_version SET version = version + 1`);
        return rowCount ?? 0;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new AccountConflictError(`${what} already exists`);
      throw err;
    }
  }

  let open = true;
  return {
    async listUsers() {
      const { rows } = await pool.query<UserRow>(`SELECT * FROM ${s}.users ORDER BY pos`);
      return rows.map(userFromRow);
    },
    async findUserByUsername(username) {
      const { rows } = await pool.query<UserRow>(`SELECT * FROM ${s}.users WHERE username = $1`, [username.toLowerCase()]);
      return rows[0] ? userFromRow(rows[0]) : null;
    },
    async createUser(user) {
      await orgWrite(
        `user ${user.id} / ${user.username}`,
        `INSERT INTO ${s}.users (id, username, name, role, team_ids, department, disabled, phone, password_hash,
           created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        userValues(user),
      );
    },
    async updateUser(user) {
      const changed = await orgWrite(
        `username ${user.username}`,
        `UPDATE ${s}.users SET username = $2, name = $3, role = $4, team_ids = $5, department = $6, disabled = $7,
           phone = $8, password_hash = $9, created_at = $10, updated_at = $11 WHERE id = $1`,
        userValues(user),
      );
      if (changed === 0) throw new AccountNotFoundError(`no user ${user.id}`);
    },
    async listTeams() {
      const { rows } = await pool.query<TeamRow>(`SELECT id, name, kind, scope, lead_id FROM ${s}.teams ORDER BY pos`);
      return rows.map(toTeam);
    },
    async createTeam(t) {
      await orgWrite(
        `team ${t.id} / ${t.name}`,
        `INSERT INTO ${s}.teams (id, name, kind, scope, lead_id) VALUES ($1, $2, $3, $4, $5)`,
        [t.id, t.name, t.kind, t.scope, t.leadId],
      );
    },
    async updateTeam(t) {
      const changed = await orgWrite(
        `team name ${t.name}`,
        `UPDATE ${s}.teams SET name = $2, kind = $3, scope = $4, lead_id = $5 WHERE id = $1`,
        [t.id, t.name, t.kind, t.scope, t.leadId],
      );
      if (changed === 0) throw new AccountNotFoundError(`no team ${t.id}`);
    },
    async orgVersion() {
      const { rows } = await pool.query<{ version: string }>(`SELECT version FROM ${s}.org_version`);
      return num(rows[0]!.version);
    },

    async saveRefreshToken(r, now) {
      await pool.query(`DELETE FROM ${s}.refresh_tokens WHERE expires_at <= $1`, [now]);
      await pool.query(
        `INSERT INTO ${s}.refresh_tokens (token_hash, user_id, device_id, expires_at, family_id, used_at)
         VALUES ($1, $2, $3, $4, $5, NULL) ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id,
           device_id = excluded.device_id, expires_at = excluded.expires_at, family_id = excluded.family_id, used_at = NULL`,
        [r.tokenHash, r.userId, r.deviceId, r.expiresAt, r.familyId],
      );
    },
    async useRefreshToken(tokenHash, now) {
      // the row lock makes a concurrent second use wait, then read the first one's used_at
      const { rows } = await pool.query<{ user_id: string; device_id: string; expires_at: string; family_id: string; used_before: string | null }>(
        `WITH prev AS (SELECT token_hash, used_at FROM ${s}.refresh_tokens WHERE token_hash = $1 FOR UPDATE)
         UPDATE ${s}.refresh_tokens t SET used_at = COALESCE(prev.used_at, $2) FROM prev WHERE t.token_hash = prev.token_hash
         RETURNING t.user_id, t.device_id, t.expires_at, t.family_id, prev.used_at AS used_before`,
        [tokenHash, now],
      );
      const row = rows[0];
      if (!row) return null;
      const record = { tokenHash, userId: row.user_id, deviceId: row.device_id, expiresAt: num(row.expires_at), familyId: row.family_id };
      return { record, usedBefore: row.used_before === null ? null : num(row.used_before) };
    },
    async revokeRefreshFamily(familyId) {
      await pool.query(`DELETE FROM ${s}.refresh_tokens WHERE family_id = $1`, [familyId]);
    },
    async revokeRefreshTokens(userId, keepHash) {
      await pool.query(`DELETE FROM ${s}.refresh_tokens WHERE user_id = $1 AND token_hash IS DISTINCT FROM $2`, [
        userId,
        keepHash ?? null,
      ]);
    },

    async secret(name, create) {
      const read = () => pool.query<{ value: string }>(`SELECT value FROM ${s}.secrets WHERE name = $1`, [name]);
      const stored = (await read()).rows[0];
      if (stored) return stored.value;
      // another relay may create it at the same moment: the first insert wins, both read that one
      await pool.query(`INSERT INTO ${s}.secrets (name, value) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [name, create()]);
      return (await read()).rows[0]!.value;
    },

    async appendAudit(inputs: readonly AuditInput[]) {
      if (inputs.length === 0) return;
      await tx(async (c) => {
        await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`bangqi-audit:${schema}`]);
        const { rows } = await c.query<{ id: string; hash: string }>(`SELECT id, hash FROM ${s}.audit_log ORDER BY id DESC LIMIT 1`);
        const last = rows[0] ? { id: num(rows[0].id), hash: rows[0].hash } : null;
        const chained = chainEntries(inputs, last);
        const column = <T>(pick: (x: (typeof chained)[number]) => T) => chained.map(pick);
        await c.query(
          `INSERT INTO ${s}.audit_log (id, at, actor, device_id, action, doc_id, detail, prev_hash, hash)
           SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
             $8::text[], $9::text[])`,
          [
            column((x) => x.entry.id),
            column((x) => x.entry.at),
            column((x) => x.entry.actor),
            column((x) => x.entry.deviceId),
            column((x) => x.entry.action),
            column((x) => x.entry.docId),
            column((x) => x.detailText),
            column((x) => x.entry.prevHash),
            column((x) => x.entry.hash),
          ],
        );
      });
    },
    async queryAudit(filter: AuditFilter) {
      const limit = auditPageSize(filter.limit);
      const { where, params, limitPlaceholder } = auditQuery(filter, (n) => `$${n}`);
      // one row more than asked tells whether an older page exists
      const { rows } = await pool.query<AuditRow>(
        `SELECT * FROM ${s}.audit_log ${where} ORDER BY id DESC LIMIT ${limitPlaceholder}`,
        [...params, limit + 1],
      );
      const entries = rows.slice(0, limit).map(toEntry);
      return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1]!.id : null };
    },
    async auditRange(afterId, limit) {
      const { rows } = await pool.query<AuditRow>(`SELECT * FROM ${s}.audit_log WHERE id > $1 ORDER BY id LIMIT $2`, [
        afterId,
        limit,
      ]);
      return rows.map(toEntry);
    },

    async recordAccessChanges(changes: readonly AccessChange[]) {
      if (changes.length === 0) return;
      // one row per (user, doc) per statement (ON CONFLICT may touch a row only once): the last one wins
      const latest = [...new Map(changes.map((c) => [`${c.userId}\u0000${c.docId}`, c])).values()];
      await pool.query(
        `INSERT INTO ${s}.access_changes (user_id, doc_id, seq, readable)
         SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::boolean[])
         ON CONFLICT (user_id, doc_id) DO UPDATE SET seq = excluded.seq, readable = excluded.readable`,
        [latest.map((c) => c.userId), latest.map((c) => c.docId), latest.map((c) => c.seq), latest.map((c) => c.readable)],
      );
    },
    async accessChangesSince(userId, seq) {
      const { rows } = await pool.query<{ doc_id: string; seq: string; readable: boolean }>(
        `SELECT doc_id, seq, readable FROM ${s}.access_changes WHERE user_id = $1 AND seq >= $2
         ORDER BY seq, doc_id COLLATE "C"`,
        [userId, seq],
      );
      return rows.map((r) => ({ userId, docId: r.doc_id, seq: num(r.seq), readable: r.readable }));
    },

    async close() {
      if (!open) return;
      open = false;
      await pool.end();
    },
  };
}
