import 'fake-indexeddb/auto';
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  OFFICIAL_HOLIDAYS,
  addVisit,
  createEnterprise,
  readDemandAttachments,
  readDemandEvents,
  readDemandInfo,
  readVisits,
  type DemandRow,
} from '@bangqi/shared';
import { DocStore } from '../domain/docStore.ts';
import { AppDb } from '../storage/db.ts';
import { createDemandStore, titleFromItem, type DemandStore, type RaiseFields } from './demands.ts';

let n = 0;
/** China midnight of a day, plus hours. */
const at = (day: string, hours = 10) => Date.parse(`${day}T00:00:00+08:00`) + hours * 3_600_000;

function setup(clock: { now: number }) {
  const db = new AppDb(`test-demands-${++n}`);
  const docs = new DocStore({ db, sync: { outboxChanged: () => {}, attach: () => ({ awareness: null as never, onPresence: () => () => {}, detach: () => {} }) } });
  let dispose = () => {};
  const store = createRoot((d) => {
    dispose = d;
    return createDemandStore({ db, docs, userId: () => 'u-zhangwei', settings: () => DEFAULT_SETTINGS, holidays: () => OFFICIAL_HOLIDAYS, now: () => clock.now });
  });
  return { db, docs, store, dispose };
}

const FIELDS: RaiseFields = { title: ' 招工难 ', description: '需要 20 名焊工', category: '人才', urgency: 'ordinary', contactName: ' 王经理 ', contactPhone: '13800000000' };
const ENT = { id: 'ent-abc', name: '华盛机械', town: '城关街道' };

async function waitForRow(store: DemandStore, id: string, test: (r: DemandRow) => boolean = () => true): Promise<DemandRow> {
  for (let i = 0; i < 200; i++) {
    const row = store.rows().find((r) => r.id === id);
    if (row && test(row)) return row;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`row ${id} did not arrive`);
}

describe('demand store', () => {
  it('raises a demand as its own dem-* doc: info, the 受理 event, the row in the demands table', async () => {
    const clock = { now: at('2026-03-02') };
    const { db, docs, store, dispose } = setup(clock);
    const id = await store.raise(ENT, FIELDS, 'visit-1');
    expect(id).toMatch(/^dem-[0-9a-f]{32}$/);
    const h = docs.acquire(id);
    await h.ready;
    expect(readDemandInfo(h.doc)).toMatchObject({ enterpriseId: 'ent-abc', enterpriseName: '华盛机械', town: '城关街道', visitId: 'visit-1', title: '招工难', contactName: '王经理', createdBy: 'u-zhangwei', createdAt: clock.now });
    expect(readDemandEvents(h.doc).map((e) => e.type)).toEqual(['raise']);
    h.release();
    expect(await db.demands.get(id)).toMatchObject({ id, state: 'received', title: '招工难', createdBy: 'u-zhangwei' });
    expect(await db.outbox.where('docId').equals(id).count()).toBeGreaterThan(0);
    expect((await waitForRow(store, id)).enterpriseName).toBe('华盛机械');
    dispose();
  });

  it('acts: every event is appended by the user, the row follows the derived state', async () => {
    const clock = { now: at('2026-03-02') };
    const { store, docs, dispose } = setup(clock);
    const id = await store.raise(ENT, FIELDS);
    clock.now += 60_000;
    await store.act(id, { type: 'dispatch', departments: ['人社局'], note: '' });
    expect((await waitForRow(store, id, (r) => r.state === 'dispatched')).departments).toEqual(['人社局']);
    clock.now += 60_000;
    await store.act(id, { type: 'resolve', department: '人社局', note: '已对接招聘会' });
    await waitForRow(store, id, (r) => r.state === 'resolved');
    await store.act(id, { type: 'callback', satisfaction: '不满意', comment: '人还没招到' });
    const reopened = await waitForRow(store, id, (r) => r.state === 'handling');
    expect(reopened.reopenCount).toBe(1);
    await store.updateInfo(id, { title: '招工难（焊工）', urgency: 'complex' });
    await store.addAttachment(id, { hash: 'a'.repeat(64), name: '名单.xlsx', mime: 'application/vnd.ms-excel', bytes: 1200 });
    const h = docs.acquire(id);
    await h.ready;
    const events = readDemandEvents(h.doc);
    expect(events.map((e) => e.type)).toEqual(['raise', 'dispatch', 'resolve', 'callback']);
    expect(events.every((e) => e.by === 'u-zhangwei')).toBe(true);
    expect(readDemandInfo(h.doc)).toMatchObject({ title: '招工难（焊工）', urgency: 'complex' });
    expect(readDemandAttachments(h.doc)).toEqual([{ hash: 'a'.repeat(64), name: '名单.xlsx', mime: 'application/vnd.ms-excel', bytes: 1200, addedAt: clock.now, addedBy: 'u-zhangwei' }]);
    h.release();
    const row = await waitForRow(store, id, (r) => r.title === '招工难（焊工）' && r.attachmentsCount === 1);
    expect(row.urgency).toBe('complex');
    dispose();
  });

  it('counts the deadline in working days over the National Day holiday (5 working days from 2026-09-30)', async () => {
    const clock = { now: at('2026-09-30') };
    const { store, dispose } = setup(clock);
    const id = await store.raise(ENT, FIELDS);
    const row = await waitForRow(store, id);
    // 2026: 10-01…10-07 off, 10-10 (Saturday) a 调休 workday → 10-08, 10-09, 10-10, 10-12, 10-13.
    const t = store.timing(row);
    expect(t.dueDay).toBe('2026-10-13');
    expect(t.overdue).toBe(false);
    expect(t.uncalendaredYears).toEqual([]);
    dispose();
  });

  it('says when the deadline falls in a year without an official calendar (15 working days from 2026-12-20 → 2027)', async () => {
    const clock = { now: at('2026-12-20') };
    const { store, dispose } = setup(clock);
    const id = await store.raise(ENT, { ...FIELDS, urgency: 'complex' });
    const t = store.timing(await waitForRow(store, id));
    expect(t.dueDay.startsWith('2027-')).toBe(true);
    expect(t.uncalendaredYears).toEqual(['2027']);
    dispose();
  });

  it('converts a visit’s demand item: the demand knows the visit, the visit records the demand', async () => {
    const clock = { now: at('2026-03-02') };
    const { store, docs, dispose } = setup(clock);
    const ent = docs.acquire(ENT.id);
    await ent.ready;
    createEnterprise(ent.doc, { name: ENT.name, uscc: '' }, 'u-zhangwei', clock.now);
    const visitId = addVisit(
      ent.doc,
      {
        type: '日常走访', visitedAt: clock.now, visitors: ['u-zhangwei'], companions: '', purpose: '了解用工', findings: '', situation: '',
        figures: { outputWan: null, revenueWan: null, taxWan: null, employees: null }, demandItems: ['希望协调一块 20 亩工业用地\n用于二期'],
        demandIds: [], policies: '', nextVisitOn: '', checkIn: null, checkOut: null, photos: [], planId: '',
      },
      'u-zhangwei',
      clock.now,
    );
    const id = await store.raiseFromVisit(ENT, visitId, '希望协调一块 20 亩工业用地\n用于二期');
    expect(readVisits(ent.doc).find((v) => v.id === visitId)?.demandIds).toEqual([id]);
    ent.release();
    const row = await waitForRow(store, id);
    expect(row).toMatchObject({ visitId, title: '希望协调一块 20 亩工业用地', category: '其他', urgency: 'ordinary' });
    dispose();
  });

  it('shortens a long item to a title', () => {
    expect(titleFromItem('  短标题 \n第二行')).toBe('短标题');
    expect(titleFromItem('长'.repeat(80))).toBe(`${'长'.repeat(59)}…`);
  });
});
