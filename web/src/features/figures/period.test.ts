import { describe, expect, it } from 'vitest';
import { chinaDayStart, defaultPeriod, periodRange } from './period.ts';

describe('figures period', () => {
  it('a month, quarter and year as [from, to) in China time', () => {
    expect(periodRange({ kind: 'month', month: '2026-12' })).toEqual({
      from: Date.parse('2026-11-30T16:00:00Z'),
      to: Date.parse('2026-12-31T16:00:00Z'),
      fromDay: '2026-12-01',
      toDay: '2026-12-31',
    });
    expect(periodRange({ kind: 'month', month: '2024-02' })?.toDay).toBe('2024-02-29');
    expect(periodRange({ kind: 'quarter', year: 2026, quarter: 4 })).toMatchObject({ fromDay: '2026-10-01', toDay: '2026-12-31', to: chinaDayStart('2027-01-01') });
    expect(periodRange({ kind: 'quarter', year: 2026, quarter: 1 })).toMatchObject({ fromDay: '2026-01-01', toDay: '2026-03-31' });
    expect(periodRange({ kind: 'year', year: 2025 })).toMatchObject({ fromDay: '2025-01-01', toDay: '2025-12-31', from: chinaDayStart('2025-01-01'), to: chinaDayStart('2026-01-01') });
  });

  it('custom dates are inclusive; a reversed or missing date is no period', () => {
    expect(periodRange({ kind: 'custom', from: '2026-03-01', to: '2026-03-01' })).toMatchObject({ from: chinaDayStart('2026-03-01'), to: chinaDayStart('2026-03-02') });
    expect(periodRange({ kind: 'custom', from: '2026-03-02', to: '2026-03-01' })).toBeNull();
    expect(periodRange({ kind: 'custom', from: '', to: '2026-03-01' })).toBeNull();
  });

  it('defaults around today', () => {
    expect(defaultPeriod('month', '2026-11-20')).toEqual({ kind: 'month', month: '2026-11' });
    expect(defaultPeriod('quarter', '2026-11-20')).toEqual({ kind: 'quarter', year: 2026, quarter: 4 });
    expect(defaultPeriod('year', '2026-11-20')).toEqual({ kind: 'year', year: 2026 });
    expect(defaultPeriod('custom', '2026-11-20')).toEqual({ kind: 'custom', from: '2026-11-01', to: '2026-11-20' });
  });
});
