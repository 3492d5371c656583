/**
 * Who may read and write which enterprise file. Pure functions over rows and doc snapshots, so the relay
 * enforces them (on a scratch copy of the doc, before accepting an update) and the app asks the same
 * questions to decide what to offer (e.g. the 分配 button) — one rule book, two callers.
 */
import type * as Y from 'yjs';
import { readAssignment, readAssignmentHistory, readStrategy, type Assignment } from '../domain/assignment.ts';
import { Reason, type ReasonCode } from '../errors.ts';
import { assignableUsers, seesWholeDistrict, type Org, type Principal } from './org.ts';

/** What read access depends on (an EnterpriseRow has both). */
export interface AccessKey {
  teamId: string;
  responsibleId: string;
}

/**
 * Read access to an enterprise file: coordinators and admins see the district; a team lead the files of
 * the teams they lead (and any they are responsible for); a commissioner their own portfolio; a
 * department handler none (they see the demands dispatched to them, not files).
 */
export function canReadEnterprise(p: Principal, key: AccessKey): boolean {
  if (seesWholeDistrict(p.role)) return true;
  if (key.responsibleId !== '' && key.responsibleId === p.userId) return p.role === 'commissioner' || p.role === 'team-lead';
  return p.role === 'team-lead' && key.teamId !== '' && p.ledTeamIds.includes(key.teamId);
}

/** May `p` change who is responsible for an enterprise of `teamId` (and its strategy)? */
export function canAssign(p: Principal, teamId: string): boolean {
  return seesWholeDistrict(p.role) || (p.role === 'team-lead' && teamId !== '' && p.ledTeamIds.includes(teamId));
}

/** Root types an enterprise doc may contain. Features that add data to the file extend this list. */
export const ENTERPRISE_ROOTS = ['profile', 'note', 'tags', 'assignment', 'assignmentHistory', 'strategy'] as const;

/** What write validation compares, read from a doc before and after an update. */
export interface EnterpriseSnapshot {
  /** root type names present in the doc */
  roots: string[];
  /** true when the doc held nothing at all (the update creates the file) */
  empty: boolean;
  name: string;
  createdAt: number;
  /** profile keys whose value is not a string, number, boolean or null */
  badProfileKeys: string[];
  assignment: Assignment;
  strategy: string;
  /** the history records, JSON-encoded one by one (compared as a prefix) */
  history: string[];
}

/** Reads what validation needs. Call it before any getMap/getText so `roots` shows only what the doc has. */
export function snapshotEnterprise(doc: Y.Doc): EnterpriseSnapshot {
  const roots = [...doc.share.keys()];
  const empty = doc.store.clients.size === 0;
  const profile = doc.getMap<unknown>('profile');
  const badProfileKeys: string[] = [];
  for (const [key, value] of profile.entries()) {
    const t = typeof value;
    if (!(value === null || t === 'string' || t === 'number' || t === 'boolean')) badProfileKeys.push(key);
  }
  const name = profile.get('name');
  const createdAt = profile.get('createdAt');
  return {
    roots,
    empty,
    name: typeof name === 'string' ? name : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    badProfileKeys,
    assignment: readAssignment(doc),
    strategy: readStrategy(doc),
    history: readAssignmentHistory(doc).map((r) => JSON.stringify(r)),
  };
}

export interface WriteRefusal {
  reason: ReasonCode;
  message: string;
}

const refuse = (reason: ReasonCode, message: string): WriteRefusal => ({ reason, message });

/**
 * Checks one update to an enterprise doc, given the doc before and after it. Returns null when the
 * update is acceptable, otherwise why not. `org` is the relay's current org (team membership).
 */
export function checkEnterpriseWrite(
  p: Principal,
  before: EnterpriseSnapshot,
  after: EnterpriseSnapshot,
  org: Pick<Org, 'users'>,
): WriteRefusal | null {
  if (p.role === 'handler') return refuse(Reason.Forbidden, 'department handlers do not edit enterprise files');
  if (!before.empty && !canReadEnterprise(p, before.assignment)) {
    return refuse(Reason.Forbidden, 'the enterprise is not in your portfolio');
  }
  const unknownRoot = after.roots.find((r) => !(ENTERPRISE_ROOTS as readonly string[]).includes(r));
  if (unknownRoot !== undefined) return refuse(Reason.SchemaViolation, `unknown part "${unknownRoot}"`);
  if (after.badProfileKeys.length > 0) return refuse(Reason.SchemaViolation, `profile.${after.badProfileKeys[0]} is not a plain value`);
  if (before.name !== '' && after.name.trim() === '') return refuse(Reason.WipeRefused, 'the name of a file cannot be erased');
  if (before.createdAt !== 0 && after.createdAt !== before.createdAt) return refuse(Reason.HistoryRewrite, 'createdAt cannot change');
  if (after.history.length < before.history.length || before.history.some((r, i) => after.history[i] !== r)) {
    return refuse(Reason.HistoryRewrite, 'assignment history is append-only');
  }

  const a = before.assignment;
  const b = after.assignment;
  const assignmentChanged = a.teamId !== b.teamId || a.responsibleId !== b.responsibleId;
  if (assignmentChanged) {
    const added = after.history.slice(before.history.length);
    const last = added.length > 0 ? (JSON.parse(added[added.length - 1]!) as Record<string, unknown>) : null;
    if (!last || last.teamId !== b.teamId || last.responsibleId !== b.responsibleId || last.by !== p.userId) {
      return refuse(Reason.SchemaViolation, 'an assignment change must append its history record');
    }
    if (before.empty && p.role === 'commissioner') {
      // A commissioner creating a file (offline, in the field) makes it their own, in one of their teams.
      if (b.responsibleId !== p.userId || (b.teamId !== '' && !p.teamIds.includes(b.teamId))) {
        return refuse(Reason.ForbiddenAssignment, 'a new file can only be assigned to yourself');
      }
    } else if (!seesWholeDistrict(p.role)) {
      if (p.role !== 'team-lead' || !canAssign(p, a.teamId === '' ? b.teamId : a.teamId) || !canAssign(p, b.teamId)) {
        return refuse(Reason.ForbiddenAssignment, 'only the team lead assigns the enterprises of a team');
      }
    }
    if (b.responsibleId !== '' && !seesWholeDistrict(p.role) && !(before.empty && p.role === 'commissioner')) {
      if (!assignableUsers(org, b.teamId).some((u) => u.id === b.responsibleId)) {
        return refuse(Reason.ForbiddenAssignment, 'the responsible person must be a commissioner of the team');
      }
    }
  } else if (after.history.length !== before.history.length) {
    return refuse(Reason.SchemaViolation, 'history records come only with an assignment change');
  }
  if (after.strategy !== before.strategy && !canAssign(p, b.teamId) && !(before.empty && p.role === 'commissioner')) {
    return refuse(Reason.ForbiddenAssignment, 'only the team lead writes the strategy');
  }
  return null;
}
