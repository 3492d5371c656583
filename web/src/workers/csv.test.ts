import { describe, expect, it } from 'vitest';
import { detectSeparator, parseCsv } from './csv.ts';

describe('parseCsv', () => {
  it('reads quoted cells with escaped quotes, separators and line breaks inside', () => {
    const text = '统一社会信用代码,企业名称,注册地址\r\n91370000MA3C5KXX1Y,"华盛（临沂）机械, 有限公司","A路1号\n二楼 ""东"""\r\n';
    expect(parseCsv(text)).toEqual([
      ['统一社会信用代码', '企业名称', '注册地址'],
      ['91370000MA3C5KXX1Y', '华盛（临沂）机械, 有限公司', 'A路1号\n二楼 "东"'],
    ]);
  });

  it('keeps empty cells and a last line without a line end; CR alone ends a line', () => {
    expect(parseCsv('a,,c\rd,e,')).toEqual([['a', '', 'c'], ['d', 'e', '']]);
  });

  it('detects semicolon and tab separators from the header line', () => {
    expect(detectSeparator('名称;代码;"x,y"\n1,2,3')).toBe(';');
    expect(detectSeparator('名称\t代码\n')).toBe('\t');
    expect(parseCsv('a;b\n1;2')).toEqual([['a', 'b'], ['1', '2']]);
  });
});
