import { describe, expect, it } from 'vitest';
import { buildSearchKeys } from './keys.ts';

describe('buildSearchKeys', () => {
  it('lists every toneless reading of a polyphonic character', () => {
    expect(buildSearchKeys('重庆银行')).toBe('zhong|chong qing yin xing|hang|heng');
    expect(buildSearchKeys('长城')).toBe('chang|zhang cheng');
  });

  it('writes ü as v, keeps letters and digits, skips brackets and spaces', () => {
    expect(buildSearchKeys('绿源（临沂） 3D打印')).toBe('lv|lu yuan lin yi 3 d da yin');
    expect(buildSearchKeys('ＡＢＣ科技')).toBe('a b c ke ji');
  });

  it('gives a rare character pinyin-pro does not know an empty token, so tokens still line up', () => {
    expect(buildSearchKeys('𠀾华')).toBe(' hua');
    expect(buildSearchKeys('（）')).toBe('');
  });

  it('stays small: a typical company name is about 40 bytes', () => {
    const key = buildSearchKeys('山东华盛精密机械有限公司');
    expect(key).toBe('shan dong hua sheng|cheng jing mi ji xie you xian gong si');
    expect(key.length).toBeLessThan(60); // ASCII: one byte a character
  });
});
