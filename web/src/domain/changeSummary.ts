/**
 * What a kept-aside (refused) change contained, in words a user can act on: the fields it set, the note
 * and strategy text it added or removed, the tags it touched. Computed when the change is moved aside,
 * from the doc before and after it, because a Y update on its own cannot be read (an overwritten field
 * names neither its map nor its key; the items it builds on are elsewhere).
 */
import * as Y from 'yjs';
import { ENTERPRISE_FIELDS, readAssignment, readEnterprise, readStrategy, type EnterpriseProfile } from '@bangqi/shared';

export type ChangeField = (typeof ENTERPRISE_FIELDS)[number] | 'note' | 'strategy' | 'tags' | 'assignment';

export interface ChangeLine {
  field: ChangeField;
  before: string;
  after: string;
}

export interface ChangeSnapshot {
  profile: EnterpriseProfile;
  strategy: string;
  assignment: string;
}

export function snapshotOf(doc: Y.Doc): ChangeSnapshot {
  const a = readAssignment(doc);
  return { profile: readEnterprise(doc), strategy: readStrategy(doc), assignment: `${a.teamId}/${a.responsibleId}` };
}

export function describeChange(before: ChangeSnapshot, after: ChangeSnapshot): ChangeLine[] {
  const lines: ChangeLine[] = [];
  for (const field of ENTERPRISE_FIELDS) {
    if (before.profile[field] !== after.profile[field]) lines.push({ field, before: before.profile[field], after: after.profile[field] });
  }
  if (before.profile.note !== after.profile.note) lines.push({ field: 'note', before: before.profile.note, after: after.profile.note });
  const tagsBefore = before.profile.tags.join('、');
  const tagsAfter = after.profile.tags.join('、');
  if (tagsBefore !== tagsAfter) lines.push({ field: 'tags', before: tagsBefore, after: tagsAfter });
  if (before.strategy !== after.strategy) lines.push({ field: 'strategy', before: before.strategy, after: after.strategy });
  if (before.assignment !== after.assignment) lines.push({ field: 'assignment', before: before.assignment, after: after.assignment });
  return lines;
}

const EMPTY: ChangeSnapshot = snapshotOf(new Y.Doc());

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((v, i) => v === b[i]);

/**
 * The changes of `moved` (oldest first), each against the doc as it was just before it: `log` is the
 * doc's stored update log, which holds the moved updates too (a local update is logged with the same
 * bytes as its outbox entry). When the log was compacted the moved bytes cannot be told apart; then a
 * change is described against an empty doc, or as the whole file with it. `name` is the file's name
 * without the moved changes.
 */
export function describeMoved(log: readonly Uint8Array[], moved: readonly Uint8Array[]): { name: string; changes: ChangeLine[][] } {
  const base = log.filter((u) => !moved.some((m) => sameBytes(m, u)));
  const doc = new Y.Doc();
  try {
    if (base.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(base as Uint8Array[]));
    const baseName = readEnterprise(doc).name;
    const changes = moved.map((update) => {
      const before = snapshotOf(doc);
      Y.applyUpdate(doc, update);
      const after = snapshotOf(doc);
      const lines = describeChange(before, after);
      if (lines.length > 0) return lines;
      // Compacted log: the change is already in `before`. What it sets on its own, else the file as it
      // stands with it (at least the content is there to copy).
      const alone = describeAlone(update);
      return alone.length > 0 ? alone : describeChange(EMPTY, after);
    });
    // The name the relay knows (a refused rename must not stand for the file); a new file's own name.
    return { name: baseName || readEnterprise(doc).name, changes };
  } finally {
    doc.destroy();
  }
}

function describeAlone(update: Uint8Array): ChangeLine[] {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, update);
    return describeChange(EMPTY, snapshotOf(doc));
  } finally {
    doc.destroy();
  }
}
