import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, usccCheckChar } from '../domain/uscc.ts';
import { checkEntity, cleanName, cleanText, normalizeEntity, normalizeRows, parseDate, rejectText } from './normalize.ts';

/** A valid code of the 临沂 region for an 8-character organisation code body. */
function uscc(body: string): string {
  const first17 = `91371302${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}
const A = uscc('MA3C4L5Q');
const B = uscc('16310552');

describe('parseDate', () => {
  it.each([
    [43536, '2019-03-12'], // an Excel day number cell
    ['43536', '2019-03-12'], // … typed as text
    [new Date(Date.UTC(2019, 2, 12)), '2019-03-12'], // read-excel-file's date cell
    ['2019-03-12', '2019-03-12'],
    ['2019/3/12', '2019-03-12'],
    ['2019.03.12', '2019-03-12'],
    ['2019年3月12日', '2019-03-12'],
    ['２０１９年３月１２日', '2019-03-12'],
    ['20190312', '2019-03-12'],
    ['2019-03-12 00:00:00', '2019-03-12'],
    [' 2019 年 3 月 12 日 ', '2019-03-12'],
    [43536.75, '2019-03-12'], // a day number with a time of day
    [10000, '1927-05-18'],
    ['', ''],
    [null, ''],
  ])('%s → %s', (value, expected) => {
    expect(parseDate(value)).toBe(expected);
  });

  it.each([['2019-02-30'], ['2019'], [2019], ['20191312'], ['三月'], ['2019-13-01'], [0], [-5], [73051]])('%s is not a date', (value) => {
    expect(parseDate(value)).toBeNull();
  });
});

describe('cleanText and cleanName', () => {
  it('trims, collapses odd spaces and drops zero-width characters, keeping spaces between Latin words', () => {
    expect(cleanText('  临沂市\u3000兰山区 \u00a0金雀山路８号\u200b  ')).toBe('临沂市兰山区金雀山路８号');
    expect(cleanText('ABC  Technology\tCo.')).toBe('ABC Technology Co.');
    expect(cleanText(5_000_000)).toBe('5000000');
  });

  it('writes name brackets full-width, as registered names are', () => {
    expect(cleanName('华盛 (临沂) 机械有限公司 ')).toBe('华盛（临沂）机械有限公司');
    expect(cleanName('华盛（临沂）机械有限公司')).toBe('华盛（临沂）机械有限公司');
  });

  it('keeps rare characters (outside the BMP) intact', () => {
    expect(cleanName(' 临沂𠀾记 食品厂')).toBe('临沂𠀾记食品厂');
  });
});

describe('normalizeEntity', () => {
  it('cleans a messy registration row', () => {
    const { row, errors, warnings } = normalizeEntity({
      uscc: ` ${A.toLowerCase().slice(0, 9)} ${A.slice(9)} `,
      name: '临沂华盛(集团)机械有限公司  ',
      formerNames: '临沂华盛机械厂；临沂华盛（集团）机械有限公司、 华盛机械 ',
      legalRep: ' 张 伟 ',
      address: '山东省临沂市临河区 城关街道 人民路 18 号',
      establishedOn: 43536,
      registeredCapital: '500万元人民币',
      industry: '通用设备制造业',
      town: '城关街道',
      status: '存续（在营、开业、在册）',
    });
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(row).toEqual({
      uscc: A,
      name: '临沂华盛（集团）机械有限公司',
      formerNames: ['临沂华盛机械厂', '华盛机械'],
      legalRep: '张伟',
      address: '山东省临沂市临河区城关街道人民路18号',
      establishedOn: '2019-03-12',
      registeredCapital: '500万元人民币',
      industry: '通用设备制造业',
      town: '城关街道',
      status: '存续（在营、开业、在册）',
    });
  });

  it('keeps the registered capital as text, whatever its form', () => {
    for (const capital of ['500万', '500万元人民币', 5_000_000, '50.5 万美元']) {
      expect(normalizeEntity({ uscc: A, name: '鑫源食品有限公司', registeredCapital: capital }).row?.registeredCapital).toBe(
        cleanText(capital),
      );
    }
  });

  it('refuses a row with a bad USCC or no name, saying why in Chinese', () => {
    expect(normalizeEntity({ uscc: A.slice(0, 17), name: '恒泰物流' }).errors).toEqual([
      { field: 'uscc', code: 'uscc.length', message: '统一社会信用代码长度应为18位（当前17位）' },
    ]);
    const wrongCheck = A.slice(0, 17) + (A[17] === '0' ? '1' : '0');
    expect(normalizeEntity({ uscc: wrongCheck, name: '恒泰物流' }).errors[0]!.message).toBe(`统一社会信用代码校验位应为${A[17]}`);
    expect(normalizeEntity({ uscc: `${A.slice(0, 5)}I${A.slice(6)}`, name: '恒泰物流' }).errors[0]!.message).toBe(
      '统一社会信用代码第6位字符I不合法',
    );
    const { row, errors } = normalizeEntity({ uscc: '', name: ' ' });
    expect(row).toBeNull();
    expect(errors.map((e) => e.message)).toEqual(['统一社会信用代码为空', '企业名称为空']);
  });

  it('keeps a row whose date cannot be read, with the date empty and a warning', () => {
    const { row, warnings } = normalizeEntity({ uscc: A, name: '恒泰物流', establishedOn: '2019-02-30' });
    expect(row?.establishedOn).toBe('');
    expect(warnings).toEqual([
      { field: 'establishedOn', code: 'establishedOn.unparsed', message: '成立日期“2019-02-30”无法识别，已留空' },
    ]);
  });

  it('refuses text too long for a field', () => {
    const { errors } = normalizeEntity({ uscc: A, name: '恒泰物流', address: '路'.repeat(501) });
    expect(errors).toEqual([{ field: 'address', code: 'field.invalid', message: '注册地址不是文本或超过500字' }]);
  });
});

describe('checkEntity (what the relay re-checks)', () => {
  it('accepts what normalizeEntity produced', () => {
    const { row } = normalizeEntity({ uscc: A, name: '华盛(临沂)机械', establishedOn: '2019/3/12' });
    expect(checkEntity({ ...row! })).toEqual({ row });
  });

  it('refuses wrong types, dates and codes', () => {
    expect(checkEntity({ uscc: 913713, name: 'x' })).toEqual({ reason: 'field.invalid', field: 'uscc' });
    expect(checkEntity({ uscc: A, name: '' })).toEqual({ reason: 'name.missing', field: 'name' });
    expect(checkEntity({ uscc: A, name: 'x', establishedOn: '2019/3/12' })).toEqual({
      reason: 'establishedOn.format', field: 'establishedOn',
    });
    expect(checkEntity({ uscc: A, name: 'x', formerNames: 'y' })).toEqual({ reason: 'field.invalid', field: 'formerNames' });
    expect(checkEntity({ uscc: A.slice(1), name: 'x' })).toEqual({ reason: 'uscc.length', field: 'uscc' });
    expect(rejectText('uscc.duplicate')).toBe('统一社会信用代码在本次导入中重复');
  });
});

describe('normalizeRows', () => {
  it('reports rejected rows with their line, and a USCC seen twice (the later row wins)', () => {
    const file = normalizeRows([
      { uscc: A, name: '华盛机械厂' },
      { uscc: '91371302XXXX', name: '坏代码有限公司' },
      { uscc: B, name: '鑫源食品有限公司' },
      { uscc: A.toLowerCase(), name: '临沂华盛机械有限公司', establishedOn: '2020年1月2日' },
    ]);
    expect(file.rows.map((r) => [r.row, r.uscc, r.name])).toEqual([
      [4, B, '鑫源食品有限公司'],
      [5, A, '临沂华盛机械有限公司'],
    ]);
    expect(file.rejected).toEqual([
      {
        row: 3,
        uscc: '91371302XXXX',
        name: '坏代码有限公司',
        issues: [{ field: 'uscc', code: 'uscc.length', message: '统一社会信用代码长度应为18位（当前12位）' }],
      },
    ]);
    expect(file.warnings).toEqual([
      {
        row: 5,
        uscc: A,
        name: '临沂华盛机械有限公司',
        issues: [{ field: 'uscc', code: 'uscc.duplicate', message: '统一社会信用代码与第2行重复，以本行为准' }],
      },
    ]);
  });
});
