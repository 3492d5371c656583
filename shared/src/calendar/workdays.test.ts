import { describe, expect, it } from 'vitest';
import { OFFICIAL_HOLIDAYS } from './official.ts';
import type { HolidayTable } from './types.ts';
import { addWorkingDays, dayFromNumber, dayNumber, isWorkday, workingDaysBetween, yearsSpanned, yearsWithoutCalendar } from './workdays.ts';

const T = OFFICIAL_HOLIDAYS;

describe('the generated official table (chinese-days 1.5.7)', () => {
  it('has 2024–2026 and no 2027', () => {
    expect(Object.keys(T).sort()).toEqual(['2024', '2025', '2026']);
  });
  it('holds the 2026 National Day holiday and its 调休 days', () => {
    for (let d = 1; d <= 7; d++) expect(T['2026']!.off).toContain(`2026-10-0${d}`);
    expect(T['2026']!.work).toEqual(expect.arrayContaining(['2026-09-20', '2026-10-10']));
  });
});

describe('isWorkday', () => {
  it('follows weekends, holidays and 调休', () => {
    expect(isWorkday('2026-09-30', T)).toBe(true); // Wednesday
    expect(isWorkday('2026-10-01', T)).toBe(false); // National Day, Thursday
    expect(isWorkday('2026-10-08', T)).toBe(true); // Thursday after the holiday
    expect(isWorkday('2026-10-10', T)).toBe(true); // 调休 Saturday
    expect(isWorkday('2026-10-11', T)).toBe(false); // Sunday
    expect(isWorkday('2026-09-20', T)).toBe(true); // 调休 Sunday
    expect(isWorkday('2026-09-25', T)).toBe(false); // 中秋, Friday
  });
  it('counts a year missing from the table Monday–Friday (2027-01-01 is a Friday)', () => {
    expect(isWorkday('2027-01-01', T)).toBe(true);
    expect(isWorkday('2027-01-02', T)).toBe(false);
  });
  it('refuses a malformed day', () => {
    expect(() => isWorkday('2026-02-30', T)).toThrow(RangeError);
    expect(() => isWorkday('2026/10/01', T)).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('jumps over the National Day holiday and counts the 调休 Saturday', () => {
    expect(addWorkingDays('2026-09-30', 1, T)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 2, T)).toBe('2026-10-09');
    expect(addWorkingDays('2026-09-30', 3, T)).toBe('2026-10-10'); // Saturday, a workday
    expect(addWorkingDays('2026-09-30', 4, T)).toBe('2026-10-12');
  });
  it('counts the 调休 Sunday before the holiday and skips 中秋', () => {
    expect(addWorkingDays('2026-09-18', 1, T)).toBe('2026-09-20'); // Friday → 调休 Sunday
    expect(addWorkingDays('2026-09-24', 1, T)).toBe('2026-09-28'); // 中秋 Friday is off
  });
  it('does not count the day itself, also when it is a holiday', () => {
    expect(addWorkingDays('2026-10-03', 1, T)).toBe('2026-10-08');
    expect(addWorkingDays('2026-10-03', 0, T)).toBe('2026-10-03');
  });
  it('tier limits 1 / 5 / 15 from a demand accepted the day before National Day (hand-counted: 8, 9, 10 Sat, 12, 13 …)', () => {
    expect([1, 5, 15].map((n) => addWorkingDays('2026-09-30', n, T))).toEqual(['2026-10-08', '2026-10-13', '2026-10-27']);
  });
  it('counts backwards for a negative n', () => {
    expect(addWorkingDays('2026-10-08', -1, T)).toBe('2026-09-30');
    expect(addWorkingDays('2026-10-12', -2, T)).toBe('2026-10-09');
  });
  it('works across a year boundary into a year without a calendar', () => {
    expect(addWorkingDays('2026-12-31', 1, T)).toBe('2027-01-01');
  });
});

describe('workingDaysBetween', () => {
  it('counts (from, to]', () => {
    expect(workingDaysBetween('2026-09-30', '2026-10-12', T)).toBe(4);
    expect(workingDaysBetween('2026-09-30', '2026-09-30', T)).toBe(0);
    expect(workingDaysBetween('2026-10-01', '2026-10-07', T)).toBe(0);
    expect(workingDaysBetween('2026-10-12', '2026-09-30', T)).toBe(-4);
  });
  it('agrees with counting day by day on random spans, and inverts addWorkingDays', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648), seed % n);
    const start = dayNumber('2023-06-01');
    for (let i = 0; i < 400; i++) {
      const a = start + rand(1500);
      const b = a + rand(120) - 20;
      let count = 0;
      for (let d = Math.min(a, b) + 1; d <= Math.max(a, b); d++) if (isWorkday(dayFromNumber(d), T)) count++;
      expect(workingDaysBetween(dayFromNumber(a), dayFromNumber(b), T)).toBe(b >= a ? count : -count);
      const n = rand(40);
      expect(workingDaysBetween(dayFromNumber(a), addWorkingDays(dayFromNumber(a), n, T), T)).toBe(n);
    }
  });
  it('uses a table the district edited (a 2027 calendar typed in)', () => {
    const table: HolidayTable = { ...T, '2027': { off: ['2027-01-01'], work: ['2027-01-02'], source: 'import', updatedAt: 1 } };
    expect(isWorkday('2027-01-01', table)).toBe(false);
    expect(isWorkday('2027-01-02', table)).toBe(true);
    expect(workingDaysBetween('2026-12-31', '2027-01-04', table)).toBe(2); // Jan 2 (调休 Saturday) and Jan 4
  });
});

describe('yearsWithoutCalendar', () => {
  it('lists the years the table lacks, sorted and once', () => {
    expect(yearsWithoutCalendar(['2026-10-01', '2027-01-05', '2028-02-01', '2027-03-01'], T)).toEqual(['2027', '2028']);
    expect(yearsWithoutCalendar(['2026-10-01'], T)).toEqual([]);
  });
  it('yearsSpanned covers the years in between', () => {
    expect(yearsSpanned('2026-12-01', '2028-01-02')).toEqual(['2026', '2027', '2028']);
  });
});
