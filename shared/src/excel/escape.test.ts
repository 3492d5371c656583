import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './escape.ts';

describe('neutraliseCell', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点我")', `'=HYPERLINK("http://evil.example","点我")`],
    ['+86 539 1234567', `'+86 539 1234567`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A9)', `'@SUM(A1:A9)`],
    ['\t=1+1', `'\t=1+1`],
    ['\r=1+1', `'\r=1+1`],
  ])('%j gets an apostrophe', (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  it('leaves ordinary text, numbers and other values alone', () => {
    expect(neutraliseCell('临沂华盛机械有限公司')).toBe('临沂华盛机械有限公司');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(neutraliseCell('')).toBe('');
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(3.5)).toBe(3.5);
    const date = new Date(0);
    expect(neutraliseCell(date)).toBe(date);
    expect(neutraliseCell(null)).toBeNull();
  });
});
