/**
 * The file's timeline: typed events from every source, newest first, built by one function. A later
 * feature (visits, demands) adds a kind to TimelineEvent and a source to TIMELINE_SOURCES.
 */
import type * as Y from 'yjs';
import { readAssignmentHistory, type AssignmentRecord } from './assignment.ts';
import { readEdits } from './edits.ts';
import { chinaDay } from './licences.ts';
import { readVisits } from '../visits/read.ts';
import type { VisitType } from '../visits/types.ts';

export type TimelineEvent =
  | { kind: 'created'; at: number; by: string }
  /** every edit of one day (China time) in one entry: who, which fields or parts, how many writes */
  | { kind: 'edits'; day: string; at: number; by: string[]; fields: string[]; count: number }
  | { kind: 'assignment'; at: number; by: string; record: AssignmentRecord }
  /** a visit, at the time it took place; `by` = who recorded it */
  | { kind: 'visit'; at: number; by: string; visitId: string; type: VisitType; visitors: string[]; purpose: string; voided: boolean };

export type TimelineSource = (doc: Y.Doc) => TimelineEvent[];

const creations: TimelineSource = (doc) =>
  readEdits(doc)
    .filter((e) => e.kind === 'created')
    .map((e) => ({ kind: 'created', at: e.at, by: e.by }));

const editsPerDay: TimelineSource = (doc) => {
  const days = new Map<string, { at: number; by: Set<string>; fields: Set<string>; count: number }>();
  for (const e of readEdits(doc)) {
    if (e.kind === 'created') continue;
    const day = chinaDay(e.at);
    const d = days.get(day) ?? { at: 0, by: new Set<string>(), fields: new Set<string>(), count: 0 };
    d.at = Math.max(d.at, e.at);
    d.by.add(e.by);
    d.fields.add(e.field);
    d.count++;
    days.set(day, d);
  }
  return [...days].map(([day, d]) => ({ kind: 'edits', day, at: d.at, by: [...d.by], fields: [...d.fields], count: d.count }));
};

const assignments: TimelineSource = (doc) => readAssignmentHistory(doc).map((record) => ({ kind: 'assignment', at: record.at, by: record.by, record }));

const visits: TimelineSource = (doc) =>
  readVisits(doc).map((v) => ({
    kind: 'visit',
    at: v.visitedAt,
    by: v.createdBy,
    visitId: v.id,
    type: v.type,
    visitors: v.visitors,
    purpose: v.purpose,
    voided: v.voidReason !== '',
  }));

export const TIMELINE_SOURCES: readonly TimelineSource[] = [creations, editsPerDay, assignments, visits];

/** Every event about the file, newest first. */
export function fileTimeline(doc: Y.Doc, sources: readonly TimelineSource[] = TIMELINE_SOURCES): TimelineEvent[] {
  return sources.flatMap((source) => source(doc)).sort((a, b) => b.at - a.at);
}
