/**
 * Reading and writing demand docs (`dem-…`) and common-issue docs (`iss-…`), layout in types.ts.
 * Events are plain objects appended to `events` and never changed. Reading is tolerant: a malformed
 * value is skipped or read as empty, so a foreign record never breaks a list; writing validates and
 * throws (the forms check first and show Chinese messages; schema.ts is what the relay refuses).
 */
import type * as Y from 'yjs';
import { newRecordId } from '../ids.ts';
import { deriveDemandDetail } from './derive.ts';
import {
  DEMAND_CATEGORIES,
  URGENCY_TIERS,
  type AttachmentRef,
  type DemandEvent,
  type DemandInfo,
  type IssueEvent,
  type JointMeeting,
} from './types.ts';
import { attachmentProblem, demandEventProblem, demandInfoProblem, issueEventProblem, jointMeetingProblem } from './schema.ts';

export const demandInfoMap = (doc: Y.Doc) => doc.getMap<unknown>('info');
export const demandEventsArray = (doc: Y.Doc) => doc.getArray<unknown>('events');
export const demandAttachmentsArray = (doc: Y.Doc) => doc.getArray<unknown>('attachments');

/** What a caller supplies for an event: the rest (id, at, by, basis) is filled in on writing. */
export type DemandEventInput = DemandEvent extends infer E ? (E extends DemandEvent ? Omit<E, 'id' | 'at' | 'by' | 'basis'> : never) : never;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The demand's info, or null while the doc has none (not synced yet). */
export function readDemandInfo(doc: Y.Doc): DemandInfo | null {
  const m = demandInfoMap(doc);
  if (m.size === 0) return null;
  const category = m.get('category');
  const urgency = m.get('urgency');
  return {
    enterpriseId: str(m.get('enterpriseId')),
    enterpriseName: str(m.get('enterpriseName')),
    town: str(m.get('town')),
    visitId: str(m.get('visitId')),
    title: str(m.get('title')),
    description: str(m.get('description')),
    category: (DEMAND_CATEGORIES as readonly unknown[]).includes(category) ? (category as DemandInfo['category']) : '其他',
    urgency: (URGENCY_TIERS as readonly unknown[]).includes(urgency) ? (urgency as DemandInfo['urgency']) : 'ordinary',
    contactName: str(m.get('contactName')),
    contactPhone: str(m.get('contactPhone')),
    createdAt: num(m.get('createdAt')),
    createdBy: str(m.get('createdBy')),
  };
}

/** Every well-formed event, in (at, id) order. */
export function readDemandEvents(doc: Y.Doc): DemandEvent[] {
  return demandEventsArray(doc)
    .toArray()
    .filter((e): e is DemandEvent => demandEventProblem(e) === null)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Creates the demand: writes its info and the `raise` (受理) event in one transaction. Returns the
 * raise event's id.
 */
export function createDemand(doc: Y.Doc, info: Omit<DemandInfo, 'createdAt' | 'createdBy'>, by: string, now: number): string {
  const full: DemandInfo = { ...info, createdAt: now, createdBy: by };
  const problem = demandInfoProblem(full);
  if (problem) throw new RangeError(problem);
  if (demandInfoMap(doc).size > 0) throw new RangeError('the demand exists already');
  const raise: DemandEvent = { id: newRecordId(), at: now, by, basis: '', type: 'raise' };
  doc.transact(() => {
    const m = demandInfoMap(doc);
    for (const [key, value] of Object.entries(full)) m.set(key, value);
    demandEventsArray(doc).push([raise]);
  });
  return raise.id;
}

/**
 * Appends one event. Its basis is the last lifecycle event this device derives now; its time is at least
 * one ms after every event the device holds, so a device whose clock runs behind still orders its
 * action after what it saw.
 */
export function appendDemandEvent(doc: Y.Doc, input: DemandEventInput, by: string, now: number): DemandEvent {
  const { status, lastLifecycleId } = deriveDemandDetail(readDemandEvents(doc));
  const event = { ...input, id: newRecordId(), at: Math.max(now, status.lastEventAt + 1), by, basis: lastLifecycleId } as DemandEvent;
  const problem = demandEventProblem(event);
  if (problem) throw new RangeError(problem);
  demandEventsArray(doc).push([event]);
  return event;
}

type EditableInfo = Pick<DemandInfo, 'title' | 'description' | 'category' | 'urgency' | 'contactName' | 'contactPhone'>;

/** Changes the editable info fields given (only those that differ are written). */
export function updateDemandInfo(doc: Y.Doc, fields: Partial<EditableInfo>): void {
  const current = readDemandInfo(doc);
  if (!current) throw new RangeError('the demand has no info yet');
  const next = { ...current, ...fields };
  const problem = demandInfoProblem(next);
  if (problem) throw new RangeError(problem);
  const m = demandInfoMap(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(fields) as [keyof EditableInfo, string][]) {
      if (value !== undefined && m.get(key) !== value) m.set(key, value);
    }
  });
}

/** Adds an attachment (once per blob hash). */
export function addDemandAttachment(doc: Y.Doc, ref: AttachmentRef): void {
  const problem = attachmentProblem(ref);
  if (problem) throw new RangeError(problem);
  if (readDemandAttachments(doc).some((a) => a.hash === ref.hash)) return;
  demandAttachmentsArray(doc).push([{ ...ref }]);
}

export function readDemandAttachments(doc: Y.Doc): AttachmentRef[] {
  return demandAttachmentsArray(doc)
    .toArray()
    .filter((a): a is AttachmentRef => attachmentProblem(a) === null);
}

// ——— common issues (共性问题) ———

export interface IssueInfo {
  title: string;
  description: string;
  createdAt: number;
  createdBy: string;
}

export const issueInfoMap = (doc: Y.Doc) => doc.getMap<unknown>('info');
export const issueMembersArray = (doc: Y.Doc) => doc.getArray<unknown>('members');
export const issueMeetingsArray = (doc: Y.Doc) => doc.getArray<unknown>('meetings');
export const issueEventsArray = (doc: Y.Doc) => doc.getArray<unknown>('events');

export function createIssue(doc: Y.Doc, fields: { title: string; description: string }, by: string, now: number): void {
  if (fields.title.trim() === '') throw new RangeError('an issue needs a title');
  if (issueInfoMap(doc).size > 0) throw new RangeError('the issue exists already');
  doc.transact(() => {
    const m = issueInfoMap(doc);
    m.set('title', fields.title.trim());
    m.set('description', fields.description);
    m.set('createdAt', now);
    m.set('createdBy', by);
  });
}

export function readIssueInfo(doc: Y.Doc): IssueInfo | null {
  const m = issueInfoMap(doc);
  if (m.size === 0) return null;
  return { title: str(m.get('title')), description: str(m.get('description')), createdAt: num(m.get('createdAt')), createdBy: str(m.get('createdBy')) };
}

/** Adds a demand to the issue (once). The demand records its own `link` event too. */
export function addIssueMember(doc: Y.Doc, demandId: string): void {
  if (!/^dem-[A-Za-z0-9_-]{1,64}$/.test(demandId)) throw new RangeError(`not a demand id: ${demandId}`);
  if (readIssueMembers(doc).includes(demandId)) return;
  issueMembersArray(doc).push([demandId]);
}

export function readIssueMembers(doc: Y.Doc): string[] {
  return [...new Set(issueMembersArray(doc).toArray().filter((m): m is string => typeof m === 'string'))];
}

export function addJointMeeting(doc: Y.Doc, m: Omit<JointMeeting, 'id' | 'at' | 'by'>, by: string, now: number): JointMeeting {
  const meeting: JointMeeting = { ...m, departments: [...new Set(m.departments)], id: newRecordId(), at: now, by };
  const problem = jointMeetingProblem(meeting);
  if (problem) throw new RangeError(problem);
  issueMeetingsArray(doc).push([meeting]);
  return meeting;
}

/** Meetings by date, then by when recorded. */
export function readJointMeetings(doc: Y.Doc): JointMeeting[] {
  return issueMeetingsArray(doc)
    .toArray()
    .filter((m): m is JointMeeting => jointMeetingProblem(m) === null)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.at - b.at));
}

export function appendIssueEvent(doc: Y.Doc, input: { type: IssueEvent['type']; note: string }, by: string, now: number): IssueEvent {
  const last = readIssueEvents(doc).at(-1);
  const event: IssueEvent = { id: newRecordId(), at: Math.max(now, (last?.at ?? 0) + 1), by, type: input.type, note: input.note };
  const problem = issueEventProblem(event);
  if (problem) throw new RangeError(problem);
  issueEventsArray(doc).push([event]);
  return event;
}

/** Events in (at, id) order. */
export function readIssueEvents(doc: Y.Doc): IssueEvent[] {
  return issueEventsArray(doc)
    .toArray()
    .filter((e): e is IssueEvent => issueEventProblem(e) === null)
    .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Resolved when the last resolve/reopen event (in order) is a resolve. */
export function isIssueResolved(events: readonly IssueEvent[]): boolean {
  return events.at(-1)?.type === 'resolve';
}
