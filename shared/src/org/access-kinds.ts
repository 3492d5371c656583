/**
 * Who may read and write the doc kinds besides enterprise files: demands (`dem-*`), common issues
 * (`iss-*`) and the district settings (`cfg-district`). Pure, like access.ts: the relay enforces these
 * rules on a shadow copy of the doc before accepting an update, and the app asks the same questions
 * (demandActions) so it offers exactly the actions the relay will accept.
 *
 * The relay does not enforce the demand state machine: two people acting offline on the same demand
 * both get their events stored, and derive.ts settles (or lists as a conflict) what they did. Only who
 * may record which event is checked here; demandActions adds the state, for what the UI offers.
 */
import type * as Y from 'yjs';
import { configSchemaProblems } from '../calendar/config.ts';
import { deriveDemand } from '../demands/derive.ts';
import { demandSchemaProblems, issueSchemaProblems } from '../demands/schema.ts';
import type { DemandEvent, DemandEventType, DemandRow, DemandState } from '../demands/types.ts';
import { Reason, type ReasonCode } from '../errors.ts';
import { policyLibraryCodes, policyLibrarySchemaProblems } from '../policies/library.ts';
import type { WriteRefusal as Refusal } from './access.ts';
import { seesWholeDistrict, type Principal } from './org.ts';
import { addedRecords, containsAll } from './records.ts';

const refuse = (reason: ReasonCode, message: string): Refusal => ({ reason, message });

// ---------------------------------------------------------------------------------------------- read

/** What read access to a demand depends on, besides its enterprise (a DemandRow has both fields). */
export interface DemandAccess {
  /** departments the demand is dispatched to now */
  departments: readonly string[];
  createdBy: string;
}

/**
 * Read access to a demand: coordinators and admins all; a department handler those dispatched to their
 * department now; a commissioner or team lead those of an enterprise they can read, or that they raised.
 * `enterpriseReadable`: canReadEnterprise on the enterprise's CURRENT key (so a reassignment moves its
 * demands too).
 */
export function canReadDemand(p: Principal, d: DemandAccess, enterpriseReadable: boolean): boolean {
  if (seesWholeDistrict(p.role)) return true;
  if (p.role === 'handler') return p.department !== '' && d.departments.includes(p.department);
  if (p.role === 'commissioner' || p.role === 'team-lead') return enterpriseReadable || (d.createdBy !== '' && d.createdBy === p.userId);
  return false;
}

/** Read access to a common issue: coordinators and admins, and handlers of a department it involves. */
export function canReadIssue(p: Principal, issue: { departments: readonly string[] }): boolean {
  if (seesWholeDistrict(p.role)) return true;
  return p.role === 'handler' && p.department !== '' && issue.departments.includes(p.department);
}

/** The district settings (holiday calendar, deadline tiers, visit rules): every active user reads them. */
export function canReadConfig(p: Principal): boolean {
  void p; // a Principal exists only for an active (not disabled) user
  return true;
}

/** Who changes the district settings and the common issues. */
export function canWriteConfig(p: Principal): boolean {
  return seesWholeDistrict(p.role);
}
export const canWriteIssue = canWriteConfig;

// --------------------------------------------------------------------------------- demand writes

/** The part of a demand doc write validation compares, before and after an update. */
export interface DemandSnapshot {
  /** the doc held nothing at all (the update creates the demand) */
  empty: boolean;
  /** what is malformed (unknown roots or keys, wrong types, info fields), from demandSchemaProblems */
  badParts: string[];
  /** the `info` map, key → JSON of the value */
  info: Record<string, string>;
  /** the events, JSON-encoded one by one (append-only) */
  events: string[];
  /** the attachments, JSON-encoded one by one (append-only) */
  attachments: string[];
}

/** Info fields fixed when the demand is raised. */
const FIXED_INFO = ['enterpriseId', 'enterpriseName', 'town', 'visitId', 'createdAt', 'createdBy'];

/** Events only a coordinator (or admin) records. */
const COORDINATOR_EVENTS: readonly DemandEventType[] = ['dispatch', 'close', 'reject', 'escalate', 'extend-decision', 'decide', 'link'];

const ATTACHMENT_LINE = 'attachment ';

export function snapshotDemand(doc: Y.Doc): DemandSnapshot {
  const empty = doc.store.clients.size === 0;
  const { badParts, events: lines } = demandSchemaProblems(doc);
  // demandSchemaProblems lists the attachments after the events, each prefixed 'attachment '
  const events = lines.filter((line) => !line.startsWith(ATTACHMENT_LINE));
  const attachments = lines.filter((line) => line.startsWith(ATTACHMENT_LINE)).map((line) => line.slice(ATTACHMENT_LINE.length));
  const snapshot: DemandSnapshot = { empty, badParts, info: {}, events, attachments };
  // a malformed doc is refused whatever it holds; reading it further could throw (a root of the wrong type)
  if (badParts.length > 0) return snapshot;
  for (const [key, value] of doc.getMap<unknown>('info').entries()) snapshot.info[key] = JSON.stringify(value);
  return snapshot;
}

const infoString = (s: DemandSnapshot, key: string): string => {
  const json = s.info[key];
  const value: unknown = json === undefined ? undefined : JSON.parse(json);
  return typeof value === 'string' ? value : '';
};

const parseEvents = (lines: readonly string[]): DemandEvent[] => lines.map((line) => JSON.parse(line) as DemandEvent);

/**
 * Checks one update to a demand doc by `p`, given the doc before and after it. `readsEnterprise(id)`:
 * may `p` read that enterprise file now (canReadEnterprise on its current key)? Null when acceptable.
 */
export function checkDemandWrite(
  p: Principal,
  before: DemandSnapshot,
  after: DemandSnapshot,
  readsEnterprise: (enterpriseId: string) => boolean,
): Refusal | null {
  // a stock y-websocket client opening a demand that does not exist yet sends an empty update: it writes nothing
  if (before.empty && after.empty) return null;
  if (after.badParts.length > 0) return refuse(Reason.SchemaViolation, after.badParts[0]!);
  if (!containsAll(after.events, before.events)) return refuse(Reason.HistoryRewrite, 'the event log of a demand is append-only');
  if (!containsAll(after.attachments, before.attachments)) return refuse(Reason.HistoryRewrite, 'attachments are never removed');
  for (const key of FIXED_INFO) {
    if (!before.empty && before.info[key] !== after.info[key]) return refuse(Reason.HistoryRewrite, `info.${key} is fixed when the demand is raised`);
  }
  const enterpriseId = infoString(after, 'enterpriseId');
  const readsIt = enterpriseId !== '' && readsEnterprise(enterpriseId);
  const beforeEvents = parseEvents(before.events);
  const status = deriveDemand(beforeEvents);

  if (before.empty) {
    const refusal = checkCreation(p, after, readsIt);
    if (refusal) return refusal;
  } else if (!canReadDemand(p, { departments: status.departments, createdBy: infoString(before, 'createdBy') }, readsIt)) {
    return refuse(Reason.Forbidden, 'the demand is not yours to see');
  }

  const infoChanged = Object.keys({ ...before.info, ...after.info }).some((k) => before.info[k] !== after.info[k]);
  if (!before.empty && infoChanged && !seesWholeDistrict(p.role) && infoString(before, 'createdBy') !== p.userId) {
    return refuse(Reason.Forbidden, 'only who raised the demand and coordinators edit it');
  }
  for (const json of addedRecords(after.attachments, before.attachments)) {
    if ((JSON.parse(json) as { addedBy?: unknown }).addedBy !== p.userId) return refuse(Reason.Forbidden, 'an attachment is added in its adder’s name');
  }

  const known = new Set(beforeEvents.map((e) => e.id));
  const added = parseEvents(addedRecords(after.events, before.events));
  for (const e of added) {
    if (e.by !== p.userId) return refuse(Reason.Forbidden, `an event is recorded in its writer’s name, not ${e.by}`);
    if (known.has(e.id)) return refuse(Reason.HistoryRewrite, `event ${e.id} exists already`);
    known.add(e.id);
    if (e.type === 'raise') {
      if (!before.empty) return refuse(Reason.HistoryRewrite, 'a demand is raised once, when it is created');
      continue;
    }
    const why = eventRefusal(p, e, status.departments, readsIt);
    if (why) return refuse(Reason.Forbidden, why);
  }
  return null;
}

/** The creating update: info in the creator's name, one raise event, by whom may raise it. */
function checkCreation(p: Principal, after: DemandSnapshot, readsEnterprise: boolean): Refusal | null {
  if (infoString(after, 'createdBy') !== p.userId) return refuse(Reason.Forbidden, 'a demand is raised in its writer’s name');
  if (infoString(after, 'enterpriseId') === '') return refuse(Reason.SchemaViolation, 'a demand names its enterprise');
  if (!parseEvents(after.events).some((e) => e.type === 'raise')) return refuse(Reason.SchemaViolation, 'a new demand starts with its raise event');
  const mayRaise = seesWholeDistrict(p.role) || ((p.role === 'commissioner' || p.role === 'team-lead') && readsEnterprise);
  return mayRaise ? null : refuse(Reason.Forbidden, 'demands are raised for enterprises you serve');
}

/** Why `p` may not record event `e` (role rules; `departments` dispatched before the update), or null. */
function eventRefusal(p: Principal, e: DemandEvent, departments: readonly string[], readsEnterprise: boolean): string | null {
  const coordinator = seesWholeDistrict(p.role);
  if ((COORDINATOR_EVENTS as readonly string[]).includes(e.type)) return coordinator ? null : `only coordinators record ${e.type}`;
  const ownDepartment = (department: string) => p.role === 'handler' && p.department !== '' && department === p.department;
  switch (e.type) {
    case 'progress':
      return ownDepartment(e.department) ? null : 'progress is reported by a handler of that department';
    case 'resolve':
      return coordinator || ownDepartment(e.department) ? null : 'a department’s 办结 comes from its handler (or a coordinator)';
    case 'callback':
      return coordinator || ((p.role === 'commissioner' || p.role === 'team-lead') && readsEnterprise)
        ? null
        : '回访 is made by a coordinator or whoever serves the enterprise';
    case 'extend-request':
      return coordinator || (p.role === 'handler' && departments.includes(p.department)) ? null : 'an extension is asked for by a dispatched department';
    default:
      return `unknown event type ${(e as { type: string }).type}`;
  }
}

// --------------------------------------------------------------------------- what the UI offers

const OPEN: readonly DemandState[] = ['received', 'dispatched', 'handling'];
const WORKING: readonly DemandState[] = ['dispatched', 'handling'];

/**
 * The event types `p` may record on the demand now: the relay's role rules plus its state, so the demand
 * page shows exactly the buttons that make sense and that the relay will accept. `canReadEnterprise`:
 * canReadEnterprise(p, key of row.enterpriseId) where the app has that row. 'raise' is never offered
 * (a demand is raised once, when created).
 */
export function demandActions(p: Principal, row: DemandRow, canReadEnterprise: boolean): DemandEventType[] {
  if (!canReadDemand(p, row, canReadEnterprise)) return [];
  const coordinator = seesWholeDistrict(p.role);
  const servesEnterprise = (p.role === 'commissioner' || p.role === 'team-lead') && canReadEnterprise;
  const ownDispatched = p.role === 'handler' && row.departments.includes(p.department);
  const ownOpen = ownDispatched && !row.resolvedDepartments.includes(p.department);
  const { state } = row;
  const actions: DemandEventType[] = [];
  const offer = (type: DemandEventType, when: boolean) => {
    if (when) actions.push(type);
  };
  offer('dispatch', coordinator && OPEN.includes(state));
  offer('progress', ownOpen && WORKING.includes(state));
  offer('resolve', (coordinator || ownOpen) && WORKING.includes(state));
  offer('callback', (coordinator || servesEnterprise) && state === 'resolved');
  offer('reject', coordinator && (state === 'resolved' || state === 'called-back'));
  offer('close', coordinator && state === 'called-back');
  offer('escalate', coordinator && state !== 'closed');
  offer('extend-request', (coordinator || ownDispatched) && WORKING.includes(state) && row.pendingExtension === null);
  offer('extend-decision', coordinator && row.pendingExtension !== null);
  offer('decide', coordinator && row.conflicts.length > 0);
  offer('link', coordinator && row.issueId === '' && state !== 'closed');
  return actions;
}

// ---------------------------------------------------------------------------------- issue writes

export interface IssueSnapshot {
  empty: boolean;
  badParts: string[];
  /** the `info` map, key → JSON of the value */
  info: Record<string, string>;
  /** members, meetings and events, JSON-encoded one by one (all append-only) */
  records: string[];
}

export function snapshotIssue(doc: Y.Doc): IssueSnapshot {
  const empty = doc.store.clients.size === 0;
  const { badParts, events } = issueSchemaProblems(doc);
  const snapshot: IssueSnapshot = { empty, badParts, info: {}, records: events };
  if (badParts.length === 0) {
    for (const [key, value] of doc.getMap<unknown>('info').entries()) snapshot.info[key] = JSON.stringify(value);
  }
  return snapshot;
}

/** Common issues are the coordinators': only they write, nothing recorded is rewritten, records carry their writer. */
export function checkIssueWrite(p: Principal, before: IssueSnapshot, after: IssueSnapshot): Refusal | null {
  if (!canWriteIssue(p)) return refuse(Reason.Forbidden, 'only coordinators edit common issues');
  if (before.empty && after.empty) return null; // an empty update (a stock client opening a new doc) writes nothing
  if (after.badParts.length > 0) return refuse(Reason.SchemaViolation, after.badParts[0]!);
  if (!containsAll(after.records, before.records)) return refuse(Reason.HistoryRewrite, 'members, meetings and events of a common issue are append-only');
  for (const key of ['createdAt', 'createdBy']) {
    if (!before.empty && before.info[key] !== after.info[key]) return refuse(Reason.HistoryRewrite, `info.${key} is fixed`);
  }
  if (before.empty && after.info.createdBy !== JSON.stringify(p.userId)) return refuse(Reason.Forbidden, 'a common issue is created in its writer’s name');
  for (const line of addedRecords(after.records, before.records)) {
    // lines are '<member|meeting|event> <json>' (issueSchemaProblems)
    const record: unknown = JSON.parse(line.slice(line.indexOf(' ') + 1));
    const by = record && typeof record === 'object' ? (record as { by?: unknown }).by : undefined;
    if (by !== undefined && by !== p.userId) return refuse(Reason.Forbidden, 'a record is written in its writer’s name');
  }
  return null;
}

// ------------------------------------------------------------------------------- settings writes

export interface ConfigSnapshot {
  problems: string[];
}

export function snapshotConfig(doc: Y.Doc): ConfigSnapshot {
  return { problems: configSchemaProblems(doc) };
}

/**
 * The settings doc: coordinators and admins write it, and only well-formed values (an update may not
 * add a problem; one the doc already had does not block fixing the rest).
 */
export function checkConfigWrite(p: Principal, before: ConfigSnapshot, after: ConfigSnapshot): Refusal | null {
  if (!canWriteConfig(p)) return refuse(Reason.Forbidden, 'only coordinators and admins change the district settings');
  const added = after.problems.find((problem) => !before.problems.includes(problem));
  return added === undefined ? null : refuse(Reason.SchemaViolation, added);
}

// -------------------------------------------------------------------------- policy library writes

/** The policy library (`pol-library`): every active user reads it (handlers too: they answer policy questions). */
export const canReadPolicyLibrary = canReadConfig;
/** Coordinators and admins edit and import the library. */
export const canWritePolicyLibrary = canWriteConfig;

export interface PolicyLibrarySnapshot {
  /** what is malformed (policyLibrarySchemaProblems) */
  problems: string[];
  /** the item codes present (items are never deleted: withdrawn instead) */
  codes: string[];
}

export function snapshotPolicyLibrary(doc: Y.Doc): PolicyLibrarySnapshot {
  // the schema check first: it must see the roots before any getMap adds one
  const problems = policyLibrarySchemaProblems(doc);
  return { problems, codes: problems.some((p) => p.endsWith('is not a map')) ? [] : policyLibraryCodes(doc) };
}

/**
 * The library doc: coordinators and admins write it; an update may not add a problem (one the doc
 * already had does not block fixing the rest) nor remove an item (withdraw it instead).
 */
export function checkPolicyLibraryWrite(p: Principal, before: PolicyLibrarySnapshot, after: PolicyLibrarySnapshot): Refusal | null {
  if (!canWritePolicyLibrary(p)) return refuse(Reason.Forbidden, 'only coordinators and admins change the policy library');
  const added = after.problems.find((problem) => !before.problems.includes(problem));
  if (added !== undefined) return refuse(Reason.SchemaViolation, added);
  const kept = new Set(after.codes);
  const gone = before.codes.find((code) => !kept.has(code));
  return gone === undefined ? null : refuse(Reason.HistoryRewrite, `policy item ${gone} is withdrawn, never deleted`);
}
