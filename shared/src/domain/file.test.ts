import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assignEnterprise } from './assignment.ts';
import { checkPhone, normalizePhone, readContacts } from './contacts.ts';
import { readEdits } from './edits.ts';
import {
  CHANGE_RECORD_SPAN_MS,
  addContact,
  addFormerName,
  addLicence,
  confirmMergedField,
  createEnterprise,
  enterpriseDocIdForUscc,
  enterpriseMergeConflicts,
  materializeEnterprise,
  readEnterprise,
  removeContact,
  setEnterpriseEmployees,
  setEnterpriseField,
  setEnterpriseLocation,
  setEnterpriseNote,
  updateContact,
} from './enterprise.ts';
import { chinaDay, daysLeft, isIsoDate } from './licences.ts';
import { isCoordProblem, outsideChina, parseLocation } from './location.ts';
import { fileTimeline } from './timeline.ts';

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('the complete file', () => {
  it('round-trips every part into the row', () => {
    const doc = new Y.Doc();
    createEnterprise(doc, { name: '临沂华盛机械有限公司', uscc: '91371302MA3C4L5Q0X' }, 'A', 10);
    setEnterpriseField(doc, 'legalRep', '王建国', 'A', 11);
    setEnterpriseField(doc, 'scale', '规上', 'A', 11);
    setEnterpriseEmployees(doc, 120, 'A', 11);
    setEnterpriseLocation(doc, 35.1, 118.3, 'A', 11);
    addFormerName(doc, '临沂华盛农机厂', 'A', 12);
    const c = addContact(doc, { name: '李娜', role: '财务', phone: '13812345678' }, 'A', 12);
    addContact(doc, { name: '赵六', role: '', phone: '' }, 'A', 12);
    updateContact(doc, c, { role: '财务总监' }, 'A', 13);
    addLicence(doc, { type: '排污许可证', number: 'P-1', expiresOn: '2027-01-31' }, 'A', 13);
    const row = materializeEnterprise('ent-x', doc);
    expect(row).toMatchObject({
      legalRep: '王建国', scale: '规上', employees: 120, lat: 35.1, lng: 118.3, formerNames: ['临沂华盛农机厂'],
      contactsCount: 2, licences: [{ type: '排污许可证', number: 'P-1', expiresOn: '2027-01-31' }], createdAt: 10, updatedAt: 13, lastVisitAt: 0,
    });
    expect(readContacts(doc)[0]).toMatchObject({ name: '李娜', role: '财务总监' });
    removeContact(doc, c, 'A', 14);
    expect(readContacts(doc).map((x) => x.name)).toEqual(['赵六']);
    expect(() => setEnterpriseEmployees(doc, -1, 'A')).toThrow(RangeError);
    expect(() => setEnterpriseEmployees(doc, 1.5, 'A')).toThrow(RangeError);
  });

  it('gives a USCC file a deterministic id', () => {
    expect(enterpriseDocIdForUscc('91371302MA3C4L5Q0X')).toBe('ent-u91371302ma3c4l5q0x');
  });

  it('two devices creating one USCC offline keep both fields, and the overwritten value is listed', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    createEnterprise(a, { name: '华盛机械', uscc: '91371302MA3C4L5Q0X' }, 'A', 100);
    setEnterpriseField(a, 'legalRep', '王建国', 'A', 101);
    createEnterprise(b, { name: '临沂华盛机械有限公司', uscc: '91371302MA3C4L5Q0X' }, 'B', 200);
    setEnterpriseField(b, 'address', '城关街道工业路1号', 'B', 201);
    addContact(b, { name: '李娜', role: '', phone: '' }, 'B', 202);
    sync(a, b);
    for (const doc of [a, b]) {
      const p = readEnterprise(doc);
      expect(p.legalRep).toBe('王建国');
      expect(p.address).toBe('城关街道工业路1号');
      expect(p.createdAt).toBe(100);
      expect(readContacts(doc)).toHaveLength(1);
      const conflicts = enterpriseMergeConflicts(doc);
      // Same USCC on both: no conflict. Names differ: one is kept, the other listed as overwritten.
      expect(conflicts.map((x) => x.field)).toEqual(['name']);
      expect(conflicts[0]!.kept).toBe(p.name);
      expect(conflicts[0]!.lost.map((e) => e.value)).toEqual([p.name === '华盛机械' ? '临沂华盛机械有限公司' : '华盛机械']);
    }
    // Either setting the field again or confirming what is shown closes the notice, on every device.
    confirmMergedField(a, 'name', 'A', 300);
    sync(a, b);
    expect(enterpriseMergeConflicts(b)).toEqual([]);
  });

  it('an edit made after seeing the other value is not a conflict', () => {
    const a = new Y.Doc();
    createEnterprise(a, { name: 'X' }, 'A', 1);
    const b = new Y.Doc();
    sync(a, b);
    setEnterpriseField(b, 'name', 'Y', 'B', 2);
    sync(a, b);
    setEnterpriseField(a, 'name', 'Z', 'A', 3);
    sync(a, b);
    expect(enterpriseMergeConflicts(a)).toEqual([]);
    // Concurrent: both change the town offline.
    setEnterpriseField(a, 'town', '城关街道', 'A', 4);
    setEnterpriseField(b, 'town', '柳林镇', 'B', 4);
    sync(a, b);
    expect(enterpriseMergeConflicts(a).map((c) => c.field)).toEqual(['town']);
    setEnterpriseField(b, 'town', '石岭镇', 'B', 5);
    sync(a, b);
    expect(enterpriseMergeConflicts(a)).toEqual([]);
  });

  it('builds the timeline: creation, edits per China day, assignments, newest first', () => {
    const doc = new Y.Doc();
    const day1 = Date.UTC(2026, 0, 5, 1); // 09:00 in China
    createEnterprise(doc, { name: 'X' }, 'A', day1);
    setEnterpriseField(doc, 'town', '城关街道', 'A', day1 + 1000);
    setEnterpriseField(doc, 'town', '柳林镇', 'B', day1 + 2000);
    addContact(doc, { name: '李娜', role: '', phone: '' }, 'B', day1 + 3000);
    assignEnterprise(doc, { teamId: 't-1', responsibleId: 'u-1' }, 'L', day1 + 86_400_000);
    const events = fileTimeline(doc);
    expect(events.map((e) => e.kind)).toEqual(['assignment', 'edits', 'created']);
    const edits = events[1]!;
    expect(edits).toMatchObject({ kind: 'edits', day: '2026-01-05', count: 4, by: ['A', 'B'] });
    expect(edits.kind === 'edits' && edits.fields.sort()).toEqual(['contacts', 'name', 'town']);
  });
});

describe('the edit log', () => {
  it('keeps one record per part and person for a burst of note typing', () => {
    const doc = new Y.Doc();
    createEnterprise(doc, { name: 'X' }, 'A', 0);
    const before = readEdits(doc).length;
    for (let i = 1; i <= 20; i++) setEnterpriseNote(doc, '备注'.repeat(i), 'A', i * 300);
    expect(readEdits(doc).length).toBe(before + 1);
    setEnterpriseNote(doc, '另一个人', 'B', 7000);
    setEnterpriseNote(doc, '过了很久', 'B', 7000 + CHANGE_RECORD_SPAN_MS);
    expect(readEdits(doc).length).toBe(before + 3);
    expect(readEnterprise(doc)).toMatchObject({ updatedAt: 7000 + CHANGE_RECORD_SPAN_MS, updatedBy: 'B' });
  });
});

describe('validation', () => {
  it('accepts mobile and landline numbers, refuses others', () => {
    for (const ok of ['13812345678', '+8613812345678', '0539-8123456', '05398123456', '010-12345678-123', '400-123-4567', '']) {
      expect(checkPhone(normalizePhone(ok)), ok).toBeNull();
    }
    expect(normalizePhone('（0539）８１２３４５６')).toBe('05398123456');
    for (const bad of ['12345', '23812345678', '1381234567', 'abc', '0539-12']) expect(checkPhone(bad), bad).not.toBeNull();
  });

  it('parses coordinates with ranges and the China box', () => {
    expect(parseLocation('', '')).toEqual({ lat: null, lng: null });
    expect(parseLocation('35.1', '118.3')).toEqual({ lat: 35.1, lng: 118.3 });
    expect(parseLocation('35.1', '')).toEqual({ code: 'coord.pair' });
    expect(parseLocation('abc', '118')).toEqual({ code: 'coord.number', axis: 'lat' });
    expect(parseLocation('95', '118')).toEqual({ code: 'coord.range', axis: 'lat' });
    expect(parseLocation('35', '-181')).toEqual({ code: 'coord.range', axis: 'lng' });
    const paris = parseLocation('48.85', '2.35');
    expect(isCoordProblem(paris)).toBe(false);
    expect(outsideChina(48.85, 2.35)).toBe(true);
    expect(outsideChina(35.1, 118.3)).toBe(false);
  });

  it('checks dates and counts days left', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026/02/01')).toBe(false);
    expect(daysLeft('2026-12-01', '2026-11-24')).toBe(7);
    expect(daysLeft('2026-11-20', '2026-11-24')).toBe(-4);
    expect(daysLeft('', '2026-11-24')).toBeNull();
    expect(chinaDay(Date.UTC(2026, 10, 24, 17))).toBe('2026-11-25');
  });
});
