/**
 * The directory tables' rows as both stores read and write them. SQLite hands integers back as numbers,
 * PostgreSQL hands bigints back as strings (every value here stays far below 2^53), so both are taken.
 */
import type { DirectoryCommitResult, DirectoryEntity, DirectoryRow } from '@bangqi/shared';
import type { ImportSession } from './types.ts';

type Int = number | string;

export interface EntityRow {
  uscc: string;
  name: string;
  former_names: string;
  legal_rep: string;
  address: string;
  established_on: string;
  registered_capital: string;
  industry: string;
  town: string;
  status: string;
  version: Int;
  updated_at: Int;
}
export interface ImportRow {
  id: string;
  file_name: string;
  total_rows: number;
  total_chunks: number;
  created_by: string;
  created_at: Int;
  status: ImportSession['status'];
  result: string | null;
}

export const toEntity = (r: EntityRow): DirectoryEntity => ({
  uscc: r.uscc,
  name: r.name,
  formerNames: JSON.parse(r.former_names) as string[],
  legalRep: r.legal_rep,
  address: r.address,
  establishedOn: r.established_on,
  registeredCapital: r.registered_capital,
  industry: r.industry,
  town: r.town,
  status: r.status,
  version: Number(r.version),
  updatedAt: Number(r.updated_at),
});

/** The row in column names, former names as the JSON text they are stored as (compared as text). */
export const toRecord = (r: DirectoryRow) => ({
  uscc: r.uscc,
  name: r.name,
  former_names: JSON.stringify(r.formerNames),
  legal_rep: r.legalRep,
  address: r.address,
  established_on: r.establishedOn,
  registered_capital: r.registeredCapital,
  industry: r.industry,
  town: r.town,
  status: r.status,
});

export const toImport = (r: ImportRow, chunksReceived: number[]): ImportSession => ({
  id: r.id,
  fileName: r.file_name,
  totalRows: r.total_rows,
  totalChunks: r.total_chunks,
  createdBy: r.created_by,
  createdAt: Number(r.created_at),
  status: r.status,
  chunksReceived,
  result: r.result === null ? null : (JSON.parse(r.result) as DirectoryCommitResult),
});
