/** Materialized list rows, built from stored update bytes or taken from the relay's JSON. */
import * as Y from 'yjs';
import { isEmptyEnterprise, materializeEnterprise, type EnterpriseRow } from '@bangqi/shared';

/** Instantiates the doc just long enough to materialize its row; null for a doc with no profile. */
export function rowFromUpdates(docId: string, updates: readonly Uint8Array[]): EnterpriseRow | null {
  if (updates.length === 0) return null;
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates as Uint8Array[]));
    return isEmptyEnterprise(doc) ? null : materializeEnterprise(docId, doc);
  } finally {
    doc.destroy();
  }
}

/** Parses a relay row; null when absent or not a row of this doc. */
export function parseRow(docId: string, json: string): EnterpriseRow | null {
  if (!json) return null;
  try {
    const value = JSON.parse(json) as Partial<EnterpriseRow> | null;
    if (!value || typeof value !== 'object' || typeof value.name !== 'string') return null;
    return {
      id: docId,
      name: value.name,
      uscc: typeof value.uscc === 'string' ? value.uscc : '',
      town: typeof value.town === 'string' ? value.town : '',
      industry: typeof value.industry === 'string' ? value.industry : '',
      tags: Array.isArray(value.tags) ? value.tags.filter((t): t is string => typeof t === 'string') : [],
      note: typeof value.note === 'string' ? value.note : '',
      createdAt: typeof value.createdAt === 'number' ? value.createdAt : 0,
      updatedAt: typeof value.updatedAt === 'number' ? value.updatedAt : 0,
      updatedBy: typeof value.updatedBy === 'string' ? value.updatedBy : '',
      teamId: typeof value.teamId === 'string' ? value.teamId : '',
      responsibleId: typeof value.responsibleId === 'string' ? value.responsibleId : '',
      assignedAt: typeof value.assignedAt === 'number' ? value.assignedAt : 0,
    };
  } catch {
    return null;
  }
}

/** The row to store for a feed entry: the relay's, or the local one when the doc has unsent edits. */
export function feedRow(
  docId: string,
  rowJson: string,
  hasPending: boolean,
  storedUpdates: () => Uint8Array[],
): EnterpriseRow | null {
  if (!hasPending) {
    if (rowJson === '') return null;
    const row = parseRow(docId, rowJson);
    if (row) return row;
  }
  return rowFromUpdates(docId, storedUpdates());
}
