/**
 * The relay serves and guards the doc kinds besides enterprise files — demands (`dem-*`), and the
 * district settings (`cfg-district`) — with real tokens against a real relay (in-process, port 0, the
 * demo district: accounts, teams, 300 files and the seeded settings doc). Files: ent-k1 (t-equip, 张伟),
 * ent-k2 (t-chengguan, 孙磊). Demands: dem-k1 (ent-k1, dispatched to 人社局), dem-k2 (ent-k2, to 发改局),
 * dem-zw (ent-k1, raised offline by 张伟, dispatched later).
 */
import {
  appendDemandEvent,
  assignEnterprise,
  createDemand,
  createEnterprise,
  DISTRICT_CONFIG_DOC_ID,
  type DemandEventInput,
  type DocFrame,
  type UrgencyTier,
} from '@bangqi/shared';
import { readHolidayTable, readSettings, setSetting } from '@bangqi/shared/calendar/config';
import { addIssueMember, addJointMeeting, createIssue, demandEventsArray, readIssueInfo } from '@bangqi/shared/demands/events';
import { pino } from 'pino';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Relay, startRelay } from '../src/server.ts';
import {
  adminApi,
  captureUpdate,
  connectUser,
  COORDINATOR,
  docFromFeeds,
  feedsOf,
  isFrame,
  pushAs,
  removeTempDirs,
  stockProvider,
  SyncClient,
  TEST_JWT_SECRET,
  tempDataDir,
  tokenFor,
  waitUntil,
  whenSynced,
} from './helpers.ts';

const ZHANGWEI = 'u-zhangwei';
const LINA = 'u-lina';
const SUNLEI = 'u-sunlei';
const WANGQIANG = 'u-wangqiang';
const ZHAOMIN = 'u-zhaomin'; // handler, 人社局
const ADMIN = 'u-admin';

let relay: Relay;
let base: string;
let epoch: string;
/** a coordinator device that only watches: its feeds hold every update of every doc */
let watcher: SyncClient;
let creator: SyncClient;

const connectAs = (userId: string, hello: Record<string, unknown> = {}) => connectUser(base, userId, hello);

/** The demand doc ids a client received Feed frames for, sorted. */
const demandsFed = (client: SyncClient) => [...new Set(client.feeds().map((f) => f.docId).filter((id) => id.startsWith('dem-')))].sort();

async function accepted(client: SyncClient, docId: string, update: Uint8Array): Promise<number> {
  const reply = await pushAs(client, docId, update);
  expect(reply, `push to ${docId}`).toMatchObject({ type: 'ack' });
  return (reply as Extract<DocFrame, { type: 'ack' }>).seq;
}

/** The doc as the relay holds it (from the watcher's feeds), with its own client id. */
async function replica(docId: string): Promise<Y.Doc> {
  await waitUntil(() => feedsOf(watcher, docId).length > 0, `the watcher to have ${docId}`);
  return docFromFeeds(watcher, docId);
}

async function createFile(docId: string, name: string, teamId: string, responsibleId: string): Promise<void> {
  const doc = new Y.Doc();
  doc.transact(() => {
    createEnterprise(doc, { name, town: '城关街道', industry: '高端装备制造' }, COORDINATOR, 1_700_000_000_000);
    assignEnterprise(doc, { teamId, responsibleId }, COORDINATOR, 1_700_000_000_000);
  });
  await accepted(creator, docId, Y.encodeStateAsUpdate(doc));
}

/** A new demand doc's creating update, raised by `by` for `enterpriseId`. */
function raised(by: string, enterpriseId: string, title: string, urgency: UrgencyTier = 'ordinary'): Uint8Array {
  const doc = new Y.Doc();
  createDemand(doc, {
    enterpriseId,
    enterpriseName: '临河重型机械有限公司',
    town: '城关街道',
    visitId: '',
    title,
    description: '',
    category: '人才',
    urgency,
    contactName: '',
    contactPhone: '',
  }, by, Date.now());
  return Y.encodeStateAsUpdate(doc);
}

/** The update of one event appended to the relay's current demand by `by` (or by `signedAs`, forged). */
async function eventUpdate(docId: string, input: DemandEventInput, by: string, signedAs = by): Promise<Uint8Array> {
  const doc = await replica(docId);
  return captureUpdate(doc, () => void appendDemandEvent(doc, input, signedAs, Date.now()));
}

const dispatch = (departments: string[]): DemandEventInput => ({ type: 'dispatch', departments, note: '请办理' });

/** The admin API of the relay under test, as the demo admin; fails the test on an error status. */
const api = <T>(method: string, path: string, body?: unknown) => adminApi<T>(relay.port, method, path, body);

beforeAll(async () => {
  relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: tempDataDir(), seedDemo: true, jwtSecret: TEST_JWT_SECRET, logger: pino({ level: 'silent' }) });
  base = `ws://127.0.0.1:${relay.port}`;
  watcher = await connectAs(COORDINATOR, { deviceId: 'watcher' });
  creator = await connectAs(COORDINATOR, { deviceId: 'creator' });
  epoch = (await watcher.welcome()).epoch;
  await Promise.all([watcher.caughtUp(), creator.caughtUp()]);
  await createFile('ent-k1', '临河重型机械有限公司', 't-equip', ZHANGWEI);
  await createFile('ent-k2', '城关食品有限公司', 't-chengguan', SUNLEI);
  await accepted(creator, 'dem-k1', raised(COORDINATOR, 'ent-k1', '招工难'));
  await accepted(creator, 'dem-k1', await eventUpdate('dem-k1', dispatch(['人社局']), COORDINATOR));
  await accepted(creator, 'dem-k2', raised(COORDINATOR, 'ent-k2', '融资难'));
  await accepted(creator, 'dem-k2', await eventUpdate('dem-k2', dispatch(['发改局']), COORDINATOR));
}, 60_000);

afterAll(async () => {
  await relay?.close();
  removeTempDirs();
});

describe('demands for a department handler', () => {
  it('receives exactly the demands dispatched to 人社局, gains one live when it is dispatched there, cannot dispatch, can report', async () => {
    const zhangwei = await connectAs(ZHANGWEI);
    await zhangwei.caughtUp();
    // 张伟 raises a demand for his file as a new doc (as his offline device pushes it later)
    await accepted(zhangwei, 'dem-zw', raised(ZHANGWEI, 'ent-k1', '用电增容'));

    const handler = await connectAs(ZHAOMIN);
    await handler.caughtUp();
    expect(demandsFed(handler)).toEqual(['dem-k1']);
    expect(handler.feeds().filter((f) => f.docId.startsWith('ent-'))).toEqual([]);
    expect(JSON.parse(feedsOf(handler, 'dem-k1').at(-1)!.row)).toMatchObject({ id: 'dem-k1', departments: ['人社局'], state: 'dispatched' });

    await accepted(creator, 'dem-zw', await eventUpdate('dem-zw', dispatch(['人社局']), COORDINATOR));
    const gained = await handler.waitFor(isFrame('feed', 'dem-zw'), 'the demand dispatched to 人社局');
    const alone = new Y.Doc();
    Y.applyUpdate(alone, gained.frame.update); // in full: the raise and the dispatch
    expect(demandEventsArray(alone).toArray().map((e) => (e as { type: string }).type)).toEqual(['raise', 'dispatch']);
    expect(demandsFed(handler)).toEqual(['dem-k1', 'dem-zw']);

    expect(await pushAs(handler, 'dem-k1', await eventUpdate('dem-k1', dispatch(['发改局']), ZHAOMIN))).toMatchObject({ type: 'refuse', reason: 'forbidden' });
    const note = await eventUpdate('dem-k1', { type: 'progress', department: '人社局', note: '已约企业面谈' }, ZHAOMIN);
    await accepted(handler, 'dem-k1', note);
    // another department's demand: not readable, so not writable either
    const other = await eventUpdate('dem-k2', { type: 'progress', department: '人社局', note: '' }, ZHAOMIN);
    expect(await pushAs(handler, 'dem-k2', other)).toMatchObject({ type: 'refuse', reason: 'forbidden' });
    expect(demandsFed(handler)).toEqual(['dem-k1', 'dem-zw']);
    handler.close();
    zhangwei.close();
  });

  it('on /y: the department’s demand syncs, another department’s closes 4403', async () => {
    const token = await tokenFor(ZHAOMIN);
    const own = stockProvider(base, 'dem-k1', new Y.Doc(), token);
    await whenSynced(own);
    expect(demandEventsArray(own.doc).length).toBeGreaterThanOrEqual(2);
    own.destroy();
    const ws = new WebSocket(`${base}/y/dem-k2?token=${token}`);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    expect(closed).toEqual({ code: 4403, reason: 'forbidden' });
  });
});


describe('demands for commissioners', () => {
  it('a commissioner receives the demands of their files (and those they raised); a reassignment moves them, live and across reconnects', async () => {
    const zhangwei = await connectAs(ZHANGWEI);
    const lina = await connectAs(LINA);
    const sunlei = await connectAs(SUNLEI);
    const [zw, ln] = await Promise.all([zhangwei.caughtUp(), lina.caughtUp(), sunlei.caughtUp()]);
    expect(demandsFed(zhangwei)).toEqual(['dem-k1', 'dem-zw']);
    expect(demandsFed(lina)).toEqual([]);
    expect(demandsFed(sunlei)).toEqual(['dem-k2']);

    // the team lead gives ent-k1 to 李娜
    const lead = await connectAs(WANGQIANG);
    await lead.caughtUp();
    const file = await replica('ent-k1');
    await accepted(lead, 'ent-k1', captureUpdate(file, () => assignEnterprise(file, { teamId: 't-equip', responsibleId: LINA, reason: '调整' }, WANGQIANG)));

    // 张伟 loses the file and the demand raised by the coordinator; keeps the one he raised himself
    const revoke = await zhangwei.waitFor(isFrame('revoke', 'dem-k1'), 'revoke of the file’s demand');
    expect(revoke.frame.reason).toBe('access-revoked');
    await zhangwei.waitFor(isFrame('revoke', 'ent-k1'), 'revoke of the file');
    expect(zhangwei.frames().some((f) => f.type === 'revoke' && f.docId === 'dem-zw')).toBe(false);
    // 李娜 gets the file and both its demands in full
    await waitUntil(() => demandsFed(lina).length === 2, '李娜 to get the file’s demands');
    expect(demandsFed(lina)).toEqual(['dem-k1', 'dem-zw']);
    const full = new Y.Doc();
    for (const f of feedsOf(lina, 'dem-k1')) Y.applyUpdate(full, f.update);
    expect(demandEventsArray(full).toArray().map((e) => (e as { type: string }).type)).toEqual(['raise', 'dispatch', 'progress']);

    // the next change of the demand reaches 李娜, not 张伟
    const fedBefore = feedsOf(zhangwei, 'dem-k1').length;
    await accepted(creator, 'dem-k1', await eventUpdate('dem-k1', { type: 'escalate', instruction: '本周内答复', automatic: false }, COORDINATOR));
    await waitUntil(() => feedsOf(lina, 'dem-k1').some((f) => JSON.parse(f.row).escalations?.length === 1), 'the escalation for 李娜');
    expect(feedsOf(zhangwei, 'dem-k1')).toHaveLength(fedBefore);
    // and 张伟 can no longer call it back
    const callback = await eventUpdate('dem-k1', { type: 'callback', satisfaction: '满意', comment: '' }, ZHANGWEI);
    expect(await pushAs(zhangwei, 'dem-k1', callback)).toMatchObject({ type: 'refuse', reason: 'forbidden' });

    // devices away since before the reassignment catch up the same way
    const zhangweiLater = await connectAs(ZHANGWEI, { lastSeq: zw.seq, epoch, deviceId: 'zw-phone' });
    const linaLater = await connectAs(LINA, { lastSeq: ln.seq, epoch, deviceId: 'ln-phone' });
    await Promise.all([zhangweiLater.caughtUp(), linaLater.caughtUp()]);
    expect(zhangweiLater.frames().filter((f) => f.docId === 'dem-k1').map((f) => f.type)).toEqual(['revoke']);
    const later = feedsOf(linaLater, 'dem-k1');
    expect(later).toHaveLength(1);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, later[0]!.update);
    expect(demandEventsArray(rebuilt).toArray().map((e) => (e as { type: string }).type)).toEqual(['raise', 'dispatch', 'progress', 'escalate']);
    for (const c of [zhangwei, lina, sunlei, lead, zhangweiLater, linaLater]) c.close();
  });

  it('a commissioner cannot raise a demand for a file that is not theirs', async () => {
    const sunlei = await connectAs(SUNLEI);
    await sunlei.caughtUp();
    expect(await pushAs(sunlei, 'dem-sl', raised(SUNLEI, 'ent-k1', '越权'))).toMatchObject({ type: 'refuse', reason: 'forbidden' });
    expect(feedsOf(watcher, 'dem-sl')).toEqual([]);
    sunlei.close();
  });
});

describe('demand write rules', () => {
  it('a forged `by`, a rewritten event and a non-coordinator 销号 are refused with their reasons', async () => {
    const lina = await connectAs(LINA); // serves ent-k1 now
    await lina.caughtUp();
    const forged = await eventUpdate('dem-k1', { type: 'callback', satisfaction: '满意', comment: '' }, LINA, COORDINATOR);
    expect(await pushAs(lina, 'dem-k1', forged)).toMatchObject({ type: 'refuse', reason: 'forbidden' });

    const doc = await replica('dem-k1');
    const rewrite = captureUpdate(doc, () => {
      const events = demandEventsArray(doc);
      const dispatched = events.get(1) as Record<string, unknown>;
      doc.transact(() => {
        events.delete(1, 1);
        events.insert(1, [{ ...dispatched, departments: ['发改局'] }]);
      });
    });
    expect(await pushAs(creator, 'dem-k1', rewrite)).toMatchObject({ type: 'refuse', reason: 'history-rewrite' });

    const close = await eventUpdate('dem-k1', { type: 'close', note: '' }, LINA);
    expect(await pushAs(lina, 'dem-k1', close)).toMatchObject({ type: 'refuse', reason: 'forbidden' });
    // the coordinator may; 李娜's 回访 in her own name is accepted
    await accepted(lina, 'dem-k1', await eventUpdate('dem-k1', { type: 'callback', satisfaction: '基本满意', comment: '' }, LINA));
    await accepted(creator, 'dem-k1', await eventUpdate('dem-k1', { type: 'close', note: '' }, COORDINATOR));
    lina.close();
  });
});

describe('common issues', () => {
  it('reach coordinators and the handlers of their meetings’ departments (live, in full, once a meeting names them); only coordinators write', async () => {
    const handler = await connectAs(ZHAOMIN, { deviceId: 'issues' });
    const commissioner = await connectAs(ZHANGWEI, { deviceId: 'issues' });
    await Promise.all([handler.caughtUp(), commissioner.caughtUp()]);
    const issue = new Y.Doc();
    createIssue(issue, { title: '园区用工难', description: '多家企业缺焊工' }, COORDINATOR, Date.now());
    addIssueMember(issue, 'dem-k1');
    await accepted(creator, 'iss-k', Y.encodeStateAsUpdate(issue));
    await waitUntil(() => feedsOf(watcher, 'iss-k').length === 1, 'the coordinator’s copy');
    expect(feedsOf(handler, 'iss-k')).toEqual([]);

    const meeting = { date: '2026-05-06', departments: ['人社局', '发改局'], attendees: '人社局、发改局、营转办', minutes: '', decisions: '' };
    await accepted(creator, 'iss-k', captureUpdate(issue, () => void addJointMeeting(issue, meeting, COORDINATOR, Date.now())));
    const gained = await handler.waitFor(isFrame('feed', 'iss-k'), 'the issue for 人社局');
    const alone = new Y.Doc();
    Y.applyUpdate(alone, gained.frame.update);
    expect(readIssueInfo(alone)?.title).toBe('园区用工难');
    expect(JSON.parse(gained.frame.row)).toMatchObject({ departments: ['人社局', '发改局'], memberIds: ['dem-k1'] });

    const theirs = await replica('iss-k');
    expect(await pushAs(handler, 'iss-k', captureUpdate(theirs, () => addIssueMember(theirs, 'dem-zw')))).toMatchObject({ type: 'refuse', reason: 'forbidden' });
    expect(await pushAs(commissioner, 'iss-k', captureUpdate(theirs, () => addIssueMember(theirs, 'dem-zw')))).toMatchObject({ type: 'refuse', reason: 'forbidden' });
    expect(feedsOf(commissioner, 'iss-k')).toEqual([]);
    handler.close();
    commissioner.close();
  });
});

describe('district settings (cfg-district)', () => {
  it('seeded with the official holidays on first start; every user receives it; only coordinators and admins write it', async () => {
    const users = [ZHANGWEI, LINA, SUNLEI, WANGQIANG, ZHAOMIN, ADMIN, COORDINATOR];
    const clients = await Promise.all(users.map((u) => connectAs(u, { deviceId: `cfg-${u}` })));
    await Promise.all(clients.map((c) => c.caughtUp()));
    for (const [i, c] of clients.entries()) {
      const doc = docFromFeeds(c, DISTRICT_CONFIG_DOC_ID);
      expect(Object.keys(readHolidayTable(doc)), users[i]).toContain('2026');
    }
    const [zhangwei, , , lead, handler, admin, coordinator] = clients as [SyncClient, SyncClient, SyncClient, SyncClient, SyncClient, SyncClient, SyncClient];

    const setTiers = async (tiers: [number, number, number]) => {
      const doc = await replica(DISTRICT_CONFIG_DOC_ID);
      return captureUpdate(doc, () => setSetting(doc, 'deadlineTiers', tiers));
    };
    for (const c of [zhangwei, lead, handler]) {
      expect(await pushAs(c, DISTRICT_CONFIG_DOC_ID, await setTiers([1, 3, 15]))).toMatchObject({ type: 'refuse', reason: 'forbidden' });
    }
    const bad = await replica(DISTRICT_CONFIG_DOC_ID);
    expect(await pushAs(coordinator, DISTRICT_CONFIG_DOC_ID, captureUpdate(bad, () => bad.getMap('settings').set('deadlineTiers', 'soon')))).toMatchObject({
      type: 'refuse',
      reason: 'schema-violation',
    });
    await accepted(coordinator, DISTRICT_CONFIG_DOC_ID, await setTiers([1, 3, 15]));
    // everyone gets it live, the handler too
    await waitUntil(() => readSettings(docFromFeeds(handler, DISTRICT_CONFIG_DOC_ID)).deadlineTiers[1] === 3, 'the new tiers on the handler’s device');
    await accepted(admin, DISTRICT_CONFIG_DOC_ID, await setTiers([1, 5, 15]));
    await waitUntil(() => readSettings(docFromFeeds(zhangwei, DISTRICT_CONFIG_DOC_ID)).deadlineTiers[1] === 5, 'the admin’s tiers on 张伟’s device');

    // the stock protocol: readable, a refused write closes with 4403
    const tool = stockProvider(base, DISTRICT_CONFIG_DOC_ID, new Y.Doc(), await tokenFor(ZHANGWEI));
    await whenSynced(tool);
    expect(readSettings(tool.doc).deadlineTiers).toEqual([1, 5, 15]);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => tool.once('closed', resolve));
    setSetting(tool.doc, 'maxVisitsPerMonth', 9);
    expect(await closed).toMatchObject({ code: 4403, reason: 'forbidden' });
    tool.destroy();
    for (const c of clients) c.close();
  });

  it('a production start (ADMIN_PASSWORD) seeds it too, once', async () => {
    const dataDir = tempDataDir();
    const options = { port: 0, host: '127.0.0.1', dataDir, seedDemo: true as const, adminPassword: 'Strong-pass-2026', jwtSecret: TEST_JWT_SECRET, logger: pino({ level: 'silent' }) };
    const first = await startRelay(options);
    const admin = await SyncClient.connect(`ws://127.0.0.1:${first.port}`, { token: await tokenFor(ADMIN) });
    const caughtUp = await admin.caughtUp();
    expect(admin.feeds().map((f) => f.docId)).toEqual([DISTRICT_CONFIG_DOC_ID]);
    expect(Object.keys(readHolidayTable(docFromFeeds(admin, DISTRICT_CONFIG_DOC_ID)))).toContain('2026');
    admin.close();
    await first.close();
    const again = await startRelay(options);
    const device = await SyncClient.connect(`ws://127.0.0.1:${again.port}`, { token: await tokenFor(ADMIN) });
    expect((await device.caughtUp()).seq).toBe(caughtUp.seq);
    device.close();
    await again.close();
  });
});

describe('org changes', () => {
  it('a handler moved to another department loses its demands and gets the new department’s, live', async () => {
    const handler = await connectAs(ZHAOMIN, { deviceId: 'moving' });
    await handler.caughtUp();
    expect(demandsFed(handler)).toEqual(['dem-k1', 'dem-zw']);
    await api('PATCH', `/api/admin/users/${ZHAOMIN}`, { department: '发改局' });
    await handler.waitFor(isFrame('revoke', 'dem-k1'), 'revoke of 人社局’s demand');
    await handler.waitFor(isFrame('revoke', 'dem-zw'), 'revoke of 人社局’s other demand');
    const gained = await handler.waitFor(isFrame('feed', 'dem-k2'), '发改局’s demand');
    expect(JSON.parse(gained.frame.row)).toMatchObject({ id: 'dem-k2', departments: ['发改局'] });
    await api('PATCH', `/api/admin/users/${ZHAOMIN}`, { department: '人社局' });
    await handler.waitFor(isFrame('revoke', 'dem-k2'), 'revoke when moved back');
    handler.close();
  });
});
