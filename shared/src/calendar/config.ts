/**
 * The district config doc (`cfg-district`, layout in types.ts): the holiday table and the settings.
 * Reading is tolerant (a malformed year is skipped, a malformed setting takes its default) so a bad
 * write never stops deadlines from being computed; configSchemaProblems is what the relay refuses.
 */
import type * as Y from 'yjs';
import { isIsoDate } from '../domain/licences.ts';
import { OFFICIAL_HOLIDAYS } from './official.ts';
import { DEFAULT_SETTINGS, type DistrictSettings, type HolidayTable, type VisitRule, type YearCalendar } from './types.ts';

export const holidaysMap = (doc: Y.Doc) => doc.getMap<unknown>('holidays');
export const settingsMap = (doc: Y.Doc) => doc.getMap<unknown>('settings');

const CONFIG_ROOTS = ['holidays', 'settings'];
const YEAR = /^\d{4}$/;

const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
const isDayList = (v: unknown, year: string): v is string[] =>
  Array.isArray(v) && v.every((d) => typeof d === 'string' && isIsoDate(d) && d.startsWith(`${year}-`));

/** Why a stored year calendar is malformed, or null when it is well-formed. */
function yearCalendarProblem(year: string, v: unknown): string | null {
  if (!YEAR.test(year)) return `holidays: "${year}" is not a year`;
  const o = obj(v);
  if (!o) return `holidays.${year}: not an object`;
  if (!isDayList(o.off, year)) return `holidays.${year}.off: not a list of ${year} days`;
  if (!isDayList(o.work, year)) return `holidays.${year}.work: not a list of ${year} days`;
  if (typeof o.source !== 'string') return `holidays.${year}.source: not a string`;
  if (typeof o.updatedAt !== 'number' || !Number.isFinite(o.updatedAt)) return `holidays.${year}.updatedAt: not a number`;
  const extra = Object.keys(o).filter((k) => !['off', 'work', 'source', 'updatedAt'].includes(k));
  if (extra.length) return `holidays.${year}: unknown keys ${extra.join(', ')}`;
  return null;
}

/** The doc's years (well-formed ones only). */
export function readHolidayTable(doc: Y.Doc): HolidayTable {
  const table: HolidayTable = {};
  for (const [year, v] of holidaysMap(doc).entries()) {
    if (yearCalendarProblem(year, v) !== null) continue;
    const o = v as YearCalendar;
    table[year] = { off: [...o.off].sort(), work: [...o.work].sort(), source: o.source, updatedAt: o.updatedAt };
  }
  return table;
}

/** The doc's years over the official ones: a device that has not synced the doc still counts right. */
export function withOfficialHolidays(table: HolidayTable): HolidayTable {
  return { ...OFFICIAL_HOLIDAYS, ...table };
}

/** Replaces one year's calendar (dates deduplicated and sorted). */
export function setYearCalendar(doc: Y.Doc, year: string, cal: YearCalendar): void {
  const clean: YearCalendar = {
    off: [...new Set(cal.off)].sort(),
    work: [...new Set(cal.work)].sort(),
    source: cal.source,
    updatedAt: cal.updatedAt,
  };
  const problem = yearCalendarProblem(year, clean);
  if (problem) throw new RangeError(problem);
  holidaysMap(doc).set(year, clean);
}

export function removeYearCalendar(doc: Y.Doc, year: string): void {
  holidaysMap(doc).delete(year);
}

const isCount = (v: unknown, min = 0): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

function isVisitRule(v: unknown): v is VisitRule {
  const o = obj(v);
  return (
    !!o &&
    typeof o.id === 'string' &&
    o.id !== '' &&
    typeof o.tag === 'string' &&
    isCount(o.minVisits) &&
    (o.period === 'month' || o.period === 'quarter' || o.period === 'year') &&
    isCount(o.maxDaysWithoutVisit)
  );
}

/** Per setting, whether a stored value is acceptable. */
const SETTING_CHECKS: { [K in keyof DistrictSettings]: (v: unknown) => boolean } = {
  deadlineTiers: (v) => Array.isArray(v) && v.length === 3 && v.every((n) => isCount(n, 1)),
  maxDeadlineDays: (v) => isCount(v, 1),
  nearDueWorkingDays: (v) => isCount(v),
  checkInRadiusM: (v) => isCount(v, 1),
  maxAccuracyM: (v) => isCount(v, 1),
  inspectionNoticeDays: (v) => isCount(v),
  maxVisitsPerMonth: (v) => isCount(v, 1),
  visitRules: (v) => Array.isArray(v) && v.every(isVisitRule) && new Set(v.map((r) => (r as VisitRule).id)).size === v.length,
};

const SETTING_KEYS = Object.keys(SETTING_CHECKS) as (keyof DistrictSettings)[];

const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** Settings with DEFAULT_SETTINGS for every absent or malformed key. */
export function readSettings(doc: Y.Doc): DistrictSettings {
  const map = settingsMap(doc);
  const out = copy(DEFAULT_SETTINGS) as unknown as Record<string, unknown>;
  for (const key of SETTING_KEYS) {
    const v = map.get(key);
    if (v !== undefined && SETTING_CHECKS[key](v)) out[key] = copy(v);
  }
  return out as unknown as DistrictSettings;
}

/** Writes one setting; throws on a malformed value (the forms validate first, with Chinese messages). */
export function setSetting<K extends keyof DistrictSettings>(doc: Y.Doc, key: K, value: DistrictSettings[K]): void {
  if (!SETTING_CHECKS[key]?.(value)) throw new RangeError(`settings.${String(key)}: malformed value`);
  settingsMap(doc).set(key, copy(value));
}

/** What is wrong with the doc (empty when it fits the layout); the relay refuses an update that leaves problems. Call it before any other getMap so unknown roots show. */
export function configSchemaProblems(doc: Y.Doc): string[] {
  const problems: string[] = [];
  for (const name of doc.share.keys()) if (!CONFIG_ROOTS.includes(name)) problems.push(`unknown root "${name}"`);
  for (const [name, map] of [['holidays', holidaysMap(doc)], ['settings', settingsMap(doc)]] as const) {
    // A root sent as a list reads as a map with list content: garbage under a known name.
    if ((map as unknown as { _start: unknown })._start !== null) problems.push(`${name} is not a map`);
  }
  for (const [year, v] of holidaysMap(doc).entries()) {
    const p = yearCalendarProblem(year, v);
    if (p) problems.push(p);
  }
  for (const [key, v] of settingsMap(doc).entries()) {
    if (!Object.hasOwn(SETTING_CHECKS, key)) problems.push(`settings: unknown key "${key}"`);
    else if (!SETTING_CHECKS[key as keyof DistrictSettings](v)) problems.push(`settings.${key}: malformed value`);
  }
  return problems;
}

/**
 * Writes each official year the doc lacks (idempotent; a year an admin changed or removed on purpose…
 * is written again only if absent — removing an official year is undone by the next seed, which is why
 * the calendar page edits rather than removes official years).
 */
export function seedDistrictConfig(doc: Y.Doc, now: number): void {
  const map = holidaysMap(doc);
  const missing = Object.keys(OFFICIAL_HOLIDAYS).filter((year) => !map.has(year));
  if (missing.length === 0) return;
  doc.transact(() => {
    for (const year of missing) map.set(year, { ...copy(OFFICIAL_HOLIDAYS[year]), updatedAt: now });
  });
}

export interface CsvLineError {
  /** 1-based line number in the pasted text */
  line: number;
  text: string;
  message: string;
}

/**
 * Parses an admin's year calendar: one date per line, `2027-01-01,休` (a day off) or `2027-02-07,班`
 * (a 调休 workday). Blank lines and lines starting with # are skipped; a header line (日期,类型) too;
 * a full-width comma, a tab or spaces also separate. Errors say per line what is wrong, in Chinese.
 */
export function parseYearCalendarCsv(text: string, year: string): { off: string[]; work: string[]; errors: CsvLineError[] } {
  const off = new Set<string>();
  const work = new Set<string>();
  const errors: CsvLineError[] = [];
  const seen = new Map<string, string>();
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fail = (message: string) => errors.push({ line: i + 1, text: raw, message });
    const parts = line.split(/\s*[,，\t]\s*|\s+/).filter((p) => p !== '');
    if (i === 0 && /日期|date/i.test(parts[0] ?? '')) return;
    if (parts.length !== 2) return fail('每行应为“日期,休”或“日期,班”，例如 2027-01-01,休');
    const [dayText = '', kind = ''] = parts;
    const day = normalizeDay(dayText);
    if (!day) return fail(`“${dayText}”不是有效日期，应写成 ${year}-01-01`);
    if (!day.startsWith(`${year}-`)) return fail(`${day} 不在 ${year} 年`);
    if (kind !== '休' && kind !== '班') return fail(`“${kind}”无法识别，应为“休”（放假）或“班”（调休上班）`);
    const before = seen.get(day);
    if (before && before !== kind) return fail(`${day} 同时标为“休”和“班”`);
    if (before) return; // the same line twice: harmless
    seen.set(day, kind);
    (kind === '休' ? off : work).add(day);
  });
  return { off: [...off].sort(), work: [...work].sort(), errors };
}

/** Accepts 2027-01-01, 2027/1/1, 2027.1.1 and 2027年1月1日; returns YYYY-MM-DD or null. */
function normalizeDay(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text);
  if (!m) return null;
  const [, y = '', mo = '', d = ''] = m;
  const day = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  return isIsoDate(day) ? day : null;
}
