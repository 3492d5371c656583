/**
 * AccountStore on SQLite: its own connection to the doc store's file (DATA_DIR/bangqi.sqlite), same
 * pragmas (WAL, synchronous=FULL), so a resolved write survives a crash like an acked doc update does.
 * better-sqlite3 is synchronous, so every method is one atomic step in this process; audit appends take
 * the write lock up front (BEGIN IMMEDIATE) so another process on the file cannot fork the chain.
 */
import type { Team } from '@bangqi/shared';
import type Database from 'better-sqlite3';
import { openSqliteDatabase } from '../sqlite-db.ts';
import { auditPageSize, chainEntries } from './audit-chain.ts';
import { auditQuery, type AuditRow, type TeamRow, toEntry, toTeam, toUser, type UserColumns } from './rows.ts';
import {
  type AccessChange,
  AccountConflictError,
  AccountNotFoundError,
  type AccountStore,
  type AuditFilter,
  type AuditInput,
  type RefreshTokenRecord,
  type StoredUser,
  type UsedRefreshToken,
} from './types.ts';

interface TokenRow {
  token_hash: string;
  user_id: string;
  device_id: string;
  expires_at: number;
  family_id: string;
  used_at: number | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS users (
  pos INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  username TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  team_ids TEXT NOT NULL,
  department TEXT NOT NULL,
  disabled INTEGER NOT NULL,
  phone TEXT,
  password_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS teams (
  pos INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  scope TEXT NOT NULL,
  lead_id TEXT
);
CREATE TABLE IF NOT EXISTS org_version (one INTEGER PRIMARY KEY CHECK (one = 1), version INTEGER NOT NULL);
INSERT OR IGNORE INTO org_version (one, version) VALUES (1, 1);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  family_id TEXT NOT NULL DEFAULT '',
  used_at INTEGER
);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_user ON refresh_tokens (user_id);
CREATE TABLE IF NOT EXISTS secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  device_id TEXT NOT NULL,
  action TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_by_actor ON audit_log (actor, id);
CREATE INDEX IF NOT EXISTS audit_by_action ON audit_log (action, id);
CREATE INDEX IF NOT EXISTS audit_by_doc ON audit_log (doc_id, id);
CREATE INDEX IF NOT EXISTS audit_by_at ON audit_log (at);
CREATE TABLE IF NOT EXISTS access_changes (
  user_id TEXT NOT NULL,
  doc_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  readable INTEGER NOT NULL,
  PRIMARY KEY (user_id, doc_id)
);
CREATE INDEX IF NOT EXISTS access_changes_by_seq ON access_changes (user_id, seq);
`;

interface UserRow extends UserColumns {
  team_ids: string;
  disabled: number;
}

const userFromRow = (r: UserRow) => toUser(r, JSON.parse(r.team_ids) as string[], r.disabled !== 0);
const userParams = (u: StoredUser) => ({
  id: u.id,
  username: u.username.toLowerCase(),
  name: u.name,
  role: u.role,
  team_ids: JSON.stringify(u.teamIds),
  department: u.department,
  disabled: u.disabled ? 1 : 0,
  phone: u.phone ?? null,
  password_hash: u.passwordHash,
  created_at: u.createdAt,
  updated_at: u.updatedAt,
});

const isUniqueViolation = (err: unknown) => {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
};

/** Runs a write, turning a UNIQUE/PRIMARY KEY violation into AccountConflictError. */
function unique<T>(what: string, write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AccountConflictError(`${what} already exists`);
    throw err;
  }
}

/**
 * Databases created before reuse detection lack family_id and used_at: add them (SQLite has no ADD
 * COLUMN IF NOT EXISTS). A token stored then is a family of its own.
 */
function migrateRefreshTokens(db: Database.Database): void {
  const columns = new Set((db.prepare('PRAGMA table_info(refresh_tokens)').all() as { name: string }[]).map((c) => c.name));
  db.transaction(() => {
    if (!columns.has('family_id')) db.exec("ALTER TABLE refresh_tokens ADD COLUMN family_id TEXT NOT NULL DEFAULT ''");
    if (!columns.has('used_at')) db.exec('ALTER TABLE refresh_tokens ADD COLUMN used_at INTEGER');
    db.exec(`UPDATE refresh_tokens SET family_id = token_hash WHERE family_id = '';
      CREATE INDEX IF NOT EXISTS refresh_tokens_by_family ON refresh_tokens (family_id);
      CREATE INDEX IF NOT EXISTS refresh_tokens_by_expiry ON refresh_tokens (expires_at);`);
  }).immediate();
}

export function openSqliteAccountStore(dataDir: string): AccountStore {
  const db = openSqliteDatabase(dataDir, SCHEMA);
  migrateRefreshTokens(db);

  const q = {
    users: db.prepare('SELECT * FROM users ORDER BY pos'),
    userByName: db.prepare('SELECT * FROM users WHERE username = ?'),
    insertUser: db.prepare(`INSERT INTO users (id, username, name, role, team_ids, department, disabled, phone,
      password_hash, created_at, updated_at) VALUES (@id, @username, @name, @role, @team_ids, @department, @disabled,
      @phone, @password_hash, @created_at, @updated_at)`),
    updateUser: db.prepare(`UPDATE users SET username = @username, name = @name, role = @role, team_ids = @team_ids,
      department = @department, disabled = @disabled, phone = @phone, password_hash = @password_hash,
      created_at = @created_at, updated_at = @updated_at WHERE id = @id`),
    teams: db.prepare('SELECT * FROM teams ORDER BY pos'),
    insertTeam: db.prepare('INSERT INTO teams (id, name, kind, scope, lead_id) VALUES (?, ?, ?, ?, ?)'),
    updateTeam: db.prepare('UPDATE teams SET name = ?, kind = ?, scope = ?, lead_id = ? WHERE id = ?'),
    orgVersion: db.prepare('SELECT version FROM org_version').pluck(),
    bumpOrg: db.prepare('UPDATE org_version SET version = version + 1'),
    saveToken: db.prepare(`INSERT INTO refresh_tokens (token_hash, user_id, device_id, expires_at, family_id, used_at)
      VALUES (?, ?, ?, ?, ?, NULL) ON CONFLICT (token_hash) DO UPDATE SET user_id = excluded.user_id,
      device_id = excluded.device_id, expires_at = excluded.expires_at, family_id = excluded.family_id, used_at = NULL`),
    dropExpiredTokens: db.prepare('DELETE FROM refresh_tokens WHERE expires_at <= ?'),
    token: db.prepare('SELECT * FROM refresh_tokens WHERE token_hash = ?'),
    markTokenUsed: db.prepare('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL'),
    revokeFamily: db.prepare('DELETE FROM refresh_tokens WHERE family_id = ?'),
    revokeTokens: db.prepare('DELETE FROM refresh_tokens WHERE user_id = ? AND token_hash IS NOT ?'),
    putSecret: db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)'),
    secret: db.prepare('SELECT value FROM secrets WHERE name = ?').pluck(),
    lastAudit: db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1'),
    insertAudit: db.prepare(`INSERT INTO audit_log (id, at, actor, device_id, action, doc_id, detail, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    auditRange: db.prepare('SELECT * FROM audit_log WHERE id > ? ORDER BY id LIMIT ?'),
    upsertAccess: db.prepare(`INSERT INTO access_changes (user_id, doc_id, seq, readable) VALUES (?, ?, ?, ?)
      ON CONFLICT (user_id, doc_id) DO UPDATE SET seq = excluded.seq, readable = excluded.readable`),
    accessSince: db.prepare(`SELECT user_id, doc_id, seq, readable FROM access_changes
      WHERE user_id = ? AND seq >= ? ORDER BY seq, doc_id`),
  };

  /** A user/team write and the org version bump commit together. */
  const orgWrite = <A extends unknown[]>(fn: (...args: A) => void) =>
    db.transaction((...args: A) => {
      fn(...args);
      q.bumpOrg.run();
    });
  const createUser = orgWrite((u: StoredUser) => unique(`user ${u.id} / ${u.username}`, () => q.insertUser.run(userParams(u))));
  const updateUser = orgWrite((u: StoredUser) => {
    const { changes } = unique(`username ${u.username}`, () => q.updateUser.run(userParams(u)));
    if (changes === 0) throw new AccountNotFoundError(`no user ${u.id}`);
  });
  const createTeam = orgWrite((t: Team) =>
    unique(`team ${t.id} / ${t.name}`, () => q.insertTeam.run(t.id, t.name, t.kind, t.scope, t.leadId)),
  );
  const updateTeam = orgWrite((t: Team) => {
    const { changes } = unique(`team name ${t.name}`, () => q.updateTeam.run(t.name, t.kind, t.scope, t.leadId, t.id));
    if (changes === 0) throw new AccountNotFoundError(`no team ${t.id}`);
  });
  const appendAudit = db.transaction((inputs: readonly AuditInput[]) => {
    const last = (q.lastAudit.get() as { id: number; hash: string } | undefined) ?? null;
    for (const { entry: e, detailText } of chainEntries(inputs, last)) {
      q.insertAudit.run(e.id, e.at, e.actor, e.deviceId, e.action, e.docId, detailText, e.prevHash, e.hash);
    }
  });
  const saveToken = db.transaction((r: RefreshTokenRecord, now: number) => {
    q.dropExpiredTokens.run(now);
    q.saveToken.run(r.tokenHash, r.userId, r.deviceId, r.expiresAt, r.familyId);
  });
  const useToken = db.transaction((tokenHash: string, now: number): UsedRefreshToken | null => {
    const row = q.token.get(tokenHash) as TokenRow | undefined;
    if (!row) return null;
    if (row.used_at === null) q.markTokenUsed.run(now, tokenHash);
    const record = { tokenHash: row.token_hash, userId: row.user_id, deviceId: row.device_id, expiresAt: row.expires_at, familyId: row.family_id };
    return { record, usedBefore: row.used_at };
  });
  const recordAccess = db.transaction((changes: readonly AccessChange[]) => {
    for (const c of changes) q.upsertAccess.run(c.userId, c.docId, c.seq, c.readable ? 1 : 0);
  });

  return {
    async listUsers() {
      return (q.users.all() as UserRow[]).map(userFromRow);
    },
    async findUserByUsername(username) {
      const row = q.userByName.get(username.toLowerCase()) as UserRow | undefined;
      return row ? userFromRow(row) : null;
    },
    async createUser(user) {
      createUser(user);
    },
    async updateUser(user) {
      updateUser(user);
    },
    async listTeams() {
      return (q.teams.all() as TeamRow[]).map(toTeam);
    },
    async createTeam(team) {
      createTeam(team);
    },
    async updateTeam(team) {
      updateTeam(team);
    },
    async orgVersion() {
      return q.orgVersion.get() as number;
    },

    async saveRefreshToken(r, now) {
      saveToken(r, now);
    },
    async useRefreshToken(tokenHash, now) {
      return useToken(tokenHash, now);
    },
    async revokeRefreshFamily(familyId) {
      q.revokeFamily.run(familyId);
    },
    async revokeRefreshTokens(userId, keepHash) {
      q.revokeTokens.run(userId, keepHash ?? null);
    },

    async secret(name, create) {
      if (q.secret.get(name) === undefined) q.putSecret.run(name, create());
      return q.secret.get(name) as string;
    },

    async appendAudit(entries) {
      if (entries.length > 0) appendAudit.immediate(entries);
    },
    async queryAudit(filter: AuditFilter) {
      const limit = auditPageSize(filter.limit);
      const { where, params, limitPlaceholder } = auditQuery(filter, () => '?');
      // one row more than asked tells whether an older page exists
      const rows = db.prepare(`SELECT * FROM audit_log ${where} ORDER BY id DESC LIMIT ${limitPlaceholder}`).all(...params, limit + 1) as AuditRow[];
      const entries = rows.slice(0, limit).map(toEntry);
      return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1]!.id : null };
    },
    async auditRange(afterId, limit) {
      return (q.auditRange.all(afterId, limit) as AuditRow[]).map(toEntry);
    },

    async recordAccessChanges(changes) {
      recordAccess(changes);
    },
    async accessChangesSince(userId, seq) {
      const rows = q.accessSince.all(userId, seq) as { user_id: string; doc_id: string; seq: number; readable: number }[];
      return rows.map((r) => ({ userId: r.user_id, docId: r.doc_id, seq: r.seq, readable: r.readable !== 0 }));
    },

    async close() {
      if (db.open) db.close();
    },
  };
}
