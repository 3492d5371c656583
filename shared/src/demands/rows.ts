/**
 * Materialized rows of demand and common-issue docs. OWNED BY the demands-domain helper: replace the
 * bodies (derive.ts computes DemandStatus); signatures are the contract.
 */
import type * as Y from 'yjs';
import type { DemandRow, IssueRow } from './types.ts';

/** The demand's row, or null when the doc has no `info` yet. */
export function materializeDemand(docId: string, doc: Y.Doc): DemandRow | null {
  void docId;
  void doc;
  throw new Error('materializeDemand: not implemented yet');
}

/** The common issue's row, or null when the doc has no `info` yet. */
export function materializeIssue(docId: string, doc: Y.Doc): IssueRow | null {
  void docId;
  void doc;
  throw new Error('materializeIssue: not implemented yet');
}
