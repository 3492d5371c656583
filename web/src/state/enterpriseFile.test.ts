import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { enterpriseDocIdForUscc, readAssignment, readEnterprise, type EnterpriseRow } from '@bangqi/shared';
import { DocStore } from '../domain/docStore.ts';
import { AppDb } from '../storage/db.ts';
import { createFile } from './enterpriseFile.ts';

let n = 0;
function store() {
  const db = new AppDb(`test-create-file-${++n}`);
  return { db, docs: new DocStore({ db, sync: { outboxChanged: () => {}, attach: () => ({ awareness: null as never, onPresence: () => () => {}, detach: () => {} }) } }) };
}

const USCC = '91371302MA3C4L5Q0X';

describe('createFile', () => {
  it('gives a file with a USCC its deterministic id, stored with the creator’s assignment', async () => {
    const { db, docs } = store();
    const result = await createFile(docs, [], { name: '华盛机械', uscc: USCC }, 'u-1', { teamId: 't-1', responsibleId: 'u-1' }, 5);
    expect(result).toEqual({ id: enterpriseDocIdForUscc(USCC), existed: false });
    const row = await db.enterprises.get(result.id);
    expect(row).toMatchObject({ name: '华盛机械', uscc: USCC, createdAt: 5, teamId: 't-1', responsibleId: 'u-1' });
  });

  it('opens the local file that has the USCC instead of creating one', async () => {
    const { db, docs } = store();
    const existing = { id: 'ent-legacy', uscc: USCC } as EnterpriseRow;
    expect(await createFile(docs, [existing], { name: '另一个名字', uscc: USCC }, 'u-1', undefined)).toEqual({ id: 'ent-legacy', existed: true });
    expect(await db.enterprises.count()).toBe(0);
  });

  it('never overwrites a doc that already has a profile under the USCC id', async () => {
    const { docs } = store();
    await createFile(docs, [], { name: '先建的', uscc: USCC }, 'u-1', undefined);
    expect(await createFile(docs, [], { name: '后建的', uscc: USCC }, 'u-2', { teamId: 't-2', responsibleId: '' })).toEqual({
      id: enterpriseDocIdForUscc(USCC),
      existed: true,
    });
    const h = docs.acquire(enterpriseDocIdForUscc(USCC));
    await h.ready;
    expect(readEnterprise(h.doc).name).toBe('先建的');
    expect(readAssignment(h.doc).teamId).toBe('');
    h.release();
  });

  it('gives a file without a USCC a random id', async () => {
    const { docs } = store();
    const a = await createFile(docs, [], { name: 'A', uscc: '' }, 'u-1', undefined);
    const b = await createFile(docs, [], { name: 'A', uscc: '' }, 'u-1', undefined);
    expect(a.id).toMatch(/^ent-[0-9a-f]{32}$/);
    expect(a.id).not.toBe(b.id);
  });
});
