import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@bangqi/shared';
import { changedKeys, draftOf, parseRulesDraft, wholeNumber } from './rulesForm.ts';

describe('visit rules form', () => {
  it('round-trips the district defaults unchanged', () => {
    const { value, errors } = parseRulesDraft(draftOf(DEFAULT_SETTINGS));
    expect(errors).toEqual({});
    expect(value).toEqual({
      visitRules: DEFAULT_SETTINGS.visitRules,
      maxVisitsPerMonth: 4,
      inspectionNoticeDays: 3,
      checkInRadiusM: 500,
    });
    expect(changedKeys(DEFAULT_SETTINGS, value!)).toEqual([]);
  });

  it('reads changes, full-width digits included, and names the changed keys', () => {
    const d = draftOf(DEFAULT_SETTINGS);
    d.maxVisitsPerMonth = '６';
    d.rules[0]!.minVisits = '2';
    const { value } = parseRulesDraft(d);
    expect(value?.maxVisitsPerMonth).toBe(6);
    expect(value?.visitRules[0]?.minVisits).toBe(2);
    expect(changedKeys(DEFAULT_SETTINGS, value!)).toEqual(['visitRules', 'maxVisitsPerMonth']);
  });

  it('says in Chinese what is wrong, per field and rule', () => {
    const d = draftOf(DEFAULT_SETTINGS);
    d.maxVisitsPerMonth = '0';
    d.inspectionNoticeDays = '-1';
    d.checkInRadiusM = 'abc';
    d.rules[1]!.tag = '重点项目';
    d.rules[0]!.maxDays = '0';
    d.rules[0]!.minVisits = '0';
    const { value, errors } = parseRulesDraft(d);
    expect(value).toBeNull();
    expect(errors).toEqual({
      maxVisitsPerMonth: '请输入不小于 1 的整数',
      inspectionNoticeDays: '请输入不小于 0 的整数',
      checkInRadiusM: '请输入不小于 1 的整数',
      'rule:key-project-quarter:minVisits': '每条规则至少设置“走访次数”或“天数”之一',
      'rule:all-90-days:tag': '同一标签只能有一条规则',
    });
  });

  it('accepts whole numbers only', () => {
    expect(wholeNumber(' 12 ', 0)).toBe(12);
    expect(wholeNumber('1.5', 0)).toBeNull();
    expect(wholeNumber('', 0)).toBeNull();
    expect(wholeNumber('0', 1)).toBeNull();
  });
});
