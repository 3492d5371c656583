import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createEnterprise, setEnterpriseField, setEnterpriseNote, setEnterpriseTag } from '@bangqi/shared';
import { describeMoved } from './changeSummary.ts';

/** The updates a doc emits for `edit`, one per transaction. */
function updatesOf(doc: Y.Doc, edit: () => void): Uint8Array[] {
  const out: Uint8Array[] = [];
  const on = (u: Uint8Array) => out.push(u);
  doc.on('update', on);
  edit();
  doc.off('update', on);
  return out;
}

describe('describeMoved', () => {
  it('describes each kept-aside change against the doc just before it, and names the file as the relay knows it', () => {
    const doc = new Y.Doc();
    const [created] = updatesOf(doc, () => createEnterprise(doc, { name: '鑫源机械有限公司', town: '柳林镇' }, 'u-a', 1));
    const [rename] = updatesOf(doc, () => setEnterpriseField(doc, 'name', '改名机械有限公司', 'u-b', 2));
    const [note] = updatesOf(doc, () => setEnterpriseNote(doc, '走访记录：企业缺技工。', 'u-b', 3));
    const [tag] = updatesOf(doc, () => setEnterpriseTag(doc, '专精特新', true, 'u-b', 4));
    const log = [created!, rename!, note!, tag!];
    const { name, changes } = describeMoved(log, [rename!, note!, tag!]);
    expect(name).toBe('鑫源机械有限公司');
    expect(changes).toEqual([
      [{ field: 'name', before: '鑫源机械有限公司', after: '改名机械有限公司' }],
      [{ field: 'note', before: '', after: '走访记录：企业缺技工。' }],
      [{ field: 'tags', before: '', after: '专精特新' }],
    ]);
  });

  it('still shows what a change sets when the log was compacted (moved bytes no longer separate)', () => {
    const doc = new Y.Doc();
    const [created] = updatesOf(doc, () => createEnterprise(doc, { name: '恒泰食品有限公司' }, 'u-a', 1));
    const [town] = updatesOf(doc, () => setEnterpriseField(doc, 'town', '青山镇', 'u-b', 2));
    const compacted = Y.mergeUpdates([created!, town!]);
    const { changes } = describeMoved([compacted], [town!]);
    // described against an empty doc: the town it sets is there (with the touch fields it carries)
    expect(changes[0]).toContainEqual({ field: 'town', before: '', after: '青山镇' });
  });
});
