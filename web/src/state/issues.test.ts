import 'fake-indexeddb/auto';
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { appendDemandEvent, createDemand, newDocId, readDemandEvents, type DemandRow } from '@bangqi/shared';
import { DocStore } from '../domain/docStore.ts';
import { AppDb } from '../storage/db.ts';
import { createIssueStore, type IssueStore } from './issues.ts';

let n = 0;
const T0 = Date.parse('2026-03-02T10:00:00+08:00');

function setup() {
  const db = new AppDb(`test-issues-${++n}`);
  const docs = new DocStore({ db, sync: { outboxChanged: () => {}, attach: () => ({ awareness: null as never, onPresence: () => () => {}, detach: () => {} }) } });
  let clock = T0;
  let dispose = () => {};
  const store = createRoot((d) => {
    dispose = d;
    return createIssueStore({ db, docs, userId: () => 'u-liuyang', now: () => (clock += 60_000) });
  });
  return { db, docs, store, dispose };
}

/** A demand of `enterpriseId`, dispatched to 人社局 (as if synced from another device). */
async function demand(docs: DocStore, enterpriseId: string, title: string): Promise<string> {
  const id = newDocId('dem');
  const h = docs.acquire(id);
  await h.ready;
  createDemand(h.doc, { enterpriseId, enterpriseName: `企业${enterpriseId}`, town: '城关街道', visitId: '', title, description: '', category: '人才', urgency: 'ordinary', contactName: '', contactPhone: '' }, 'u-zhangwei', T0);
  appendDemandEvent(h.doc, { type: 'dispatch', departments: ['人社局'], note: '' }, 'u-liuyang', T0 + 1000);
  await h.flush();
  h.release();
  return id;
}

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const v = read();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${what} did not happen`);
}

const rowOf = (store: IssueStore, id: string, test: (r: DemandRow) => boolean) => until(() => {
  const r = store.demandById().get(id);
  return r && test(r) ? r : undefined;
}, `row ${id}`);

describe('issue store', () => {
  it('creates an issue from demands of two enterprises: members on the issue, a link event on each demand', async () => {
    const { db, docs, store, dispose } = setup();
    const a = await demand(docs, 'ent-a', '招工难');
    const b = await demand(docs, 'ent-b', '缺技术工人');
    const issueId = await store.create({ title: '园区用工难', description: '多家企业反映' }, [a, b]);
    expect(issueId).toMatch(/^iss-/);
    expect(await db.issues.get(issueId)).toMatchObject({ title: '园区用工难', memberIds: [a, b], resolved: false, createdBy: 'u-liuyang' });
    expect((await db.demands.get(a))?.issueId).toBe(issueId);
    expect((await db.demands.get(b))?.issueId).toBe(issueId);
    const issue = await until(() => store.rows().find((r) => r.id === issueId), 'issue row');
    expect(issue.memberIds).toHaveLength(2);
    dispose();
  });

  it('records a joint meeting and 整体办结 resolves each open member, which then still waits for its own 回访', async () => {
    const { db, docs, store, dispose } = setup();
    const a = await demand(docs, 'ent-a', '招工难');
    const b = await demand(docs, 'ent-b', '缺技术工人');
    const c = await demand(docs, 'ent-c', '已办结的');
    {
      // c was resolved by its department before the issue was resolved: left as it is
      const h = docs.acquire(c);
      await h.ready;
      appendDemandEvent(h.doc, { type: 'resolve', department: '人社局', note: '已办' }, 'u-zhaomin', T0 + 5000);
      await h.flush();
      h.release();
    }
    const issueId = await store.create({ title: '园区用工难', description: '' }, [a, b, c]);
    await rowOf(store, c, (r) => r.state === 'resolved' && r.issueId === issueId);
    await rowOf(store, a, (r) => r.issueId === issueId);

    await new Promise<void>((resolve, reject) => {
      createRoot(async (dispose2) => {
        try {
          const open = store.open(issueId, () => true);
          await until(() => (open.status() === 'ready' ? true : undefined), 'issue open');
          open.addMeeting({ date: '2026-03-05', departments: ['人社局', '工信局'], attendees: '刘洋、赵敏', minutes: '联合招聘会', decisions: '3 月底前举办' });
          await until(() => (open.meetings().length === 1 ? true : undefined), 'meeting');
          expect(open.meetings()[0]).toMatchObject({ date: '2026-03-05', departments: ['人社局', '工信局'], by: 'u-liuyang' });
          const done = await open.resolveAll([a, b, c], '联合招聘会已举办');
          expect(done.sort()).toEqual([a, b].sort());
          expect(open.resolved()).toBe(true);
          dispose2();
          resolve();
        } catch (err) {
          reject(err);
        }
      });
    });

    for (const id of [a, b]) {
      const row = await db.demands.get(id);
      expect(row).toMatchObject({ state: 'resolved', satisfaction: '', issueId });
    }
    expect(await db.issues.get(issueId)).toMatchObject({ resolved: true, meetingsCount: 1, departments: ['人社局', '工信局'] });
    // c kept its own department's resolution (no second resolve event)
    const histories = await store.demandHistories([a, c]);
    expect(histories.get(a)!.map((e) => e.type)).toEqual(['raise', 'dispatch', 'link', 'resolve']);
    expect(histories.get(c)!.map((e) => e.type)).toEqual(['raise', 'dispatch', 'resolve', 'link']);
    const h = docs.acquire(a);
    await h.ready;
    expect(readDemandEvents(h.doc).at(-1)).toMatchObject({ type: 'resolve', department: '', note: '联合招聘会已举办', by: 'u-liuyang' });
    h.release();
    dispose();
  });

  it('reads histories of demands it has never opened, in slices with progress', async () => {
    const { docs, store, dispose } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await demand(docs, `ent-${i}`, `诉求${i}`));
    const progress: number[] = [];
    const histories = await store.demandHistories([...ids, 'dem-missing'], (done) => progress.push(done));
    expect([...histories.keys()]).toEqual([...ids, 'dem-missing']);
    expect(histories.get(ids[3]!)!.map((e) => e.type)).toEqual(['raise', 'dispatch']);
    expect(histories.get('dem-missing')).toEqual([]);
    expect(progress.at(-1)).toBe(6);
    dispose();
  });
});
