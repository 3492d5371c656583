/**
 * Writing visits into the enterprise doc (layout: types.ts; reading: read.ts), the checks a visit form
 * runs before saving (problem codes, Chinese in the app), and the schema check the relay runs on every
 * write. A visit is one Y.Map in the `visits` array; later edits set single keys, so two devices editing
 * different fields of one visit merge. Visits are never deleted, only voided with a reason.
 */
import * as Y from 'yjs';
import { newRecordId } from '../ids.ts';
import { visitsArray } from './read.ts';
import { VISIT_TYPES, type GeoStamp, type PhotoRef, type VisitFigures, type VisitRecord } from './types.ts';

/** What the form supplies; the rest (id, who/when, void) is set here. */
export type VisitInput = Omit<VisitRecord, 'id' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'voidReason' | 'policyCodes'> & {
  /** policy library codes explained; optional so callers from before the library need not name it */
  policyCodes?: string[];
};

/** Fields an edit may change (never the id or who created it). */
export type VisitEdit = Partial<VisitInput>;

export const FIGURE_KEYS = ['outputWan', 'revenueWan', 'taxWan', 'employees'] as const satisfies readonly (keyof VisitFigures)[];

/** Longest free text of a visit (purpose, findings, situation, policies, companions, a demand item). */
export const MAX_VISIT_TEXT = 5000;
/** Most photos, visitors and demand items one visit holds. */
export const MAX_VISIT_PHOTOS = 30;
export const MAX_VISIT_LIST = 50;

const INPUT_KEYS = [
  'type', 'visitedAt', 'visitors', 'companions', 'purpose', 'findings', 'situation', 'figures', 'demandItems',
  'demandIds', 'policies', 'policyCodes', 'nextVisitOn', 'checkIn', 'checkOut', 'photos', 'planId',
] as const satisfies readonly (keyof VisitInput)[];

const find = (doc: Y.Doc, id: string) => visitsArray(doc).toArray().find((m) => m instanceof Y.Map && m.get('id') === id);

/** Plain JSON copies: a Y.Map value must not share objects with the caller's (reactive) state. */
const plain = <T>(v: T): T => (v === null || typeof v !== 'object' ? v : (JSON.parse(JSON.stringify(v)) as T));

/** Appends a visit; returns its id. */
export function addVisit(doc: Y.Doc, v: VisitInput, by: string, now: number): string {
  const id = newRecordId();
  const m = new Y.Map<unknown>();
  doc.transact(() => {
    m.set('id', id);
    for (const k of INPUT_KEYS) m.set(k, plain(k === 'policyCodes' ? (v.policyCodes ?? []) : v[k]));
    m.set('createdAt', now);
    m.set('createdBy', by);
    m.set('updatedAt', now);
    m.set('updatedBy', by);
    m.set('voidReason', '');
    visitsArray(doc).push([m]);
  });
  return id;
}

/** Sets the changed fields of visit `id`; false when there is no such visit or nothing changed. */
export function updateVisit(doc: Y.Doc, id: string, fields: VisitEdit, by: string, now: number): boolean {
  const m = find(doc, id);
  if (!m) return false;
  const changed = (Object.keys(fields) as (keyof VisitEdit)[]).filter(
    (k) => (INPUT_KEYS as readonly string[]).includes(k) && fields[k] !== undefined && JSON.stringify(m.get(k)) !== JSON.stringify(fields[k]),
  );
  if (changed.length === 0) return false;
  doc.transact(() => {
    for (const k of changed) m.set(k, plain(fields[k]));
    m.set('updatedAt', now);
    m.set('updatedBy', by);
  });
  return true;
}

/** Marks a visit recorded by mistake as void (it stays, struck through). The reason is required. */
export function voidVisit(doc: Y.Doc, id: string, reason: string, by: string, now: number): boolean {
  const why = reason.trim();
  if (why === '') throw new RangeError('a void reason is required');
  const m = find(doc, id);
  if (!m || m.get('voidReason') === why) return false;
  doc.transact(() => {
    m.set('voidReason', why.slice(0, MAX_VISIT_TEXT));
    m.set('updatedAt', now);
    m.set('updatedBy', by);
  });
  return true;
}

// ---------------------------------------------------------------------------------------------------
// What a form checks before saving (codes; the app words them).

export type VisitProblem =
  | { code: 'visit.visitors' } // nobody went
  | { code: 'visit.content' } // neither purpose nor findings
  | { code: 'visit.time' } // no time, or more than a day ahead of the device clock
  | { code: 'visit.figure'; field: keyof VisitFigures } // negative or not a number
  | { code: 'visit.next-format' } // next visit not YYYY-MM-DD
  | { code: 'visit.next-past' } // next visit before today
  | { code: 'visit.too-long'; field: string };

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Problems of a visit about to be saved; `today` is the China day (YYYY-MM-DD), `now` the device clock. */
export function visitInputProblems(v: VisitInput, today: string, now: number): VisitProblem[] {
  const out: VisitProblem[] = [];
  if (v.visitors.length === 0) out.push({ code: 'visit.visitors' });
  if (v.purpose.trim() === '' && v.findings.trim() === '') out.push({ code: 'visit.content' });
  if (!(v.visitedAt > 0) || v.visitedAt > now + 86_400_000) out.push({ code: 'visit.time' });
  for (const k of FIGURE_KEYS) {
    const n = v.figures[k];
    if (n !== null && !(Number.isFinite(n) && n >= 0)) out.push({ code: 'visit.figure', field: k });
  }
  if (v.nextVisitOn !== '') {
    if (!DAY_RE.test(v.nextVisitOn) || Number.isNaN(Date.parse(v.nextVisitOn))) out.push({ code: 'visit.next-format' });
    else if (v.nextVisitOn < today) out.push({ code: 'visit.next-past' });
  }
  for (const k of ['companions', 'purpose', 'findings', 'situation', 'policies'] as const) {
    if (v[k].length > MAX_VISIT_TEXT) out.push({ code: 'visit.too-long', field: k });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
// Relay schema check.

/** Ids of the visits in the doc (the relay checks that none disappears: visits are voided, never deleted). */
export function visitIds(doc: Y.Doc): string[] {
  return visitsArray(doc)
    .toArray()
    .map((m) => (m instanceof Y.Map ? m.get('id') : undefined))
    .filter((id): id is string => typeof id === 'string');
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Y.AbstractType);
const isText = (v: unknown, max = MAX_VISIT_TEXT) => typeof v === 'string' && v.length <= max;
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);
const isNumOrNull = (v: unknown) => v === null || isNum(v);
const isTextList = (v: unknown, maxItems = MAX_VISIT_LIST) => Array.isArray(v) && v.length <= maxItems && v.every((x) => isText(x));
const HASH_RE = /^[0-9a-f]{64}$/;

function stampProblem(v: unknown): string | null {
  if (v === null) return null;
  if (!isObj(v)) return 'is not a stamp';
  const s = v as Partial<Record<keyof GeoStamp, unknown>>;
  if (!isNumOrNull(s.lat) || (s.lat !== null && Math.abs(s.lat as number) > 90)) return 'lat is not a latitude';
  if (!isNumOrNull(s.lng) || (s.lng !== null && Math.abs(s.lng as number) > 180)) return 'lng is not a longitude';
  if (!isNumOrNull(s.accuracy) || !isNumOrNull(s.distanceM) || !isNum(s.at)) return 'has a bad number';
  if (!isTextList(s.flags, 5)) return 'flags is not a list of text';
  return null;
}

function photoProblem(v: unknown): string | null {
  if (!isObj(v)) return 'is not a photo';
  const p = v as Partial<Record<keyof PhotoRef, unknown>>;
  if (typeof p.hash !== 'string' || !HASH_RE.test(p.hash)) return 'hash is not a SHA-256';
  if (!isNum(p.bytes) || !isNum(p.width) || !isNum(p.height) || !isNum(p.takenAt)) return 'has a bad number';
  if (!isText(p.mime, 100) || !isText(p.caption, 500)) return 'has a bad text';
  return null;
}

/** Per key of a visit: what is wrong with the value, or null. Unknown keys are refused. */
const VISIT_CHECKS: Record<keyof VisitRecord, (v: unknown) => string | null> = {
  id: (v) => (typeof v === 'string' && v !== '' && v.length <= 64 ? null : 'is not an id'),
  type: (v) => ((VISIT_TYPES as readonly unknown[]).includes(v) ? null : 'is not a visit type'),
  visitedAt: (v) => (isNum(v) ? null : 'is not a time'),
  visitors: (v) => (isTextList(v) ? null : 'is not a list of user ids'),
  companions: (v) => (isText(v) ? null : 'is not a text'),
  purpose: (v) => (isText(v) ? null : 'is not a text'),
  findings: (v) => (isText(v) ? null : 'is not a text'),
  situation: (v) => (isText(v) ? null : 'is not a text'),
  figures: (v) =>
    isObj(v) && Object.keys(v).every((k) => (FIGURE_KEYS as readonly string[]).includes(k)) && FIGURE_KEYS.every((k) => v[k] === undefined || v[k] === null || (isNum(v[k]) && (v[k] as number) >= 0))
      ? null
      : 'are not figures ≥ 0',
  demandItems: (v) => (isTextList(v) ? null : 'is not a list of text'),
  demandIds: (v) => (isTextList(v) ? null : 'is not a list of ids'),
  policies: (v) => (isText(v) ? null : 'is not a text'),
  policyCodes: (v) => (isTextList(v) && (v as string[]).every((c) => c.length > 0 && c.length <= 64) ? null : 'is not a list of policy codes'),
  nextVisitOn: (v) => (v === '' || (typeof v === 'string' && DAY_RE.test(v)) ? null : 'is not a day'),
  checkIn: stampProblem,
  checkOut: stampProblem,
  photos: (v) => {
    if (!Array.isArray(v) || v.length > MAX_VISIT_PHOTOS) return 'is not a list of photos';
    for (const p of v) {
      const problem = photoProblem(p);
      if (problem) return `item ${problem}`;
    }
    return null;
  },
  planId: (v) => (isText(v, 64) ? null : 'is not an id'),
  createdAt: (v) => (isNum(v) ? null : 'is not a time'),
  createdBy: (v) => (isText(v, 64) ? null : 'is not a user id'),
  updatedAt: (v) => (isNum(v) ? null : 'is not a time'),
  updatedBy: (v) => (isText(v, 64) ? null : 'is not a user id'),
  voidReason: (v) => (isText(v) ? null : 'is not a text'),
};

/** What is malformed in the doc's `visits` (English, for logs and refusals); empty when fine. */
export function visitsSchemaProblems(doc: Y.Doc): string[] {
  const list = visitsArray(doc);
  // A root sent as a map reads as an array with map entries: garbage under a known name.
  if ((list as unknown as { _map: Map<string, unknown> })._map.size > 0) return ['visits is not a list'];
  const problems: string[] = [];
  for (const item of list.toArray()) {
    if (!(item instanceof Y.Map)) {
      problems.push('visits holds an item that is not a record');
      break;
    }
    const m = item as Y.Map<unknown>;
    if (typeof m.get('id') !== 'string') problems.push('visits: a visit has no id');
    for (const [k, v] of m.entries()) {
      const check = VISIT_CHECKS[k as keyof VisitRecord];
      const problem = check ? check(v) : 'is not a visit field';
      if (problem) problems.push(`visits.${k} ${problem}`);
    }
    if (problems.length > 0) break;
  }
  return problems;
}
