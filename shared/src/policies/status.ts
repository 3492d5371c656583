/**
 * Policy status per enterprise: root `policyEvents` of the enterprise's `ent-*` doc, append-only
 * PolicyStatusEvent objects (types.ts). The current status of an item is its latest event by (at, id):
 * every device sorts the same events the same way, so two devices recording concurrently agree on which
 * one is current once synced.
 */
import * as Y from 'yjs';
import { isIsoDate } from '../domain/licences.ts';
import { newRecordId } from '../ids.ts';
import { POLICY_CODE } from './library.ts';
import { POLICY_STATUSES, type PolicyStatusEvent, type PolicyStatusSummary } from './types.ts';

export const policyEventsArray = (doc: Y.Doc) => doc.getArray<unknown>('policyEvents');

const EVENT_KEYS = ['id', 'code', 'status', 'amount', 'date', 'note', 'visitId', 'by', 'at'];
const text = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** Why a value is not a well-formed PolicyStatusEvent (English), or null. 已兑现 needs its date. */
export function policyEventProblem(e: unknown): string | null {
  if (!e || typeof e !== 'object' || Array.isArray(e) || e instanceof Y.AbstractType) return 'policy event: not an object';
  const o = e as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => !EVENT_KEYS.includes(k));
  if (extra.length) return `policy event: unknown keys ${extra.join(', ')}`;
  if (!text(o.id, 200) || o.id === '') return 'policy event: missing id';
  if (typeof o.code !== 'string' || !POLICY_CODE.test(o.code)) return 'policy event: malformed code';
  if (!(POLICY_STATUSES as readonly unknown[]).includes(o.status)) return `policy event: unknown status ${JSON.stringify(o.status)}`;
  if (!text(o.amount, 200) || !text(o.note, 20_000) || !text(o.visitId, 200)) return 'policy event: malformed text';
  if (typeof o.date !== 'string' || (o.date !== '' && !isIsoDate(o.date))) return 'policy event: date is not YYYY-MM-DD';
  if (o.status === '已兑现' && o.date === '') return 'policy event: 已兑现 without a date';
  if (o.status !== '已兑现' && (o.amount !== '' || o.date !== '')) return 'policy event: amount and date belong to 已兑现 only';
  if (!text(o.by, 200) || o.by === '') return 'policy event: missing author';
  if (typeof o.at !== 'number' || !Number.isFinite(o.at) || o.at < 0) return 'policy event: missing time';
  return null;
}

const byTime = (a: PolicyStatusEvent, b: PolicyStatusEvent) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every well-formed event, in (at, id) order. */
export function readPolicyEvents(doc: Y.Doc): PolicyStatusEvent[] {
  return policyEventsArray(doc)
    .toArray()
    .filter((e): e is PolicyStatusEvent => policyEventProblem(e) === null)
    .sort(byTime);
}

/**
 * Appends a status event; returns its id. Its time is at least one ms after every event this device holds
 * for the same item, so a device whose clock runs behind still records after what it saw. Throws
 * RangeError on a malformed event.
 */
export function recordPolicyStatus(doc: Y.Doc, e: Omit<PolicyStatusEvent, 'id' | 'by' | 'at'>, by: string, now: number): string {
  const latest = readPolicyEvents(doc).reduce((max, x) => (x.code === e.code ? Math.max(max, x.at) : max), -1);
  const event: PolicyStatusEvent = {
    id: newRecordId(),
    code: e.code,
    status: e.status,
    amount: e.amount,
    date: e.date,
    note: e.note,
    visitId: e.visitId,
    by,
    at: Math.max(now, latest + 1),
  };
  const problem = policyEventProblem(event);
  if (problem) throw new RangeError(problem);
  policyEventsArray(doc).push([event]);
  return event.id;
}

/** Item code → its current status: the latest event by (at, id), whatever order the events come in. */
export function currentPolicyStatuses(events: readonly PolicyStatusEvent[]): PolicyStatusSummary {
  const summary: PolicyStatusSummary = {};
  for (const e of [...events].sort(byTime)) summary[e.code] = { status: e.status, at: e.at, amount: e.amount };
  return summary;
}

/**
 * What is malformed in an enterprise doc's `policyEvents` (badParts, English) and its events as JSON lines
 * (the relay refuses an update after which a line it had is missing: the list is append-only).
 */
export function policyEventsSchemaProblems(doc: Y.Doc): { badParts: string[]; events: string[] } {
  if (!doc.share.has('policyEvents')) return { badParts: [], events: [] };
  const list = policyEventsArray(doc);
  // A root sent as a map reads as an array with map entries: garbage under a known name.
  if ((list as unknown as { _map: Map<string, unknown> })._map.size > 0) return { badParts: ['policyEvents is not a list'], events: [] };
  const badParts: string[] = [];
  const events: string[] = [];
  const ids = new Set<string>();
  for (const v of list.toArray()) {
    const p = policyEventProblem(v);
    if (p) {
      badParts.push(`policyEvents: ${p}`);
      break;
    }
    const id = (v as PolicyStatusEvent).id;
    if (ids.has(id)) {
      badParts.push(`policyEvents: id ${id} used twice`);
      break;
    }
    ids.add(id);
    events.push(JSON.stringify(v));
  }
  return { badParts, events };
}
