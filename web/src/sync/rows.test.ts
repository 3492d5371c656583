import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addContact, addLicence, createEnterprise, materializeEnterprise, setEnterpriseEmployees, setEnterpriseLocation } from '@bangqi/shared';
import { parseEnterpriseRow as parseRow, rowFromUpdates } from './rows.ts';

describe('relay rows', () => {
  it('reads a row of an older relay (before the complete file) with the new fields empty', () => {
    const old = { name: '华盛机械', uscc: '91371302MA3C4L5Q0X', town: '城关街道', industry: '', tags: ['规上'], note: '', createdAt: 1, updatedAt: 2, updatedBy: 'u', teamId: 't', responsibleId: 'r', assignedAt: 3 };
    expect(parseRow('ent-1', JSON.stringify(old))).toEqual({
      id: 'ent-1',
      ...old,
      formerNames: [],
      legalRep: '',
      address: '',
      park: '',
      scale: '',
      establishedOn: '',
      employees: null,
      lat: null,
      lng: null,
      licences: [],
      contactsCount: 0,
      lastVisitAt: 0,
      visits: [],
      plans: [],
      policies: {},
    });
  });

  it('round-trips a complete row, and drops malformed parts instead of trusting them', () => {
    const doc = new Y.Doc();
    createEnterprise(doc, { name: '华盛机械' }, 'u', 1);
    setEnterpriseEmployees(doc, 12, 'u', 2);
    setEnterpriseLocation(doc, 35.1, 118.3, 'u', 2);
    addContact(doc, { name: '李娜', role: '', phone: '' }, 'u', 3);
    addLicence(doc, { type: '排污许可证', number: 'P', expiresOn: '2027-01-01' }, 'u', 3);
    const row = materializeEnterprise('ent-1', doc);
    expect(parseRow('ent-1', JSON.stringify(row))).toEqual(row);
    expect(rowFromUpdates('ent-1', [Y.encodeStateAsUpdate(doc)])).toEqual({ kind: 'ent', row });
    const bad = parseRow('ent-1', JSON.stringify({ name: 'X', scale: '巨型', employees: '12', lat: 'n', formerNames: ['a', 3], licences: [null, { type: 'T' }] }));
    expect(bad).toMatchObject({ scale: '', employees: null, lat: null, formerNames: ['a'], licences: [{ type: 'T', number: '', expiresOn: '' }] });
  });
});
