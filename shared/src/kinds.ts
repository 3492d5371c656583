/**
 * Per doc kind, the list row materialized from a doc (relay `rows` column, app Dexie tables): one
 * dispatcher so the relay and the app materialize every kind the same way. Kinds without rows ('cfg', 'pol')
 * return null.
 */
import type * as Y from 'yjs';
import { docKind } from './ids.ts';
import { isEmptyEnterprise, materializeEnterprise, type EnterpriseRow } from './domain/enterprise.ts';
import { materializeDemand, materializeIssue } from './demands/rows.ts';
import type { DemandRow, IssueRow } from './demands/types.ts';

export type MaterializedRow =
  | { kind: 'ent'; row: EnterpriseRow }
  | { kind: 'dem'; row: DemandRow }
  | { kind: 'iss'; row: IssueRow };

export function materializeDoc(docId: string, doc: Y.Doc): MaterializedRow | null {
  switch (docKind(docId)) {
    case 'ent':
      return isEmptyEnterprise(doc) ? null : { kind: 'ent', row: materializeEnterprise(docId, doc) };
    case 'dem': {
      const row = materializeDemand(docId, doc);
      return row ? { kind: 'dem', row } : null;
    }
    case 'iss': {
      const row = materializeIssue(docId, doc);
      return row ? { kind: 'iss', row } : null;
    }
    default:
      return null;
  }
}

/** The row as the relay stores it: JSON, '' for none. */
export function materializeDocJson(docId: string, doc: Y.Doc): string {
  const m = materializeDoc(docId, doc);
  return m ? JSON.stringify(m.row) : '';
}
