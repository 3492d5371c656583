import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  createEnterprise,
  materializeEnterprise,
  readEnterprise,
  setEnterpriseField,
  setEnterpriseNote,
  setEnterpriseTag,
} from './enterprise.ts';

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('enterprise doc', () => {
  it('merges concurrent edits of different fields, tags and note', () => {
    const a = new Y.Doc();
    createEnterprise(a, { name: '临沂华盛机械有限公司', town: '城关街道', note: '主营农机配件。' }, 'A', 1);
    const b = new Y.Doc();
    sync(a, b);

    setEnterpriseField(a, 'name', '临沂华盛精密机械有限公司', 'A', 2);
    setEnterpriseTag(a, '专精特新', true, 'A', 2);
    setEnterpriseNote(a, '主营农机配件。2026年扩产。', 'A', 2);
    setEnterpriseField(b, 'industry', '高端装备制造', 'B', 3);
    setEnterpriseTag(b, '规上', true, 'B', 3);
    setEnterpriseNote(b, '企业：主营农机配件。', 'B', 3);
    sync(a, b);

    for (const doc of [a, b]) {
      const p = readEnterprise(doc);
      expect(p.name).toBe('临沂华盛精密机械有限公司');
      expect(p.industry).toBe('高端装备制造');
      expect(p.tags).toEqual(['专精特新', '规上']);
      expect(p.note).toBe('企业：主营农机配件。2026年扩产。');
    }
  });

  it('produces no update for an unchanged value', () => {
    const doc = new Y.Doc();
    createEnterprise(doc, { name: 'X' }, 'A');
    let updates = 0;
    doc.on('update', () => updates++);
    setEnterpriseField(doc, 'name', 'X', 'A');
    setEnterpriseTag(doc, 'none', false, 'A');
    setEnterpriseNote(doc, '', 'A');
    expect(updates).toBe(0);
  });

  it('materializes a row with a note excerpt', () => {
    const doc = new Y.Doc();
    createEnterprise(doc, { name: 'X', note: '长'.repeat(500), tags: ['b', 'a'] }, 'A', 5);
    const row = materializeEnterprise('ent-1', doc);
    expect(row).toMatchObject({ id: 'ent-1', name: 'X', tags: ['a', 'b'], createdAt: 5, updatedAt: 5, updatedBy: 'A' });
    expect(row.note.length).toBe(200);
  });
});
