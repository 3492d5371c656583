import { describe, expect, it } from 'vitest';
import { inspectionNotice } from './filing.ts';

describe('inspectionNotice (涉企检查报备: N days ahead)', () => {
  it('is on time with more than the required notice', () => {
    expect(inspectionNotice('2026-12-10', '2026-12-01', 3)).toEqual({ noticeDays: 9, late: false });
  });

  it('is on time with exactly the required notice', () => {
    expect(inspectionNotice('2026-12-04', '2026-12-01', 3)).toEqual({ noticeDays: 3, late: false });
  });

  it('is late by one day with one day less', () => {
    expect(inspectionNotice('2026-12-03', '2026-12-01', 3)).toEqual({ noticeDays: 2, late: true });
  });

  it('counts calendar days across a month and a year end', () => {
    expect(inspectionNotice('2027-01-02', '2026-12-30', 3)).toEqual({ noticeDays: 3, late: false });
    expect(inspectionNotice('2026-03-01', '2026-02-27', 3)).toEqual({ noticeDays: 2, late: true });
  });

  it('follows the configured number of days', () => {
    expect(inspectionNotice('2026-12-06', '2026-12-01', 5)).toEqual({ noticeDays: 5, late: false });
    expect(inspectionNotice('2026-12-06', '2026-12-01', 7)).toEqual({ noticeDays: 5, late: true });
    // 0 days required: filing on the day itself is on time, afterwards is not.
    expect(inspectionNotice('2026-12-01', '2026-12-01', 0)).toEqual({ noticeDays: 0, late: false });
    expect(inspectionNotice('2026-11-30', '2026-12-01', 0)).toEqual({ noticeDays: -1, late: true });
  });

  it('gives null for dates that are not real', () => {
    expect(inspectionNotice('2026-02-30', '2026-02-01', 3)).toBeNull();
    expect(inspectionNotice('2026-12-04', '', 3)).toBeNull();
  });
});
