import { describe, expect, it } from 'vitest';
import { foldText, nameTokens, tokenCount } from './fold.ts';

describe('folding', () => {
  it('folds full-width and case, drops every kind of space', () => {
    expect(foldText('ＡＢＣ　科技 (临沂)\u00a0Co')).toBe('abc科技(临沂)co');
    expect(foldText('华盛机械')).toBe('华盛机械');
  });

  it('cuts a name into searchable characters with their offsets, counted the same way', () => {
    const name = '𠀾记（ＡＢ）3D 打印·店';
    expect(nameTokens(name)).toEqual({
      chars: ['𠀾', '记', 'a', 'b', '3', 'd', '打', '印', '店'],
      offsets: [0, 2, 4, 5, 7, 8, 10, 11, 13],
    });
    expect(tokenCount(name)).toBe(9);
    expect(tokenCount('（）·')).toBe(0);
  });
});
