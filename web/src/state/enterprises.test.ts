import { describe, expect, it } from 'vitest';
import type { EnterpriseRow } from '@bangqi/shared';
import { filterRows } from './enterprises.ts';

const row = (id: string, name: string, uscc: string): EnterpriseRow => ({
  id, name, uscc, town: '', industry: '', tags: [], note: '', createdAt: 0, updatedAt: 0, updatedBy: '', teamId: '', responsibleId: '', assignedAt: 0,
  formerNames: [], legalRep: '', address: '', park: '', scale: '', employees: null, lat: null, lng: null, licences: [], contactsCount: 0, lastVisitAt: 0,
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
