/**
 * The file's edit log: root array `edits` of FileEdit records, appended with every profile change and
 * never edited or removed (the relay refuses updates that drop or rewrite a record).
 *
 * Why: Yjs keeps one value per profile key, so when two devices set the same field without seeing each
 * other (offline, or two devices creating the same USCC), one value silently wins. Each record names the
 * records its author saw as the field's latest (`replaces`). A record nobody replaced is a "head"; a field
 * with two or more heads was set concurrently, and the heads whose value is not the shown one are what
 * another device overwrote — the 合并提示 lists them until someone sets the field again or confirms it.
 * The same log feeds the timeline (file created, edits per day).
 */
import * as Y from 'yjs';

export interface FileEdit {
  /** `<clientID>.<clock>` of the writing device: unique, and deterministic for a given doc history */
  id: string;
  /** created: the file was made; set: a profile field got `value`; change: another part (contacts, tags…) changed */
  kind: 'created' | 'set' | 'change';
  /** profile field for set, part name for change ('contacts', 'licences', 'tags', 'formerNames', 'note'), '' for created */
  field: string;
  /** the value written, as text ('' when cleared) */
  value: string;
  by: string;
  at: number;
  /** ids of the records the author saw as this field's latest */
  replaces: string[];
}

export const editsArray = (doc: Y.Doc) => doc.getArray<FileEdit>('edits');

export function readEdits(doc: Y.Doc): FileEdit[] {
  return editsArray(doc).toArray();
}

/** Records of `field` that no later record replaced. */
export function fieldHeads(edits: readonly FileEdit[], field: string): FileEdit[] {
  const ofField = edits.filter((e) => e.kind === 'set' && e.field === field);
  const replaced = new Set(ofField.flatMap((e) => e.replaces));
  return ofField.filter((e) => !replaced.has(e.id));
}

/** Appends a record (call inside the transaction that writes the value). */
export function logEdit(doc: Y.Doc, kind: FileEdit['kind'], field: string, value: string, by: string, at: number): void {
  const log = editsArray(doc);
  const replaces = kind === 'set' ? fieldHeads(log.toArray(), field).map((e) => e.id) : [];
  const id = `${doc.clientID}.${Y.getState(doc.store, doc.clientID)}`;
  log.push([{ id, kind, field, value, by, at, replaces }]);
}

export interface MergeConflict {
  field: string;
  /** the value the file shows now */
  kept: string;
  /** concurrent values another device overwrote */
  lost: FileEdit[];
}

/** Fields set concurrently whose shown value hides another device's; `current` reads a field as logged. */
export function mergeConflicts(edits: readonly FileEdit[], current: (field: string) => string): MergeConflict[] {
  const fields = [...new Set(edits.filter((e) => e.kind === 'set').map((e) => e.field))];
  const out: MergeConflict[] = [];
  for (const field of fields) {
    const heads = fieldHeads(edits, field);
    if (heads.length < 2) continue;
    const kept = current(field);
    const lost = heads.filter((e) => e.value !== kept);
    if (lost.length > 0) out.push({ field, kept, lost });
  }
  return out;
}

/** When the file was first created (earliest creation record; two devices may both have created it). */
export function createdAtFromEdits(edits: readonly FileEdit[]): number {
  let first = 0;
  for (const e of edits) if (e.kind === 'created' && (first === 0 || e.at < first)) first = e.at;
  return first;
}
