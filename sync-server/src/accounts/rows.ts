/**
 * The account tables' rows as both stores read them. SQLite hands integers back as numbers, PostgreSQL
 * hands bigints back as strings (every value here stays far below 2^53), so both are taken. team_ids and
 * disabled are stored natively by each (JSON text and 0/1 in SQLite, text[] and boolean in PostgreSQL),
 * so each store decodes those two itself.
 */
import type { AuditEntry, Team } from '@bangqi/shared';
import { parseDetail } from './audit-chain.ts';
import type { AuditFilter, StoredUser } from './types.ts';

type Int = number | string;

export interface UserColumns {
  id: string;
  username: string;
  name: string;
  role: StoredUser['role'];
  department: string;
  phone: string | null;
  password_hash: string;
  created_at: Int;
  updated_at: Int;
}
export interface TeamRow {
  id: string;
  name: string;
  kind: Team['kind'];
  scope: string;
  lead_id: string | null;
}
export interface AuditRow {
  id: Int;
  at: Int;
  actor: string;
  device_id: string;
  action: AuditEntry['action'];
  doc_id: string;
  detail: string;
  prev_hash: string;
  hash: string;
}

export function toUser(r: UserColumns, teamIds: string[], disabled: boolean): StoredUser {
  const user: StoredUser = {
    id: r.id,
    username: r.username,
    name: r.name,
    role: r.role,
    teamIds,
    department: r.department,
    disabled,
    passwordHash: r.password_hash,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
  if (r.phone !== null) user.phone = r.phone;
  return user;
}
export const toTeam = (r: TeamRow): Team => ({ id: r.id, name: r.name, kind: r.kind, scope: r.scope, leadId: r.lead_id });
export const toEntry = (r: AuditRow): AuditEntry => ({
  id: Number(r.id),
  at: Number(r.at),
  actor: r.actor,
  deviceId: r.device_id,
  action: r.action,
  docId: r.doc_id,
  detail: parseDetail(r.detail),
  prevHash: r.prev_hash,
  hash: r.hash,
});

/**
 * The WHERE clause of an audit query (both stores; only the placeholder syntax differs: `?` in SQLite,
 * `$n` in PostgreSQL) with its parameters in order, and the placeholder for the LIMIT that follows them.
 */
export function auditQuery(
  filter: AuditFilter,
  placeholder: (position: number) => string,
): { where: string; params: (string | number)[]; limitPlaceholder: string } {
  const conditions: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, value: string | number | undefined) => {
    if (value === undefined) return;
    params.push(value);
    conditions.push(`${sql} ${placeholder(params.length)}`);
  };
  add('actor =', filter.actor);
  add('action =', filter.action);
  add('doc_id =', filter.docId);
  add('at >=', filter.from);
  add('at <', filter.to);
  add('id <', filter.before);
  return {
    where: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '',
    params,
    limitPlaceholder: placeholder(params.length + 1),
  };
}
