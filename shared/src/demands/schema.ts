/**
 * What a demand doc and a common-issue doc may hold (layout in types.ts), for the relay's write check and
 * for events.ts (which validates before writing and skips malformed records when reading). Problems are
 * English (logs and refusals). The append-only parts come back as JSON lines: the relay refuses an
 * update after which a line it had is missing.
 */
import * as Y from 'yjs';
import { isIsoDate } from '../domain/licences.ts';
import { DEMAND_CATEGORIES, SATISFACTION, URGENCY_TIERS, type DemandEvent, type DemandInfo } from './types.ts';

/** Longest text accepted in a field (a description or meeting minutes). */
export const MAX_DEMAND_TEXT = 20_000;
/** Most working days one extension request may ask for (the district's total cap is a setting). */
export const MAX_EXTENSION_REQUEST = 60;

type Rec = Record<string, unknown>;
const plain = (v: unknown): v is Rec => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Y.AbstractType);
const text = (v: unknown, max = MAX_DEMAND_TEXT): v is string => typeof v === 'string' && v.length <= max;
const time = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const texts = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => text(x, 200));
const oneOf = (list: readonly string[], v: unknown) => typeof v === 'string' && list.includes(v);

function keysProblem(r: Rec, keys: readonly string[]): string | null {
  const extra = Object.keys(r).filter((k) => !keys.includes(k));
  return extra.length ? `unknown keys ${extra.join(', ')}` : null;
}

const INFO_TYPES: { [K in keyof DemandInfo]: (v: unknown) => boolean } = {
  enterpriseId: (v) => text(v, 200) && v !== '',
  enterpriseName: (v) => text(v, 500),
  town: (v) => text(v, 200),
  visitId: (v) => text(v, 200),
  title: (v) => text(v, 500) && v.trim() !== '',
  description: (v) => text(v),
  category: (v) => oneOf(DEMAND_CATEGORIES, v),
  urgency: (v) => oneOf(URGENCY_TIERS, v),
  contactName: (v) => text(v, 200),
  contactPhone: (v) => text(v, 200),
  createdAt: time,
  createdBy: (v) => text(v, 200) && v !== '',
};
const INFO_KEYS = Object.keys(INFO_TYPES);

export function demandInfoProblem(info: unknown): string | null {
  if (!plain(info)) return 'info: not an object';
  const extra = keysProblem(info, INFO_KEYS);
  if (extra) return `info: ${extra}`;
  for (const key of INFO_KEYS) if (!INFO_TYPES[key as keyof DemandInfo](info[key])) return `info.${key}: missing or malformed`;
  return null;
}

/** Per event type, its own fields and their checks. */
const EVENT_FIELDS: { [T in DemandEvent['type']]: Record<string, (v: unknown) => boolean> } = {
  raise: {},
  dispatch: { departments: (v) => texts(v) && (v as string[]).length > 0 && (v as string[]).every((d) => d !== ''), note: (v) => text(v) },
  progress: { department: (v) => text(v, 200), note: (v) => text(v) },
  resolve: { department: (v) => text(v, 200), note: (v) => text(v) },
  callback: { satisfaction: (v) => oneOf(SATISFACTION, v), comment: (v) => text(v) },
  close: { note: (v) => text(v) },
  reject: { note: (v) => text(v) },
  escalate: { instruction: (v) => text(v), automatic: (v) => typeof v === 'boolean' },
  'extend-request': {
    workingDays: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_EXTENSION_REQUEST,
    reason: (v) => text(v) && v.trim() !== '',
  },
  'extend-decision': { requestId: (v) => text(v, 200) && v !== '', approved: (v) => typeof v === 'boolean', note: (v) => text(v) },
  link: { issueId: (v) => typeof v === 'string' && /^iss-[A-Za-z0-9_-]{1,64}$/.test(v) },
  decide: { conflictIds: (v) => texts(v) && (v as string[]).length > 0, keep: (v) => text(v, 200) && v !== '', note: (v) => text(v) },
};
const BASE_KEYS = ['id', 'at', 'by', 'basis', 'type'];

/** Why a value is not a well-formed DemandEvent, or null. */
export function demandEventProblem(e: unknown): string | null {
  if (!plain(e)) return 'event: not an object';
  if (typeof e.type !== 'string' || !Object.hasOwn(EVENT_FIELDS, e.type)) return `event: unknown type ${JSON.stringify(e.type)}`;
  const fields = EVENT_FIELDS[e.type as DemandEvent['type']];
  const extra = keysProblem(e, [...BASE_KEYS, ...Object.keys(fields)]);
  if (extra) return `event ${e.type}: ${extra}`;
  if (!text(e.id, 200) || e.id === '') return 'event: missing id';
  if (!time(e.at)) return 'event: missing time';
  if (!text(e.by, 200) || e.by === '') return 'event: missing author';
  if (!text(e.basis, 200)) return 'event: malformed basis';
  for (const [key, check] of Object.entries(fields)) if (!check(e[key])) return `event ${e.type}.${key}: missing or malformed`;
  if (e.type === 'decide' && !(e.conflictIds as string[]).includes(e.keep as string)) return 'event decide: keep is not among conflictIds';
  return null;
}

export function attachmentProblem(a: unknown): string | null {
  if (!plain(a)) return 'attachment: not an object';
  const extra = keysProblem(a, ['hash', 'name', 'mime', 'bytes', 'addedAt', 'addedBy']);
  if (extra) return `attachment: ${extra}`;
  if (typeof a.hash !== 'string' || !/^[0-9a-f]{64}$/.test(a.hash)) return 'attachment.hash: not a SHA-256 hex';
  if (!text(a.name, 500) || !text(a.mime, 200)) return 'attachment: malformed name or mime';
  if (typeof a.bytes !== 'number' || !Number.isInteger(a.bytes) || a.bytes < 0) return 'attachment.bytes: malformed';
  if (!time(a.addedAt) || !text(a.addedBy, 200)) return 'attachment: malformed addedAt/addedBy';
  return null;
}

export function jointMeetingProblem(m: unknown): string | null {
  if (!plain(m)) return 'meeting: not an object';
  const extra = keysProblem(m, ['id', 'date', 'departments', 'attendees', 'minutes', 'decisions', 'at', 'by']);
  if (extra) return `meeting: ${extra}`;
  if (!text(m.id, 200) || m.id === '') return 'meeting: missing id';
  if (typeof m.date !== 'string' || !isIsoDate(m.date)) return 'meeting.date: not YYYY-MM-DD';
  if (!texts(m.departments)) return 'meeting.departments: not a list of names';
  if (!text(m.attendees) || !text(m.minutes) || !text(m.decisions)) return 'meeting: malformed text';
  if (!time(m.at) || !text(m.by, 200) || m.by === '') return 'meeting: malformed at/by';
  return null;
}

export function issueEventProblem(e: unknown): string | null {
  if (!plain(e)) return 'issue event: not an object';
  const extra = keysProblem(e, ['id', 'at', 'by', 'type', 'note']);
  if (extra) return `issue event: ${extra}`;
  if (e.type !== 'resolve' && e.type !== 'reopen') return `issue event: unknown type ${JSON.stringify(e.type)}`;
  if (!text(e.id, 200) || e.id === '' || !time(e.at) || !text(e.by, 200) || e.by === '' || !text(e.note)) return 'issue event: malformed';
  return null;
}

/** A root sent under a known name with the other shape (a list as a map or the reverse) is garbage. */
function shapeProblems(doc: Y.Doc, maps: readonly string[], arrays: readonly string[]): string[] {
  const bad: string[] = [];
  for (const name of doc.share.keys()) if (!maps.includes(name) && !arrays.includes(name)) bad.push(`unknown root "${name}"`);
  for (const name of maps) {
    if ((doc.getMap(name) as unknown as { _start: unknown })._start !== null) bad.push(`${name} is not a map`);
  }
  for (const name of arrays) {
    if ((doc.getArray(name) as unknown as { _map: Map<string, unknown> })._map.size > 0) bad.push(`${name} is not a list`);
  }
  return bad;
}

/** Checks every record of an append-only list; returns the records as JSON lines. */
function appendOnlyLines(list: Y.Array<unknown>, name: string, problem: (v: unknown) => string | null, bad: string[]): string[] {
  const lines: string[] = [];
  for (const v of list.toArray()) {
    const p = problem(v);
    if (p) {
      bad.push(`${name}: ${p}`);
      break;
    }
    lines.push(JSON.stringify(v));
  }
  return lines;
}

/**
 * A demand doc's problems and its append-only lines (events and attachments). Call it before any other
 * getMap/getArray on the doc, so an unknown root shows.
 */
export function demandSchemaProblems(doc: Y.Doc): { badParts: string[]; events: string[] } {
  const bad = shapeProblems(doc, ['info'], ['events', 'attachments']);
  const info = doc.getMap<unknown>('info');
  if (info.size > 0) {
    const p = demandInfoProblem(Object.fromEntries(info.entries()));
    if (p) bad.push(p);
  }
  const events = appendOnlyLines(doc.getArray('events'), 'events', demandEventProblem, bad);
  const attachments = appendOnlyLines(doc.getArray('attachments'), 'attachments', attachmentProblem, bad);
  const ids = new Set<string>();
  for (const line of events) {
    const id = (JSON.parse(line) as DemandEvent).id;
    if (ids.has(id)) {
      bad.push(`events: id ${id} used twice`);
      break;
    }
    ids.add(id);
  }
  return { badParts: bad, events: [...events, ...attachments.map((a) => `attachment ${a}`)] };
}

/** A common-issue doc's problems and its append-only lines (members, meetings, events). */
export function issueSchemaProblems(doc: Y.Doc): { badParts: string[]; events: string[] } {
  const bad = shapeProblems(doc, ['info'], ['members', 'meetings', 'events']);
  const info = doc.getMap<unknown>('info');
  if (info.size > 0) {
    const r = Object.fromEntries(info.entries());
    const extra = keysProblem(r, ['title', 'description', 'createdAt', 'createdBy']);
    if (extra) bad.push(`info: ${extra}`);
    else if (!text(r.title, 500) || r.title.trim() === '' || !text(r.description) || !time(r.createdAt) || !text(r.createdBy, 200) || r.createdBy === '') {
      bad.push('info: missing or malformed field');
    }
  }
  const memberProblem = (v: unknown) => (typeof v === 'string' && /^dem-[A-Za-z0-9_-]{1,64}$/.test(v) ? null : 'not a demand id');
  const members = appendOnlyLines(doc.getArray('members'), 'members', memberProblem, bad);
  const meetings = appendOnlyLines(doc.getArray('meetings'), 'meetings', jointMeetingProblem, bad);
  const events = appendOnlyLines(doc.getArray('events'), 'events', issueEventProblem, bad);
  return {
    badParts: bad,
    events: [...members.map((l) => `member ${l}`), ...meetings.map((l) => `meeting ${l}`), ...events.map((l) => `event ${l}`)],
  };
}
