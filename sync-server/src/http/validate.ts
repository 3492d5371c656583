/**
 * Shape checks for API request bodies and query strings: types, lengths and formats, each failure an
 * InvalidRequest naming the field. Whether referenced users and teams exist is checked by the service.
 */
import { AUDIT_ACTIONS, type AuditAction, type LoginRequest, type PasswordChangeRequest, Reason, ROLES, type Role, TEAM_KINDS, type TeamKind, type TeamWriteRequest, type UserCreateRequest, type UserUpdateRequest, ApiError } from '@bangqi/shared';
import { passwordProblem } from '../accounts/passwords.ts';
import type { AuditFilter } from '../accounts/types.ts';

type Body = Record<string, unknown>;

export function invalid(message: string): ApiError {
  return new ApiError(400, Reason.InvalidRequest, message);
}

function object(value: unknown): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('body must be a JSON object');
  return value as Body;
}

/** A string of 1..max characters after trimming (or 0..max with allowEmpty). */
function text(body: Body, field: string, max: number, allowEmpty = false): string {
  const value = body[field];
  if (typeof value !== 'string') throw invalid(`${field} must be a string`);
  const trimmed = value.trim();
  if (!allowEmpty && trimmed === '') throw invalid(`${field} must not be empty`);
  if (trimmed.length > max) throw invalid(`${field} must be at most ${max} characters`);
  return trimmed;
}

function optional<T>(body: Body, field: string, read: (body: Body, field: string) => T): T | undefined {
  return body[field] === undefined ? undefined : read(body, field);
}

function password(body: Body, field: string): string {
  const problem = passwordProblem(body[field], field);
  if (problem) throw invalid(problem);
  return body[field] as string;
}

/** Login and old-password fields: any string of sane length (the rules apply to new passwords only). */
function secretText(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw invalid(`${field} must be a non-empty string`);
  if (value.length > 1024) throw invalid(`${field} is too long`);
  return value;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const PHONE = /^1\d{10}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

function username(body: Body, field: string): string {
  const value = text(body, field, 32).toLowerCase();
  if (!USERNAME.test(value)) throw invalid(`${field} must be 2–32 characters of a–z, 0–9, '.', '_' or '-', starting with a letter or digit`);
  return value;
}

function role(body: Body, field: string): Role {
  const value = body[field];
  if (!ROLES.includes(value as Role)) throw invalid(`${field} must be one of ${ROLES.join(', ')}`);
  return value as Role;
}

function teamKind(body: Body, field: string): TeamKind {
  const value = body[field];
  if (!TEAM_KINDS.includes(value as TeamKind)) throw invalid(`${field} must be one of ${TEAM_KINDS.join(', ')}`);
  return value as TeamKind;
}

function phone(body: Body, field: string): string {
  const value = text(body, field, 11, true);
  if (value !== '' && !PHONE.test(value)) throw invalid(`${field} must be 11 digits starting with 1 (or empty)`);
  return value;
}

function teamIds(body: Body, field: string): string[] {
  const value = body[field];
  if (!Array.isArray(value) || value.length > 50) throw invalid(`${field} must be an array of at most 50 team ids`);
  for (const id of value) if (typeof id !== 'string' || !ID.test(id)) throw invalid(`${field} must contain team ids`);
  return [...new Set(value as string[])];
}

function bool(body: Body, field: string): boolean {
  if (typeof body[field] !== 'boolean') throw invalid(`${field} must be true or false`);
  return body[field];
}

function leadId(body: Body, field: string): string | null {
  const value = body[field];
  if (value === null) return null;
  if (typeof value !== 'string' || !ID.test(value)) throw invalid(`${field} must be a user id or null`);
  return value;
}

function deviceId(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value.length > 64) throw invalid(`${field} must be a string of at most 64 characters`);
  return value;
}

export function parseLogin(raw: unknown): Required<LoginRequest> {
  const body = object(raw);
  return {
    username: text(body, 'username', 64).toLowerCase(),
    password: secretText(body, 'password'),
    deviceId: optional(body, 'deviceId', deviceId) ?? '',
  };
}

export function parseRefreshToken(raw: unknown): string {
  return secretText(object(raw), 'refreshToken');
}

export function parsePasswordChange(raw: unknown): PasswordChangeRequest {
  const body = object(raw);
  return { oldPassword: secretText(body, 'oldPassword'), newPassword: password(body, 'newPassword') };
}

export function parseUserCreate(raw: unknown): Required<UserCreateRequest> {
  const body = object(raw);
  return {
    username: username(body, 'username'),
    name: text(body, 'name', 40),
    role: role(body, 'role'),
    phone: optional(body, 'phone', phone) ?? '',
    teamIds: optional(body, 'teamIds', teamIds) ?? [],
    department: optional(body, 'department', (b, f) => text(b, f, 40, true)) ?? '',
    password: password(body, 'password'),
  };
}

export function parseUserUpdate(raw: unknown): UserUpdateRequest {
  const body = object(raw);
  const known = new Set(['name', 'role', 'phone', 'teamIds', 'department', 'password', 'disabled']);
  for (const key of Object.keys(body)) if (!known.has(key)) throw invalid(`${key} cannot be changed`);
  const update: UserUpdateRequest = {};
  if (body.name !== undefined) update.name = text(body, 'name', 40);
  if (body.role !== undefined) update.role = role(body, 'role');
  if (body.phone !== undefined) update.phone = phone(body, 'phone');
  if (body.teamIds !== undefined) update.teamIds = teamIds(body, 'teamIds');
  if (body.department !== undefined) update.department = text(body, 'department', 40, true);
  if (body.password !== undefined) update.password = password(body, 'password');
  if (body.disabled !== undefined) update.disabled = bool(body, 'disabled');
  return update;
}

export function parseTeamCreate(raw: unknown): TeamWriteRequest {
  const body = object(raw);
  return {
    name: text(body, 'name', 40),
    kind: teamKind(body, 'kind'),
    scope: text(body, 'scope', 40),
    leadId: optional(body, 'leadId', leadId) ?? null,
  };
}

export function parseTeamUpdate(raw: unknown): Partial<TeamWriteRequest> {
  const body = object(raw);
  const known = new Set(['name', 'kind', 'scope', 'leadId']);
  for (const key of Object.keys(body)) if (!known.has(key)) throw invalid(`${key} cannot be changed`);
  const update: Partial<TeamWriteRequest> = {};
  if (body.name !== undefined) update.name = text(body, 'name', 40);
  if (body.kind !== undefined) update.kind = teamKind(body, 'kind');
  if (body.scope !== undefined) update.scope = text(body, 'scope', 40);
  if (body.leadId !== undefined) update.leadId = leadId(body, 'leadId');
  return update;
}

function intParam(params: URLSearchParams, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min || value > max) throw invalid(`${name} must be an integer from ${min} to ${max}`);
  return value;
}

/** GET /api/audit query: actor, action, docId, from, to (epoch ms), before (entry id), limit (1..1000). */
export function parseAuditFilter(params: URLSearchParams): AuditFilter {
  const filter: AuditFilter = {};
  const actor = params.get('actor');
  if (actor) filter.actor = actor.slice(0, 64);
  const action = params.get('action');
  if (action) {
    if (!AUDIT_ACTIONS.includes(action as AuditAction)) throw invalid(`action must be one of ${AUDIT_ACTIONS.join(', ')}`);
    filter.action = action as AuditAction;
  }
  const docId = params.get('docId');
  if (docId) filter.docId = docId.slice(0, 200);
  const from = intParam(params, 'from', 0);
  if (from !== undefined) filter.from = from;
  const to = intParam(params, 'to', 0);
  if (to !== undefined) filter.to = to;
  const before = intParam(params, 'before', 1);
  if (before !== undefined) filter.before = before;
  const limit = intParam(params, 'limit', 1, 1000);
  if (limit !== undefined) filter.limit = limit;
  return filter;
}
