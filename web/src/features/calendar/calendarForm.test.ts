import { describe, expect, it } from 'vitest';
import { OFFICIAL_HOLIDAYS } from '@bangqi/shared';
import { addDay, byMonth, isYear, missingYears, removeDay, sameDays, weekdayOf, yearLines } from './calendarForm.ts';

const EMPTY = { off: [], work: [] };

describe('calendar form', () => {
  it('weekdayOf', () => {
    expect(weekdayOf('2026-10-10')).toBe(6);
    expect(weekdayOf('2026-09-20')).toBe(0);
    expect(weekdayOf('2027-01-01')).toBe(5);
  });
  it('addDay keeps dates sorted and moves a date between 休 and 班', () => {
    let days = addDay(EMPTY, '2027', '2027-02-11', 'off');
    days = addDay(days as typeof EMPTY, '2027', '2027-01-01', 'off');
    expect(days).toEqual({ off: ['2027-01-01', '2027-02-11'], work: [] });
    const moved = addDay({ off: ['2027-02-07'], work: [] }, '2027', '2027-02-07', 'work'); // a Sunday
    expect(moved).toEqual({ off: [], work: ['2027-02-07'] });
  });
  it('addDay explains what is wrong, in Chinese', () => {
    expect(addDay(EMPTY, '2027', '', 'off')).toEqual({ error: '请选择日期' });
    expect(addDay(EMPTY, '2027', '2026-12-31', 'off')).toEqual({ error: '2026-12-31 不在 2027 年' });
    expect(addDay(EMPTY, '2027', '2027-01-06', 'work')).toEqual({ error: '2027-01-06 是周三，本来就上班，无需标为“班”' });
    expect(addDay({ off: ['2027-01-01'], work: [] }, '2027', '2027-01-01', 'off')).toEqual({ error: '2027-01-01 已标为“休”' });
  });
  it('a weekend day may be marked 休 (notices list whole spans)', () => {
    expect(addDay(EMPTY, '2027', '2027-01-02', 'off')).toEqual({ off: ['2027-01-02'], work: [] });
  });
  it('removeDay, sameDays', () => {
    const d = { off: ['2027-01-01'], work: ['2027-02-07'] };
    expect(removeDay(d, '2027-02-07')).toEqual({ off: ['2027-01-01'], work: [] });
    expect(sameDays(d, { off: ['2027-01-01'], work: ['2027-02-07'] })).toBe(true);
    expect(sameDays(d, removeDay(d, '2027-01-01'))).toBe(false);
  });
  it('byMonth groups the 2026 National Day dates with their weekdays', () => {
    const oct = byMonth(OFFICIAL_HOLIDAYS['2026']!).find((g) => g.month === 10)!;
    expect(oct.days.map((d) => `${d.day.slice(8)}${d.kind === 'off' ? '休' : '班'}${d.weekday}`)).toEqual([
      '01休4', '02休5', '03休6', '04休0', '05休1', '06休2', '07休3', '10班6',
    ]);
  });
  it('yearLines: newest first, built-in years flagged', () => {
    const stored = { '2026': OFFICIAL_HOLIDAYS['2026']! };
    expect(yearLines(stored, { ...OFFICIAL_HOLIDAYS, ...stored }).map((l) => [l.year, l.builtIn])).toEqual([
      ['2026', false],
      ['2025', true],
      ['2024', true],
    ]);
  });
  it('missingYears: this year and next, plus years deadlines fall in', () => {
    expect(missingYears('2026-12-04', OFFICIAL_HOLIDAYS)).toEqual(['2027']);
    expect(missingYears('2026-03-01', OFFICIAL_HOLIDAYS, ['2028'])).toEqual(['2027', '2028']);
    expect(missingYears('2025-03-01', OFFICIAL_HOLIDAYS)).toEqual([]);
  });
  it('isYear', () => {
    expect(isYear('2027')).toBe(true);
    expect(isYear(' 2027 ')).toBe(true);
    expect(isYear('27')).toBe(false);
    expect(isYear('1999')).toBe(false);
  });
});
