/**
 * The policy library doc (`pol-library`, layout in types.ts): map `items`, item code → Y.Map of the item's
 * fields. Reading is tolerant (a malformed field reads as its empty value, a malformed condition is
 * skipped) so one bad write never empties the library on every device; writing validates and throws
 * (forms and the import check first and show Chinese messages); policyLibrarySchemaProblems is what the
 * relay refuses.
 */
import * as Y from 'yjs';
import { isIsoDate } from '../domain/licences.ts';
import { conditionProblem, type PolicyCondition } from './conditions.ts';
import { POLICY_LEVELS, POLICY_MODES, type PolicyItem } from './types.ts';

export const policyItemsMap = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('items');

/** What a writer supplies: the rest (updatedAt, updatedBy) is filled in on writing. */
export type PolicyItemInput = Omit<PolicyItem, 'updatedAt' | 'updatedBy'>;

/** Longest text accepted in a field (申报条件 and 申报材料 can be long). */
export const MAX_POLICY_TEXT = 20_000;
/** An item code: no spaces, at most 100 characters (it is a Y.Map key and appears in events). */
export const POLICY_CODE = /^[^\s]{1,100}$/;

const TEXT_KEYS = [
  'name',
  'document',
  'docNumber',
  'department',
  'domain',
  'basis',
  'target',
  'keyPoints',
  'requirements',
  'materials',
  'process',
  'phone',
  'url',
  'platform',
  'benefit',
] as const;
const DATE_KEYS = ['effectiveFrom', 'effectiveTo', 'applyFrom', 'applyTo'] as const;

const isText = (v: unknown, max = MAX_POLICY_TEXT): v is string => typeof v === 'string' && v.length <= max;
const isDay = (v: unknown): v is string => typeof v === 'string' && (v === '' || isIsoDate(v));

/** Per field, why a value is malformed (or null). */
const FIELD_CHECKS: { [K in keyof PolicyItem]: (v: unknown) => string | null } = {
  code: (v) => (typeof v === 'string' && POLICY_CODE.test(v) ? null : 'is not a code (1–100 characters, no spaces)'),
  name: (v) => (isText(v, 500) && v.trim() !== '' ? null : 'is empty or too long'),
  ...(Object.fromEntries(TEXT_KEYS.filter((k) => k !== 'name').map((k) => [k, (v: unknown) => (isText(v) ? null : 'is not a text')])) as Record<
    Exclude<(typeof TEXT_KEYS)[number], 'name'>,
    (v: unknown) => string | null
  >),
  level: (v) => (v === '' || (POLICY_LEVELS as readonly unknown[]).includes(v) ? null : 'is not a level'),
  mode: (v) => ((POLICY_MODES as readonly unknown[]).includes(v) ? null : 'is not a mode'),
  amountWan: (v) => (v === null || (typeof v === 'number' && Number.isFinite(v) && v >= 0) ? null : 'is not an amount'),
  ...(Object.fromEntries(DATE_KEYS.map((k) => [k, (v: unknown) => (isDay(v) ? null : 'is not YYYY-MM-DD')])) as Record<
    (typeof DATE_KEYS)[number],
    (v: unknown) => string | null
  >),
  conditions: (v) => {
    if (!Array.isArray(v)) return 'is not a list';
    if (v.length > 50) return 'has more than 50 conditions';
    for (const c of v) {
      const p = conditionProblem(c);
      if (p) return p;
    }
    return null;
  },
  withdrawn: (v) => (typeof v === 'boolean' ? null : 'is not a boolean'),
  updatedAt: (v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? null : 'is not a time'),
  updatedBy: (v) => (isText(v, 200) ? null : 'is not a user id'),
};
export const POLICY_ITEM_KEYS = Object.keys(FIELD_CHECKS) as (keyof PolicyItem)[];

/** Why a whole item is malformed (English), or null: every field present and well-formed, no others, ranges in order. */
export function policyItemProblem(item: unknown): string | null {
  if (!item || typeof item !== 'object' || Array.isArray(item)) return 'item: not an object';
  const o = item as Record<string, unknown>;
  const extra = Object.keys(o).filter((k) => !Object.hasOwn(FIELD_CHECKS, k));
  if (extra.length) return `item: unknown keys ${extra.join(', ')}`;
  for (const key of POLICY_ITEM_KEYS) {
    const p = FIELD_CHECKS[key](o[key]);
    if (p) return `item.${key} ${p}`;
  }
  if (o.effectiveFrom && o.effectiveTo && (o.effectiveFrom as string) > (o.effectiveTo as string)) return 'item: effectiveFrom after effectiveTo';
  if (o.applyFrom && o.applyTo && (o.applyFrom as string) > (o.applyTo as string)) return 'item: applyFrom after applyTo';
  return null;
}

function readItem(code: string, m: Y.Map<unknown>): PolicyItem {
  const text = (k: string) => {
    const v = m.get(k);
    return typeof v === 'string' ? v : '';
  };
  const day = (k: string) => {
    const v = m.get(k);
    return isDay(v) ? v : '';
  };
  const level = m.get('level');
  const mode = m.get('mode');
  const amount = m.get('amountWan');
  const conditions = m.get('conditions');
  const updatedAt = m.get('updatedAt');
  const item = {
    code,
    level: (POLICY_LEVELS as readonly unknown[]).includes(level) ? (level as PolicyItem['level']) : '',
    mode: (POLICY_MODES as readonly unknown[]).includes(mode) ? (mode as PolicyItem['mode']) : '申报',
    amountWan: typeof amount === 'number' && Number.isFinite(amount) && amount >= 0 ? amount : null,
    // copies: the stored objects are Yjs content, and a caller mutating one must not change the doc unseen
    conditions: Array.isArray(conditions) ? cleanConditions(conditions.filter((c): c is PolicyCondition => conditionProblem(c) === null)) : [],
    withdrawn: m.get('withdrawn') === true,
    updatedAt: typeof updatedAt === 'number' && Number.isFinite(updatedAt) ? updatedAt : 0,
    updatedBy: text('updatedBy'),
  } as PolicyItem;
  for (const k of TEXT_KEYS) item[k] = text(k);
  for (const k of DATE_KEYS) item[k] = day(k);
  return item;
}

/** Every item (withdrawn and expired included: callers filter with isPolicyShown), sorted by code. */
export function readPolicyItems(doc: Y.Doc): PolicyItem[] {
  const items: PolicyItem[] = [];
  for (const [code, m] of policyItemsMap(doc).entries()) {
    if (m instanceof Y.Map && POLICY_CODE.test(code)) items.push(readItem(code, m));
  }
  return items.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Field equality as stored: conditions compare by their JSON (they are plain data). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** A deep copy of the conditions with only the keys a condition has (no foreign keys reach the doc). */
function cleanConditions(conditions: readonly PolicyCondition[]): PolicyCondition[] {
  return conditions.map((c) => ('values' in c ? { field: c.field, op: c.op, values: [...c.values] } : { field: c.field, op: c.op, value: c.value }) as PolicyCondition);
}

/**
 * Adds the item, or updates the stored one with the same code writing only the fields that differ (so a
 * re-import of an unchanged sheet writes nothing, and a coordinator's concurrent edit of another field
 * survives). updatedAt/updatedBy move only when something changed. Throws RangeError on a malformed item.
 */
export function upsertPolicyItem(doc: Y.Doc, item: PolicyItemInput, by: string, now: number): 'added' | 'updated' | 'unchanged' {
  const full: PolicyItem = { ...item, conditions: cleanConditions(item.conditions), updatedAt: now, updatedBy: by };
  const problem = policyItemProblem(full);
  if (problem) throw new RangeError(problem);
  const items = policyItemsMap(doc);
  const existing = items.get(item.code);
  if (!(existing instanceof Y.Map)) {
    doc.transact(() => {
      const m = new Y.Map<unknown>();
      for (const key of POLICY_ITEM_KEYS) if (key !== 'code') m.set(key, full[key]);
      items.set(item.code, m);
    });
    return 'added';
  }
  const changed = POLICY_ITEM_KEYS.filter((k) => k !== 'code' && k !== 'updatedAt' && k !== 'updatedBy' && !sameValue(existing.get(k), full[k]));
  if (changed.length === 0) return 'unchanged';
  doc.transact(() => {
    for (const key of changed) existing.set(key, full[key]);
    existing.set('updatedAt', now);
    existing.set('updatedBy', by);
  });
  return 'updated';
}

/** Withdraws (hides) or restores an item; never deletes it. Throws RangeError for an unknown code. */
export function setPolicyWithdrawn(doc: Y.Doc, code: string, withdrawn: boolean, by: string, now: number): void {
  const m = policyItemsMap(doc).get(code);
  if (!(m instanceof Y.Map)) throw new RangeError(`no policy item ${code}`);
  if (m.get('withdrawn') === withdrawn) return;
  doc.transact(() => {
    m.set('withdrawn', withdrawn);
    m.set('updatedAt', now);
    m.set('updatedBy', by);
  });
}

export type PolicyValidity = 'not-yet' | 'active' | 'expired';

/** By the validity period (both ends inclusive; '' open-ended), for a YYYY-MM-DD today. */
export function policyValidity(item: Pick<PolicyItem, 'effectiveFrom' | 'effectiveTo'>, today: string): PolicyValidity {
  if (item.effectiveFrom !== '' && today < item.effectiveFrom) return 'not-yet';
  if (item.effectiveTo !== '' && today > item.effectiveTo) return 'expired';
  return 'active';
}

/** Shown in lists and matching by default: not withdrawn and not expired (a not-yet item is announced). */
export function isPolicyShown(item: Pick<PolicyItem, 'withdrawn' | 'effectiveFrom' | 'effectiveTo'>, today: string): boolean {
  return !item.withdrawn && policyValidity(item, today) !== 'expired';
}

/**
 * What is malformed in a library doc (English, for logs and refusals); empty when fine. Call it before
 * any other getMap on the doc, so an unknown root shows. Items are never deleted: the relay compares the
 * codes before and after an update with policyLibraryCodes.
 */
export function policyLibrarySchemaProblems(doc: Y.Doc): string[] {
  const bad: string[] = [];
  for (const name of doc.share.keys()) if (name !== 'items') bad.push(`unknown root "${name}"`);
  const items = doc.getMap<unknown>('items');
  // A root sent as a list reads as a map with list content: garbage under a known name.
  if ((items as unknown as { _start: unknown })._start !== null) return [...bad, 'items is not a map'];
  for (const [code, m] of items.entries()) {
    if (!POLICY_CODE.test(code)) {
      bad.push(`items: "${code.slice(0, 100)}" is not a code`);
      continue;
    }
    if (!(m instanceof Y.Map)) {
      bad.push(`items.${code} is not a record`);
      continue;
    }
    const fields = m as Y.Map<unknown>;
    for (const [k, v] of fields.entries()) {
      if (k === 'code' || !Object.hasOwn(FIELD_CHECKS, k)) {
        bad.push(`items.${code}.${k} is not an item field`);
        continue;
      }
      const p = FIELD_CHECKS[k as keyof PolicyItem](v);
      if (p) bad.push(`items.${code}.${k} ${p}`);
    }
    for (const k of POLICY_ITEM_KEYS) if (k !== 'code' && !fields.has(k)) bad.push(`items.${code}.${k} is missing`);
  }
  return bad;
}

/** The codes in a library doc (the relay refuses an update after which a code it had is gone). */
export function policyLibraryCodes(doc: Y.Doc): string[] {
  return [...policyItemsMap(doc).keys()].sort();
}
