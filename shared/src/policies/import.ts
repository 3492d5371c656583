/**
 * Importing a policy list (XLSX, one row per claimable item): which column holds which field, and one row
 * → a PolicyItem or its per-column errors (reason codes; the web maps them to Chinese). Conditions come in
 * simple readable columns (适用行业: 制造业、批发业), values separated by 、，,；;. conditionsToColumns is the
 * reverse, for the export and the template.
 *
 * A code repeated within one file is detected by policyRowsFromSheet (the whole-file pass): the first row
 * with the code is imported, every later one is reported as 'duplicate'. policyFromRow alone sees one row.
 */
import { normalizeHeader } from '../directory/headers.ts';
import { cleanText, parseDate, type RawCell } from '../directory/normalize.ts';
import type { PolicyCondition } from './conditions.ts';
import { MAX_POLICY_TEXT, POLICY_CODE, type PolicyItemInput } from './library.ts';
import type { PolicyItem, PolicyLevel, PolicyMode } from './types.ts';

type ItemColumnKey = Exclude<keyof PolicyItem, 'conditions' | 'updatedAt' | 'updatedBy'>;
export type ConditionColumnKey =
  | 'industry'
  | 'town'
  | 'tagsAny'
  | 'tagsAll'
  | 'tagsNone'
  | 'scale'
  | 'establishedBefore'
  | 'establishedAfter'
  | 'employeesMin'
  | 'employeesMax';
export type PolicyColumnKey = ItemColumnKey | ConditionColumnKey;

export interface PolicyColumn {
  key: PolicyColumnKey;
  /** the header the template and the export write */
  label: string;
  /** other headers seen in published lists, compared after normalizeHeader */
  aliases: string[];
  required?: boolean;
}

export const POLICY_COLUMNS: readonly PolicyColumn[] = [
  { key: 'code', label: '事项编码', aliases: ['编码', '事项代码', '政策编码', '政策事项编码', '编号', '代码'], required: true },
  { key: 'name', label: '事项名称', aliases: ['政策事项名称', '政策事项', '事项', '名称'], required: true },
  { key: 'document', label: '政策文件', aliases: ['政策文件名称', '文件名称', '来源文件', '政策来源', '所属政策'] },
  { key: 'docNumber', label: '文号', aliases: ['发文字号', '文件文号', '政策文号'] },
  { key: 'level', label: '发布层级', aliases: ['层级', '政策层级', '级别', '政策级别'] },
  { key: 'department', label: '发布部门', aliases: ['部门', '主管部门', '责任部门', '牵头部门', '发文部门', '责任单位'] },
  { key: 'domain', label: '领域', aliases: ['政策领域', '类别', '政策类别', '分类', '政策分类'] },
  { key: 'basis', label: '实施依据', aliases: ['政策依据', '依据'] },
  { key: 'target', label: '适用对象', aliases: ['支持对象', '扶持对象', '申报对象', '对象'] },
  { key: 'keyPoints', label: '兑现要点', aliases: ['政策要点', '支持内容', '扶持内容', '政策内容', '要点'] },
  { key: 'requirements', label: '申报条件', aliases: ['申请条件', '条件'] },
  { key: 'materials', label: '申报材料', aliases: ['申请材料', '所需材料', '材料'] },
  { key: 'process', label: '申报流程', aliases: ['办理流程', '申请流程', '流程'] },
  { key: 'phone', label: '咨询电话', aliases: ['联系电话', '咨询方式', '电话'] },
  { key: 'url', label: '网址', aliases: ['政策网址', '原文链接', '链接', '网站'] },
  { key: 'platform', label: '兑现平台', aliases: ['申报平台', '办理平台', '平台'] },
  { key: 'mode', label: '兑现方式', aliases: ['申报方式', '是否免申即享', '免申即享', '方式'] },
  { key: 'benefit', label: '支持标准', aliases: ['扶持标准', '奖励标准', '补贴标准', '支持金额', '优惠内容', '金额'] },
  { key: 'amountWan', label: '最高金额（万元）', aliases: ['最高金额', '金额万元', '最高奖补万元', '最高额度万元'] },
  // 实施时间 / 有效期 / 申报时间 often hold a whole period ('2025-01-01至2027-12-31'): see periodCell
  { key: 'effectiveFrom', label: '生效日期', aliases: ['实施日期', '生效时间', '施行日期', '开始实施日期', '实施时间', '有效期'] },
  { key: 'effectiveTo', label: '失效日期', aliases: ['有效期至', '失效时间', '截止有效期'] },
  { key: 'applyFrom', label: '申报开始日期', aliases: ['申报开始', '申报起始日期', '申报开始时间', '申报时间', '申报期限'] },
  { key: 'applyTo', label: '申报截止日期', aliases: ['申报截止', '申报截止时间', '申报结束日期', '截止日期'] },
  { key: 'withdrawn', label: '已废止', aliases: ['是否废止', '废止'] },
  { key: 'industry', label: '适用行业', aliases: ['行业', '限定行业'] },
  { key: 'town', label: '适用镇街', aliases: ['镇街', '适用乡镇街道', '限定镇街'] },
  { key: 'tagsAny', label: '企业标签(任一)', aliases: ['企业标签', '标签', '企业标签任一', '具备任一标签'] },
  { key: 'tagsAll', label: '企业标签(全部)', aliases: ['企业标签全部', '须同时具备标签'] },
  { key: 'tagsNone', label: '排除标签', aliases: ['不适用标签', '排除企业标签'] },
  { key: 'scale', label: '企业规模', aliases: ['规模', '适用规模'] },
  { key: 'establishedBefore', label: '成立日期早于', aliases: ['成立早于'] },
  { key: 'establishedAfter', label: '成立日期晚于', aliases: ['成立晚于'] },
  { key: 'employeesMin', label: '从业人数不少于', aliases: ['最少从业人数', '从业人数下限', '员工人数不少于'] },
  { key: 'employeesMax', label: '从业人数不多于', aliases: ['最多从业人数', '从业人数上限', '员工人数不多于'] },
];

const COLUMN_NAMES = POLICY_COLUMNS.map((c) => ({ key: c.key, names: [c.label, ...c.aliases].map(normalizeHeader) }));
const REQUIRED_KEYS = POLICY_COLUMNS.filter((c) => c.required).map((c) => c.key);

/**
 * Which column holds which field: a header equal to a label or alias (after normalizeHeader) first; then a
 * header that contains one ('事项名称（全称）'), the longest contained name winning. One column per field,
 * the leftmost on a tie. missing: required keys (code, name) with no column; unknown: the non-empty
 * headers no field took (shown to the user, ignored on import).
 */
export function mapPolicyHeaders(headers: string[]): { mapping: Record<string, number>; missing: string[]; unknown: string[] } {
  const normalized = headers.map(normalizeHeader);
  const pairs: { key: PolicyColumnKey; column: number; score: number }[] = [];
  for (const { key, names } of COLUMN_NAMES) {
    normalized.forEach((h, column) => {
      if (h === '') return;
      let best = 0;
      for (const n of names) {
        if (h === n) best = Math.max(best, 2);
        else if (n.length >= 2 && h.includes(n)) best = Math.max(best, 1 + n.length / h.length);
      }
      if (best > 0) pairs.push({ key, column, score: best });
    });
  }
  pairs.sort((a, b) => b.score - a.score || a.column - b.column);
  const mapping: Record<string, number> = {};
  const taken = new Set<number>();
  for (const { key, column } of pairs) {
    if (mapping[key] !== undefined || taken.has(column)) continue;
    mapping[key] = column;
    taken.add(column);
  }
  return {
    mapping,
    missing: REQUIRED_KEYS.filter((k) => mapping[k] === undefined),
    unknown: headers.filter((h, i) => !taken.has(i) && normalized[i] !== ''),
  };
}

/**
 * Reason codes of a rejected cell: required (code or name empty), code (spaces or over 100 characters),
 * date (not a date), number (not a number ≥ 0), level / mode / scale (not one of the known values), flag
 * (已废止 not 是/否), range (from after to, or 不少于 above 不多于), long (text over the limit), duplicate
 * (the code appeared on an earlier row of the same file: policyRowsFromSheet).
 */
export type PolicyRowError = 'required' | 'code' | 'date' | 'number' | 'level' | 'mode' | 'scale' | 'flag' | 'range' | 'long' | 'duplicate';

export type PolicyRowResult = { item: PolicyItemInput } | { errors: { column: string; code: PolicyRowError }[] };

const SEPARATORS = /[、，,；;\n]+/;
const listOf = (text: string) => [...new Set(text.split(SEPARATORS).map((s) => s.trim()).filter((s) => s !== ''))];

const LEVELS: Record<string, PolicyLevel> = {
  国家: '国家', 国家级: '国家', 中央: '国家', 省: '省', 省级: '省', 市: '市', 市级: '市',
  县区: '县区', 县区级: '县区', 县: '县区', 县级: '县区', 区: '县区', 区级: '县区', 区县: '县区', 市县区: '县区',
};
const MODES: Record<string, PolicyMode> = {
  免申即享: '免申即享', 免申: '免申即享', 免申请: '免申即享', 是: '免申即享',
  申报: '申报', 依申请: '申报', 需申报: '申报', 申请: '申报', 否: '申报',
};
const SCALES: Record<string, '规上' | '规下'> = { 规上: '规上', 规模以上: '规上', 规上企业: '规上', 规下: '规下', 规模以下: '规下', 规下企业: '规下' };
const FLAGS: Record<string, boolean> = { 是: true, 已废止: true, 废止: true, y: true, yes: true, true: true, '1': true, 否: false, n: false, no: false, false: false, '0': false };

/** The largest amount a benefit text names in 万元 (亿元 × 10000), or null: 最高奖励50万元 → 50. */
export function amountFromBenefit(benefit: string): number | null {
  let best: number | null = null;
  for (const m of benefit.matchAll(/(\d+(?:\.\d+)?)\s*(万|亿)元/g)) {
    const v = Number(m[1]) * (m[2] === '亿' ? 10_000 : 1);
    if (best === null || v > best) best = v;
  }
  return best;
}

/**
 * A period typed in one cell, '2025-01-01至2027-12-31', '2025年1月1日—2027年12月31日', '2025/1/1 ~ 2027/12/31',
 * '2025-01-01 - 2027-12-31' → its two ends (open end as ''); null when the cell is not a period.
 */
function periodCell(value: RawCell): [string, string] | null {
  if (typeof value !== 'string') return null;
  const parts = cleanText(value).split(/\s*(?:至|到|~|～|—+|–|－|\s-\s|--)\s*/);
  if (parts.length !== 2) return null;
  return [parts[0]!, /^(?:长期|长期有效|今|不限)?$/.test(parts[1]!) ? '' : parts[1]!];
}

/**
 * A number cell: 50, '50', '５０', '1,200', with the column's own unit allowed after it ('50万元' in the
 * 万元 column, '20人' for a head count); null when empty; NaN when it is not a number ≥ 0.
 */
function numberCell(cell: RawCell, unit?: RegExp): number | null {
  if (typeof cell === 'number') return Number.isFinite(cell) && cell >= 0 ? cell : NaN;
  const text = cleanText(cell)
    .replace(/[\uff10-\uff19．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)))
    .replace(/,/g, '')
    .replace(unit ?? /$^/, '')
    .trim();
  if (text === '') return null;
  return /^\d+(?:\.\d+)?$/.test(text) ? Number(text) : NaN;
}

/**
 * One data row → the item, or every problem of the row (one per column). rowNumber is the sheet's row
 * number (kept in the signature so callers report it; errors name columns by key). Unmapped optional
 * columns read as empty; mode defaults to 申报, withdrawn to false.
 */
export function policyFromRow(cells: unknown[], mapping: Record<string, number>, rowNumber: number): PolicyRowResult {
  void rowNumber;
  const errors: { column: string; code: PolicyRowError }[] = [];
  const cell = (key: PolicyColumnKey): RawCell => (mapping[key] === undefined ? '' : (cells[mapping[key]] as RawCell));
  const text = (key: PolicyColumnKey, max = MAX_POLICY_TEXT): string => {
    const t = cleanText(cell(key));
    if (t.length > max) errors.push({ column: key, code: 'long' });
    return t;
  };
  /** A from-column holding a whole period fills its to-column too, unless that one has its own value. */
  const period = (fromKey: 'effectiveFrom' | 'applyFrom', toKey: 'effectiveTo' | 'applyTo'): [string, string] => {
    const parts = periodCell(cell(fromKey));
    if (!parts) return [date(fromKey), date(toKey)];
    const from = parseDate(parts[0]);
    const to = parseDate(parts[1]);
    if (from === null || to === null) {
      errors.push({ column: fromKey, code: 'date' });
      return ['', date(toKey)];
    }
    const own = date(toKey);
    return [from, own || to];
  };
  const date = (key: PolicyColumnKey): string => {
    const d = parseDate(cell(key));
    if (d === null) errors.push({ column: key, code: 'date' });
    return d ?? '';
  };
  const choice = <T>(key: PolicyColumnKey, table: Record<string, T>, code: PolicyRowError, empty: T): T => {
    const t = cleanText(cell(key)).replace(/\s/g, '').toLowerCase();
    if (t === '') return empty;
    if (Object.hasOwn(table, t)) return table[t]!;
    errors.push({ column: key, code });
    return empty;
  };

  const code = cleanText(cell('code'));
  if (code === '') errors.push({ column: 'code', code: 'required' });
  else if (!POLICY_CODE.test(code)) errors.push({ column: 'code', code: 'code' });
  const name = text('name', 500);
  if (name === '') errors.push({ column: 'name', code: 'required' });

  const benefit = text('benefit');
  const amountCell = numberCell(cell('amountWan'), /\s*万元?$/);
  if (Number.isNaN(amountCell)) errors.push({ column: 'amountWan', code: 'number' });
  const amountWan = amountCell === null ? amountFromBenefit(benefit) : Number.isNaN(amountCell) ? null : amountCell;

  const [effectiveFrom, effectiveTo] = period('effectiveFrom', 'effectiveTo');
  const [applyFrom, applyTo] = period('applyFrom', 'applyTo');
  const item: PolicyItemInput = {
    code,
    name,
    document: text('document'),
    docNumber: text('docNumber'),
    level: choice<PolicyLevel | ''>('level', LEVELS, 'level', ''),
    department: text('department'),
    domain: text('domain'),
    basis: text('basis'),
    target: text('target'),
    keyPoints: text('keyPoints'),
    requirements: text('requirements'),
    materials: text('materials'),
    process: text('process'),
    phone: text('phone'),
    url: text('url'),
    platform: text('platform'),
    mode: choice<PolicyMode>('mode', MODES, 'mode', '申报'),
    benefit,
    amountWan,
    effectiveFrom,
    effectiveTo,
    applyFrom,
    applyTo,
    conditions: [],
    withdrawn: choice('withdrawn', FLAGS, 'flag', false),
  };
  if (item.effectiveFrom && item.effectiveTo && item.effectiveFrom > item.effectiveTo) errors.push({ column: 'effectiveTo', code: 'range' });
  if (item.applyFrom && item.applyTo && item.applyFrom > item.applyTo) errors.push({ column: 'applyTo', code: 'range' });

  // --- conditions, in the column order of POLICY_COLUMNS ---
  const list = (key: PolicyColumnKey) => listOf(cleanText(cell(key)));
  const industries = list('industry');
  if (industries.length) item.conditions.push({ field: 'industry', op: 'in', values: industries });
  const towns = list('town');
  if (towns.length) item.conditions.push({ field: 'town', op: 'in', values: towns });
  for (const [key, op] of [['tagsAny', 'any'], ['tagsAll', 'all'], ['tagsNone', 'none']] as const) {
    const tags = list(key);
    if (tags.length) item.conditions.push({ field: 'tags', op, values: tags });
  }
  const scale = choice<'规上' | '规下' | ''>('scale', SCALES, 'scale', '');
  if (scale) item.conditions.push({ field: 'scale', op: 'eq', value: scale });
  for (const [key, op] of [['establishedBefore', 'before'], ['establishedAfter', 'after']] as const) {
    const d = date(key);
    if (d) item.conditions.push({ field: 'establishedOn', op, value: d });
  }
  const bounds: Partial<Record<'gte' | 'lte', number>> = {};
  for (const [key, op] of [['employeesMin', 'gte'], ['employeesMax', 'lte']] as const) {
    const n = numberCell(cell(key), /\s*(?:人|名)$/);
    if (n === null) continue;
    if (Number.isNaN(n) || !Number.isInteger(n)) errors.push({ column: key, code: 'number' });
    else {
      bounds[op] = n;
      item.conditions.push({ field: 'employees', op, value: n });
    }
  }
  if (bounds.gte !== undefined && bounds.lte !== undefined && bounds.gte > bounds.lte) errors.push({ column: 'employeesMax', code: 'range' });

  return errors.length ? { errors } : { item };
}

export interface PolicySheetResult {
  items: { rowNumber: number; item: PolicyItemInput }[];
  errors: { rowNumber: number; column: string; code: PolicyRowError }[];
  /** rows with no text at all (skipped silently) */
  blank: number;
}

/**
 * Every data row of a sheet (after the header row), firstRowNumber being the sheet row number of rows[0].
 * Blank rows are skipped; a code seen on an earlier good row makes this row a 'duplicate' error.
 */
export function policyRowsFromSheet(rows: readonly unknown[][], mapping: Record<string, number>, firstRowNumber = 2): PolicySheetResult {
  const out: PolicySheetResult = { items: [], errors: [], blank: 0 };
  const seen = new Map<string, number>();
  rows.forEach((cells, i) => {
    const rowNumber = firstRowNumber + i;
    if (cells.every((c) => cleanText(c as RawCell) === '')) {
      out.blank++;
      return;
    }
    const r = policyFromRow(cells, mapping, rowNumber);
    if ('errors' in r) {
      for (const e of r.errors) out.errors.push({ rowNumber, ...e });
      return;
    }
    if (seen.has(r.item.code)) {
      out.errors.push({ rowNumber, column: 'code', code: 'duplicate' });
      return;
    }
    seen.set(r.item.code, rowNumber);
    out.items.push({ rowNumber, item: r.item });
  });
  return out;
}

/**
 * Conditions → the text of each condition column (what policyFromRow reads back). Several conditions on
 * one column (hand-edited data) are joined: exact for 全部 / 排除 tags, a widening for 行业 / 镇街 / 任一;
 * for a single-valued column the strictest value is kept.
 */
export function conditionsToColumns(conditions: readonly PolicyCondition[]): Record<ConditionColumnKey, string> {
  const lists: Record<'industry' | 'town' | 'tagsAny' | 'tagsAll' | 'tagsNone', string[]> = { industry: [], town: [], tagsAny: [], tagsAll: [], tagsNone: [] };
  let scale = '';
  let before = '';
  let after = '';
  let min: number | null = null;
  let max: number | null = null;
  for (const c of conditions) {
    if (c.field === 'industry' || c.field === 'town') lists[c.field].push(...c.values);
    else if (c.field === 'tags') lists[c.op === 'any' ? 'tagsAny' : c.op === 'all' ? 'tagsAll' : 'tagsNone'].push(...c.values);
    else if (c.field === 'scale') scale = c.value;
    else if (c.field === 'establishedOn') {
      if (c.op === 'before') before = before === '' || c.value < before ? c.value : before;
      else after = after === '' || c.value > after ? c.value : after;
    } else if (c.op === 'gte') min = min === null ? c.value : Math.max(min, c.value);
    else max = max === null ? c.value : Math.min(max, c.value);
  }
  const join = (v: string[]) => [...new Set(v)].join('、');
  return {
    industry: join(lists.industry),
    town: join(lists.town),
    tagsAny: join(lists.tagsAny),
    tagsAll: join(lists.tagsAll),
    tagsNone: join(lists.tagsNone),
    scale,
    establishedBefore: before,
    establishedAfter: after,
    employeesMin: min === null ? '' : String(min),
    employeesMax: max === null ? '' : String(max),
  };
}
