/**
 * Materialized rows of demand and common-issue docs: what lists, queues, figures and the relay's access
 * control read (the relay's `rows` column, the app's Dexie tables). Both sides call these, so a row is
 * the same wherever it was computed.
 */
import type * as Y from 'yjs';
import { deriveDemand } from './derive.ts';
import { isIssueResolved, readDemandAttachments, readDemandEvents, readDemandInfo, readIssueEvents, readIssueInfo, readIssueMembers, readJointMeetings } from './events.ts';
import type { DemandRow, IssueRow } from './types.ts';

/** The demand's row, or null when the doc has no `info` yet. */
export function materializeDemand(docId: string, doc: Y.Doc): DemandRow | null {
  const info = readDemandInfo(doc);
  if (!info) return null;
  const status = deriveDemand(readDemandEvents(doc));
  return {
    ...status,
    // the raise event travels with the info; should it be missing, the deadline still counts from creation
    acceptedAt: status.acceptedAt || info.createdAt,
    lastEventAt: Math.max(status.lastEventAt, info.createdAt),
    id: docId,
    enterpriseId: info.enterpriseId,
    enterpriseName: info.enterpriseName,
    town: info.town,
    visitId: info.visitId,
    title: info.title,
    category: info.category,
    urgency: info.urgency,
    createdAt: info.createdAt,
    createdBy: info.createdBy,
    attachmentsCount: readDemandAttachments(doc).length,
  };
}

/** The common issue's row, or null when the doc has no `info` yet. */
export function materializeIssue(docId: string, doc: Y.Doc): IssueRow | null {
  const info = readIssueInfo(doc);
  if (!info) return null;
  const meetings = readJointMeetings(doc);
  const events = readIssueEvents(doc);
  return {
    id: docId,
    title: info.title,
    memberIds: readIssueMembers(doc),
    departments: [...new Set(meetings.flatMap((m) => m.departments))].sort(),
    meetingsCount: meetings.length,
    resolved: isIssueResolved(events),
    createdAt: info.createdAt,
    createdBy: info.createdBy,
    lastEventAt: Math.max(info.createdAt, ...meetings.map((m) => m.at), ...events.map((e) => e.at)),
  };
}
