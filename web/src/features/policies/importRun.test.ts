import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { readPolicyItems, setPolicyWithdrawn, upsertPolicyItem, type PolicyItemInput } from '@bangqi/shared';
import { keepUnmapped, openPolicySheet, readSheetCells, runPolicyImport, type ImportTarget } from './importRun.ts';
import { policySheet } from './sheet.ts';

const HEAD = ['事项编码', '事项名称', '发布部门', '支持标准', '兑现方式', '申报截止日期', '适用行业', '企业规模', '从业人数不少于', '备注'];

function target(doc: Y.Doc): ImportTarget & { transactions: number } {
  const t = {
    transactions: 0,
    stored: (code: string) => readPolicyItems(doc).find((i) => i.code === code),
    write(items: PolicyItemInput[]) {
      const out: ('added' | 'updated' | 'unchanged' | Error)[] = [];
      doc.transact(() => {
        for (const i of items) {
          try {
            out.push(upsertPolicyItem(doc, i, 'u-liuyang', 100));
          } catch (e) {
            out.push(e as Error);
          }
        }
      });
      t.transactions++;
      return out;
    },
  };
  return t;
}

describe('policy import run', () => {
  it('finds the header under a title row and maps the known columns; unknown ones are listed', () => {
    const sheet = openPolicySheet([['费县惠企政策清单（2026）'], HEAD, ['A', 'b']])!;
    expect(sheet.headerLine).toBe(2);
    expect(sheet.rows).toEqual([['A', 'b']]);
    expect(sheet.mapping).toMatchObject({ code: 0, name: 1, department: 2, benefit: 3, mode: 4, applyTo: 5, industry: 6, scale: 7, employeesMin: 8 });
    expect(sheet.unknown).toEqual(['备注']);
    expect(openPolicySheet([['随便'], ['x']])).toBeNull();
  });

  it('imports good rows in chunked transactions, reports bad ones by sheet row, and re-import updates by code', async () => {
    const rows: unknown[][] = [HEAD];
    for (let i = 1; i <= 120; i++) rows.push([`FX-${i}`, `事项${i}`, '工信局', '最高奖励10万元', '申报', '2026-06-30', '制造业、批发业', '规上', 20, '']);
    rows.push(['', '没有编码', '', '', '', '', '', '', '', '']); // row 122
    rows.push(['FX-BAD', '坏日期', '', '', '随便', '2026-99-01', '', '特大', 'abc', '']); // row 123
    rows.push(['FX-1', '重复', '', '', '', '', '', '', '', '']); // row 124
    const doc = new Y.Doc();
    const t = target(doc);
    const progress: string[] = [];
    const sheet = openPolicySheet(rows)!;
    const first = await runPolicyImport({ sheet, mapping: sheet.mapping, target: t, onProgress: (ph, d, n) => progress.push(`${ph}:${d}/${n}`) });
    expect(first).toMatchObject({ added: 120, updated: 0, unchanged: 0, errorRows: 3 });
    expect(t.transactions).toBe(3); // 50 + 50 + 20
    expect(progress).toEqual(['check:0/123', 'write:0/120', 'write:50/120', 'write:100/120', 'write:120/120']);
    expect(first.lines.map((l) => [l.row, l.column, l.code])).toEqual([
      [122, '事项编码', 'required'],
      [123, '兑现方式', 'mode'],
      [123, '申报截止日期', 'date'],
      [123, '企业规模', 'scale'],
      [123, '从业人数不少于', 'number'],
      [124, '事项编码', 'duplicate'],
    ]);
    expect(first.lines.find((l) => l.code === 'mode')!.value).toBe('随便');
    const stored = readPolicyItems(doc).find((i) => i.code === 'FX-7')!;
    expect(stored).toMatchObject({ amountWan: 10, applyTo: '2026-06-30', conditions: [
      { field: 'industry', op: 'in', values: ['制造业', '批发业'] },
      { field: 'scale', op: 'eq', value: '规上' },
      { field: 'employees', op: 'gte', value: 20 },
    ] });

    const again = rows.slice(0, 121).map((r) => [...r]);
    again[7]![1] = '事项7（修订）';
    const sheet2 = openPolicySheet(again)!;
    const second = await runPolicyImport({ sheet: sheet2, mapping: sheet2.mapping, target: t, onProgress: () => {} });
    expect(second).toMatchObject({ added: 0, updated: 1, unchanged: 119, errorRows: 0, lines: [] });
    expect(readPolicyItems(doc).find((i) => i.code === 'FX-7')!.name).toBe('事项7（修订）');
  });

  it('an unmapped column keeps the stored value: a withdrawn item stays withdrawn, hand-entered conditions stay', async () => {
    const doc = new Y.Doc();
    const t = target(doc);
    const s1 = openPolicySheet([HEAD, ['FX-1', '事项1', '工信局', '', '申报', '', '制造业', '', '', '']])!;
    await runPolicyImport({ sheet: s1, mapping: s1.mapping, target: t, onProgress: () => {} });
    setPolicyWithdrawn(doc, 'FX-1', true, 'u', 200);
    const s2 = openPolicySheet([['事项编码', '事项名称'], ['FX-1', '事项1']])!;
    const r = await runPolicyImport({ sheet: s2, mapping: s2.mapping, target: t, onProgress: () => {} });
    expect(r).toMatchObject({ unchanged: 1 });
    const item = readPolicyItems(doc)[0]!;
    expect(item).toMatchObject({ withdrawn: true, department: '工信局', conditions: [{ field: 'industry', op: 'in', values: ['制造业'] }] });
    // a mapped but empty department column does clear it
    const s3 = openPolicySheet([['事项编码', '事项名称', '发布部门'], ['FX-1', '事项1', '']])!;
    expect(await runPolicyImport({ sheet: s3, mapping: s3.mapping, target: t, onProgress: () => {} })).toMatchObject({ updated: 1 });
    expect(readPolicyItems(doc)[0]!.department).toBe('');
    expect(keepUnmapped({ code: 'new' } as PolicyItemInput, undefined, {})).toEqual({ code: 'new' });
  });

  it('the library exported as a sheet imports back unchanged', async () => {
    const doc = new Y.Doc();
    const t = target(doc);
    const s1 = openPolicySheet([HEAD, ['FX-1', '事项1', '工信局', '最高奖励10万元', '免申即享', '2026-06-30', '制造业', '规上', 20, '']])!;
    await runPolicyImport({ sheet: s1, mapping: s1.mapping, target: t, onProgress: () => {} });
    setPolicyWithdrawn(doc, 'FX-1', true, 'u', 200);
    const exported = openPolicySheet(policySheet(readPolicyItems(doc)))!;
    expect(exported.unknown).toEqual([]);
    expect(await runPolicyImport({ sheet: exported, mapping: exported.mapping, target: t, onProgress: () => {} })).toMatchObject({ unchanged: 1, errorRows: 0 });
  });

  it('reads a CSV saved by Excel (UTF-8 with a BOM, quoted cells with separators inside)', async () => {
    const text = '\ufeff事项编码,事项名称,适用行业\r\nFX-1,"技改补助,设备类","制造业、批发业"\r\n';
    const cells = await readSheetCells(new Blob([new TextEncoder().encode(text)]), '清单.csv');
    const sheet = openPolicySheet(cells)!;
    expect(sheet.headers).toEqual(['事项编码', '事项名称', '适用行业']);
    expect(sheet.rows[0]).toEqual(['FX-1', '技改补助,设备类', '制造业、批发业']);
  });
});
