/**
 * The work of one directory import, done in the import worker (importWorker.ts) so the page never
 * blocks: the sheet's rows → header row and guessed mapping → every row cleaned and checked with the
 * shared rules → chunks of DIRECTORY_CHUNK_ROWS rows to upload → report lines for the rows left out
 * (ours and the relay's). Pure: the worker only feeds it messages.
 */
import {
  DIRECTORY_CHUNK_ROWS,
  DIRECTORY_FIELDS,
  cleanText,
  findHeaderRow,
  mapHeaders,
  normalizeRows,
  rejectText,
  rowFromCells,
  type DirectoryField,
  type DirectoryImportRow,
  type DirectoryReject,
  type HeaderMapping,
  type RawCell,
  type RawDirectoryRow,
} from '@bangqi/shared';

export type Columns = HeaderMapping['columns'];

export interface OpenedSheet {
  /** the header row's cells as text */
  headers: string[];
  /** 1-based line of the header row in the file */
  headerLine: number;
  dataRows: number;
  /** the guessed mapping (mapHeaders), the user confirms or changes it */
  columns: Columns;
  missing: DirectoryField[];
  /** the first data rows as text, for the mapping step */
  preview: string[][];
}

/** One line of the downloadable report: a row left out (错误) or kept with a remark (提示). */
export interface ReportLine {
  row: number;
  level: 'error' | 'warning';
  /** the source column's header ('' when the field was not mapped) */
  column: string;
  value: string;
  reason: string;
}

export interface CheckedSheet {
  /** rows that pass the shared check and will be uploaded */
  goodRows: number;
  totalChunks: number;
  /** the rows left out here, one line per problem */
  errors: ReportLine[];
  warnings: ReportLine[];
  /** how many source rows were left out */
  rejectedRows: number;
}

const LABEL = Object.fromEntries(DIRECTORY_FIELDS.map((f) => [f.key, f.label])) as Record<DirectoryField, string>;
const PREVIEW_ROWS = 3;

const asText = (cell: unknown): string => cleanText(cell as RawCell);

const isBlankRow = (cells: readonly unknown[]): boolean => cells.every((c) => asText(c) === '');

export class ImportJob {
  private headerIndex = -1;
  private headers: string[] = [];
  private rawRows: RawDirectoryRow[] = [];
  private rows: DirectoryImportRow[] = [];
  private columns: Columns = {};

  constructor(private readonly cells: readonly (readonly unknown[])[]) {
    // Trailing blank lines (Excel keeps formatted empty rows) are not rows.
    let end = cells.length;
    while (end > 0 && isBlankRow(cells[end - 1]!)) end--;
    this.cells = cells.slice(0, end);
  }

  /** Finds the header row (exports often start with a title line) and guesses the mapping. */
  open(): OpenedSheet | null {
    this.headerIndex = findHeaderRow(this.cells);
    if (this.headerIndex < 0) this.headerIndex = this.cells.findIndex((r) => !isBlankRow(r));
    if (this.headerIndex < 0) return null;
    this.headers = this.cells[this.headerIndex]!.map(asText);
    const mapping = mapHeaders(this.headers);
    const data = this.cells.slice(this.headerIndex + 1);
    return {
      headers: this.headers,
      headerLine: this.headerIndex + 1,
      dataRows: data.length,
      columns: mapping.columns,
      missing: mapping.missing,
      preview: data.slice(0, PREVIEW_ROWS).map((r) => this.headers.map((_, i) => asText(r[i]))),
    };
  }

  /** Cleans and checks every data row with the mapping the user confirmed. */
  check(columns: Columns, onProgress: (done: number, total: number) => void = () => {}): CheckedSheet {
    this.columns = columns;
    const data = this.cells.slice(this.headerIndex + 1);
    const raws: RawDirectoryRow[] = new Array(data.length);
    data.forEach((cells, i) => {
      raws[i] = rowFromCells(cells as RawCell[], columns, this.headers);
      if (i % 10_000 === 0) onProgress(i, data.length * 2);
    });
    this.rawRows = raws;
    const firstLine = this.headerIndex + 2;
    const result = normalizeRows(raws, firstLine);
    onProgress(data.length * 2, data.length * 2);
    this.rows = result.rows;
    const lines = (reports: typeof result.rejected, level: ReportLine['level']) =>
      reports.flatMap((r) => r.issues.map((issue) => this.line(r.row, level, issue.field, issue.message)));
    return {
      goodRows: this.rows.length,
      totalChunks: Math.max(1, Math.ceil(this.rows.length / DIRECTORY_CHUNK_ROWS)),
      errors: lines(result.rejected, 'error'),
      warnings: lines(result.warnings, 'warning'),
      rejectedRows: result.rejected.length,
    };
  }

  /** Chunk n of the rows to upload (each row carries its line in the file). */
  chunk(n: number): DirectoryImportRow[] {
    return this.rows.slice(n * DIRECTORY_CHUNK_ROWS, (n + 1) * DIRECTORY_CHUNK_ROWS);
  }

  /** The relay's refusals as report lines, with the cell as the file had it. */
  describe(rejects: readonly DirectoryReject[]): ReportLine[] {
    return rejects.map((r) => {
      const field = (r.field ?? (r.reason.startsWith('uscc') ? 'uscc' : r.reason === 'name.missing' ? 'name' : r.reason === 'establishedOn.format' ? 'establishedOn' : 'uscc')) as DirectoryField;
      return this.line(r.row, 'error', field, rejectText(r.reason, field));
    });
  }

  private line(row: number, level: ReportLine['level'], field: DirectoryField, reason: string): ReportLine {
    const column = this.columns[field];
    const raw = this.rawRows[row - (this.headerIndex + 2)];
    return {
      row,
      level,
      column: column === undefined ? LABEL[field] : this.headers[column] || LABEL[field],
      value: raw ? asText(raw[field]) : '',
      reason,
    };
  }
}
