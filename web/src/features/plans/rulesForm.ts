/**
 * The visit-rules settings form: what the inputs hold (text, as typed) and how it becomes settings.
 * Checks mirror the config doc's (shared/src/calendar/config.ts setSetting) so a saved form is never
 * refused; messages are Chinese (strings.ts).
 */
import { newRecordId, type DistrictSettings, type VisitRule } from '@bangqi/shared';
import { vr } from './strings.ts';

export interface RuleDraft {
  id: string;
  tag: string;
  minVisits: string;
  period: VisitRule['period'];
  maxDays: string;
}

export interface RulesDraft {
  rules: RuleDraft[];
  maxVisitsPerMonth: string;
  inspectionNoticeDays: string;
  checkInRadiusM: string;
}

export type RulesSettings = Pick<DistrictSettings, 'visitRules' | 'maxVisitsPerMonth' | 'inspectionNoticeDays' | 'checkInRadiusM'>;

export function draftOf(s: RulesSettings): RulesDraft {
  return {
    rules: s.visitRules.map((r) => ({ id: r.id, tag: r.tag, minVisits: String(r.minVisits), period: r.period, maxDays: String(r.maxDaysWithoutVisit) })),
    maxVisitsPerMonth: String(s.maxVisitsPerMonth),
    inspectionNoticeDays: String(s.inspectionNoticeDays),
    checkInRadiusM: String(s.checkInRadiusM),
  };
}

export const emptyRule = (): RuleDraft => ({ id: newRecordId(), tag: '', minVisits: '1', period: 'quarter', maxDays: '0' });

/** A whole number ≥ min typed in an input (full-width digits accepted), or null. */
export function wholeNumber(text: string, min: number): number | null {
  const t = text.trim().replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^\d{1,6}$/.test(t)) return null;
  const n = Number(t);
  return n >= min ? n : null;
}

/** Error keys: 'maxVisitsPerMonth' … or `rule:<id>:<field>`. */
export type RulesErrors = Record<string, string>;

export function parseRulesDraft(d: RulesDraft): { value: RulesSettings | null; errors: RulesErrors } {
  const errors: RulesErrors = {};
  const num = (key: string, text: string, min: number) => {
    const n = wholeNumber(text, min);
    if (n === null) errors[key] = vr.errWhole(min);
    return n ?? 0;
  };
  const maxVisitsPerMonth = num('maxVisitsPerMonth', d.maxVisitsPerMonth, 1);
  const inspectionNoticeDays = num('inspectionNoticeDays', d.inspectionNoticeDays, 0);
  const checkInRadiusM = num('checkInRadiusM', d.checkInRadiusM, 1);
  const seen = new Set<string>();
  const visitRules: VisitRule[] = d.rules.map((r) => {
    const tag = r.tag.trim();
    const minVisits = num(`rule:${r.id}:minVisits`, r.minVisits, 0);
    const maxDaysWithoutVisit = num(`rule:${r.id}:maxDays`, r.maxDays, 0);
    if (seen.has(tag)) errors[`rule:${r.id}:tag`] = vr.errDuplicateTag;
    seen.add(tag);
    if (minVisits === 0 && maxDaysWithoutVisit === 0 && !errors[`rule:${r.id}:minVisits`] && !errors[`rule:${r.id}:maxDays`]) {
      errors[`rule:${r.id}:minVisits`] = vr.errEmptyRule;
    }
    return { id: r.id, tag, minVisits, period: r.period, maxDaysWithoutVisit };
  });
  if (Object.keys(errors).length > 0) return { value: null, errors };
  return { value: { visitRules, maxVisitsPerMonth, inspectionNoticeDays, checkInRadiusM }, errors };
}

/** The settings keys whose value differs (only these are written, so concurrent edits of others merge). */
export function changedKeys(before: RulesSettings, after: RulesSettings): (keyof RulesSettings)[] {
  return (['visitRules', 'maxVisitsPerMonth', 'inspectionNoticeDays', 'checkInRadiusM'] as const).filter(
    (k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
}
