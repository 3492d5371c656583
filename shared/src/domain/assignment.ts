/**
 * 一企一策一人 inside the enterprise doc: which team serves it, the one responsible person, the written
 * strategy, and the append-only history of every (re)assignment.
 *
 * Layout: map `assignment` { teamId, responsibleId, assignedAt, assignedBy } (strings '' when unset,
 * numbers for times), text `strategy` (一企一策), array `assignmentHistory` of AssignmentRecord objects
 * (appended, never edited or deleted — the relay refuses updates that shrink or rewrite it).
 */
import * as Y from 'yjs';

export interface Assignment {
  teamId: string;
  responsibleId: string;
  assignedAt: number;
  assignedBy: string;
}

export interface AssignmentRecord {
  at: number;
  /** who made the change */
  by: string;
  teamId: string;
  responsibleId: string;
  previousTeamId: string;
  previousResponsibleId: string;
  /** why (required for a reassignment, optional for a first assignment) */
  reason: string;
}

const assignmentMap = (doc: Y.Doc) => doc.getMap<string | number>('assignment');
const historyArray = (doc: Y.Doc) => doc.getArray<AssignmentRecord>('assignmentHistory');
const strategyText = (doc: Y.Doc) => doc.getText('strategy');

export function readAssignment(doc: Y.Doc): Assignment {
  const m = assignmentMap(doc);
  const s = (k: string) => (typeof m.get(k) === 'string' ? (m.get(k) as string) : '');
  const n = (k: string) => (typeof m.get(k) === 'number' ? (m.get(k) as number) : 0);
  return { teamId: s('teamId'), responsibleId: s('responsibleId'), assignedAt: n('assignedAt'), assignedBy: s('assignedBy') };
}

export function readAssignmentHistory(doc: Y.Doc): AssignmentRecord[] {
  return historyArray(doc).toArray();
}

export function readStrategy(doc: Y.Doc): string {
  return strategyText(doc).toString();
}

/**
 * Assigns the enterprise to `teamId` / `responsibleId` ('' = unassigned) and appends the history record,
 * in one transaction. A no-op when nothing changes.
 */
export function assignEnterprise(
  doc: Y.Doc,
  next: { teamId: string; responsibleId: string; reason?: string },
  by: string,
  now = Date.now(),
): void {
  const prev = readAssignment(doc);
  if (prev.teamId === next.teamId && prev.responsibleId === next.responsibleId) return;
  doc.transact(() => {
    const m = assignmentMap(doc);
    m.set('teamId', next.teamId);
    m.set('responsibleId', next.responsibleId);
    m.set('assignedAt', now);
    m.set('assignedBy', by);
    historyArray(doc).push([
      {
        at: now,
        by,
        teamId: next.teamId,
        responsibleId: next.responsibleId,
        previousTeamId: prev.teamId,
        previousResponsibleId: prev.responsibleId,
        reason: next.reason ?? '',
      },
    ]);
  });
}

/** Replaces the strategy text by the smallest splice (as the note does), so concurrent edits merge. */
export function setStrategy(doc: Y.Doc, next: string): void {
  spliceText(strategyText(doc), next);
}

/** Replaces `text` with `next` by one splice around the common prefix and suffix; no-op when equal. */
export function spliceText(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  while (start < prev.length && start < next.length && prev[start] === next[start]) start++;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev[endPrev - 1] === next[endNext - 1]) {
    endPrev--;
    endNext--;
  }
  const apply = () => {
    if (endPrev > start) text.delete(start, endPrev - start);
    if (endNext > start) text.insert(start, next.slice(start, endNext));
  };
  if (text.doc) text.doc.transact(apply);
  else apply();
}
