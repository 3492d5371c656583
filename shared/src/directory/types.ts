/**
 * The market-entity directory (市场主体库) on the wire: a plain table keyed by USCC, not a CRDT. The relay
 * keeps it and numbers every import commit that changes it; devices pull the rows changed since the version
 * they hold (see docs/protocol.md, "Market-entity directory").
 */

/** One market entity as the relay keeps it. */
export interface DirectoryEntity {
  /** 统一社会信用代码, normalized (18 characters, upper case); the key */
  uscc: string;
  name: string;
  formerNames: string[];
  legalRep: string;
  address: string;
  /** 'YYYY-MM-DD', or '' when unknown */
  establishedOn: string;
  /** as registered, free text (e.g. '500万元人民币') */
  registeredCapital: string;
  industry: string;
  /** 所属镇街 */
  town: string;
  /** 登记状态 (存续, 注销 …), '' when unknown */
  status: string;
  /** the directory version of the commit that last changed this row (server-assigned) */
  version: number;
  /** epoch ms of that commit */
  updatedAt: number;
}

/** A row as an import sends it: the entity without what the relay assigns. */
export type DirectoryRow = Omit<DirectoryEntity, 'version' | 'updatedAt'>;

/** A row of an import chunk; `row` is its line in the source file, quoted back when the row is rejected. */
export type DirectoryImportRow = DirectoryRow & { row?: number };

/** The fields of a directory row with their Chinese labels, in display order. */
export const DIRECTORY_FIELDS = [
  { key: 'uscc', label: '统一社会信用代码' },
  { key: 'name', label: '企业名称' },
  { key: 'formerNames', label: '曾用名' },
  { key: 'legalRep', label: '法定代表人' },
  { key: 'address', label: '注册地址' },
  { key: 'establishedOn', label: '成立日期' },
  { key: 'registeredCapital', label: '注册资本' },
  { key: 'industry', label: '行业' },
  { key: 'town', label: '所属镇街' },
  { key: 'status', label: '登记状态' },
] as const satisfies readonly { key: keyof DirectoryRow; label: string }[];
export type DirectoryField = (typeof DIRECTORY_FIELDS)[number]['key'];

/** Most rows one chunk may carry (≈ 1–2 MB of JSON, under the 4 MB chunk body limit). */
export const DIRECTORY_CHUNK_MAX_ROWS = 5_000;
/** Rows per chunk the app sends. */
export const DIRECTORY_CHUNK_ROWS = 2_000;
/** Most chunks one import may have. */
export const DIRECTORY_IMPORT_MAX_CHUNKS = 1_000;
/** Largest delta page. */
export const DIRECTORY_DELTA_MAX_LIMIT = 10_000;
/** An import not committed within this long is dropped. */
export const DIRECTORY_IMPORT_TTL_MS = 24 * 3_600_000;

/** POST /api/directory/imports (coordinator, admin) */
export interface DirectoryImportBegin {
  fileName: string;
  totalRows: number;
  totalChunks: number;
}

/** 201 answer to DirectoryImportBegin */
export interface DirectoryImportCreated {
  importId: string;
}

/** PUT /api/directory/imports/:id/chunks/:n (n from 0; re-sending chunk n replaces it) */
export interface DirectoryImportChunk {
  rows: DirectoryImportRow[];
}

/** Why the relay refused a row: the USCC problem codes of shared/src/domain/uscc.ts, or one of these. */
export type DirectoryRejectReason =
  | 'uscc.length'
  | 'uscc.char'
  | 'uscc.orgCheck'
  | 'uscc.check'
  /** the same USCC again later in this import (the later row is kept) */
  | 'uscc.duplicate'
  | 'name.missing'
  /** a field that is not text, or too long */
  | 'field.invalid'
  | 'establishedOn.format';

export interface DirectoryReject {
  /** the row's `row` if it sent one, else its 1-based position in the import (chunks in order) */
  row: number;
  uscc: string;
  reason: DirectoryRejectReason;
  /** the offending field, for 'field.invalid' */
  field?: string;
}

/** POST /api/directory/imports/:id/commit — also kept on the import, so a repeated commit answers the same */
export interface DirectoryCommitResult {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: DirectoryReject[];
  /** the directory version after the commit (unchanged when the commit changed nothing) */
  version: number;
}

export type DirectoryImportStatus = 'open' | 'committed';

/** GET /api/directory/imports/:id */
export interface DirectoryImportState {
  importId: string;
  fileName: string;
  totalRows: number;
  totalChunks: number;
  status: DirectoryImportStatus;
  /** chunk numbers stored so far, ascending (empty once committed: the staging is dropped) */
  chunksReceived: number[];
  createdAt: number;
  /** once committed */
  result?: DirectoryCommitResult;
}

/**
 * GET /api/directory/delta?since=<version>[&after=<uscc>]&limit=<1..10000>: rows in (version, uscc) order
 * after the position (since, after) — without `after`, every row with version > since. When `more`, ask
 * again with since = the last row's version and after = its uscc; once `more` is false, `version` is the
 * version the device now holds.
 */
export interface DirectoryDelta {
  rows: DirectoryEntity[];
  /** the directory's head version when this page was read */
  version: number;
  more: boolean;
}

/** GET /api/directory/stats */
export interface DirectoryStats {
  rows: number;
  version: number;
}
