import { describe, expect, it } from 'vitest';
import { decodeCsvBytes } from './csv.ts';

const hex = (h: string) => Uint8Array.from(h.match(/../g)!.map((b) => parseInt(b, 16)));

/** '统一社会信用代码,企业名称,成立日期\r\n91371302MA3C4L5Q0X,临沂华盛（集团）机械有限公司,2019年3月12日\r\n' as Excel saves it in China (GBK) */
const GBK_CSV =
  'cdb3d2bbc9e7bbe1d0c5d3c3b4fac2eb2cc6f3d2b5c3fbb3c62cb3c9c1a2c8d5c6da0d0a39313337313330324d413343344c355130582c' +
  'c1d9d2cabbaacaa2a3a8bcafcdc5a3a9bbfad0b5d3d0cfdeb9abcbbe2c32303139c4ea33d4c23132c8d50d0a';
/** the same text, UTF-8 */
const UTF8_CSV =
  'e7bb9fe4b880e7a4bee4bc9ae4bfa1e794a8e4bba3e7a0812ce4bc81e4b89ae5908de7a7b02ce68890e7ab8be697a5e69c9f0d0a393133' +
  '37313330324d413343344c355130582ce4b8b4e6b282e58d8ee79b9befbc88e99b86e59ba2efbc89e69cbae6a2b0e69c89e99990e585ac' +
  'e58fb82c32303139e5b9b433e69c883132e697a50d0a';
const TEXT = '统一社会信用代码,企业名称,成立日期\r\n91371302MA3C4L5Q0X,临沂华盛（集团）机械有限公司,2019年3月12日\r\n';

describe('decodeCsvBytes', () => {
  it('reads GBK bytes (Excel in China) as GB18030', () => {
    expect(decodeCsvBytes(hex(GBK_CSV))).toEqual({ text: TEXT, encoding: 'gb18030' });
  });

  it('reads UTF-8 with or without a BOM', () => {
    const utf8 = hex(UTF8_CSV);
    expect(decodeCsvBytes(utf8)).toEqual({ text: TEXT, encoding: 'utf-8' });
    expect(decodeCsvBytes(Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8))).toEqual({ text: TEXT, encoding: 'utf-8' });
  });

  it('strips a GB18030 BOM', () => {
    expect(decodeCsvBytes(Uint8Array.of(0x84, 0x31, 0x95, 0x33, ...hex(GBK_CSV))).text).toBe(TEXT);
  });
});
