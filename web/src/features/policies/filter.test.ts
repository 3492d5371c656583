import { describe, expect, it } from 'vitest';
import type { PolicyItem } from '@bangqi/shared';
import { NO_FILTER, applyPolicyFilter, filterOptions } from './filter.ts';

const base = { level: '县区', department: '工信局', domain: '工业', mode: '申报', effectiveFrom: '', effectiveTo: '', withdrawn: false } as const;
const items = [
  { ...base, code: 'a' },
  { ...base, code: 'expired', effectiveTo: '2026-01-31' },
  { ...base, code: 'withdrawn', withdrawn: true },
  { ...base, code: 'soon', effectiveFrom: '2026-12-01' },
  { ...base, code: 'auto', mode: '免申即享', level: '省', department: '税务局', domain: '税费' },
] as unknown as PolicyItem[];
const codes = (f: Partial<typeof NO_FILTER>) => applyPolicyFilter(items, { ...NO_FILTER, ...f }, '2026-03-01').map((i) => i.code);

describe('policy list filter', () => {
  it('hides expired and withdrawn items unless 显示已失效; a not-yet item is shown', () => {
    expect(codes({})).toEqual(['a', 'soon', 'auto']);
    expect(codes({ inactive: true })).toEqual(['a', 'expired', 'withdrawn', 'soon', 'auto']);
  });
  it('filters by domain, level, mode and department', () => {
    expect(codes({ mode: '免申即享' })).toEqual(['auto']);
    expect(codes({ level: '省' })).toEqual(['auto']);
    expect(codes({ department: '工信局', inactive: true })).toEqual(['a', 'expired', 'withdrawn', 'soon']);
    expect(codes({ domain: '税费', mode: '申报' })).toEqual([]);
  });
  it('offers the fixed values first, then the others in use', () => {
    expect(filterOptions(['科技', '工业'], ['工业', '', '文旅', '商务', '文旅'])).toEqual(['科技', '工业', '商务', '文旅']);
  });
});
