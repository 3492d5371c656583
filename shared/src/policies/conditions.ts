/**
 * Eligibility conditions of a policy item (惠企政策), as data, evaluated on the device with no network.
 * A condition is met, unmet, or unknown (the file lacks the fact): unknown never counts as eligible, so a
 * commissioner is told what to find out instead of promising a benefit.
 */

export type PolicyCondition =
  | { field: 'industry'; op: 'in'; values: string[] }
  | { field: 'town'; op: 'in'; values: string[] }
  | { field: 'tags'; op: 'any' | 'all' | 'none'; values: string[] }
  | { field: 'scale'; op: 'eq'; value: '规上' | '规下' }
  | { field: 'establishedOn'; op: 'before' | 'after'; value: string }
  | { field: 'employees'; op: 'gte' | 'lte'; value: number };

export type ConditionField = PolicyCondition['field'];

/** What matching knows about an enterprise ('' / null = not known). */
export interface EnterpriseFacts {
  industry: string;
  town: string;
  tags: readonly string[];
  scale: string;
  /** YYYY-MM-DD ('' when unknown; the file or the market-entity directory) */
  establishedOn: string;
  employees: number | null;
}

export type ConditionOutcome = 'met' | 'unmet' | 'unknown';

const verdict = (ok: boolean): ConditionOutcome => (ok ? 'met' : 'unmet');

/** Does `tags` hold any of `wanted`? (a loop, not `some` with a closure: this runs for every pair) */
function holdsAny(tags: readonly string[], wanted: readonly string[]): boolean {
  for (const t of wanted) if (tags.includes(t)) return true;
  return false;
}

function holdsAll(tags: readonly string[], wanted: readonly string[]): boolean {
  for (const t of wanted) if (!tags.includes(t)) return false;
  return true;
}

export function evaluateCondition(c: PolicyCondition, f: EnterpriseFacts): ConditionOutcome {
  switch (c.field) {
    case 'industry':
    case 'town': {
      const value = f[c.field];
      return value === '' ? 'unknown' : verdict(c.values.includes(value));
    }
    case 'tags':
      // The tag set is always known: a file without a tag does not carry it.
      if (c.op === 'any') return verdict(holdsAny(f.tags, c.values));
      if (c.op === 'all') return verdict(holdsAll(f.tags, c.values));
      return verdict(!holdsAny(f.tags, c.values));
    case 'scale':
      return f.scale === '' ? 'unknown' : verdict(f.scale === c.value);
    case 'establishedOn':
      if (f.establishedOn === '') return 'unknown';
      return verdict(c.op === 'before' ? f.establishedOn < c.value : f.establishedOn > c.value);
    case 'employees':
      if (f.employees === null) return 'unknown';
      return verdict(c.op === 'gte' ? f.employees >= c.value : f.employees <= c.value);
  }
}

export type Eligibility = 'eligible' | 'nearly' | 'unknown' | 'ineligible';

/**
 * The verdict alone, with no allocation and stopping as soon as the item is out of reach: matching runs it
 * for every (item, enterprise) pair and builds the full result only for the pairs it keeps.
 */
export function eligibilityVerdict(conditions: readonly PolicyCondition[], f: EnterpriseFacts): Eligibility {
  let unmet = 0;
  let unknown = 0;
  for (const c of conditions) {
    const o = evaluateCondition(c, f);
    if (o === 'unmet') unmet++;
    else if (o === 'unknown') unknown++;
    else continue;
    if (unmet > 1 || (unmet === 1 && unknown > 0)) return 'ineligible';
  }
  if (unmet === 1) return 'nearly';
  return unknown === 0 ? 'eligible' : 'unknown';
}

export interface EligibilityResult {
  verdict: Eligibility;
  met: PolicyCondition[];
  unmet: PolicyCondition[];
  unknown: PolicyCondition[];
}

/**
 * eligible: every condition met · nearly: exactly one unmet, the rest met (the unmet one is named) ·
 * unknown: none unmet but some unknown · ineligible: otherwise. An item without conditions applies to all.
 */
/** The shared empty list of a result (frozen: results are read, never added to). */
const NONE = Object.freeze([]) as unknown as PolicyCondition[];

export function evaluateEligibility(conditions: readonly PolicyCondition[], f: EnterpriseFacts): EligibilityResult {
  // Lists are made only when they get a member (NONE otherwise): matching a district builds this for
  // hundreds of thousands of pairs, most with nothing unmet or unknown.
  let met: PolicyCondition[] = NONE;
  let unmet: PolicyCondition[] = NONE;
  let unknown: PolicyCondition[] = NONE;
  for (const c of conditions) {
    const o = evaluateCondition(c, f);
    if (o === 'met') met = met === NONE ? [c] : (met.push(c), met);
    else if (o === 'unmet') unmet = unmet === NONE ? [c] : (unmet.push(c), unmet);
    else unknown = unknown === NONE ? [c] : (unknown.push(c), unknown);
  }
  const verdict: Eligibility =
    unmet.length === 0 ? (unknown.length === 0 ? 'eligible' : 'unknown') : unmet.length === 1 && unknown.length === 0 ? 'nearly' : 'ineligible';
  return { verdict, met, unmet, unknown };
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const valueList = (v: unknown): boolean =>
  Array.isArray(v) && v.length > 0 && v.length <= 200 && v.every((x) => typeof x === 'string' && x.trim() !== '' && x.length <= 200);

/** Why a stored value is not a well-formed PolicyCondition (English, for logs and refusals), or null. */
export function conditionProblem(c: unknown): string | null {
  if (!c || typeof c !== 'object' || Array.isArray(c)) return 'condition: not an object';
  const o = c as Record<string, unknown>;
  const keys = Object.keys(o).sort().join(',');
  switch (o.field) {
    case 'industry':
    case 'town':
      if (o.op !== 'in') return `condition ${o.field}: op must be in`;
      if (keys !== 'field,op,values' || !valueList(o.values)) return `condition ${o.field}: values must be a non-empty list of names`;
      return null;
    case 'tags':
      if (o.op !== 'any' && o.op !== 'all' && o.op !== 'none') return 'condition tags: op must be any, all or none';
      if (keys !== 'field,op,values' || !valueList(o.values)) return 'condition tags: values must be a non-empty list of tags';
      return null;
    case 'scale':
      if (o.op !== 'eq' || keys !== 'field,op,value' || (o.value !== '规上' && o.value !== '规下')) return 'condition scale: must be eq 规上 or 规下';
      return null;
    case 'establishedOn':
      if ((o.op !== 'before' && o.op !== 'after') || keys !== 'field,op,value') return 'condition establishedOn: op must be before or after';
      if (typeof o.value !== 'string' || !ISO_DAY.test(o.value)) return 'condition establishedOn: value must be YYYY-MM-DD';
      return null;
    case 'employees':
      if ((o.op !== 'gte' && o.op !== 'lte') || keys !== 'field,op,value') return 'condition employees: op must be gte or lte';
      if (typeof o.value !== 'number' || !Number.isInteger(o.value) || o.value < 0) return 'condition employees: value must be a whole number ≥ 0';
      return null;
    default:
      return `condition: unknown field ${JSON.stringify(o.field)}`;
  }
}
