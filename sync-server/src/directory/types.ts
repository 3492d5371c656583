/**
 * Where the relay keeps the market-entity directory (implemented on SQLite and PostgreSQL, both held to
 * ./store-suite.ts): the rows keyed by USCC, one version counter, and import sessions whose chunks wait
 * in a staging table until a commit merges them in one transaction.
 */
import type { DirectoryCommitResult, DirectoryEntity, DirectoryImportStatus, DirectoryRow } from '@bangqi/shared';

export interface ImportSession {
  id: string;
  fileName: string;
  totalRows: number;
  totalChunks: number;
  /** user id */
  createdBy: string;
  /** epoch ms */
  createdAt: number;
  status: DirectoryImportStatus;
  /** chunk numbers in staging, ascending */
  chunksReceived: number[];
  result: DirectoryCommitResult | null;
}

export type NewImportSession = Pick<ImportSession, 'id' | 'fileName' | 'totalRows' | 'totalChunks' | 'createdBy' | 'createdAt'>;

export interface StagedChunk {
  n: number;
  /** as the client sent them (validated only at commit) */
  rows: unknown[];
}

/** What a commit merges: valid rows, unique by USCC, and the rejects to report with the counts. */
export interface PreparedImport {
  rows: DirectoryRow[];
  rejected: DirectoryCommitResult['rejected'];
}

export interface MergeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Thrown by store calls on an import that does not exist (never created, abandoned or expired). */
export class ImportNotFoundError extends Error {
  override name = 'ImportNotFoundError';
}

/** Thrown when a chunk arrives for an import that is already committed. */
export class ImportClosedError extends Error {
  override name = 'ImportClosedError';
}

export interface DirectoryStore {
  createImport(session: NewImportSession): Promise<void>;
  getImport(id: string): Promise<ImportSession | null>;
  /** Stores chunk `n`, replacing an earlier one with the same number. ImportNotFoundError / ImportClosedError. */
  putChunk(id: string, n: number, rows: readonly unknown[]): Promise<void>;
  /**
   * In ONE transaction: reads the staged chunks (n ascending), lets `prepare` turn them into rows (it may
   * throw to refuse the commit, which changes nothing), merges the rows by USCC (new rows inserted, rows
   * with a changed field updated, identical rows untouched; every written row gets the next version, which
   * becomes the head only if something was written), drops the staging and marks the import committed
   * with its result. Committing a committed import returns the stored result and changes nothing.
   * ImportNotFoundError.
   */
  commitImport(id: string, at: number, prepare: (session: ImportSession, chunks: StagedChunk[]) => PreparedImport): Promise<DirectoryCommitResult>;
  /** Drops an import and its staging (false when there was none). */
  dropImport(id: string): Promise<boolean>;
  /** Drops every import created before `cutoff` (open or committed) and their staging; returns how many. */
  dropImportsBefore(cutoff: number): Promise<number>;
  /** Rows after position (since, after) in (version, uscc) order — after null: every row with version > since. */
  delta(since: number, after: string | null, limit: number): Promise<{ rows: DirectoryEntity[]; version: number }>;
  stats(): Promise<{ rows: number; version: number }>;
  close(): Promise<void>;
}

/** The fields a merge compares: a row whose fields all equal the stored ones is unchanged. */
export const ROW_FIELDS = [
  'name',
  'formerNames',
  'legalRep',
  'address',
  'establishedOn',
  'registeredCapital',
  'industry',
  'town',
  'status',
] as const satisfies readonly (keyof DirectoryRow)[];
