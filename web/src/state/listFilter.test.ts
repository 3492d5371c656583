import { describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '@bangqi/shared';
import {
  EMPTY_FILTER,
  activeFilterCount,
  applyFilter,
  earliestExpiry,
  facetCounts,
  filterFromSearch,
  filterToSearch,
  sortRows,
  type ListFilter,
} from './listFilter.ts';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 24);

function row(id: string, over: Partial<EnterpriseRow> = {}): EnterpriseRow {
  return {
    id, name: id, uscc: '', town: '', industry: '', tags: [], note: '', createdAt: 0, updatedAt: 0, updatedBy: '',
    teamId: '', responsibleId: '', assignedAt: 0, formerNames: [], legalRep: '', address: '', park: '', scale: '',
    employees: null, lat: null, lng: null, licences: [], contactsCount: 0, lastVisitAt: 0, visits: [], plans: [], policies: {}, establishedOn: '',
    ...over,
  };
}

const f = (over: Partial<ListFilter>): ListFilter => ({ ...EMPTY_FILTER, ...over });

const rows = [
  row('a', { name: '华盛机械', town: '城关街道', industry: '高端装备制造', tags: ['规上', '专精特新'], scale: '规上', teamId: 't1', responsibleId: 'u1', updatedAt: 30, lastVisitAt: NOW - 10 * DAY }),
  row('b', { name: '鑫源食品', town: '柳林镇', industry: '食品加工', tags: ['小微'], scale: '规下', teamId: 't1', responsibleId: '', updatedAt: 20, lastVisitAt: NOW - 100 * DAY }),
  row('c', { name: '安达物流', town: '城关街道', industry: '现代物流', tags: ['规上'], scale: '规上', teamId: '', responsibleId: '', updatedAt: 10 }),
];
const ids = (list: EnterpriseRow[]) => list.map((r) => r.id);

describe('list filter', () => {
  it('keeps rows passing every facet; tags are all required', () => {
    expect(ids(applyFilter(rows, EMPTY_FILTER, NOW))).toEqual(['a', 'b', 'c']);
    expect(ids(applyFilter(rows, f({ town: '城关街道' }), NOW))).toEqual(['a', 'c']);
    expect(ids(applyFilter(rows, f({ town: '城关街道', industry: '现代物流' }), NOW))).toEqual(['c']);
    expect(ids(applyFilter(rows, f({ tags: ['规上'] }), NOW))).toEqual(['a', 'c']);
    expect(ids(applyFilter(rows, f({ tags: ['规上', '专精特新'] }), NOW))).toEqual(['a']);
    expect(ids(applyFilter(rows, f({ scale: '规下' }), NOW))).toEqual(['b']);
    expect(ids(applyFilter(rows, f({ responsible: 'none' }), NOW))).toEqual(['b', 'c']);
    expect(ids(applyFilter(rows, f({ team: 'none' }), NOW))).toEqual(['c']);
    expect(ids(applyFilter(rows, f({ team: 't1', responsible: 'u1' }), NOW))).toEqual(['a']);
  });

  it('"not visited in N days" keeps rows visited longer ago and rows never visited', () => {
    expect(ids(applyFilter(rows, f({ notVisitedDays: 30 }), NOW))).toEqual(['b', 'c']);
    expect(ids(applyFilter(rows, f({ notVisitedDays: 5 }), NOW))).toEqual(['a', 'b', 'c']);
    expect(ids(applyFilter(rows, f({ notVisitedDays: 365 }), NOW))).toEqual(['c']);
  });

  it('counts each option ignoring its own facet but honouring the others', () => {
    const filter = f({ town: '城关街道', scale: '规上' });
    expect(facetCounts(rows, filter, 'town', NOW)).toEqual(new Map([['城关街道', 2]]));
    expect(facetCounts(rows, f({ scale: '规上' }), 'town', NOW)).toEqual(new Map([['城关街道', 2]]));
    expect(facetCounts(rows, f({ town: '城关街道' }), 'scale', NOW)).toEqual(new Map([['规上', 2]]));
    expect(facetCounts(rows, EMPTY_FILTER, 'tags', NOW)).toEqual(new Map([['规上', 2], ['专精特新', 1], ['小微', 1]]));
    expect(facetCounts(rows, EMPTY_FILTER, 'responsible', NOW)).toEqual(new Map([['u1', 1], ['', 2]]));
    expect(facetCounts(rows, f({ responsible: 'u1' }), 'team', NOW)).toEqual(new Map([['t1', 1]]));
  });

  it('round-trips through the URL and ignores malformed parts', () => {
    const full = f({ q: '华盛 机械', town: '城关街道', industry: '新材料', tags: ['规上', '瞪羚'], scale: '规上', responsible: 'none', team: 't1', notVisitedDays: 90, sort: 'licence' });
    expect(filterFromSearch(filterToSearch(full))).toEqual(full);
    expect(filterToSearch(EMPTY_FILTER)).toBe('');
    expect(filterFromSearch('nv=abc&sort=evil&tags=,,')).toEqual(EMPTY_FILTER);
    expect(filterFromSearch('nv=-3')).toEqual(EMPTY_FILTER);
    expect(activeFilterCount(full)).toBe(8);
    expect(activeFilterCount(EMPTY_FILTER)).toBe(0);
  });
});

describe('sortRows', () => {
  it('updated: most recently edited or assigned first', () => {
    const assigned = row('s', { updatedAt: 5, assignedAt: 300 });
    expect(ids(sortRows([...rows, assigned], 'updated'))).toEqual(['s', 'a', 'b', 'c']);
  });

  it('name and town by Chinese collation, empty last', () => {
    expect(ids(sortRows([...rows], 'name'))).toEqual(['c', 'a', 'b']); // 安 an < 华 hua < 鑫 xin
    const noTown = row('d', { updatedAt: 99 });
    expect(ids(sortRows([noTown, ...rows], 'town'))).toEqual(['a', 'c', 'b', 'd']); // 城 cheng < 柳 liu; ties by last change
  });

  it('licence: soonest expiry first, rows without licences last', () => {
    const lic = (expiresOn: string) => ({ type: '排污许可证', number: 'X', expiresOn });
    const soon = row('soon', { licences: [lic('2027-03-01'), lic('2026-12-01')] });
    const later = row('later', { licences: [lic('2027-01-01')] });
    const undated = row('undated', { licences: [lic('')], updatedAt: 1 });
    expect(earliestExpiry(soon)).toBe('2026-12-01');
    expect(earliestExpiry(undated)).toBe('');
    expect(ids(sortRows([undated, later, soon], 'licence'))).toEqual(['soon', 'later', 'undated']);
  });
});
