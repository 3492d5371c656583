/**
 * The policy library (`pol-library`) and the per-enterprise policy status (`policyEvents` in `ent-*`) on
 * a real relay (in-process, port 0, the demo district with its seeded library): everyone reads the
 * library, only coordinators and admins change it (and never delete an item); whoever may write a file
 * records a status in their own name, and what was recorded stays.
 */
import {
  assignEnterprise,
  createEnterprise,
  demoPolicyItems,
  type DocFrame,
  POLICY_LIBRARY_DOC_ID,
  policyEventsArray,
  policyItemsMap,
  readPolicyItems,
  recordPolicyStatus,
  setPolicyWithdrawn,
  upsertPolicyItem,
} from '@bangqi/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Relay, startRelay } from '../src/server.ts';
import { captureUpdate, connectUser, COORDINATOR, docFromFeeds, feedsOf, pushAs, removeTempDirs, SyncClient, TEST_JWT_SECRET, tempDataDir, waitUntil } from './helpers.ts';

const ZHANGWEI = 'u-zhangwei';
const LINA = 'u-lina';
const ZHAOMIN = 'u-zhaomin'; // handler, 人社局
const ADMIN = 'u-admin';
const FILE = 'ent-pol1';
const T = Date.UTC(2026, 11, 4);

let relay: Relay;
let base: string;
/** a coordinator device that only watches: its feeds hold every update of every doc */
let watcher: SyncClient;
let coordinator: SyncClient;

async function connectAs(userId: string, deviceId = `dev-${userId}`): Promise<SyncClient> {
  const client = await connectUser(base, userId, { deviceId });
  await client.caughtUp();
  return client;
}

/** The doc as the relay holds it now (the watcher's feeds once it has `seq`). */
async function replica(docId: string, seq = 0): Promise<Y.Doc> {
  await waitUntil(() => feedsOf(watcher, docId).some((f) => f.seq >= seq) || (seq === 0 && feedsOf(watcher, docId).length > 0), `the watcher to have ${docId}`);
  return docFromFeeds(watcher, docId);
}

async function accepted(client: SyncClient, docId: string, update: Uint8Array): Promise<number> {
  const reply = await pushAs(client, docId, update);
  expect(reply, `push to ${docId}`).toMatchObject({ type: 'ack' });
  const seq = (reply as Extract<DocFrame, { type: 'ack' }>).seq;
  await replica(docId, seq);
  return seq;
}

beforeAll(async () => {
  relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: tempDataDir(), seedDemo: true, jwtSecret: TEST_JWT_SECRET, logger: pino({ level: 'silent' }) });
  base = `ws://127.0.0.1:${relay.port}`;
  watcher = await connectAs(COORDINATOR, 'watcher');
  coordinator = await connectAs(COORDINATOR, 'coordinator');
  const doc = new Y.Doc();
  doc.transact(() => {
    createEnterprise(doc, { name: '临河精工机械有限公司', town: '城关街道', industry: '高端装备制造', tags: ['高新技术'] }, COORDINATOR, T);
    assignEnterprise(doc, { teamId: 't-equip', responsibleId: ZHANGWEI }, COORDINATOR, T);
  });
  await accepted(coordinator, FILE, Y.encodeStateAsUpdate(doc));
}, 60_000);

afterAll(async () => {
  await relay?.close();
  removeTempDirs();
});

describe('the policy library', () => {
  it('reaches every active user on sign-in, a department handler included, as the seeded demo library', async () => {
    const expected = demoPolicyItems().map((i) => i.code);
    for (const userId of [ZHAOMIN, ZHANGWEI, ADMIN]) {
      const client = await connectAs(userId, `read-${userId}`);
      const library = readPolicyItems(docFromFeeds(client, POLICY_LIBRARY_DOC_ID));
      expect(library.map((i) => i.code), userId).toEqual(expected);
      expect(feedsOf(client, POLICY_LIBRARY_DOC_ID).at(-1)!.row).toBe(''); // a doc without a list row
      client.close();
    }
    expect(expected.length).toBeGreaterThanOrEqual(30);
  });

  it('refuses a commissioner’s and a handler’s change; a coordinator’s is accepted and reaches the others live', async () => {
    const zhangwei = await connectAs(ZHANGWEI);
    const handler = await connectAs(ZHAOMIN);
    const mine = await replica(POLICY_LIBRARY_DOC_ID);
    const withdraw = captureUpdate(mine, () => setPolicyWithdrawn(mine, 'LH-KJ-001', true, ZHANGWEI, T));
    expect(await pushAs(zhangwei, POLICY_LIBRARY_DOC_ID, withdraw)).toMatchObject({ type: 'refuse', reason: 'forbidden' });
    expect(await pushAs(handler, POLICY_LIBRARY_DOC_ID, withdraw)).toMatchObject({ type: 'refuse', reason: 'forbidden' });

    const doc = await replica(POLICY_LIBRARY_DOC_ID);
    const item = { ...demoPolicyItems()[0]!, code: 'LH-TEST-001', name: '测试：企业首次参展补贴', amountWan: 3 };
    const added = captureUpdate(doc, () => expect(upsertPolicyItem(doc, item, COORDINATOR, T)).toBe('added'));
    await accepted(coordinator, POLICY_LIBRARY_DOC_ID, added);
    for (const client of [zhangwei, handler]) {
      await waitUntil(() => readPolicyItems(docFromFeeds(client, POLICY_LIBRARY_DOC_ID)).some((i) => i.code === 'LH-TEST-001'), 'the new item on another device');
    }
    const seen = readPolicyItems(docFromFeeds(handler, POLICY_LIBRARY_DOC_ID)).find((i) => i.code === 'LH-TEST-001')!;
    expect(seen).toMatchObject({ name: '测试：企业首次参展补贴', amountWan: 3, updatedBy: COORDINATOR });
    zhangwei.close();
    handler.close();
  });

  it('refuses a malformed field and the deletion of an item, even from a coordinator; an admin may withdraw one', async () => {
    const doc = await replica(POLICY_LIBRARY_DOC_ID);
    const bad = captureUpdate(doc, () => policyItemsMap(doc).get('LH-KJ-002')!.set('applyTo', '明年三月'));
    expect(await pushAs(coordinator, POLICY_LIBRARY_DOC_ID, bad)).toMatchObject({ type: 'refuse', reason: 'schema-violation' });

    const fresh = await replica(POLICY_LIBRARY_DOC_ID);
    const gone = captureUpdate(fresh, () => policyItemsMap(fresh).delete('LH-KJ-002'));
    expect(await pushAs(coordinator, POLICY_LIBRARY_DOC_ID, gone)).toMatchObject({ type: 'refuse', reason: 'history-rewrite' });

    const admin = await connectAs(ADMIN);
    const current = await replica(POLICY_LIBRARY_DOC_ID);
    await accepted(admin, POLICY_LIBRARY_DOC_ID, captureUpdate(current, () => setPolicyWithdrawn(current, 'LH-KJ-002', true, ADMIN, T)));
    const after = readPolicyItems(await replica(POLICY_LIBRARY_DOC_ID)).find((i) => i.code === 'LH-KJ-002')!;
    expect(after).toMatchObject({ withdrawn: true, updatedBy: ADMIN });
    admin.close();
  });
});

describe('policy status in the enterprise file', () => {
  const told = { code: 'LH-KJ-001', status: '已告知' as const, amount: '', date: '', note: '走访时讲解', visitId: '' };

  it('the responsible commissioner records a status in their name; the file’s row carries it', async () => {
    const zhangwei = await connectAs(ZHANGWEI);
    const doc = await replica(FILE);
    const seq = await accepted(zhangwei, FILE, captureUpdate(doc, () => recordPolicyStatus(doc, told, ZHANGWEI, T + 1)));
    const row = JSON.parse(feedsOf(watcher, FILE).find((f) => f.seq === seq)!.row) as { policies: Record<string, unknown> };
    expect(row.policies).toEqual({ 'LH-KJ-001': { status: '已告知', at: T + 1, amount: '' } });

    const later = await replica(FILE, seq);
    const paid = { ...told, status: '已兑现' as const, amount: '20万元', date: '2026-12-20', note: '' };
    const seq2 = await accepted(zhangwei, FILE, captureUpdate(later, () => recordPolicyStatus(later, paid, ZHANGWEI, T + 2)));
    const row2 = JSON.parse(feedsOf(watcher, FILE).find((f) => f.seq === seq2)!.row) as { policies: Record<string, unknown> };
    expect(row2.policies).toEqual({ 'LH-KJ-001': { status: '已兑现', at: T + 2, amount: '20万元' } });
    zhangwei.close();
  });

  it('refuses an event in someone else’s name, a rewritten or removed event, a malformed one, and a handler’s', async () => {
    const zhangwei = await connectAs(ZHANGWEI);
    const doc = await replica(FILE);
    const forged = captureUpdate(doc, () => recordPolicyStatus(doc, { ...told, code: 'LH-GX-001' }, LINA, T + 3));
    expect(await pushAs(zhangwei, FILE, forged)).toMatchObject({ type: 'refuse', reason: 'forbidden' });

    const again = await replica(FILE);
    const events = policyEventsArray(again);
    expect(events.length).toBe(2);
    const first = events.get(0) as Record<string, unknown>;
    const rewritten = captureUpdate(again, () => {
      events.delete(0, 1);
      events.insert(0, [{ ...first, status: '不符合', note: '' }]);
    });
    expect(await pushAs(zhangwei, FILE, rewritten)).toMatchObject({ type: 'refuse', reason: 'history-rewrite' });

    const third = await replica(FILE);
    const removed = captureUpdate(third, () => policyEventsArray(third).delete(0, 1));
    expect(await pushAs(zhangwei, FILE, removed)).toMatchObject({ type: 'refuse', reason: 'history-rewrite' });

    const fourth = await replica(FILE);
    const malformed = captureUpdate(fourth, () => policyEventsArray(fourth).push([{ ...told, id: 'x1', status: '已拨付', by: ZHANGWEI, at: T }]));
    expect(await pushAs(zhangwei, FILE, malformed)).toMatchObject({ type: 'refuse', reason: 'schema-violation' });

    const handler = await connectAs(ZHAOMIN);
    const fifth = await replica(FILE);
    const handlers = captureUpdate(fifth, () => recordPolicyStatus(fifth, told, ZHAOMIN, T + 4));
    expect(await pushAs(handler, FILE, handlers)).toMatchObject({ type: 'refuse', reason: 'forbidden' });

    // nothing of the refused writes reached the file
    expect(policyEventsArray(await replica(FILE)).length).toBe(2);
    zhangwei.close();
    handler.close();
  });

  it('a commissioner who does not serve the enterprise cannot record a status for it', async () => {
    const lina = await connectAs(LINA);
    const doc = await replica(FILE);
    const update = captureUpdate(doc, () => recordPolicyStatus(doc, told, LINA, T + 5));
    expect(await pushAs(lina, FILE, update)).toMatchObject({ type: 'refuse', reason: 'forbidden' });
    lina.close();
  });
});
