/**
 * Who may read and write which enterprise file. Pure functions over rows and doc snapshots, so the relay
 * enforces them (on a scratch copy of the doc, before accepting an update) and the app asks the same
 * questions to decide what to offer (e.g. the 分配 button) — one rule book, two callers.
 */
import type * as Y from 'yjs';
import { readAssignment, readAssignmentHistory, readStrategy, type Assignment } from '../domain/assignment.ts';
import { fileSchemaProblems } from '../domain/schema.ts';
import { visitIds } from '../visits/visits.ts';
import { planFacts } from '../visits/plans.ts';
import { policyEventsSchemaProblems } from '../policies/status.ts';
import { Reason, type ReasonCode } from '../errors.ts';
import { assignableUsers, seesWholeDistrict, type Org, type Principal } from './org.ts';
import { addedRecords, containsAll } from './records.ts';

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
export const ENTERPRISE_ROOTS = [
  'profile', 'note', 'tags', 'assignment', 'assignmentHistory', 'strategy',
  'formerNames', 'contacts', 'licences', 'edits', 'visits', 'plans', 'policyEvents',
] as const;

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
  /** every key of the `assignment` map with its value, JSON, sorted by key (any change is an assignment) */
  assignmentRaw: string;
  strategy: string;
  /** the history records, JSON-encoded one by one (compared as a prefix) */
  history: string[];
  /** what is malformed in the file's parts (profile numbers, former names, contacts, licences, edit log) */
  badParts: string[];
  /** the edit log's records, JSON-encoded one by one (none may disappear or change) */
  edits: string[];
  /** ids of the file's visits (none may disappear: a visit is voided, never deleted) */
  visitIds: string[];
  /** each plan's identity and recorded lateness (none may disappear: a plan is cancelled, never deleted) */
  planFacts: string[];
  /** the policy status events, JSON-encoded one by one (append-only; each in its writer's name) */
  policyEvents: string[];
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
  const files = fileSchemaProblems(doc);
  const policies = policyEventsSchemaProblems(doc);
  const assignmentEntries = [...doc.getMap<unknown>('assignment').entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    roots,
    empty,
    name: typeof name === 'string' ? name : '',
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    badProfileKeys,
    assignment: readAssignment(doc),
    assignmentRaw: JSON.stringify(assignmentEntries),
    strategy: readStrategy(doc),
    history: readAssignmentHistory(doc).map((r) => JSON.stringify(r)),
    badParts: [...files.badParts, ...policies.badParts],
    edits: files.edits,
    visitIds: visitIds(doc),
    planFacts: planFacts(doc),
    policyEvents: policies.events,
  };
}

export interface WriteRefusal {
  reason: ReasonCode;
  message: string;
}

const refuse = (reason: ReasonCode, message: string): WriteRefusal => ({ reason, message });

/** Keys the `assignment` map may hold. */
const ASSIGNMENT_KEYS = ['teamId', 'responsibleId', 'assignedAt', 'assignedBy'];
/** How far in the future (device clock ahead of the relay's) an assignment time may be. */
const CLOCK_SKEW_MS = 10 * 60_000;

/**
 * Checks one update to an enterprise doc, given the doc before and after it. Returns null when the
 * update is acceptable, otherwise why not. `org` is the relay's current org (teams, membership); `now`
 * the relay's clock (assignment times may not lie in the future).
 */
export function checkEnterpriseWrite(
  p: Principal,
  before: EnterpriseSnapshot,
  after: EnterpriseSnapshot,
  org: Pick<Org, 'users' | 'teams'>,
  now = Date.now(),
): WriteRefusal | null {
  if (p.role === 'handler') return refuse(Reason.Forbidden, 'department handlers do not edit enterprise files');
  if (!before.empty && !canReadEnterprise(p, before.assignment)) {
    return refuse(Reason.Forbidden, 'the enterprise is not in your portfolio');
  }
  const unknownRoot = after.roots.find((r) => !(ENTERPRISE_ROOTS as readonly string[]).includes(r));
  if (unknownRoot !== undefined) return refuse(Reason.SchemaViolation, `unknown part "${unknownRoot}"`);
  if (after.badProfileKeys.length > 0) return refuse(Reason.SchemaViolation, `profile.${after.badProfileKeys[0]} is not a plain value`);
  if (after.badParts.length > 0) return refuse(Reason.SchemaViolation, after.badParts[0]!);
  if (!containsAll(after.edits, before.edits)) return refuse(Reason.HistoryRewrite, 'the edit log is append-only');
  if (!containsAll(after.visitIds, before.visitIds)) return refuse(Reason.HistoryRewrite, 'visits are never deleted (void them instead)');
  if (!containsAll(after.planFacts, before.planFacts)) return refuse(Reason.HistoryRewrite, 'plans are never deleted nor their recorded lateness erased');
  if (!containsAll(after.policyEvents, before.policyEvents)) return refuse(Reason.HistoryRewrite, 'policy status events are append-only');
  for (const json of addedRecords(after.policyEvents, before.policyEvents)) {
    const by = (JSON.parse(json) as { by: string }).by;
    if (by !== p.userId) return refuse(Reason.Forbidden, `a policy status is recorded in its writer’s name, not ${by}`);
  }
  if (before.name !== '' && after.name.trim() === '') return refuse(Reason.WipeRefused, 'the name of a file cannot be erased');
  if (before.createdAt !== 0 && after.createdAt !== before.createdAt) return refuse(Reason.HistoryRewrite, 'createdAt cannot change');
  // Two devices created the same USCC file offline (one doc id, enterpriseDocIdForUscc): this update
  // carries the second creation onto a file that exists. Its records merge into the history in Yjs order.
  const concurrentCreation = !before.empty && createsFile(p, before, after);
  const historyKept = concurrentCreation
    ? containsAll(after.history, before.history)
    : after.history.length >= before.history.length && before.history.every((r, i) => after.history[i] === r);
  if (!historyKept) return refuse(Reason.HistoryRewrite, 'assignment history is append-only');
  // A new file must end up readable by whoever creates it (a commissioner's own, a lead's team's).
  if (before.empty && !canReadEnterprise(p, after.assignment)) {
    return refuse(Reason.ForbiddenAssignment, 'a new file must be assigned into your own portfolio or team');
  }

  const a = before.assignment;
  const b = after.assignment;
  const assignmentChanged = a.teamId !== b.teamId || a.responsibleId !== b.responsibleId;
  if (assignmentChanged) {
    const refusal = checkAssignmentChange(p, before, after, org, now);
    if (refusal) return refusal;
  } else if (concurrentCreation) {
    const refusal = checkConcurrentFirstAssignment(p, before, after);
    if (refusal) return refusal;
  } else if (after.assignmentRaw !== before.assignmentRaw) {
    return refuse(Reason.ForbiddenAssignment, 'assignment details change only with an assignment');
  } else if (after.history.length !== before.history.length) {
    return refuse(Reason.HistoryRewrite, 'history records come only with an assignment change');
  }
  if (after.strategy !== before.strategy && !canAssign(p, b.teamId) && !(before.empty && p.role === 'commissioner')) {
    return refuse(Reason.ForbiddenAssignment, 'only the team lead writes the strategy');
  }
  return null;
}


/** Does the update add a creation record of its author's to the edit log? */
function createsFile(p: Principal, before: EnterpriseSnapshot, after: EnterpriseSnapshot): boolean {
  return addedRecords(after.edits, before.edits).some((json) => {
    const e = JSON.parse(json) as { kind: string; by: string };
    return e.kind === 'created' && e.by === p.userId;
  });
}

/**
 * A second, concurrent creation that assigned the file to the same team and person as the first: its
 * own first-assignment record joins the history and its time/author may win the merge of the
 * `assignment` map. Anything else (another target, a second record, other keys) is refused as usual.
 */
function checkConcurrentFirstAssignment(p: Principal, before: EnterpriseSnapshot, after: EnterpriseSnapshot): WriteRefusal | null {
  const added = addedRecords(after.history, before.history).map((json) => JSON.parse(json) as Record<string, unknown>);
  const a = before.assignment;
  const b = after.assignment;
  if (added.length === 0) {
    return after.assignmentRaw === before.assignmentRaw ? null : refuse(Reason.ForbiddenAssignment, 'assignment details change only with an assignment');
  }
  const r = added[0]!;
  if (
    added.length > 1 ||
    r.by !== p.userId ||
    r.previousTeamId !== '' ||
    r.previousResponsibleId !== '' ||
    r.teamId !== b.teamId ||
    r.responsibleId !== b.responsibleId
  ) {
    return refuse(Reason.SchemaViolation, 'a concurrent creation may only repeat the first assignment');
  }
  const keys = (JSON.parse(after.assignmentRaw) as [string, unknown][]).map(([k]) => k);
  if (keys.some((k) => !ASSIGNMENT_KEYS.includes(k))) return refuse(Reason.SchemaViolation, 'unknown assignment field');
  if (![a.assignedBy, p.userId].includes(b.assignedBy) || ![a.assignedAt, r.at].includes(b.assignedAt)) {
    return refuse(Reason.SchemaViolation, 'assignment details must come from one of the two creations');
  }
  return null;
}

function checkAssignmentChange(
  p: Principal,
  before: EnterpriseSnapshot,
  after: EnterpriseSnapshot,
  org: Pick<Org, 'users' | 'teams'>,
  now: number,
): WriteRefusal | null {
  const a = before.assignment;
  const b = after.assignment;
  const keys = (JSON.parse(after.assignmentRaw) as [string, unknown][]).map(([k]) => k);
  const extra = keys.find((k) => !ASSIGNMENT_KEYS.includes(k));
  if (extra !== undefined) return refuse(Reason.SchemaViolation, `unknown assignment field "${extra}"`);
  const added = after.history.slice(before.history.length);
  const last = added.length === 1 ? (JSON.parse(added[0]!) as Record<string, unknown>) : null;
  if (!last || last.teamId !== b.teamId || last.responsibleId !== b.responsibleId || last.by !== p.userId || last.at !== b.assignedAt) {
    return refuse(Reason.SchemaViolation, 'an assignment change must append exactly one matching history record');
  }
  if (b.assignedBy !== p.userId) return refuse(Reason.SchemaViolation, 'assignedBy must be the one who assigns');
  if (b.assignedAt > now + CLOCK_SKEW_MS) return refuse(Reason.SchemaViolation, 'assignment time lies in the future');

  const creatingOwn = before.empty && p.role === 'commissioner';
  if (!creatingOwn && !seesWholeDistrict(p.role)) {
    if (p.role !== 'team-lead' || !canAssign(p, a.teamId === '' ? b.teamId : a.teamId) || !canAssign(p, b.teamId)) {
      return refuse(Reason.ForbiddenAssignment, 'only the team lead assigns the enterprises of a team');
    }
  }
  if (b.teamId !== '' && !org.teams.some((t) => t.id === b.teamId)) {
    return refuse(Reason.ForbiddenAssignment, `no team ${b.teamId}`);
  }
  if (b.responsibleId !== '') {
    // For everyone, the coordinator included: a file's one responsible person is an active member of its team.
    if (b.teamId === '' || !assignableUsers(org, b.teamId).some((u) => u.id === b.responsibleId)) {
      return refuse(Reason.ForbiddenAssignment, 'the responsible person must be an active commissioner of the team');
    }
  }
  return null;
}
