import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  isPolicyShown,
  policyItemsMap,
  policyLibraryCodes,
  policyLibrarySchemaProblems,
  policyValidity,
  readPolicyItems,
  setPolicyWithdrawn,
  upsertPolicyItem,
} from './library.ts';
import { testItem } from './testItems.ts';

const sv = (doc: Y.Doc) => Array.from(Y.encodeStateVector(doc)).join(',');

describe('upsertPolicyItem / readPolicyItems', () => {
  it('adds, reads back every field, sorted by code', () => {
    const doc = new Y.Doc();
    expect(upsertPolicyItem(doc, testItem({ code: 'B-2', conditions: [{ field: 'scale', op: 'eq', value: '规上' }] }), 'u-liuyang', 1000)).toBe('added');
    expect(upsertPolicyItem(doc, testItem({ code: 'A-1' }), 'u-liuyang', 1001)).toBe('added');
    const items = readPolicyItems(doc);
    expect(items.map((i) => i.code)).toEqual(['A-1', 'B-2']);
    expect(items[1]).toEqual({ ...testItem({ code: 'B-2', conditions: [{ field: 'scale', op: 'eq', value: '规上' }] }), updatedAt: 1000, updatedBy: 'u-liuyang' });
  });

  it('re-import by code: an unchanged item writes nothing (state vector does not move)', () => {
    const doc = new Y.Doc();
    upsertPolicyItem(doc, testItem({ conditions: [{ field: 'tags', op: 'any', values: ['专精特新'] }] }), 'u-liuyang', 1000);
    const before = sv(doc);
    let updates = 0;
    doc.on('update', () => updates++);
    // same content, a fresh copy of the conditions
    expect(upsertPolicyItem(doc, testItem({ conditions: [{ field: 'tags', op: 'any', values: ['专精特新'] }] }), 'u-admin', 2000)).toBe('unchanged');
    expect(sv(doc)).toBe(before);
    expect(updates).toBe(0);
    expect(readPolicyItems(doc)[0]!.updatedAt).toBe(1000);
  });

  it('re-import updates only the changed fields, so a concurrent edit of another field survives', () => {
    const a = new Y.Doc();
    upsertPolicyItem(a, testItem(), 'u-liuyang', 1000);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    // device B: a coordinator fixes the phone by hand
    policyItemsMap(b).get('FX-001')!.set('phone', '0539-5111111');
    // device A: re-import changes the amount and the deadline
    expect(upsertPolicyItem(a, testItem({ benefit: '最高奖励30万元', amountWan: 30, applyTo: '2026-06-30' }), 'u-admin', 2000)).toBe('updated');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b]) {
      const [item] = readPolicyItems(doc);
      expect(item).toMatchObject({ phone: '0539-5111111', amountWan: 30, benefit: '最高奖励30万元', applyTo: '2026-06-30', updatedAt: 2000, updatedBy: 'u-admin' });
    }
  });

  it('items read are copies: mutating one does not change the doc', () => {
    const doc = new Y.Doc();
    upsertPolicyItem(doc, testItem({ conditions: [{ field: 'industry', op: 'in', values: ['制造业'] }] }), 'u', 1);
    const [item] = readPolicyItems(doc);
    (item!.conditions[0] as { values: string[] }).values.push('批发业');
    expect(readPolicyItems(doc)[0]!.conditions).toEqual([{ field: 'industry', op: 'in', values: ['制造业'] }]);
  });

  it('throws on a malformed item and writes nothing', () => {
    const doc = new Y.Doc();
    expect(() => upsertPolicyItem(doc, testItem({ name: ' ' }), 'u', 1)).toThrow(RangeError);
    expect(() => upsertPolicyItem(doc, testItem({ code: 'A 1' }), 'u', 1)).toThrow(RangeError);
    expect(() => upsertPolicyItem(doc, testItem({ effectiveTo: '2026-02-30' }), 'u', 1)).toThrow(RangeError);
    expect(() => upsertPolicyItem(doc, testItem({ applyFrom: '2026-05-01', applyTo: '2026-04-01' }), 'u', 1)).toThrow(/applyFrom/);
    expect(() => upsertPolicyItem(doc, testItem({ amountWan: -1 }), 'u', 1)).toThrow(RangeError);
    expect(() => upsertPolicyItem(doc, testItem({ conditions: [{ field: 'scale', op: 'eq', value: '大' as '规上' }] }), 'u', 1)).toThrow(RangeError);
    expect(readPolicyItems(doc)).toEqual([]);
  });

  it('reads a foreign malformed field as its empty value instead of dropping the item', () => {
    const doc = new Y.Doc();
    upsertPolicyItem(doc, testItem(), 'u', 1);
    const m = policyItemsMap(doc).get('FX-001')!;
    m.set('level', '乡');
    m.set('amountWan', 'lots');
    m.set('conditions', [{ field: 'scale', op: 'eq', value: '规上' }, { field: 'bogus' }]);
    const [item] = readPolicyItems(doc);
    expect(item).toMatchObject({ level: '', amountWan: null, conditions: [{ field: 'scale', op: 'eq', value: '规上' }] });
  });
});

describe('validity and withdrawal', () => {
  const item = testItem({ effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31' });
  it('not-yet / active (both ends inclusive) / expired; open-ended ends', () => {
    expect(policyValidity(item, '2025-12-31')).toBe('not-yet');
    expect(policyValidity(item, '2026-01-01')).toBe('active');
    expect(policyValidity(item, '2026-12-31')).toBe('active');
    expect(policyValidity(item, '2027-01-01')).toBe('expired');
    expect(policyValidity(testItem({ effectiveFrom: '', effectiveTo: '' }), '1999-01-01')).toBe('active');
  });
  it('expired and withdrawn items are hidden by default, not-yet ones shown', () => {
    expect(isPolicyShown(item, '2025-06-01')).toBe(true);
    expect(isPolicyShown(item, '2026-06-01')).toBe(true);
    expect(isPolicyShown(item, '2027-01-01')).toBe(false);
    expect(isPolicyShown({ ...item, withdrawn: true }, '2026-06-01')).toBe(false);
  });
  it('expired items stay in the doc; withdrawing hides without deleting and can be undone', () => {
    const doc = new Y.Doc();
    upsertPolicyItem(doc, item, 'u', 1);
    expect(readPolicyItems(doc).filter((i) => isPolicyShown(i, '2027-06-01'))).toEqual([]);
    expect(readPolicyItems(doc)).toHaveLength(1);
    setPolicyWithdrawn(doc, 'FX-001', true, 'u-liuyang', 5);
    expect(readPolicyItems(doc)[0]).toMatchObject({ withdrawn: true, updatedAt: 5, updatedBy: 'u-liuyang' });
    expect(policyLibraryCodes(doc)).toEqual(['FX-001']);
    setPolicyWithdrawn(doc, 'FX-001', false, 'u-admin', 6);
    expect(readPolicyItems(doc)[0]!.withdrawn).toBe(false);
    expect(() => setPolicyWithdrawn(doc, 'NOPE', true, 'u', 7)).toThrow(RangeError);
  });
});

describe('policyLibrarySchemaProblems', () => {
  it('a doc written through the API has none', () => {
    const doc = new Y.Doc();
    upsertPolicyItem(doc, testItem({ conditions: [{ field: 'employees', op: 'gte', value: 10 }] }), 'u', 1);
    setPolicyWithdrawn(doc, 'FX-001', true, 'u', 2);
    expect(policyLibrarySchemaProblems(doc)).toEqual([]);
  });
  it('names malformed items, fields, keys and roots', () => {
    const doc = new Y.Doc();
    upsertPolicyItem(doc, testItem(), 'u', 1);
    const items = policyItemsMap(doc);
    items.get('FX-001')!.set('mode', '自动');
    items.get('FX-001')!.set('secret', 1);
    items.get('FX-001')!.set('conditions', [{ field: 'scale', op: 'eq', value: '巨型' }]);
    const half = new Y.Map<unknown>();
    items.set('HALF', half);
    half.set('name', '只有名称');
    (items as Y.Map<unknown>).set('PLAIN', { name: 'x' });
    (items as Y.Map<unknown>).set('has space', new Y.Map());
    doc.getText('other').insert(0, 'x');
    const problems = policyLibrarySchemaProblems(doc);
    expect(problems).toEqual(
      expect.arrayContaining([
        'unknown root "other"',
        'items.FX-001.mode is not a mode',
        'items.FX-001.secret is not an item field',
        expect.stringMatching(/^items\.FX-001\.conditions condition scale/),
        'items.HALF.mode is missing',
        'items.PLAIN is not a record',
        'items: "has space" is not a code',
      ]),
    );
  });
  it('an items root sent as a list is refused', () => {
    const doc = new Y.Doc();
    doc.getArray('items').push([1]);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
    expect(policyLibrarySchemaProblems(fresh)).toContain('items is not a map');
  });
});
