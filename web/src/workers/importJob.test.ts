import { describe, expect, it } from 'vitest';
import { DIRECTORY_CHUNK_ROWS, usccCheckChar, orgCodeCheckChar } from '@bangqi/shared';
import { ImportJob } from './importJob.ts';
import { reportCsv } from '../features/directory/report.ts';

/** A valid USCC from a number (organisation code and code check characters computed). */
function uscc(n: number): string {
  const body = String(n).padStart(8, '0');
  const first17 = `91371300${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

const title = ['临河区市场主体名录（2025年）'];
const header = ['序号', '企业名称', '统一社会信用代码', '法定代表人', '成立日期'];

describe('ImportJob', () => {
  it('finds the header under a title, guesses the mapping and previews rows', () => {
    const job = new ImportJob([title, header, ['1', '华盛机械有限公司', uscc(1), '张三', '2019年3月12日'], [], ['', '']]);
    const opened = job.open()!;
    expect(opened.headerLine).toBe(2);
    expect(opened.dataRows).toBe(1);
    expect(opened.columns).toMatchObject({ name: 1, uscc: 2, legalRep: 3, establishedOn: 4 });
    expect(opened.missing).toEqual([]);
    expect(opened.preview[0]).toEqual(['1', '华盛机械有限公司', uscc(1), '张三', '2019年3月12日']);
  });

  it('checks every row, reports bad cells with their line, column and value, and chunks the good rows', () => {
    const rows = Array.from({ length: DIRECTORY_CHUNK_ROWS + 5 }, (_, i) => [String(i), `企业${i}有限公司`, uscc(i + 1), '', '2020-01-01']);
    rows[3]![2] = '91371300ABCDEFGHIJ'; // bad characters
    rows[7]![1] = ''; // no name
    rows[9]![4] = '去年'; // unparsed date: kept with a remark
    const job = new ImportJob([header, ...rows]);
    const opened = job.open()!;
    const checked = job.check(opened.columns);
    expect(checked.goodRows).toBe(rows.length - 2);
    expect(checked.rejectedRows).toBe(2);
    expect(checked.totalChunks).toBe(2);
    expect(checked.errors.map((e) => [e.row, e.column])).toEqual([[5, '统一社会信用代码'], [9, '企业名称']]);
    expect(checked.errors[0]!.value).toBe('91371300ABCDEFGHIJ');
    expect(checked.warnings).toEqual([{ row: 11, level: 'warning', column: '成立日期', value: '去年', reason: expect.stringContaining('无法识别') }]);
    expect(job.chunk(0)).toHaveLength(DIRECTORY_CHUNK_ROWS);
    expect(job.chunk(1)).toHaveLength(3);
    expect(job.chunk(0)[0]).toMatchObject({ row: 2, uscc: uscc(1), name: '企业0有限公司', establishedOn: '2020-01-01' });
    // the relay's refusals are described from the source row
    expect(job.describe([{ row: 2, uscc: uscc(1), reason: 'uscc.duplicate' }])).toEqual([
      { row: 2, level: 'error', column: '统一社会信用代码', value: uscc(1), reason: '统一社会信用代码在本次导入中重复' },
    ]);
  });

  it('returns null for a sheet with no rows', () => {
    expect(new ImportJob([[], ['']]).open()).toBeNull();
  });
});

describe('reportCsv', () => {
  it('writes a BOM, sorts by row and neutralises formulas', () => {
    const csv = reportCsv([
      { row: 9, level: 'error', column: '企业名称', value: '=HYPERLINK("x")', reason: '企业名称为空' },
      { row: 3, level: 'warning', column: '成立日期', value: 'a,b', reason: '无法识别' },
    ]);
    expect(csv.startsWith('\ufeff行号,类型,列,值,原因\r\n3,')).toBe(true);
    expect(csv).toContain('"a,b"');
    expect(csv).toContain(`9,错误（未导入）,企业名称,"'=HYPERLINK(""x"")",企业名称为空`);
  });
});
