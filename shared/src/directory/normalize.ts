/**
 * Market-entity rows from messy registration exports (CSV saved by Excel in China, XLSX) → clean
 * DirectoryRows, with row errors (the row is left out) and warnings (the row is kept) in Chinese for the
 * downloadable report. `checkEntity` is the strict check both the app and the relay apply to a row as
 * sent: normalizeEntity's output always passes it.
 */
import { checkUscc, normalizeUscc, usccProblemText } from '../domain/uscc.ts';
import {
  DIRECTORY_FIELDS,
  type DirectoryField,
  type DirectoryImportRow,
  type DirectoryRejectReason,
  type DirectoryRow,
} from './types.ts';

/** A cell as CSV or read-excel-file gives it; formerNames may already be a list. */
export type RawCell = string | number | boolean | Date | null | undefined | readonly string[];
export type RawDirectoryRow = Partial<Record<DirectoryField, RawCell>>;

export type RowIssueCode = DirectoryRejectReason | 'establishedOn.unparsed';
export interface RowIssue {
  field: DirectoryField;
  code: RowIssueCode;
  message: string;
}

export interface NormalizedEntity {
  /** null when the row has errors */
  row: DirectoryRow | null;
  errors: RowIssue[];
  warnings: RowIssue[];
}

/** Longest text a field may hold (an address is the longest real value). */
export const MAX_FIELD_LENGTH = 500;
export const MAX_FORMER_NAMES = 20;

const LABEL = Object.fromEntries(DIRECTORY_FIELDS.map((f) => [f.key, f.label])) as Record<DirectoryField, string>;

// --- text ---------------------------------------------------------------------------------------

const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/gu;
const SPACES = /[\s\u00a0\u3000]+/gu;
/** A space next to a 汉字 or full-width punctuation is noise ('华盛 机械', '（临沂） '); between Latin words it is not. */
const NEEDLESS_SPACE = /(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef]) | (?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef])/gu;

function cellText(value: RawCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return isoDateOf(value) ?? '';
  return value.join('；');
}

/** Zero-width characters dropped, every run of spaces (incl. 　 and NBSP) one space, none beside 汉字, trimmed. */
export function cleanText(value: RawCell): string {
  return cellText(value).replace(INVISIBLE, '').replace(SPACES, ' ').trim().replace(NEEDLESS_SPACE, '');
}

/**
 * A name in the one bracket form the registration authority uses: full-width （）. A registered name is
 * written with Chinese brackets, so rows typed with ASCII () would otherwise not equal the same entity
 * from a registration export (search folds both forms anyway).
 */
export function cleanName(value: RawCell): string {
  return cleanText(value).replace(/\(/g, '（').replace(/\)/g, '）').replace(NEEDLESS_SPACE, '');
}

// --- dates --------------------------------------------------------------------------------------

const pad2 = (n: number) => String(n).padStart(2, '0');

function isoDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2100) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** read-excel-file gives date cells as Dates at UTC midnight. */
function isoDateOf(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : isoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

/**
 * An Excel day number. Only 10000 (1927-05-18) to 73050 (2099-12-31): a smaller number in a date column
 * is rather a year typed alone (2019) than an enterprise founded before 1927. Past Excel's phantom
 * 1900-02-29, day n is 1899-12-30 plus n days.
 */
function fromExcelSerial(serial: number): string | null {
  if (!(serial >= 10_000 && serial < 73_051)) return null;
  return isoDateOf(new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000));
}

const YMD = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?Z?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
/** a day number typed as text */
const SERIAL = /^\d{5}(?:\.\d+)?$/;

/**
 * 'YYYY-MM-DD' from an Excel date (a Date, or its day number like 43536), '2019-03-12', '2019/3/12',
 * '2019.3.12', '2019年3月12日', '20190312' (a time after the date is ignored); '' for an empty cell;
 * null when it is not a real date.
 */
export function parseDate(value: RawCell): string | null {
  if (value instanceof Date) return isoDateOf(value);
  if (typeof value === 'number') return fromExcelSerial(value);
  const text = cleanText(value).replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (text === '') return '';
  const ymd = YMD.exec(text) ?? COMPACT.exec(text);
  if (ymd) return isoDate(Number(ymd[1]), Number(ymd[2]), Number(ymd[3]));
  return SERIAL.test(text) ? fromExcelSerial(Number(text)) : null;
}

// --- the strict check ---------------------------------------------------------------------------

const TEXT_FIELDS = ['name', 'legalRep', 'address', 'establishedOn', 'registeredCapital', 'industry', 'town', 'status'] as const;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type EntityCheck = { row: DirectoryRow } | { reason: DirectoryRejectReason; field?: DirectoryField };

/**
 * A row as sent (JSON from a client) → the DirectoryRow to store, or the first reason to refuse it: the
 * USCC (normalized, then GB 32100 and its embedded organisation code), the name, text fields (strings of
 * at most 500 characters), establishedOn ('' or a real 'YYYY-MM-DD'), formerNames (≤ 20 strings, the
 * current name and repeats dropped). Absent fields are ''.
 */
export function checkEntity(raw: Record<string, unknown>): EntityCheck {
  const given = raw.uscc ?? '';
  if (typeof given !== 'string') return { reason: 'field.invalid', field: 'uscc' };
  const uscc = normalizeUscc(given);
  const problem = checkUscc(uscc);
  if (problem) return { reason: problem.code, field: 'uscc' };
  const fields = {} as Record<(typeof TEXT_FIELDS)[number], string>;
  for (const field of TEXT_FIELDS) {
    const value = raw[field] ?? '';
    if (typeof value !== 'string' || value.length > MAX_FIELD_LENGTH) return { reason: 'field.invalid', field };
    fields[field] = value.trim();
  }
  if (!fields.name) return { reason: 'name.missing', field: 'name' };
  const date = ISO_DATE.exec(fields.establishedOn);
  if (fields.establishedOn && !(date && isoDate(Number(date[1]), Number(date[2]), Number(date[3])))) {
    return { reason: 'establishedOn.format', field: 'establishedOn' };
  }
  const former = raw.formerNames ?? [];
  if (
    !Array.isArray(former) ||
    former.length > MAX_FORMER_NAMES ||
    !former.every((n): n is string => typeof n === 'string' && n.length <= MAX_FIELD_LENGTH)
  ) {
    return { reason: 'field.invalid', field: 'formerNames' };
  }
  const formerNames = [...new Set(former.map((n) => n.trim()).filter((n) => n && n !== fields.name))];
  return { row: { uscc, ...fields, formerNames } };
}

/** A refusal (from checkEntity or the relay's commit answer) in Chinese. */
export function rejectText(reason: DirectoryRejectReason, field?: string): string {
  switch (reason) {
    case 'uscc.length':
      return '统一社会信用代码长度应为18位';
    case 'uscc.char':
      return '统一社会信用代码含不合法字符';
    case 'uscc.orgCheck':
      return '统一社会信用代码的组织机构代码校验位错误';
    case 'uscc.check':
      return '统一社会信用代码校验位错误';
    case 'uscc.duplicate':
      return '统一社会信用代码在本次导入中重复';
    case 'name.missing':
      return '企业名称为空';
    case 'field.invalid':
      return `${LABEL[field as DirectoryField] ?? field ?? '字段'}不是文本或超过${MAX_FIELD_LENGTH}字`;
    case 'establishedOn.format':
      return '成立日期应为有效日期（年-月-日）';
  }
}

// --- one messy row ------------------------------------------------------------------------------

const FORMER_NAME_SEPARATOR = /[;；、,，|\n]+/;

function formerNamesOf(value: RawCell): string[] {
  const list = Array.isArray(value) ? value : cellText(value as Exclude<RawCell, readonly string[]>).split(FORMER_NAME_SEPARATOR);
  return list.map((n) => cleanName(n)).filter((n) => n !== '');
}

/** Cleans a raw row (see cleanText, cleanName, parseDate) and checks it with checkEntity. */
export function normalizeEntity(raw: RawDirectoryRow): NormalizedEntity {
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  const usccText = normalizeUscc(cleanText(raw.uscc));
  const name = cleanName(raw.name);
  const usccProblem = usccText === '' ? null : checkUscc(usccText);
  if (usccText === '') {
    errors.push({ field: 'uscc', code: 'uscc.length', message: '统一社会信用代码为空' });
  } else if (usccProblem) {
    errors.push({ field: 'uscc', code: usccProblem.code, message: `统一社会信用代码${usccProblemText(usccProblem)}` });
  }
  if (name === '') errors.push({ field: 'name', code: 'name.missing', message: rejectText('name.missing') });
  let establishedOn = parseDate(raw.establishedOn);
  if (establishedOn === null) {
    warnings.push({
      field: 'establishedOn',
      code: 'establishedOn.unparsed',
      message: `成立日期“${cleanText(raw.establishedOn)}”无法识别，已留空`,
    });
    establishedOn = '';
  }
  const candidate = {
    uscc: usccText,
    name,
    formerNames: formerNamesOf(raw.formerNames),
    legalRep: cleanText(raw.legalRep),
    address: cleanText(raw.address),
    establishedOn,
    registeredCapital: cleanText(raw.registeredCapital),
    industry: cleanText(raw.industry),
    town: cleanText(raw.town),
    status: cleanText(raw.status),
  };
  if (errors.length > 0) return { row: null, errors, warnings };
  const checked = checkEntity(candidate);
  if ('reason' in checked) {
    const field = checked.field ?? 'name';
    return { row: null, errors: [{ field, code: checked.reason, message: rejectText(checked.reason, field) }], warnings };
  }
  return { row: checked.row, errors, warnings };
}

// --- a whole file -------------------------------------------------------------------------------

export interface RowReport {
  /** the row's line in the source file */
  row: number;
  uscc: string;
  name: string;
  issues: RowIssue[];
}

export interface NormalizedFile {
  /** the rows to import, each with its line; for a USCC that appears twice, only the later row */
  rows: DirectoryImportRow[];
  rejected: RowReport[];
  warnings: RowReport[];
}

/**
 * Normalizes every row of a file; `firstLine` is the line of raws[0] in the file (2 under one header row).
 * The same USCC twice: the later row wins (a re-export lists the newest state last) and the earlier row's
 * line is named in a warning on the later one.
 */
export function normalizeRows(raws: readonly RawDirectoryRow[], firstLine = 2): NormalizedFile {
  const kept = new Map<string, DirectoryImportRow>();
  const rejected: RowReport[] = [];
  const warnings: RowReport[] = [];
  raws.forEach((raw, i) => {
    const line = firstLine + i;
    const { row, errors, warnings: rowWarnings } = normalizeEntity(raw);
    const uscc = row?.uscc ?? normalizeUscc(cleanText(raw.uscc));
    const name = row?.name ?? cleanName(raw.name);
    if (!row) {
      rejected.push({ row: line, uscc, name, issues: [...errors, ...rowWarnings] });
      return;
    }
    const issues = [...rowWarnings];
    const earlier = kept.get(row.uscc);
    if (earlier) {
      kept.delete(row.uscc); // re-inserted below: the kept rows stay in file order
      issues.push({
        field: 'uscc',
        code: 'uscc.duplicate',
        message: `统一社会信用代码与第${earlier.row}行重复，以本行为准`,
      });
    }
    kept.set(row.uscc, { ...row, row: line });
    if (issues.length > 0) warnings.push({ row: line, uscc, name, issues });
  });
  return { rows: [...kept.values()], rejected, warnings };
}
