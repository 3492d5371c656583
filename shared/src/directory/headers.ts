/**
 * Column auto-mapping for directory imports: which column of a registration export holds which field.
 * Exports from different systems (国家企业信用信息公示系统, 市场监管 登记系统, 统计 名录, hand-made sheets)
 * name the same column differently; the user confirms or corrects the guess in the mapping step.
 */
import { DIRECTORY_FIELDS, type DirectoryField } from './types.ts';
import type { RawCell, RawDirectoryRow } from './normalize.ts';

/** Header texts per field, most specific first; compared after normalizeHeader. */
const SYNONYMS: Record<DirectoryField, string[]> = {
  uscc: ['统一社会信用代码', '社会信用代码', '信用代码', '统一代码', '统一社会信用代码注册号', '注册号统一社会信用代码', 'uscc'],
  name: ['企业名称', '市场主体名称', '名称', '单位名称', '企业全称', '主体名称', '公司名称', '个体户名称', '字号名称', 'name'],
  formerNames: ['曾用名', '曾用名称', '原名称', '历史名称', '变更前名称', 'formernames'],
  legalRep: ['法定代表人', '法定代表人负责人', '法人代表', '法定代表人姓名', '负责人', '经营者', '投资人', '执行事务合伙人', '法人', 'legalrep'],
  address: ['注册地址', '住所', '经营场所', '住所经营场所', '企业地址', '地址', '注册地', '经营地址', 'address'],
  establishedOn: ['成立日期', '注册日期', '成立时间', '登记日期', '设立日期', '开业日期', 'establishedon'],
  registeredCapital: ['注册资本', '注册资金', '注册资本金', '出资额', '资金数额', 'registeredcapital'],
  industry: ['行业', '所属行业', '国民经济行业', '国民经济行业分类', '行业门类', '行业类别', '行业分类', 'industry'],
  town: ['所属镇街', '镇街', '乡镇街道', '所属乡镇街道', '所在镇街', '所属乡镇', '所属街道', '乡镇', '街道', '镇街园区', 'town'],
  status: ['登记状态', '经营状态', '企业状态', '状态', '存续状态', '主体状态', 'status'],
};

/** Folds full-width, drops spaces, brackets, required-marks (*), colons and units in brackets' place. */
export function normalizeHeader(header: unknown): string {
  return String(header ?? '')
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000*:：()（）[\]【】/、·_-]+/g, '')
    .toLowerCase();
}

export interface HeaderMapping {
  /** field → column index */
  columns: Partial<Record<DirectoryField, number>>;
  /** field → how sure: 1 for a known header, less when a known header is only part of the column's */
  confidence: Partial<Record<DirectoryField, number>>;
  /** indices of the columns no field took */
  unmapped: number[];
  /** required fields (USCC, name) no column was found for */
  missing: DirectoryField[];
}

export const REQUIRED_FIELDS: readonly DirectoryField[] = ['uscc', 'name'];

/**
 * How well a header names a field: 1 for a synonym; for a header containing one ('企业名称（全称）',
 * '注册资本(万元)'), 0.5–0.9 growing with how much of the header it covers, and a little more for
 * synonyms listed first; 0 otherwise.
 */
function score(header: string, field: DirectoryField): number {
  if (header === '') return 0;
  let best = 0;
  SYNONYMS[field].forEach((synonym, rank) => {
    if (header === synonym) best = Math.max(best, 1);
    else if (header.includes(synonym)) {
      best = Math.max(best, 0.5 + 0.35 * (synonym.length / header.length) + 0.05 / (rank + 1));
    }
  });
  return best;
}

/** The best one-to-one assignment of fields to columns, greedily by score. */
export function mapHeaders(headers: readonly unknown[]): HeaderMapping {
  const normalized = headers.map(normalizeHeader);
  const pairs: { field: DirectoryField; column: number; score: number }[] = [];
  for (const { key } of DIRECTORY_FIELDS) {
    normalized.forEach((header, column) => {
      const s = score(header, key);
      if (s > 0) pairs.push({ field: key, column, score: s });
    });
  }
  // Higher score first; on a tie the leftmost column (exports put the main column before its variants).
  pairs.sort((a, b) => b.score - a.score || a.column - b.column);
  const columns: HeaderMapping['columns'] = {};
  const confidence: HeaderMapping['confidence'] = {};
  const taken = new Set<number>();
  for (const { field, column, score: s } of pairs) {
    if (columns[field] !== undefined || taken.has(column)) continue;
    columns[field] = column;
    confidence[field] = Math.round(s * 100) / 100;
    taken.add(column);
  }
  return {
    columns,
    confidence,
    unmapped: normalized.map((_, i) => i).filter((i) => !taken.has(i)),
    missing: REQUIRED_FIELDS.filter((f) => columns[f] === undefined),
  };
}

/**
 * The header row of a sheet: exports often start with a title ('临河区市场主体名录（2025年）') or a
 * blank line. The row among the first `scan` whose mapping finds the most fields (required ones count
 * double); -1 when none maps a required field.
 */
export function findHeaderRow(rows: readonly (readonly unknown[])[], scan = 10): number {
  let best = -1;
  let bestScore = 0;
  rows.slice(0, scan).forEach((row, i) => {
    const { columns, missing } = mapHeaders(row);
    if (missing.length === REQUIRED_FIELDS.length) return;
    const s = Object.keys(columns).length + (REQUIRED_FIELDS.length - missing.length);
    if (s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

/** One data row (cells by column) → the raw row normalizeEntity takes. */
export function rowFromCells(cells: readonly RawCell[], columns: HeaderMapping['columns'], headers: readonly string[] = []): RawDirectoryRow {
  const raw: RawDirectoryRow = {};
  for (const [field, column] of Object.entries(columns) as [DirectoryField, number][]) raw[field] = cells[column];
  // "注册资本（万元）: 500" means 500万元: the unit lives in the header, so a bare number keeps it.
  const capitalColumn = columns.registeredCapital;
  const unit = capitalColumn === undefined ? '' : capitalUnit(headers[capitalColumn] ?? '');
  const capital = raw.registeredCapital;
  if (unit && (typeof capital === 'number' || (typeof capital === 'string' && /^\s*[\d.,]+\s*$/.test(capital)))) {
    raw.registeredCapital = `${String(capital).trim()}${unit}`;
  }
  return raw;
}

/** The currency unit a capital header names in brackets, e.g. 注册资本（万元） → 万元; '' when none. */
export function capitalUnit(header: string): string {
  const unit = /[（(]\s*((?:万|亿)?(?:元|美元|港元|欧元)(?:人民币)?|人民币(?:万|亿)?元)\s*[）)]/.exec(header);
  return unit ? unit[1]! : '';
}
