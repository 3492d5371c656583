import { describe, expect, it } from 'vitest';
import { OFFICIAL_HOLIDAYS } from '../calendar/official.ts';
import { DEFAULT_SETTINGS, type DistrictSettings, type HolidayTable } from '../calendar/types.ts';
import { allowedWorkingDays, demandDueDay, demandTiming, remainingWorkingDays } from './deadline.ts';

/** ms of a China wall-clock time (UTC+8). */
const china = (day: string, hhmm = '10:00') => Date.parse(`${day}T${hhmm}:00+08:00`);
const T = OFFICIAL_HOLIDAYS;
const S = DEFAULT_SETTINGS;
const SHANDONG: DistrictSettings = { ...DEFAULT_SETTINGS, deadlineTiers: [1, 3, 15], maxDeadlineDays: 30 };

describe('demandDueDay', () => {
  it('counts the tier in working days across the 2026 National Day holiday and its 调休 Saturday', () => {
    const accepted = china('2026-09-30');
    expect(demandDueDay({ acceptedAt: accepted, urgency: 'simple', extensionDays: 0 }, S, T)).toEqual({ dueDay: '2026-10-08', uncalendaredYears: [] });
    // 5 working days: Oct 8, 9, 10 (调休 Saturday), 12, 13
    expect(demandDueDay({ acceptedAt: accepted, urgency: 'ordinary', extensionDays: 0 }, S, T).dueDay).toBe('2026-10-13');
    // Shandong's 3: Oct 8, 9, 10 — the 调休 Saturday is the deadline
    expect(demandDueDay({ acceptedAt: accepted, urgency: 'ordinary', extensionDays: 0 }, SHANDONG, T).dueDay).toBe('2026-10-10');
    expect(demandDueDay({ acceptedAt: accepted, urgency: 'complex', extensionDays: 0 }, S, T).dueDay).toBe('2026-10-27');
  });
  it('uses the China day of acceptance (a demand taken at 23:30 China time on Sept 30 is a Sept 30 demand)', () => {
    expect(demandDueDay({ acceptedAt: china('2026-09-30', '23:30'), urgency: 'simple', extensionDays: 0 }, S, T).dueDay).toBe('2026-10-08');
    expect(demandDueDay({ acceptedAt: china('2026-10-01', '00:30'), urgency: 'simple', extensionDays: 0 }, S, T).dueDay).toBe('2026-10-08');
  });
  it('counts the 调休 Sunday before the holiday', () => {
    // accepted Friday Sept 18: 1 working day → Sunday Sept 20 (调休)
    expect(demandDueDay({ acceptedAt: china('2026-09-18'), urgency: 'simple', extensionDays: 0 }, S, T).dueDay).toBe('2026-09-20');
  });
  it('adds approved extension days, capped at the district maximum', () => {
    const accepted = china('2026-09-30');
    // 15 + 5 = 20 working days: from Oct 27 (15th) on: 28, 29, 30, Nov 2, 3
    expect(demandDueDay({ acceptedAt: accepted, urgency: 'complex', extensionDays: 5 }, S, T).dueDay).toBe('2026-11-03');
    expect(allowedWorkingDays('complex', 40, SHANDONG)).toBe(30);
    expect(allowedWorkingDays('simple', 0, SHANDONG)).toBe(1);
  });
  it('reports a deadline in 2027 as uncalendared (no official 2027 calendar yet)', () => {
    const r = demandDueDay({ acceptedAt: china('2026-12-24'), urgency: 'complex', extensionDays: 0 }, S, T);
    expect(r.uncalendaredYears).toEqual(['2027']);
    expect(r.dueDay > '2027-01-01').toBe(true);
    const withTable: HolidayTable = { ...T, '2027': { off: ['2027-01-01'], work: [], source: 'import', updatedAt: 1 } };
    const r2 = demandDueDay({ acceptedAt: china('2026-12-24'), urgency: 'complex', extensionDays: 0 }, S, withTable);
    expect(r2.uncalendaredYears).toEqual([]);
    expect(r2.dueDay > r.dueDay).toBe(true); // New Year's Day no longer counted
  });
});

describe('remaining and timing', () => {
  const row = { acceptedAt: china('2026-09-30'), urgency: 'ordinary' as const, extensionDays: 0, state: 'handling' as const, resolvedAt: 0 };
  it('remaining working days: positive before, 0 on, negative after the due day', () => {
    expect(remainingWorkingDays('2026-10-13', '2026-09-30', T)).toBe(5);
    expect(remainingWorkingDays('2026-10-13', '2026-10-13', T)).toBe(0);
    expect(remainingWorkingDays('2026-10-13', '2026-10-15', T)).toBe(-2);
  });
  it('near due, overdue, open', () => {
    expect(demandTiming(row, '2026-10-05', S, T)).toMatchObject({ dueDay: '2026-10-13', remaining: 5, overdue: false, nearDue: false, onTime: null });
    expect(demandTiming(row, '2026-10-12', S, T)).toMatchObject({ remaining: 1, nearDue: true, overdue: false });
    expect(demandTiming(row, '2026-10-14', S, T)).toMatchObject({ remaining: -1, nearDue: false, overdue: true });
  });
  it('on time when resolved by the due day (China days); the clock stops at 办结', () => {
    const onTime = { ...row, state: 'resolved' as const, resolvedAt: china('2026-10-13', '23:00') };
    expect(demandTiming(onTime, '2026-11-30', S, T)).toMatchObject({ onTime: true, overdue: false, nearDue: false, remaining: 0 });
    const late = { ...row, state: 'closed' as const, resolvedAt: china('2026-10-14', '00:10') };
    expect(demandTiming(late, '2026-11-30', S, T)).toMatchObject({ onTime: false, overdue: false, remaining: -1 });
  });
});
