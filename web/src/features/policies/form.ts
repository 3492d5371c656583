/**
 * The editor's form: text in, a checked PolicyItem (without updatedAt/updatedBy) or the problems by field
 * out. Pure, so validation is tested without a page. Condition rows are what the user picks and types;
 * `conditionFromRow` turns one into a PolicyCondition.
 */
import {
  POLICY_CODE,
  POLICY_LEVELS,
  POLICY_MODES,
  type PolicyCondition,
  type PolicyItem,
  type PolicyLevel,
  type PolicyMode,
} from '@bangqi/shared';
import { p } from './strings.ts';

export type ConditionKind = keyof typeof p.kinds;
export const CONDITION_KINDS = Object.keys(p.kinds) as ConditionKind[];

export interface ConditionRow {
  kind: ConditionKind;
  /** values separated by 、，,；; for list kinds; a date, a number or 规上/规下 otherwise */
  text: string;
}

type TextField = Exclude<keyof PolicyItem, 'conditions' | 'withdrawn' | 'updatedAt' | 'updatedBy' | 'amountWan' | 'mode' | 'level'>;

export interface PolicyForm extends Record<TextField, string> {
  level: PolicyLevel | '';
  mode: PolicyMode | '';
  amountWan: string;
  conditions: ConditionRow[];
  withdrawn: boolean;
}

export const TEXT_FIELDS: TextField[] = [
  'code', 'name', 'document', 'docNumber', 'department', 'domain', 'basis', 'target', 'keyPoints', 'requirements',
  'materials', 'process', 'phone', 'url', 'platform', 'benefit', 'effectiveFrom', 'effectiveTo', 'applyFrom', 'applyTo',
];

export function emptyForm(): PolicyForm {
  const form = Object.fromEntries(TEXT_FIELDS.map((k) => [k, ''])) as Record<TextField, string>;
  return { ...form, level: '', mode: '申报', amountWan: '', conditions: [], withdrawn: false };
}

const split = (text: string) => [...new Set(text.split(/[、，,；;]/).map((v) => v.trim()).filter(Boolean))];

export function rowFromCondition(c: PolicyCondition): ConditionRow {
  switch (c.field) {
    case 'industry':
    case 'town':
      return { kind: c.field, text: c.values.join('、') };
    case 'tags':
      return { kind: c.op === 'any' ? 'tagsAny' : c.op === 'all' ? 'tagsAll' : 'tagsNone', text: c.values.join('、') };
    case 'scale':
      return { kind: 'scale', text: c.value };
    case 'establishedOn':
      return { kind: c.op, text: c.value };
    case 'employees':
      return { kind: c.op, text: String(c.value) };
  }
}

export function formFromItem(item: PolicyItem): PolicyForm {
  const form = Object.fromEntries(TEXT_FIELDS.map((k) => [k, item[k]])) as Record<TextField, string>;
  return {
    ...form,
    level: item.level,
    mode: item.mode,
    amountWan: item.amountWan === null ? '' : String(item.amountWan),
    conditions: item.conditions.map(rowFromCondition),
    withdrawn: item.withdrawn,
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** One condition row → a condition, or the reason it is not one. */
export function conditionFromRow(row: ConditionRow): PolicyCondition | { error: string } {
  const text = row.text.trim();
  switch (row.kind) {
    case 'industry':
    case 'town':
    case 'tagsAny':
    case 'tagsAll':
    case 'tagsNone': {
      const values = split(text);
      if (values.length === 0) return { error: p.errors.values };
      if (row.kind === 'industry' || row.kind === 'town') return { field: row.kind, op: 'in', values };
      return { field: 'tags', op: row.kind === 'tagsAny' ? 'any' : row.kind === 'tagsAll' ? 'all' : 'none', values };
    }
    case 'scale':
      return text === '规上' || text === '规下' ? { field: 'scale', op: 'eq', value: text } : { error: p.errors.values };
    case 'before':
    case 'after':
      return isDate(text) ? { field: 'establishedOn', op: row.kind, value: text } : { error: p.errors.date };
    case 'gte':
    case 'lte':
      return /^\d+$/.test(text) ? { field: 'employees', op: row.kind, value: Number(text) } : { error: p.errors.number };
  }
}

export type FormErrors = Partial<Record<keyof PolicyForm | `condition-${number}`, string>>;

/**
 * The item to write, or what to fix. `taken` says whether a code is already in the library (only asked for
 * a new item: an existing item's code cannot change).
 */
export function checkForm(
  form: PolicyForm,
  opts: { isNew: boolean; taken(code: string): boolean },
): { item: Omit<PolicyItem, 'updatedAt' | 'updatedBy'> } | { errors: FormErrors } {
  const errors: FormErrors = {};
  const t = Object.fromEntries(TEXT_FIELDS.map((k) => [k, form[k].trim()])) as Record<TextField, string>;
  if (!POLICY_CODE.test(t.code)) errors.code = p.errors.code;
  else if (opts.isNew && opts.taken(t.code)) errors.code = p.errors.codeTaken;
  if (t.name === '' || t.name.length > 500) errors.name = p.errors.name;
  if (!(POLICY_MODES as readonly string[]).includes(form.mode)) errors.mode = p.errors.mode;
  for (const k of ['effectiveFrom', 'effectiveTo', 'applyFrom', 'applyTo'] as const) if (t[k] !== '' && !isDate(t[k])) errors[k] = p.errors.date;
  if (!errors.effectiveTo && t.effectiveFrom && t.effectiveTo && t.effectiveTo < t.effectiveFrom) errors.effectiveTo = p.errors.range;
  if (!errors.applyTo && t.applyFrom && t.applyTo && t.applyTo < t.applyFrom) errors.applyTo = p.errors.applyRange;
  const amountText = form.amountWan.trim();
  const amount = amountText === '' ? null : Number(amountText);
  if (amount !== null && !(Number.isFinite(amount) && amount >= 0)) errors.amountWan = p.errors.amount;
  if (t.url !== '' && !/^https?:\/\//i.test(t.url)) errors.url = p.errors.url;
  const conditions: PolicyCondition[] = [];
  form.conditions.forEach((row, i) => {
    const c = conditionFromRow(row);
    if ('error' in c) errors[`condition-${i}`] = c.error;
    else conditions.push(c);
  });
  if (Object.keys(errors).length > 0) return { errors };
  const level = (POLICY_LEVELS as readonly string[]).includes(form.level) ? form.level : '';
  return { item: { ...t, level, mode: form.mode as PolicyMode, amountWan: amount, conditions, withdrawn: form.withdrawn } };
}
