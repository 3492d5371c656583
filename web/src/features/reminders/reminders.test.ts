import { describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '@bangqi/shared';
import { DEFAULT_WINDOW_DAYS, dueLicences, localDate, readWindow } from './reminders.ts';

const row = (id: string, name: string, licences: EnterpriseRow['licences']) => ({ id, name, licences }) as EnterpriseRow;
const lic = (type: string, expiresOn: string) => ({ type, number: `${type}-1`, expiresOn });

describe('dueLicences', () => {
  const rows = [
    row('a', '华盛机械', [lic('排污许可证', '2026-12-10'), lic('安全生产许可证', '2027-06-01')]),
    row('b', '鑫源食品', [lic('食品经营许可证', '2026-11-20'), lic('卫生许可证', '')]),
    row('c', '安达物流', [lic('道路运输许可证', '2026-11-24'), lic('旧证', 'not a date')]),
  ];

  it('lists licences expiring within the window, expired first, with days left', () => {
    const due = dueLicences(rows, '2026-11-24', 30);
    expect(due.map((d) => [d.row.id, d.type, d.daysLeft])).toEqual([
      ['b', '食品经营许可证', -4],
      ['c', '道路运输许可证', 0],
      ['a', '排污许可证', 16],
    ]);
  });

  it('honours the window size (0 = expired or expiring today)', () => {
    expect(dueLicences(rows, '2026-11-24', 0).map((d) => d.daysLeft)).toEqual([-4, 0]);
    expect(dueLicences(rows, '2026-11-24', 365)).toHaveLength(4);
    expect(dueLicences(rows, 'bad', 30)).toEqual([]);
  });

  it('counts calendar days across a month end and a year end', () => {
    expect(dueLicences([row('x', 'x', [lic('t', '2027-01-02')])], '2026-12-31', 30)[0]!.daysLeft).toBe(2);
  });
});

describe('window and dates', () => {
  it('reads a remembered window, defaulting on garbage', () => {
    const storage = (v: string | null) => ({ getItem: () => v });
    expect(readWindow(storage('60'))).toBe(60);
    expect(readWindow(storage(null))).toBe(DEFAULT_WINDOW_DAYS);
    expect(readWindow(storage('-1'))).toBe(DEFAULT_WINDOW_DAYS);
    expect(readWindow(storage('abc'))).toBe(DEFAULT_WINDOW_DAYS);
  });

  it('formats the local date', () => {
    expect(localDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
