/**
 * Plans through the relay: a commissioner's late inspection filing on their own file is accepted and
 * reaches the team lead's device with its row (late, notice days); a malformed plan is refused as a
 * schema violation (the relay runs plansSchemaProblems as part of the file schema check); a plan is
 * never deleted and a recorded lateness never erased or reworded (history-rewrite), cancelling is fine.
 */
import { addPlan, assignEnterprise, cancelPlan, createEnterprise, readPlans, type DocFrame, type EnterpriseRow } from '@bangqi/shared';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Relay, startRelay } from '../src/server.ts';
import { COORDINATOR, SyncClient, TEST_JWT_SECRET, captureUpdate, docFromFeeds, removeTempDirs, tempDataDir, tokenFor, waitUntil } from './helpers.ts';

const ZHANGWEI = 'u-zhangwei';
const WANGQIANG = 'u-wangqiang';
/** 2026-12-01 10:00 in China */
const NOW = Date.UTC(2026, 11, 1, 2);

let relay: Relay;
let base: string;
let ref = 1;
const clients: SyncClient[] = [];

async function connectAs(userId: string): Promise<SyncClient> {
  const deviceId = `dev-${userId}`;
  const c = await SyncClient.connect(base, { token: await tokenFor(userId, { deviceId }), deviceId });
  clients.push(c);
  return c;
}

async function pushAs(client: SyncClient, docId: string, update: Uint8Array) {
  const r = ref++;
  client.send({ type: 'push', docId, ref: r, update });
  const reply = await client.waitFor(
    (x) => x.kind === 'frame' && (x.frame.type === 'ack' || x.frame.type === 'refuse') && x.frame.docId === docId && 'ref' in x.frame && x.frame.ref === r,
    `reply to push ${r}`,
  );
  return (reply as { frame: DocFrame }).frame as Extract<DocFrame, { type: 'ack' | 'refuse' }>;
}

beforeAll(async () => {
  relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: tempDataDir(), seedDemo: 'users', jwtSecret: TEST_JWT_SECRET, logger: pino({ level: 'silent' }) });
  base = `ws://127.0.0.1:${relay.port}`;
});

afterAll(async () => {
  for (const c of clients) c.close();
  await relay?.close();
  removeTempDirs();
});

describe('plans through the relay', () => {
  it('accepts a commissioner’s late filing, the lead gets it in the row; a malformed plan is refused', async () => {
    const creator = await connectAs(COORDINATOR);
    const file = new Y.Doc();
    file.transact(() => {
      createEnterprise(file, { name: '临河精密数控有限公司', town: '城关街道', industry: '高端装备制造' }, COORDINATOR, NOW);
      assignEnterprise(file, { teamId: 't-equip', responsibleId: ZHANGWEI }, COORDINATOR, NOW);
    });
    expect((await pushAs(creator, 'ent-p1', Y.encodeStateAsUpdate(file))).type).toBe('ack');

    const zhangwei = await connectAs(ZHANGWEI);
    await zhangwei.caughtUp();
    const lead = await connectAs(WANGQIANG);
    await lead.caughtUp();

    const mine = docFromFeeds(zhangwei, 'ent-p1');
    const filing = captureUpdate(mine, () =>
      addPlan(mine, { type: '执法检查', plannedOn: '2026-12-03', purpose: '安全检查', assignees: [ZHANGWEI], department: '区应急管理局', lateReason: '群众举报' }, ZHANGWEI, NOW, { inspectionNoticeDays: 3 }),
    );
    expect((await pushAs(zhangwei, 'ent-p1', filing)).type).toBe('ack');

    const row = await waitUntil(() => {
      const feed = lead.feeds().filter((f) => f.docId === 'ent-p1' && f.row).at(-1);
      const r = feed ? (JSON.parse(feed.row) as EnterpriseRow) : null;
      return r && r.plans.length > 0 ? r : null;
    }, 'the plan in the lead’s row');
    expect(row.plans).toEqual([expect.objectContaining({ type: '执法检查', plannedOn: '2026-12-03', late: true, noticeDays: 2, department: '区应急管理局', done: false })]);

    const fresh = docFromFeeds(zhangwei, 'ent-p1');
    const malformed = captureUpdate(fresh, () => {
      const m = new Y.Map<unknown>();
      m.set('id', 'p-bad');
      m.set('plannedOn', '下周');
      fresh.getArray('plans').push([m]);
    });
    expect(await pushAs(zhangwei, 'ent-p1', malformed)).toMatchObject({ type: 'refuse', reason: 'schema-violation' });
  });

  it('a filed plan cannot be deleted, nor its recorded lateness erased; cancelling it is accepted', async () => {
    const zhangwei = await connectAs(ZHANGWEI);
    await zhangwei.caughtUp();
    const latest = () => docFromFeeds(zhangwei, 'ent-p1');
    const deleted = latest();
    expect(await pushAs(zhangwei, 'ent-p1', captureUpdate(deleted, () => deleted.getArray('plans').delete(0, 1)))).toMatchObject({
      type: 'refuse',
      reason: 'history-rewrite',
    });
    const hidden = latest();
    const plan = () => hidden.getArray<Y.Map<unknown>>('plans').get(0);
    expect(await pushAs(zhangwei, 'ent-p1', captureUpdate(hidden, () => plan().set('late', false)))).toMatchObject({ type: 'refuse', reason: 'history-rewrite' });
    const reworded = latest();
    const update = captureUpdate(reworded, () => reworded.getArray<Y.Map<unknown>>('plans').get(0).set('lateReason', '无'));
    expect(await pushAs(zhangwei, 'ent-p1', update)).toMatchObject({ type: 'refuse', reason: 'history-rewrite' });
    const cancelled = latest();
    const id = readPlans(cancelled)[0]!.id;
    expect((await pushAs(zhangwei, 'ent-p1', captureUpdate(cancelled, () => cancelPlan(cancelled, id, '企业停产', ZHANGWEI, NOW)))).type).toBe('ack');
  });
});
