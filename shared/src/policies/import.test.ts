import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { PolicyCondition } from './conditions.ts';
import { amountFromBenefit, conditionsToColumns, mapPolicyHeaders, POLICY_COLUMNS, policyFromRow, policyRowsFromSheet } from './import.ts';
import { readPolicyItems, upsertPolicyItem } from './library.ts';

const HEADERS = [
  '事项编码', '事项名称', '政策文件', '文号', '发布层级', '发布部门', '领域', '实施依据', '适用对象', '兑现要点', '申报条件', '申报材料',
  '申报流程', '咨询电话', '网址', '兑现平台', '兑现方式', '支持标准', '最高金额（万元）', '生效日期', '失效日期', '申报开始日期',
  '申报截止日期', '已废止', '适用行业', '适用镇街', '企业标签(任一)', '企业标签(全部)', '排除标签', '企业规模', '成立日期早于',
  '成立日期晚于', '从业人数不少于', '从业人数不多于',
];
const { mapping } = mapPolicyHeaders(HEADERS);
/** A row by header label; unnamed cells empty. */
const rowOf = (cells: Record<string, unknown>) => HEADERS.map((h) => cells[h] ?? '');

describe('mapPolicyHeaders', () => {
  it('the template headers (POLICY_COLUMNS labels) map one to one', () => {
    const r = mapPolicyHeaders(POLICY_COLUMNS.map((c) => c.label));
    expect(r.missing).toEqual([]);
    expect(r.unknown).toEqual([]);
    POLICY_COLUMNS.forEach((c, i) => expect(r.mapping[c.key], c.key).toBe(i));
  });
  it('aliases, full-width brackets, spaces and a required-mark map; unknown columns are listed; missing required named', () => {
    const r = mapPolicyHeaders(['序号', ' 政策事项 ', '*编号', '发文字号', '是否免申即享', '企业标签（全部）', '企业标签', '规模', '备注说明', '']);
    expect(r.mapping).toEqual({ name: 1, code: 2, docNumber: 3, mode: 4, tagsAll: 5, tagsAny: 6, scale: 7 });
    expect(r.unknown).toEqual(['序号', '备注说明']);
    expect(r.missing).toEqual([]);
    const none = mapPolicyHeaders(['政策文件', '领域']);
    expect(none.missing).toEqual(['code', 'name']);
  });
  it('a header that contains a known name maps to it; an exact header wins its column over a containing one', () => {
    const r = mapPolicyHeaders(['事项名称（全称）', '事项编码', '政策文件名称']);
    expect(r.mapping).toMatchObject({ name: 0, code: 1, document: 2 });
  });
});

describe('policyFromRow', () => {
  it('reads every field and the condition columns (separators 、，,；;)', () => {
    const r = policyFromRow(
      rowOf({
        事项编码: ' FX-010 ', 事项名称: '专精特新奖励', 政策文件: '费县若干政策', 文号: '费政发〔2025〕3号', 发布层级: '县级',
        发布部门: '县工信局', 领域: '工业', 兑现方式: '免申即享', 支持标准: '最高奖励50万元', 生效日期: '2025/1/1', 失效日期: new Date(Date.UTC(2027, 11, 31)),
        申报截止日期: 46203, 适用行业: '制造业、 信息传输，软件', 适用镇街: '费城街道;探沂镇', 企业标签全部: '', '企业标签(任一)': '专精特新；瞪羚企业',
        '企业标签(全部)': '高新技术企业', 排除标签: '失信企业', 企业规模: '规模以上', 成立日期早于: '2024年1月1日', 成立日期晚于: '20100101',
        从业人数不少于: '２０', 从业人数不多于: 300,
      }),
      mapping,
      2,
    );
    expect('item' in r).toBe(true);
    if (!('item' in r)) return;
    expect(r.item).toMatchObject({
      code: 'FX-010', name: '专精特新奖励', level: '县区', mode: '免申即享', amountWan: 50, effectiveFrom: '2025-01-01', effectiveTo: '2027-12-31',
      applyTo: '2026-06-30', withdrawn: false,
    });
    expect(r.item.conditions).toEqual<PolicyCondition[]>([
      { field: 'industry', op: 'in', values: ['制造业', '信息传输', '软件'] },
      { field: 'town', op: 'in', values: ['费城街道', '探沂镇'] },
      { field: 'tags', op: 'any', values: ['专精特新', '瞪羚企业'] },
      { field: 'tags', op: 'all', values: ['高新技术企业'] },
      { field: 'tags', op: 'none', values: ['失信企业'] },
      { field: 'scale', op: 'eq', value: '规上' },
      { field: 'establishedOn', op: 'before', value: '2024-01-01' },
      { field: 'establishedOn', op: 'after', value: '2010-01-01' },
      { field: 'employees', op: 'gte', value: 20 },
      { field: 'employees', op: 'lte', value: 300 },
    ]);
  });
  it('a number may carry its column unit (万元, 人), not another one', () => {
    expect(policyFromRow(rowOf({ 事项编码: 'A', 事项名称: 'n', '最高金额（万元）': '50万元', 从业人数不少于: '20人' }), mapping, 2)).toMatchObject({
      item: { amountWan: 50, conditions: [{ field: 'employees', op: 'gte', value: 20 }] },
    });
    expect(policyFromRow(rowOf({ 事项编码: 'A', 事项名称: 'n', '最高金额（万元）': '50元' }), mapping, 2)).toEqual({ errors: [{ column: 'amountWan', code: 'number' }] });
  });
  it('defaults: mode 申报, level empty, no conditions, amount from the benefit text', () => {
    const r = policyFromRow(rowOf({ 事项编码: 'A', 事项名称: '名称', 支持标准: '按1.5万元/人，最高2亿元' }), mapping, 3);
    expect(r).toMatchObject({ item: { mode: '申报', level: '', conditions: [], amountWan: 20000 } });
  });
  it('reports every bad cell of a row by column key and reason code', () => {
    const r = policyFromRow(
      rowOf({
        事项编码: '', 事项名称: '  ', 发布层级: '乡镇', 兑现方式: '自动', 企业规模: '中型', 最高金额万元: '', '最高金额（万元）': '五十',
        生效日期: '2025-02-30', 失效日期: '2024-01-01', 申报开始日期: '2026-05-01', 申报截止日期: '2026-04-01', 已废止: '也许',
        从业人数不少于: '12.5', 从业人数不多于: 'abc', 成立日期早于: '去年',
      }),
      mapping,
      4,
    );
    expect(r).toEqual({
      errors: expect.arrayContaining([
        { column: 'code', code: 'required' },
        { column: 'name', code: 'required' },
        { column: 'level', code: 'level' },
        { column: 'mode', code: 'mode' },
        { column: 'scale', code: 'scale' },
        { column: 'amountWan', code: 'number' },
        { column: 'effectiveFrom', code: 'date' },
        { column: 'applyTo', code: 'range' },
        { column: 'withdrawn', code: 'flag' },
        { column: 'employeesMin', code: 'number' },
        { column: 'employeesMax', code: 'number' },
        { column: 'establishedBefore', code: 'date' },
      ]),
    });
    const ranges = policyFromRow(rowOf({ 事项编码: 'R', 事项名称: 'n', 生效日期: '2026-01-01', 失效日期: '2025-01-01', 从业人数不少于: 50, 从业人数不多于: 10 }), mapping, 5);
    expect(ranges).toEqual({ errors: [{ column: 'effectiveTo', code: 'range' }, { column: 'employeesMax', code: 'range' }] });
    expect(policyFromRow(rowOf({ 事项编码: 'A B', 事项名称: 'n' }), mapping, 6)).toEqual({ errors: [{ column: 'code', code: 'code' }] });
    expect(policyFromRow(rowOf({ 事项编码: 'L', 事项名称: '长'.repeat(501) }), mapping, 7)).toEqual({ errors: [{ column: 'name', code: 'long' }] });
  });
});

describe('policyRowsFromSheet', () => {
  it('skips blank rows, reports bad rows with their sheet row number, and a code repeated later in the file', () => {
    const rows = [
      rowOf({ 事项编码: 'A', 事项名称: '第一' }),
      rowOf({}),
      rowOf({ 事项编码: 'B', 事项名称: '第二', 生效日期: 'soon' }),
      rowOf({ 事项编码: 'A', 事项名称: '重复' }),
      rowOf({ 事项编码: 'C', 事项名称: '第三' }),
    ];
    const r = policyRowsFromSheet(rows, mapping, 2);
    expect(r.items.map((x) => [x.rowNumber, x.item.code, x.item.name])).toEqual([
      [2, 'A', '第一'],
      [6, 'C', '第三'],
    ]);
    expect(r.errors).toEqual([
      { rowNumber: 4, column: 'effectiveFrom', code: 'date' },
      { rowNumber: 5, column: 'code', code: 'duplicate' },
    ]);
    expect(r.blank).toBe(1);
  });
  it('re-import of the same sheet into the library: added, then unchanged; a changed row updated', () => {
    const doc = new Y.Doc();
    const sheet = [rowOf({ 事项编码: 'A', 事项名称: '第一', 适用行业: '制造业' }), rowOf({ 事项编码: 'B', 事项名称: '第二', 支持标准: '10万元' })];
    const run = (rows: unknown[][]) => policyRowsFromSheet(rows, mapping).items.map(({ item }) => upsertPolicyItem(doc, item, 'u-liuyang', 1));
    expect(run(sheet)).toEqual(['added', 'added']);
    expect(run(sheet)).toEqual(['unchanged', 'unchanged']);
    expect(run([sheet[0]!, rowOf({ 事项编码: 'B', 事项名称: '第二', 支持标准: '12万元' })])).toEqual(['unchanged', 'updated']);
    expect(readPolicyItems(doc).map((i) => i.amountWan)).toEqual([null, 12]);
  });
});

describe('conditionsToColumns', () => {
  it('writes what policyFromRow reads back', () => {
    const conditions: PolicyCondition[] = [
      { field: 'industry', op: 'in', values: ['制造业', '批发业'] },
      { field: 'tags', op: 'all', values: ['高新技术企业'] },
      { field: 'tags', op: 'none', values: ['失信企业'] },
      { field: 'scale', op: 'eq', value: '规下' },
      { field: 'establishedOn', op: 'after', value: '2020-01-01' },
      { field: 'employees', op: 'gte', value: 10 },
    ];
    const cols = conditionsToColumns(conditions);
    expect(cols).toEqual({
      industry: '制造业、批发业', town: '', tagsAny: '', tagsAll: '高新技术企业', tagsNone: '失信企业', scale: '规下', establishedBefore: '',
      establishedAfter: '2020-01-01', employeesMin: '10', employeesMax: '',
    });
    const labels = POLICY_COLUMNS.map((c) => c.label);
    const m = mapPolicyHeaders(labels).mapping;
    const cells = POLICY_COLUMNS.map((c) => (c.key === 'code' ? 'X' : c.key === 'name' ? 'n' : ((cols as Record<string, string>)[c.key] ?? '')));
    expect(policyFromRow(cells, m, 2)).toMatchObject({ item: { conditions } });
  });
  it('several conditions on one single-valued column keep the strictest', () => {
    expect(
      conditionsToColumns([
        { field: 'employees', op: 'gte', value: 10 },
        { field: 'employees', op: 'gte', value: 30 },
        { field: 'establishedOn', op: 'before', value: '2024-01-01' },
        { field: 'establishedOn', op: 'before', value: '2022-01-01' },
      ]),
    ).toMatchObject({ employeesMin: '30', establishedBefore: '2022-01-01' });
  });
});

describe('amountFromBenefit', () => {
  it('the largest amount in 万元', () => {
    expect(amountFromBenefit('最高奖励50万元')).toBe(50);
    expect(amountFromBenefit('一档20万元，二档 8.5 万元')).toBe(20);
    expect(amountFromBenefit('贴息50%')).toBeNull();
  });
});

describe('a period in one cell (实施时间, 申报时间)', () => {
  const HEAD = ['事项编码', '事项名称', '实施时间', '申报时间', '申报截止日期'];
  const m = mapPolicyHeaders(HEAD).mapping;
  it('maps the headers to the from-columns', () => {
    expect(m).toEqual({ code: 0, name: 1, effectiveFrom: 2, applyFrom: 3, applyTo: 4 });
  });
  it('splits the period into both ends; an own to-column wins; 长期 is open-ended; a bad end is a date error', () => {
    expect(policyFromRow(['A', 'n', '2025年1月1日至2027年12月31日', '2026/3/1 ~ 2026/4/30', ''], m, 2)).toMatchObject({
      item: { effectiveFrom: '2025-01-01', effectiveTo: '2027-12-31', applyFrom: '2026-03-01', applyTo: '2026-04-30' },
    });
    expect(policyFromRow(['A', 'n', '2025-01-01—长期', '2026-03-01 - 2026-04-30', '2026-05-15'], m, 2)).toMatchObject({
      item: { effectiveFrom: '2025-01-01', effectiveTo: '', applyFrom: '2026-03-01', applyTo: '2026-05-15' },
    });
    expect(policyFromRow(['A', 'n', '2025-01-01', '', ''], m, 2)).toMatchObject({ item: { effectiveFrom: '2025-01-01', effectiveTo: '' } });
    expect(policyFromRow(['A', 'n', '2025-01-01至明年', '', ''], m, 2)).toEqual({ errors: [{ column: 'effectiveFrom', code: 'date' }] });
  });
});
