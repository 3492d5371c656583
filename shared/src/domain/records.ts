/**
 * Lists of small records inside the file (contacts, licences): a Y.Array of Y.Map, one map per record,
 * so two devices adding records offline both keep theirs, and two devices editing different fields of
 * one record merge field by field. Every value is a string; `id` identifies a record across devices.
 */
import * as Y from 'yjs';

export type RecordOf<K extends string> = { id: string } & Record<K, string>;

export function readRecords<K extends string>(list: Y.Array<Y.Map<string>>, keys: readonly K[]): RecordOf<K>[] {
  return list.toArray().map((m) => {
    const rec = { id: str(m.get('id')) } as RecordOf<K>;
    for (const k of keys) (rec as Record<string, string>)[k] = str(m.get(k));
    return rec;
  });
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** Appends a record; returns its id (`<clientID>.<clock>`, unique per device write). */
export function addRecord<K extends string>(doc: Y.Doc, list: Y.Array<Y.Map<string>>, values: Record<K, string>): string {
  const id = `${doc.clientID}.${Y.getState(doc.store, doc.clientID)}`;
  const m = new Y.Map<string>();
  m.set('id', id);
  for (const [k, v] of Object.entries(values) as [string, string][]) m.set(k, v);
  list.push([m]);
  return id;
}

/** Sets the changed fields of record `id`; false when there is no such record or nothing changed. */
export function updateRecord<K extends string>(list: Y.Array<Y.Map<string>>, id: string, values: Partial<Record<K, string>>): boolean {
  const m = list.toArray().find((r) => r.get('id') === id);
  if (!m) return false;
  let changed = false;
  for (const [k, v] of Object.entries(values) as [string, string][]) {
    if (k === 'id' || m.get(k) === v) continue;
    m.set(k, v);
    changed = true;
  }
  return changed;
}

export function removeRecord(list: Y.Array<Y.Map<string>>, id: string): boolean {
  const index = list.toArray().findIndex((r) => r.get('id') === id);
  if (index < 0) return false;
  list.delete(index, 1);
  return true;
}

/**
 * Schema check for the relay: every item is a Y.Map whose keys are `id` and `keys`, all strings.
 * Returns what is wrong, or null.
 */
export function recordsProblem(list: Y.Array<unknown>, keys: readonly string[]): string | null {
  for (const item of list.toArray()) {
    if (!(item instanceof Y.Map)) return 'an item is not a record';
    for (const [k, v] of (item as Y.Map<unknown>).entries()) {
      if (k !== 'id' && !keys.includes(k)) return `unknown field "${k}"`;
      if (typeof v !== 'string' || v.length > MAX_VALUE) return `${k} is not a short text`;
    }
  }
  return null;
}

/** Longest text a record field may hold. */
export const MAX_VALUE = 500;
