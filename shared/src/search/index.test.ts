import { describe, expect, it } from 'vitest';
import { buildSearchKeys } from './keys.ts';
import { addToIndex, createSearchIndex, indexSize, removeFromIndex, search, type SearchIndex } from './index.ts';

const NAMES = [
  '重庆银行股份有限公司临沂分行',
  '中金天下投资有限公司',
  '华盛精密机械有限公司',
  '临沂华盛机械有限公司',
  '华盛（临沂）新材料有限公司',
  '山东长城重工有限公司',
  '临河绿源化工有限公司',
  '沂蒙乐器厂',
  '朝阳食品有限公司',
  '山东单县会计服务有限公司',
  '临沂市传奇物流有限公司',
  '华盛',
  '曾记仓储有限公司',
  '临沂了然数据科技有限公司',
  '临沂𠀾记食品有限公司',
  'ABC科技（临沂）有限公司',
];
const USCC = (i: number) => `91371302MA3C${String(i).padStart(5, '0')}X`;

function indexOf(names: string[]): SearchIndex {
  return createSearchIndex(names.map((name, i) => ({ id: `r${i}`, name, uscc: USCC(i), keys: buildSearchKeys(name) })));
}
const index = indexOf(NAMES);
const names = (query: string, limit = 20) => search(index, query, limit).hits.map((h) => NAMES[Number(h.id.slice(1))]);
const first = (query: string) => search(index, query, 1).hits[0];

describe('search: every reading of a polyphonic character matches', () => {
  it.each([
    ['chongqing', '重庆银行股份有限公司临沂分行'], // 重: chong in context
    ['zhongqing', '重庆银行股份有限公司临沂分行'], // … and zhong
    ['yinhang', '重庆银行股份有限公司临沂分行'], // 行: hang
    ['fenhang', '重庆银行股份有限公司临沂分行'], // pinyin-pro reads 分行 as fen xing
    ['fenxing', '重庆银行股份有限公司临沂分行'],
    ['changcheng', '山东长城重工有限公司'], // 长: chang / zhang
    ['zhangcheng', '山东长城重工有限公司'],
    ['zhonggong', '山东长城重工有限公司'],
    ['lvyuan', '临河绿源化工有限公司'], // 绿: lv / lu
    ['luyuan', '临河绿源化工有限公司'],
    ['yueqi', '沂蒙乐器厂'], // 乐: yue / le
    ['leqi', '沂蒙乐器厂'],
    ['chaoyang', '朝阳食品有限公司'], // 朝: chao / zhao
    ['zhaoyang', '朝阳食品有限公司'],
    ['shanxian', '山东单县会计服务有限公司'], // 单: shan / dan
    ['kuaiji', '山东单县会计服务有限公司'], // 会: kuai / hui
    ['chuanqi', '临沂市传奇物流有限公司'], // 传: chuan / zhuan
    ['zengji', '曾记仓储有限公司'], // 曾: zeng / ceng
    ['liaoran', '临沂了然数据科技有限公司'], // 了: liao / le
    ['hsjx', '临沂华盛机械有限公司'],
  ])('%s finds %s', (query, name) => {
    expect(names(query)).toContain(name);
  });
});

describe('search: kinds and highlighting', () => {
  it('initials find the enterprise and highlight the characters they stand for', () => {
    const hit = first('zjtx')!;
    expect(hit.kind).toBe('initials');
    expect(NAMES[Number(hit.id.slice(1))]!.slice(...hit.range)).toBe('中金天下');
    expect(first('cqyh')).toMatchObject({ kind: 'initials', range: [0, 4] });
  });

  it('full pinyin highlights the matched characters, across brackets', () => {
    const { hits } = search(index, 'xinlinyi', 5);
    expect(hits).toHaveLength(0);
    const hit = search(index, 'shenglinyi', 5).hits[0]!;
    expect(hit.kind).toBe('pinyin');
    expect(NAMES[Number(hit.id.slice(1))]!.slice(...hit.range)).toBe('盛（临沂');
  });

  it('accepts a syllable still being typed at the end', () => {
    expect(names('huashengj')).toEqual(['华盛精密机械有限公司', '临沂华盛机械有限公司']); // jing, ji
    expect(first('huashengjix')).toMatchObject({ id: 'r3', kind: 'pinyin', range: [2, 6] });
  });

  it('mixes 汉字, pinyin and initials', () => {
    expect(first('华盛jx')).toMatchObject({ id: 'r3', kind: 'mixed', range: [2, 6] });
    expect(first('huashengjx')).toMatchObject({ id: 'r3', kind: 'mixed' });
    expect(first('临沂xincai')).toMatchObject({ id: 'r4', kind: 'mixed', range: [3, 8] });
  });

  it('finds a USCC by a prefix of at least 4 characters, case-insensitively', () => {
    expect(search(index, '91371302ma3c00004', 5).hits).toEqual([{ id: 'r4', kind: 'uscc', range: [0, 17] }]);
    expect(search(index, '913', 5).total).toBe(0);
  });

  it('folds full-width, case and spaces in the query and the name', () => {
    expect(first('ａｂｃ 科技')).toMatchObject({ id: 'r15', kind: 'prefix', range: [0, 5] });
    expect(first('华盛(临沂)')).toMatchObject({ id: 'r4', kind: 'prefix', range: [0, 6] });
    expect(first('ZJ TX')).toMatchObject({ id: 'r1', kind: 'initials' });
  });

  it('a digit in a query matches only that digit (digits share one filter bit)', () => {
    const numbered = ['离线批量07号企业有限公司', '离线批量01号企业有限公司', '离线批量17号企业有限公司'];
    const idx = createSearchIndex(numbered.map((name, i) => ({ id: `n${i}`, name, uscc: '', keys: buildSearchKeys(name) })));
    const found = (q: string) => search(idx, q, 10).hits.map((h) => numbered[Number(h.id.slice(1))]);
    expect(found('离线批量07号')).toEqual(['离线批量07号企业有限公司']);
    expect(found('07号')).toEqual(['离线批量07号企业有限公司']);
    expect(found('lxpl07')).toEqual(['离线批量07号企业有限公司']);
    expect(found('lxpl1')).toEqual(['离线批量17号企业有限公司']);
  });

  it('keeps a rare character searchable by 汉字 and the rest of the name by pinyin', () => {
    expect(first('𠀾记')).toMatchObject({ id: 'r14', kind: 'substring', range: [2, 5] });
    expect(first('jishipin')).toMatchObject({ id: 'r14', kind: 'pinyin' });
  });
});

describe('search: ranking', () => {
  it('exact > prefix > substring, then shorter names first', () => {
    expect(search(index, '华盛', 10).hits.map((h) => h.kind)).toEqual(['exact', 'prefix', 'prefix', 'substring']);
    expect(names('华盛')).toEqual(['华盛', '华盛精密机械有限公司', '华盛（临沂）新材料有限公司', '临沂华盛机械有限公司']);
  });

  it('full pinyin (prefix before substring) > initials > mixed > USCC prefix', () => {
    const rows = ['临沂安达', '安德阿里', '阿宁德安', '安达物流有限公司', '永兴商贸'];
    const idx = createSearchIndex(
      rows.map((name, i) => ({ id: `n${i}`, name, uscc: i === 4 ? 'ANDA0000000000000X' : USCC(i), keys: buildSearchKeys(name) })),
    );
    expect(search(idx, 'anda', 10).hits.map((h) => [rows[Number(h.id.slice(1))], h.kind])).toEqual([
      ['安达物流有限公司', 'pinyin'], // a prefix of the name
      ['临沂安达', 'pinyin'], // inside the name
      ['阿宁德安', 'initials'], // a, n, d, a
      ['安德阿里', 'mixed'], // an + d + a
      ['永兴商贸', 'uscc'],
    ]);
  });

  it('initials: a match at the start first, then shorter names', () => {
    const rows = ['宏达物流有限公司', '临沂宏达物流', '和德鑫商贸', '浩达公司'];
    const idx = createSearchIndex(rows.map((name, i) => ({ id: `n${i}`, name, uscc: '', keys: buildSearchKeys(name) })));
    expect(search(idx, 'hd', 10).hits.map((h) => rows[Number(h.id.slice(1))])).toEqual([
      '浩达公司', '和德鑫商贸', '宏达物流有限公司', '临沂宏达物流',
    ]);
  });

  it('orders a large limit (every file of a list) the same way as a small one', () => {
    const many = Array.from({ length: 400 }, (_, i) => `${['华盛', '鑫源', '恒泰'][i % 3]}${'机械食品物流'.slice(i % 3 * 2, i % 3 * 2 + 2)}${i}号`);
    const idx = createSearchIndex(many.map((name, i) => ({ id: `m${i}`, name, uscc: '', keys: buildSearchKeys(name) })));
    for (const query of ['h', 'hs', 'xinyuan', '号']) {
      const small = search(idx, query, 20).hits;
      const large = search(idx, query, 1000);
      expect(large.hits.slice(0, 20)).toEqual(small);
      expect(large.hits).toHaveLength(large.total);
    }
  });

  it('counts every match but returns only the best `limit`', () => {
    const result = search(index, 'youxian', 3);
    expect(result.hits).toHaveLength(3);
    expect(result.total).toBe(NAMES.filter((n) => n.includes('有限')).length);
  });
});

describe('index maintenance', () => {
  it('adds, replaces and removes rows', () => {
    const idx = indexOf(['华盛机械', '鑫源食品', '恒泰物流']);
    expect(indexSize(idx)).toBe(3);
    removeFromIndex(idx, 'r0');
    expect(search(idx, 'hsjx', 5).total).toBe(0);
    expect(search(idx, 'hengtai', 5).hits).toEqual([{ id: 'r2', kind: 'pinyin', range: [0, 2] }]);
    addToIndex(idx, { id: 'r2', name: '恒泰冷链物流', uscc: '', keys: buildSearchKeys('恒泰冷链物流') });
    expect(indexSize(idx)).toBe(2);
    expect(search(idx, 'lenglian', 5).hits.map((h) => h.id)).toEqual(['r2']);
    expect(removeFromIndex(idx, 'nope')).toBe(false);
  });

  it('keeps finding the right rows through many replacements and removals (old codes compacted away)', () => {
    const brands = ['华盛', '鑫源', '恒泰', '金鼎', '瑞丰', '宏达', '永兴', '九州'];
    const row = (i: number, round: number) => {
      const name = `${brands[i % 8]}${brands[(i >> 3) % 8]}${['机械', '食品', '物流'][round]}${i}号有限公司`;
      return { id: `x${i}`, name, uscc: '', keys: buildSearchKeys(name) };
    };
    const idx = createSearchIndex(Array.from({ length: 600 }, (_, i) => row(i, 0)));
    const before = idx.dataLength;
    for (const round of [1, 2]) for (let i = 0; i < 600; i++) addToIndex(idx, row(i, round));
    for (let i = 0; i < 600; i += 2) removeFromIndex(idx, `x${i}`);
    expect(idx.dataLength).toBeLessThan(before * 2); // compacted at least once
    expect(indexSize(idx)).toBe(300);
    expect(search(idx, 'huashengxinyuan', 1000).total).toBe(0); // 华盛 first: i % 8 = 0, removed
    expect(search(idx, 'hsxy', 1000).total).toBe(0);
    const rs = search(idx, 'xinyuanjindingwuliu', 1000).hits.map((h) => h.id);
    expect(rs).toEqual(['x25', 'x89', 'x153', 'x217', 'x281', 'x345', 'x409', 'x473', 'x537']);
    expect(search(idx, 'jixie', 10).total + search(idx, 'shipin', 10).total).toBe(0);
  });

  it('a key that does not fit its name leaves the row searchable by 汉字 only', () => {
    const idx = createSearchIndex([{ id: 'a', name: '华盛机械', uscc: '', keys: 'hua sheng' }]);
    expect(search(idx, 'huasheng', 5).total).toBe(0);
    expect(search(idx, '机械', 5).hits[0]).toMatchObject({ id: 'a', kind: 'substring' });
  });
});
