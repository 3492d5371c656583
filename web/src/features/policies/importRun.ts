/**
 * One policy-list import on the device: read the file (XLSX via read-excel-file loaded on demand, CSV
 * decoded UTF-8 or GB18030), find the header row, check every row (policyRowsFromSheet: per-column
 * reason codes, a repeated code reported), then write the good rows into the library doc in chunks — one
 * doc transaction per chunk, a turn for the page between chunks — counting 新增 / 更新 / 未变.
 *
 * Re-import updates by item code. A field whose column is not mapped keeps the stored value (the user set
 * it to 不导入, or the sheet lacks it), and so do the conditions when no condition column is mapped: a
 * list without 已废止 does not bring back a withdrawn item, one without condition columns does not wipe
 * conditions a coordinator entered by hand.
 */
import {
  POLICY_COLUMNS,
  decodeCsvBytes,
  mapPolicyHeaders,
  policyRowsFromSheet,
  type PolicyItem,
  type PolicyItemInput,
  type PolicyRowError,
} from '@bangqi/shared';
import { parseCsv } from '../../workers/csv.ts';

export interface OpenedPolicySheet {
  headers: string[];
  /** sheet row number of the header (1-based) */
  headerLine: number;
  /** data rows after the header */
  rows: unknown[][];
  mapping: Record<string, number>;
  unknown: string[];
}

export interface ImportReportLine {
  row: number;
  /** the column's label (POLICY_COLUMNS) */
  column: string;
  code: PolicyRowError | 'invalid';
  value: string;
}

export interface PolicyImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  /** rows refused (each may have several report lines) */
  errorRows: number;
  lines: ImportReportLine[];
}

export async function readSheetCells(file: Blob, fileName: string): Promise<unknown[][]> {
  if (/\.(csv|txt)$/i.test(fileName)) {
    const { text } = decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
    return parseCsv(text);
  }
  const { readSheet } = await import('read-excel-file/browser');
  return (await readSheet(file)) as unknown[][];
}

const cellText = (c: unknown) => (c === null || c === undefined ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim());

/** The header is the row among the first ten that maps the most columns (titles often sit above it). */
export function openPolicySheet(cells: unknown[][]): OpenedPolicySheet | null {
  let best: { line: number; count: number } | null = null;
  for (let i = 0; i < Math.min(10, cells.length); i++) {
    const { mapping } = mapPolicyHeaders((cells[i] ?? []).map(cellText));
    const count = Object.keys(mapping).length;
    if (count > 0 && (!best || count > best.count)) best = { line: i, count };
  }
  if (!best) return null;
  const headers = (cells[best.line] ?? []).map(cellText);
  const { mapping, unknown } = mapPolicyHeaders(headers);
  return { headers, headerLine: best.line + 1, rows: cells.slice(best.line + 1), mapping, unknown };
}

export const labelOf = (key: string) => POLICY_COLUMNS.find((c) => c.key === key)?.label ?? key;

const CONDITION_KEYS = ['industry', 'town', 'tagsAny', 'tagsAll', 'tagsNone', 'scale', 'establishedBefore', 'establishedAfter', 'employeesMin', 'employeesMax'];
const ITEM_KEYS = POLICY_COLUMNS.map((c) => c.key).filter((k) => !CONDITION_KEYS.includes(k)) as (keyof PolicyItemInput)[];

/** The row's item with the stored values kept for every unmapped column (see the module comment). */
export function keepUnmapped(item: PolicyItemInput, stored: PolicyItem | undefined, mapping: Record<string, number>): PolicyItemInput {
  if (!stored) return item;
  const out = { ...item } as Record<string, unknown>;
  for (const key of ITEM_KEYS) {
    if (key === 'amountWan' && mapping.benefit !== undefined) continue; // read from the benefit text
    if (mapping[key] === undefined) out[key] = stored[key];
  }
  if (!CONDITION_KEYS.some((k) => mapping[k] !== undefined)) out.conditions = stored.conditions;
  return out as unknown as PolicyItemInput;
}

export interface ImportTarget {
  /** the stored item with this code, if any */
  stored(code: string): PolicyItem | undefined;
  /** writes the chunk in one transaction; per item added/updated/unchanged, or an Error when it was refused */
  write(items: PolicyItemInput[]): ('added' | 'updated' | 'unchanged' | Error)[];
}

export const IMPORT_CHUNK = 50;
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runPolicyImport(args: {
  sheet: OpenedPolicySheet;
  mapping: Record<string, number>;
  target: ImportTarget;
  onProgress(phase: 'check' | 'write', done: number, total: number): void;
}): Promise<PolicyImportSummary> {
  const { sheet, mapping, target, onProgress } = args;
  onProgress('check', 0, sheet.rows.length);
  const checked = policyRowsFromSheet(sheet.rows, mapping, sheet.headerLine + 1);
  const rowValue = (row: number, key: string) => {
    const column = mapping[key];
    return column === undefined ? '' : cellText(sheet.rows[row - sheet.headerLine - 1]?.[column]);
  };
  // within a row, in the sheet's column order (as the user reads the row)
  const errors = [...checked.errors].sort((a, b) => a.rowNumber - b.rowNumber || (mapping[a.column] ?? 0) - (mapping[b.column] ?? 0));
  const lines: ImportReportLine[] = errors.map((e) => ({ row: e.rowNumber, column: labelOf(e.column), code: e.code, value: rowValue(e.rowNumber, e.column) }));
  const bad = new Set(checked.errors.map((e) => e.rowNumber));
  const summary: PolicyImportSummary = { added: 0, updated: 0, unchanged: 0, errorRows: 0, lines };
  const total = checked.items.length;
  onProgress('write', 0, total);
  for (let start = 0; start < total; start += IMPORT_CHUNK) {
    const chunk = checked.items.slice(start, start + IMPORT_CHUNK);
    const results = target.write(chunk.map(({ item }) => keepUnmapped(item, target.stored(item.code), mapping)));
    results.forEach((r, i) => {
      if (r instanceof Error) {
        bad.add(chunk[i]!.rowNumber);
        lines.push({ row: chunk[i]!.rowNumber, column: labelOf('code'), code: 'invalid', value: chunk[i]!.item.code });
      } else summary[r]++;
    });
    onProgress('write', Math.min(start + IMPORT_CHUNK, total), total);
    await nextTurn();
  }
  summary.errorRows = bad.size;
  lines.sort((a, b) => a.row - b.row);
  return summary;
}
