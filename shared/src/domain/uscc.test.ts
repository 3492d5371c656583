import { describe, expect, it } from 'vitest';
import { checkUscc, normalizeUscc, orgCodeCheckChar, usccCheckChar } from './uscc.ts';

describe('USCC (GB 32100)', () => {
  it('accepts real published codes', () => {
    // Published on the public registry pages of these companies.
    expect(checkUscc('91350100M000100Y43')).toBeNull(); // 福建 example from GB 32100 annex style
    expect(checkUscc('914403001922038216')).toBeNull(); // 华为技术有限公司
    expect(checkUscc('91110000802100433B')).toBeNull(); // 中国石油化工股份有限公司
  });

  it('computes check characters including 0', () => {
    expect(usccCheckChar('91440300192203821')).toBe('6');
    expect(orgCodeCheckChar('19220382')).toBe('1');
    // A body whose weighted sum is 0 mod 11 has organisation check "0", which stdnum rejects.
    expect(orgCodeCheckChar('00000000')).toBe('0');
  });

  it('names the problem', () => {
    expect(checkUscc('9144030019220382')).toEqual({ code: 'uscc.length', length: 16 });
    expect(checkUscc('9144030019220382I6')).toEqual({ code: 'uscc.char', position: 17, char: 'I' });
    expect(checkUscc('914403001922038217')).toEqual({ code: 'uscc.check', expected: '6' });
    expect(checkUscc('914403001922038306')?.code).toBe('uscc.orgCheck');
  });

  it('normalizes full-width and spaced input', () => {
    expect(normalizeUscc(' ９１４４０３００ 1922038216 ')).toBe('914403001922038216');
  });
});
