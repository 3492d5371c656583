import { describe, expect, it } from 'vitest';
import { capitalUnit, findHeaderRow, mapHeaders, normalizeHeader, rowFromCells } from './headers.ts';

describe('mapHeaders', () => {
  it('maps a 国家企业信用信息公示系统-style export with full confidence', () => {
    const m = mapHeaders([
      '序号', '统一社会信用代码', '企业名称', '法定代表人', '注册资本', '成立日期', '登记状态', '所属行业', '住所', '曾用名', '所属镇街',
    ]);
    expect(m.columns).toEqual({
      uscc: 1, name: 2, legalRep: 3, registeredCapital: 4, establishedOn: 5, status: 6, industry: 7, address: 8,
      formerNames: 9, town: 10,
    });
    expect(Object.values(m.confidence).every((c) => c === 1)).toBe(true);
    expect(m.unmapped).toEqual([0]);
    expect(m.missing).toEqual([]);
  });

  it.each([
    ['uscc', ['信用代码', '社会信用代码', '统一社会信用代码/注册号', ' 统一社会信用代码* ', '统一社会信用代码：']],
    ['name', ['名称', '市场主体名称', '企业名称（全称）', '单位名称']],
    ['legalRep', ['负责人', '经营者', '法定代表人(负责人)', '法定代表人/负责人/经营者', '执行事务合伙人']],
    ['address', ['住所', '经营场所', '住所/经营场所', '注册地址', '企业地址']],
    ['establishedOn', ['成立日期', '注册日期', '成立时间', '成立日期(年月日)']],
    ['registeredCapital', ['注册资本', '注册资本(万元)', '注册资本（万元人民币）', '注册资金']],
    ['industry', ['行业', '所属行业', '国民经济行业', '国民经济行业分类', '行业门类']],
    ['town', ['所属镇街', '镇街', '乡镇(街道)', '乡镇（街道）', '所属乡镇']],
    ['status', ['登记状态', '经营状态', '企业状态']],
    ['formerNames', ['曾用名', '曾用名称', '原名称']],
  ] as const)('recognises the variants of %s', (field, variants) => {
    for (const header of variants) {
      const m = mapHeaders(['序号', header, '备注']);
      expect(m.columns, header).toEqual({ [field]: 1 });
    }
  });

  it('is less sure of a header that only contains a known one', () => {
    const m = mapHeaders(['企业名称', '注册资本(万元)', '统一社会信用代码']);
    expect(m.confidence.name).toBe(1);
    expect(m.confidence.registeredCapital).toBeGreaterThan(0.5);
    expect(m.confidence.registeredCapital).toBeLessThan(1);
  });

  it('gives each column to one field and each field to one column, the exact header first', () => {
    // 曾用名称 contains 名称, but is the former name; 企业名称 is the name.
    expect(mapHeaders(['曾用名称', '企业名称']).columns).toEqual({ formerNames: 0, name: 1 });
    // 法定代表人 and 负责人 both name the representative: the first exact match wins, the other stays unmapped.
    const m = mapHeaders(['企业名称', '法定代表人', '负责人']);
    expect(m.columns).toEqual({ name: 0, legalRep: 1 });
    expect(m.unmapped).toEqual([2]);
  });

  it('names the required fields it could not find, and leaves unknown columns unmapped', () => {
    const m = mapHeaders(['名称', '经营范围', '联系电话', '核准日期']);
    expect(m.columns).toEqual({ name: 0 });
    expect(m.missing).toEqual(['uscc']);
    expect(m.unmapped).toEqual([1, 2, 3]);
  });

  it('folds full-width letters and drops spaces, marks and brackets before comparing', () => {
    expect(normalizeHeader(' 乡镇（街道）* ')).toBe('乡镇街道');
    expect(normalizeHeader('ＵＳＣＣ')).toBe('uscc');
  });
});

describe('capitalUnit', () => {
  it('reads the unit in brackets', () => {
    expect(capitalUnit('注册资本（万元）')).toBe('万元');
    expect(capitalUnit('注册资本(万美元)')).toBe('万美元');
    expect(capitalUnit('注册资本（人民币万元）')).toBe('人民币万元');
    expect(capitalUnit('注册资本')).toBe('');
  });
});

describe('findHeaderRow and rowFromCells', () => {
  it('skips a title line and a blank line above the headers', () => {
    const sheet = [
      ['临河区市场主体名录（2025年11月）'],
      [],
      ['统一社会信用代码', '企业名称', '成立日期'],
      ['91371302MA3C4L5Q0X', '临沂华盛机械有限公司', 43536],
    ];
    const at = findHeaderRow(sheet);
    expect(at).toBe(2);
    const { columns } = mapHeaders(sheet[at]!);
    expect(rowFromCells(sheet[3]!, columns)).toEqual({
      uscc: '91371302MA3C4L5Q0X', name: '临沂华盛机械有限公司', establishedOn: 43536,
    });
  });

  it('keeps the capital unit a header names for bare numbers', () => {
    const headers = ['统一社会信用代码', '企业名称', '注册资本（万元）'];
    const { columns } = mapHeaders(headers);
    expect(rowFromCells(['x', 'y', 500], columns, headers).registeredCapital).toBe('500万元');
    expect(rowFromCells(['x', 'y', ' 1,200.5 '], columns, headers).registeredCapital).toBe('1,200.5万元');
    expect(rowFromCells(['x', 'y', '300万美元'], columns, headers).registeredCapital).toBe('300万美元');
    const plain = ['统一社会信用代码', '企业名称', '注册资本'];
    expect(rowFromCells(['x', 'y', 500], mapHeaders(plain).columns, plain).registeredCapital).toBe(500);
  });

  it('finds no header row in a sheet without one', () => {
    expect(findHeaderRow([['a', 'b'], [1, 2]])).toBe(-1);
  });
});
