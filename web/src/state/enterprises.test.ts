import { describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '@bangqi/shared';
import { filterRows, listRows, searchRows } from './enterprises.ts';
import { EMPTY_FILTER } from './listFilter.ts';

const row = (id: string, name: string, uscc: string): EnterpriseRow => ({
  id, name, uscc, town: '', industry: '', tags: [], note: '', createdAt: 0, updatedAt: 0, updatedBy: '', teamId: '', responsibleId: '', assignedAt: 0,
  formerNames: [], legalRep: '', address: '', park: '', scale: '', employees: null, lat: null, lng: null, licences: [], contactsCount: 0, lastVisitAt: 0, visits: [], plans: [], policies: {}, establishedOn: '',
});

describe('filterRows', () => {
  const rows = [row('ent-a', '华盛机械有限公司', '91371302MA3C4L5Q0X'), row('ent-b', '鑫源食品有限公司', '913713026506664615')];
  it('matches name and USCC substrings (USCC normalized: case, spaces, full-width)', () => {
    expect(filterRows(rows, '').length).toBe(2);
    expect(filterRows(rows, '机械').map((r) => r.id)).toEqual(['ent-a']);
    expect(filterRows(rows, 'ma3c').map((r) => r.id)).toEqual(['ent-a']);
    expect(filterRows(rows, '６５０６ ６６').map((r) => r.id)).toEqual(['ent-b']);
    expect(filterRows(rows, '有限公司').length).toBe(2);
    expect(filterRows(rows, '不存在')).toEqual([]);
  });
});

describe('searchRows and listRows', () => {
  const rows = [
    { ...row('ent-a', '安达机械', ''), town: '城关街道', updatedAt: 1 },
    { ...row('ent-b', '华盛机械', ''), town: '柳林镇', updatedAt: 3 },
    { ...row('ent-c', '鑫源食品', ''), town: '城关街道', updatedAt: 2 },
  ];
  const ranked = (q: string) => (q === '机械' ? [rows[1]!, rows[0]!] : []);
  const ids = (list: EnterpriseRow[]) => list.map((r) => r.id);

  it('without a search text: every row, filtered and sorted (most recently changed first by default)', () => {
    const all = searchRows(rows, '  ', ranked);
    expect(all).toBe(rows);
    expect(ids(listRows(all, EMPTY_FILTER, 0))).toEqual(['ent-b', 'ent-c', 'ent-a']);
    expect(ids(listRows(all, { ...EMPTY_FILTER, town: '城关街道' }, 0))).toEqual(['ent-c', 'ent-a']);
    expect(ids(listRows(all, { ...EMPTY_FILTER, sort: 'name' }, 0))).toEqual(['ent-a', 'ent-b', 'ent-c']);
    expect(ids(rows)).toEqual(['ent-a', 'ent-b', 'ent-c']); // the store's rows are never reordered
  });

  it('with a search text: the searcher’s ranking under the default sort, a chosen sort reorders', () => {
    const found = searchRows(rows, ' 机械 ', ranked);
    expect(ids(found)).toEqual(['ent-b', 'ent-a']);
    const f = { ...EMPTY_FILTER, q: ' 机械 ' };
    expect(ids(listRows(found, f, 0))).toEqual(['ent-b', 'ent-a']);
    expect(ids(listRows(found, { ...f, sort: 'name' }, 0))).toEqual(['ent-a', 'ent-b']);
    expect(ids(listRows(found, { ...f, town: '柳林镇' }, 0))).toEqual(['ent-b']);
  });
});
