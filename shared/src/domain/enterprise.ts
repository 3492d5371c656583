/**
 * The enterprise file (一企一档) as a Y.Doc, and the list row materialized from it.
 *
 * Layout: map `profile` (one key per scalar field, so concurrent edits of different fields merge
 * field by field; numbers `employees`, `lat`, `lng` are null when cleared), text `note` (character-level
 * merge of 备注), map `tags` (tag → true, an add-wins set: two devices adding different tags offline both
 * keep theirs), array `formerNames` (曾用名), record lists `contacts` and `licences` (contacts.ts,
 * licences.ts), and the append-only `edits` log (edits.ts: merge notices and the timeline).
 *
 * Only fields with a value are written at creation: two devices creating the same USCC offline write into
 * one doc (enterpriseDocIdForUscc), and an empty default from one must not replace what the other typed.
 * For the same reason the creation time lives in the `edits` log (earliest creation wins), not in the
 * profile, where Yjs would keep one device's value.
 */
import * as Y from 'yjs';
import { readAssignment, spliceText } from './assignment.ts';
import { addContactRecord, contactsArray, removeContactRecord, updateContactRecord, type ContactValues } from './contacts.ts';
import { createdAtFromEdits, editsArray, logEdit, mergeConflicts, readEdits, type MergeConflict } from './edits.ts';
import { lastVisitAt, readPlans, readVisits, summarizePlan, summarizeVisit } from '../visits/read.ts';
import type { PlanSummary, VisitSummary } from '../visits/types.ts';
import { currentPolicyStatuses, readPolicyEvents } from '../policies/status.ts';
import type { PolicyStatusSummary } from '../policies/types.ts';
import { addLicenceRecord, readLicences, removeLicenceRecord, updateLicenceRecord, type LicenceValues } from './licences.ts';

/** Text fields of the profile (establishedOn 成立日期: YYYY-MM-DD or ''). */
export const ENTERPRISE_FIELDS = ['name', 'uscc', 'town', 'industry', 'legalRep', 'address', 'park', 'scale', 'establishedOn'] as const;
export type EnterpriseField = (typeof ENTERPRISE_FIELDS)[number];
/** Number fields of the profile (null when not known). */
export const ENTERPRISE_NUMBER_FIELDS = ['employees', 'lat', 'lng'] as const;
export type EnterpriseNumberField = (typeof ENTERPRISE_NUMBER_FIELDS)[number];

export const SCALES = ['规上', '规下'] as const;
export type Scale = (typeof SCALES)[number] | '';

export interface EnterpriseProfile {
  name: string;
  uscc: string;
  formerNames: string[];
  legalRep: string;
  address: string;
  town: string;
  park: string;
  industry: string;
  scale: Scale;
  /** 成立日期 YYYY-MM-DD ('' when not known): policy conditions 成立日期早于/晚于 read it */
  establishedOn: string;
  employees: number | null;
  lat: number | null;
  lng: number | null;
  tags: string[];
  note: string;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

export interface LicenceSummary {
  type: string;
  number: string;
  /** YYYY-MM-DD ('' when not given) */
  expiresOn: string;
}

/**
 * What lists and search read (Dexie table `enterprises`, and the relay's `rows`), never the doc.
 * Same fields as the profile; `note` holds only the first NOTE_EXCERPT characters of 备注.
 * `teamId` / `responsibleId` ('' when unassigned) are what the relay's access control reads.
 */
export interface EnterpriseRow extends EnterpriseProfile {
  id: string;
  teamId: string;
  responsibleId: string;
  assignedAt: number;
  licences: LicenceSummary[];
  contactsCount: number;
  /** latest visit that is not voided; 0 when never visited */
  lastVisitAt: number;
  /** every visit, newest first (summaries: history, team view, reminders read these) */
  visits: VisitSummary[];
  /** every plan (incl. done and cancelled), soonest first */
  plans: PlanSummary[];
  /** 惠企政策: item code → its current status for this enterprise (latest policyEvents record) */
  policies: PolicyStatusSummary;
}

export const NOTE_EXCERPT = 200;

/**
 * The doc id of a file created with a valid USCC: deterministic, so two devices creating the same
 * enterprise offline write into one doc and Yjs merges them. Files without a USCC keep a random id.
 */
export function enterpriseDocIdForUscc(uscc: string): string {
  return `ent-u${uscc.toLowerCase()}`;
}

const profileMap = (doc: Y.Doc) => doc.getMap<string | number | null>('profile');
const noteText = (doc: Y.Doc) => doc.getText('note');
const tagsMap = (doc: Y.Doc) => doc.getMap<boolean>('tags');
export const formerNamesArray = (doc: Y.Doc) => doc.getArray<string>('formerNames');

function str(map: Y.Map<string | number | null>, key: string): string {
  const v = map.get(key);
  return typeof v === 'string' ? v : '';
}
function num(map: Y.Map<string | number | null>, key: string): number {
  const v = map.get(key);
  return typeof v === 'number' ? v : 0;
}
function numOrNull(map: Y.Map<string | number | null>, key: string): number | null {
  const v = map.get(key);
  return typeof v === 'number' ? v : null;
}

export function readEnterprise(doc: Y.Doc): EnterpriseProfile {
  const p = profileMap(doc);
  const scale = str(p, 'scale');
  return {
    name: str(p, 'name'),
    uscc: str(p, 'uscc'),
    formerNames: formerNamesArray(doc).toArray().filter((n) => typeof n === 'string'),
    legalRep: str(p, 'legalRep'),
    address: str(p, 'address'),
    town: str(p, 'town'),
    park: str(p, 'park'),
    industry: str(p, 'industry'),
    scale: (SCALES as readonly string[]).includes(scale) ? (scale as Scale) : '',
    establishedOn: str(p, 'establishedOn'),
    employees: numOrNull(p, 'employees'),
    lat: numOrNull(p, 'lat'),
    lng: numOrNull(p, 'lng'),
    tags: [...tagsMap(doc).keys()].sort(),
    note: noteText(doc).toString(),
    // Files from before the edit log kept it in the profile.
    createdAt: num(p, 'createdAt') || createdAtFromEdits(readEdits(doc)),
    updatedAt: num(p, 'updatedAt'),
    updatedBy: str(p, 'updatedBy'),
  };
}

export function materializeEnterprise(docId: string, doc: Y.Doc): EnterpriseRow {
  const { note, ...rest } = readEnterprise(doc);
  const { teamId, responsibleId, assignedAt } = readAssignment(doc);
  const visits = readVisits(doc).map(summarizeVisit);
  return {
    id: docId,
    ...rest,
    note: note.slice(0, NOTE_EXCERPT),
    teamId,
    responsibleId,
    assignedAt,
    licences: readLicences(doc).map(({ type, number, expiresOn }) => ({ type, number, expiresOn })),
    contactsCount: contactsArray(doc).length,
    lastVisitAt: lastVisitAt(visits),
    visits,
    plans: readPlans(doc).map(summarizePlan),
    policies: currentPolicyStatuses(readPolicyEvents(doc)),
  };
}

/** True when the doc has never been given a profile (e.g. an id that was opened but never written). */
export function isEmptyEnterprise(doc: Y.Doc): boolean {
  return profileMap(doc).size === 0;
}

function touch(doc: Y.Doc, by: string, now: number): void {
  const p = profileMap(doc);
  p.set('updatedAt', now);
  p.set('updatedBy', by);
}

export interface EnterpriseInit {
  name: string;
  uscc?: string;
  town?: string;
  industry?: string;
  tags?: string[];
  note?: string;
}

export function createEnterprise(doc: Y.Doc, init: EnterpriseInit, by: string, now = Date.now()): void {
  doc.transact(() => {
    logEdit(doc, 'created', '', '', by, now);
    for (const field of ['name', 'uscc', 'town', 'industry'] as const) {
      const value = init[field] ?? '';
      if (value === '') continue;
      profileMap(doc).set(field, value);
      logEdit(doc, 'set', field, value, by, now);
    }
    for (const tag of init.tags ?? []) tagsMap(doc).set(tag, true);
    if (init.note) noteText(doc).insert(0, init.note);
    touch(doc, by, now);
  });
}

/** Sets one text field; a no-op when the value is unchanged (so no update is produced). */
export function setEnterpriseField(doc: Y.Doc, field: EnterpriseField, value: string, by: string, now = Date.now()): void {
  if (str(profileMap(doc), field) === value) return;
  doc.transact(() => {
    profileMap(doc).set(field, value);
    logEdit(doc, 'set', field, value, by, now);
    touch(doc, by, now);
  });
}

/** Sets 员工人数 (a whole number ≥ 0, or null to clear). */
export function setEnterpriseEmployees(doc: Y.Doc, value: number | null, by: string, now = Date.now()): void {
  if (value !== null && !(Number.isInteger(value) && value >= 0)) throw new RangeError('employees must be an integer ≥ 0');
  if (numOrNull(profileMap(doc), 'employees') === value) return;
  doc.transact(() => {
    profileMap(doc).set('employees', value);
    logEdit(doc, 'set', 'employees', value === null ? '' : String(value), by, now);
    touch(doc, by, now);
  });
}

/** The location as the edit log writes it: 'lat,lng', '' when none. */
export function locationText(lat: number | null, lng: number | null): string {
  return lat === null || lng === null ? '' : `${lat},${lng}`;
}

/** Sets both coordinates at once (null, null clears); logged as one `location` edit. */
export function setEnterpriseLocation(doc: Y.Doc, lat: number | null, lng: number | null, by: string, now = Date.now()): void {
  const p = profileMap(doc);
  if (numOrNull(p, 'lat') === lat && numOrNull(p, 'lng') === lng) return;
  doc.transact(() => {
    p.set('lat', lat);
    p.set('lng', lng);
    logEdit(doc, 'set', 'location', locationText(lat, lng), by, now);
    touch(doc, by, now);
  });
}

/**
 * Records a change to a part that merges by itself (contacts, licences, tags, former names, note) for
 * the timeline, and stamps the profile's updatedAt/By. Call inside the change's transaction.
 */
export function noteEnterpriseChange(doc: Y.Doc, part: string, by: string, now: number): void {
  // Typing a note writes every few hundred ms: one record per part, person and CHANGE_RECORD_SPAN_MS.
  const log = editsArray(doc);
  const last = log.length > 0 ? log.get(log.length - 1) : undefined;
  const same = last?.kind === 'change' && last.field === part && last.by === by && now - last.at < CHANGE_RECORD_SPAN_MS;
  if (!same) logEdit(doc, 'change', part, '', by, now);
  touch(doc, by, now);
}

/** Consecutive changes of one part by one person within this span share one log record. */
export const CHANGE_RECORD_SPAN_MS = 10 * 60_000;

export function setEnterpriseTag(doc: Y.Doc, tag: string, on: boolean, by: string, now = Date.now()): void {
  const tags = tagsMap(doc);
  if (tags.has(tag) === on) return;
  doc.transact(() => {
    if (on) tags.set(tag, true);
    else tags.delete(tag);
    noteEnterpriseChange(doc, 'tags', by, now);
  });
}

export function addFormerName(doc: Y.Doc, name: string, by: string, now = Date.now()): void {
  const trimmed = name.trim();
  if (trimmed === '' || formerNamesArray(doc).toArray().includes(trimmed)) return;
  doc.transact(() => {
    formerNamesArray(doc).push([trimmed]);
    noteEnterpriseChange(doc, 'formerNames', by, now);
  });
}

export function removeFormerName(doc: Y.Doc, name: string, by: string, now = Date.now()): void {
  const index = formerNamesArray(doc).toArray().indexOf(name);
  if (index < 0) return;
  doc.transact(() => {
    formerNamesArray(doc).delete(index, 1);
    noteEnterpriseChange(doc, 'formerNames', by, now);
  });
}

/** Contact and licence actions: the record change and its timeline entry in one transaction. */
export function addContact(doc: Y.Doc, values: ContactValues, by: string, now = Date.now()): string {
  let id = '';
  doc.transact(() => {
    id = addContactRecord(doc, values);
    noteEnterpriseChange(doc, 'contacts', by, now);
  });
  return id;
}
export function updateContact(doc: Y.Doc, id: string, values: Partial<ContactValues>, by: string, now = Date.now()): void {
  doc.transact(() => {
    if (updateContactRecord(doc, id, values)) noteEnterpriseChange(doc, 'contacts', by, now);
  });
}
export function removeContact(doc: Y.Doc, id: string, by: string, now = Date.now()): void {
  doc.transact(() => {
    if (removeContactRecord(doc, id)) noteEnterpriseChange(doc, 'contacts', by, now);
  });
}
export function addLicence(doc: Y.Doc, values: LicenceValues, by: string, now = Date.now()): string {
  let id = '';
  doc.transact(() => {
    id = addLicenceRecord(doc, values);
    noteEnterpriseChange(doc, 'licences', by, now);
  });
  return id;
}
export function updateLicence(doc: Y.Doc, id: string, values: Partial<LicenceValues>, by: string, now = Date.now()): void {
  doc.transact(() => {
    if (updateLicenceRecord(doc, id, values)) noteEnterpriseChange(doc, 'licences', by, now);
  });
}
export function removeLicence(doc: Y.Doc, id: string, by: string, now = Date.now()): void {
  doc.transact(() => {
    if (removeLicenceRecord(doc, id)) noteEnterpriseChange(doc, 'licences', by, now);
  });
}

/**
 * Replaces the note with `next` by the smallest single splice (common prefix/suffix kept), so
 * concurrent edits on another device elsewhere in the text merge instead of being overwritten.
 */
export function setEnterpriseNote(doc: Y.Doc, next: string, by: string, now = Date.now()): void {
  const text = noteText(doc);
  if (text.toString() === next) return;
  doc.transact(() => {
    spliceText(text, next);
    noteEnterpriseChange(doc, 'note', by, now);
  });
}

/** A logged field's current value as the log writes it. */
export function loggedFieldValue(doc: Y.Doc, field: string): string {
  const p = profileMap(doc);
  if (field === 'location') return locationText(numOrNull(p, 'lat'), numOrNull(p, 'lng'));
  if (field === 'employees') {
    const n = numOrNull(p, 'employees');
    return n === null ? '' : String(n);
  }
  return str(p, field);
}

/** Profile fields another device's concurrent value was overwritten in (the 合并提示). */
export function enterpriseMergeConflicts(doc: Y.Doc): MergeConflict[] {
  return mergeConflicts(readEdits(doc), (field) => loggedFieldValue(doc, field));
}

/** Keeps the shown value of `field` and closes its merge notice (the overwritten values stay in the log). */
export function confirmMergedField(doc: Y.Doc, field: string, by: string, now = Date.now()): void {
  doc.transact(() => logEdit(doc, 'set', field, loggedFieldValue(doc, field), by, now));
}

