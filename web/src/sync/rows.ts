/**
 * Materialized list rows of every doc kind (shared/kinds.ts), built from stored update bytes or taken
 * from the relay's JSON.
 */
import * as Y from 'yjs';
import {
  SCALES,
  docKind,
  materializeDoc,
  type DemandRow,
  type EnterpriseRow,
  type IssueRow,
  type LicenceSummary,
  type MaterializedRow,
  type PlanSummary,
  type PolicyStatusSummary,
  type Scale,
  type VisitSummary,
} from '@bangqi/shared';

/** Instantiates the doc just long enough to materialize its row; null for a doc without one. */
export function rowFromUpdates(docId: string, updates: readonly Uint8Array[]): MaterializedRow | null {
  if (updates.length === 0) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates as Uint8Array[]));
    return materializeDoc(docId, doc);
  } finally {
    doc.destroy();
  }
}

/** Parses a relay row of any kind; null when absent or unreadable. */
export function parseRow(docId: string, json: string): MaterializedRow | null {
  switch (docKind(docId)) {
    case 'ent': {
      const row = parseEnterpriseRow(docId, json);
      return row ? { kind: 'ent', row } : null;
    }
    case 'dem': {
      const row = parseObjectRow<DemandRow>(docId, json, 'title');
      return row ? { kind: 'dem', row } : null;
    }
    case 'iss': {
      const row = parseObjectRow<IssueRow>(docId, json, 'title');
      return row ? { kind: 'iss', row } : null;
    }
    default:
      return null;
  }
}

/** Demand and issue rows come from the same shared materializer on both sides: taken as they are. */
function parseObjectRow<T extends { id: string }>(docId: string, json: string, required: string): T | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Record<string, unknown> | null;
    if (!value || typeof value !== 'object' || typeof value[required] !== 'string') return null;
    return { ...(value as unknown as T), id: docId };
  } catch {
    return null;
  }
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const numberOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []);

function licences(v: unknown): LicenceSummary[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((l): l is Record<string, unknown> => !!l && typeof l === 'object')
    .map((l) => ({ type: text(l.type), number: text(l.number), expiresOn: text(l.expiresOn) }));
}

/**
 * Parses a relay row; null when absent or not a row of this doc. Rows stored by an older relay lack the
 * fields added later (former names … licences): they read as empty until the doc is next written.
 */
export function parseEnterpriseRow(docId: string, json: string): EnterpriseRow | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<EnterpriseRow> | null;
    if (!value || typeof value !== 'object' || typeof value.name !== 'string') return null;
    return {
      id: docId,
      name: value.name,
      uscc: text(value.uscc),
      formerNames: strings(value.formerNames),
      legalRep: text(value.legalRep),
      address: text(value.address),
      town: text(value.town),
      park: text(value.park),
      industry: text(value.industry),
      scale: (SCALES as readonly string[]).includes(text(value.scale)) ? (value.scale as Scale) : '',
      establishedOn: text(value.establishedOn),
      employees: numberOrNull(value.employees),
      lat: numberOrNull(value.lat),
      lng: numberOrNull(value.lng),
      tags: strings(value.tags),
      note: text(value.note),
      createdAt: typeof value.createdAt === 'number' ? value.createdAt : 0,
      updatedAt: typeof value.updatedAt === 'number' ? value.updatedAt : 0,
      updatedBy: text(value.updatedBy),
      teamId: text(value.teamId),
      responsibleId: text(value.responsibleId),
      assignedAt: typeof value.assignedAt === 'number' ? value.assignedAt : 0,
      licences: licences(value.licences),
      contactsCount: typeof value.contactsCount === 'number' ? value.contactsCount : 0,
      lastVisitAt: typeof value.lastVisitAt === 'number' ? value.lastVisitAt : 0,
      // Made by the same shared materializer on the relay: taken as they are (older rows lack them).
      visits: Array.isArray(value.visits) ? (value.visits as VisitSummary[]) : [],
      plans: Array.isArray(value.plans) ? (value.plans as PlanSummary[]) : [],
      policies: policySummary(value.policies),
    };
  } catch {
    return null;
  }
}

/** A row's policy statuses as the relay materialized them; anything else (older rows) reads as none. */
function policySummary(value: unknown): PolicyStatusSummary {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as PolicyStatusSummary) : {};
}

/** The row to store for a feed entry: the relay's, or the local one when the doc has unsent edits. */
export function feedRow(
  docId: string,
  rowJson: string,
  hasPending: boolean,
  storedUpdates: () => Uint8Array[],
): MaterializedRow | null {
  if (!hasPending) {
    if (rowJson === '') return null;
    const row = parseRow(docId, rowJson);
    if (row) return row;
  }
  return rowFromUpdates(docId, storedUpdates());
}
