/**
 * Access control enforced by the relay, with real tokens against a real relay (in-process, port 0, demo
 * accounts and teams, no demo enterprises): authentication on both endpoints, per-portfolio catch-up and
 * feed, reassignment (live and across reconnects), org changes, write validation, presence identity and
 * the audit trail, and sockets ending with their token (expiry, password change or reset). Files: ent-a1
 * (t-equip, 张伟), ent-a2 (t-equip, 李娜), ent-c1 (t-chengguan, 孙磊).
 */
import {
  assignEnterprise,
  type AuditPage,
  createEnterprise,
  DEMO_PASSWORD,
  type DocFrame,
  type LoginResponse,
  readEnterprise,
  setEnterpriseField,
  setEnterpriseNote,
} from '@bangqi/shared';
import { pino } from 'pino';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type Relay, startRelay } from '../src/server.ts';
import { readSyncMessage, syncMessage } from '../src/sync-session.ts';
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
const CHENJING = 'u-chenjing';
const ZHAOMIN = 'u-zhaomin';

let relay: Relay;
let base: string;
let epoch: string;
/** a coordinator device that only watches: its feeds hold every update of every file */
let watcher: SyncClient;
let creator: SyncClient;

/** Opens /sync as `userId` with a real token (and `hello` fields such as lastSeq/epoch). */
const connectAs = (userId: string, hello: Record<string, unknown> = {}) => connectUser(base, userId, hello);

/** A fresh replica of a file as the relay holds it (from the watcher's feeds), with its own client id. */
function replica(docId: string): Y.Doc {
  return docFromFeeds(watcher, docId);
}

/** The coordinator creates a file already assigned (one update, with its history record). */
async function createFile(docId: string, name: string, teamId: string, responsibleId: string): Promise<number> {
  const doc = new Y.Doc();
  doc.transact(() => {
    createEnterprise(doc, { name, town: '城关街道', industry: '高端装备制造' }, COORDINATOR, 1_700_000_000_000);
    assignEnterprise(doc, { teamId, responsibleId }, COORDINATOR, 1_700_000_000_000);
  });
  const reply = await pushAs(creator, docId, Y.encodeStateAsUpdate(doc));
  expect(reply.type).toBe('ack');
  return (reply as Extract<DocFrame, { type: 'ack' }>).seq;
}

/** A coordinator edit of the file's note (so live feeds can be observed). */
async function coordinatorEdit(docId: string, note: string): Promise<number> {
  const doc = replica(docId);
  const reply = await pushAs(creator, docId, captureUpdate(doc, () => setEnterpriseNote(doc, note, COORDINATOR)));
  expect(reply.type).toBe('ack');
  return (reply as Extract<DocFrame, { type: 'ack' }>).seq;
}

/** The admin API of the relay under test, as the demo admin; fails the test on an error status. */
const api = <T>(method: string, path: string, body?: unknown) => adminApi<T>(relay.port, method, path, body);

async function auditOf(query: string) {
  return (await api<AuditPage>('GET', `/api/audit?${query}`)).entries;
}

/** Waits for the close of a raw socket. */
function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}

beforeAll(async () => {
  relay = await startRelay({ port: 0, host: '127.0.0.1', dataDir: tempDataDir(), seedDemo: 'users', jwtSecret: TEST_JWT_SECRET, logger: pino({ level: 'silent' }) });
  base = `ws://127.0.0.1:${relay.port}`;
  watcher = await connectAs(COORDINATOR, { deviceId: 'watcher' });
  creator = await connectAs(COORDINATOR, { deviceId: 'creator' });
  epoch = (await watcher.welcome()).epoch;
  await Promise.all([watcher.caughtUp(), creator.caughtUp()]);
  await createFile('ent-a1', '临河重型机械有限公司', 't-equip', ZHANGWEI);
  await createFile('ent-a2', '临河精密数控有限公司', 't-equip', LINA);
  await createFile('ent-c1', '城关食品有限公司', 't-chengguan', SUNLEI);
  await waitUntil(() => new Set(watcher.feeds().map((f) => f.docId)).size === 3, 'the watcher to see the three files');
});

afterAll(async () => {
  await relay?.close();
  removeTempDirs();
});

describe('authentication', () => {
  const badTokens = async () => ({
    missing: undefined,
    forged: await tokenFor(COORDINATOR, { secret: 'not-the-relay-secret' }),
    expired: await tokenFor(COORDINATOR, { now: Date.now() - 7_200_000, ttlMs: 3_600_000 }),
    garbage: 'not.a.jwt',
  });

  it('no, forged or expired token on /sync: the upgrade succeeds, then error unauthenticated and close 4401', async () => {
    for (const [what, token] of Object.entries(await badTokens())) {
      const client = await SyncClient.connect(base, { token });
      const closed = await client.closed;
      expect(closed.code, what).toBe(4401);
      expect(client.controls(), what).toEqual([expect.objectContaining({ t: 'error', reason: 'unauthenticated' })]);
      expect(client.frames(), what).toEqual([]);
    }
  });

  it('no, forged or expired token on /y: close 4401, and the stock provider stops reconnecting', async () => {
    for (const [what, token] of Object.entries(await badTokens())) {
      const ws = new WebSocket(`${base}/y/ent-a1${token ? `?token=${token}` : ''}`);
      const received: Buffer[] = [];
      ws.on('message', (data: Buffer) => received.push(data));
      expect((await closeOf(ws)).code, what).toBe(4401);
      expect(received, what).toEqual([]);
    }
    const provider = stockProvider(base, 'ent-a1', new Y.Doc(), null);
    const closed = await new Promise<{ code: number }>((resolve) => provider.once('closed', (e: { code: number }) => resolve(e)));
    expect(closed.code).toBe(4401);
    expect(provider.shouldConnect).toBe(false);
    expect(readEnterprise(provider.doc).name).toBe('');
    provider.destroy();
  });
});

describe('reading', () => {
  it('a commissioner catches up on their portfolio only; the coordinator on everything', async () => {
    const zhangwei = await connectAs(ZHANGWEI);
    const coordinator = await connectAs(COORDINATOR);
    const lead = await connectAs(CHENJING);
    const handler = await connectAs(ZHAOMIN);
    await Promise.all([zhangwei, coordinator, lead, handler].map((c) => c.caughtUp()));
    expect(zhangwei.feeds().map((f) => f.docId)).toEqual(['ent-a1']);
    expect(readEnterprise(docFromFeeds(zhangwei, 'ent-a1')).name).toBe('临河重型机械有限公司');
    expect(coordinator.feeds().map((f) => f.docId).sort()).toEqual(['ent-a1', 'ent-a2', 'ent-c1']);
    expect(lead.feeds().map((f) => f.docId)).toEqual(['ent-c1']);
    expect(handler.feeds()).toEqual([]);
    for (const c of [zhangwei, coordinator, lead, handler]) c.close();
  });

  it('another portfolio: never in the live feed; Sync step 1 gets Revoke, a push gets Refuse, /y closes 4403', async () => {
    const zhangwei = await connectAs(ZHANGWEI);
    await zhangwei.caughtUp();
    await coordinatorEdit('ent-c1', '城关的备注');
    await coordinatorEdit('ent-a1', '张伟的备注');
    await waitUntil(() => feedsOf(zhangwei, 'ent-a1').length === 2, 'the live feed of his own file');
    expect(feedsOf(zhangwei, 'ent-c1')).toEqual([]);

    zhangwei.send({ type: 'sync', docId: 'ent-c1', message: syncMessage(0, Y.encodeStateVector(new Y.Doc())) });
    const revoke = await zhangwei.waitFor(isFrame('revoke', 'ent-c1'), 'revoke for ent-c1');
    expect(revoke.frame.reason).toBe('forbidden');
    expect(zhangwei.frames().some((f) => f.type === 'sync' && f.docId === 'ent-c1')).toBe(false);

    const stranger = replica('ent-c1');
    const reply = await pushAs(zhangwei, 'ent-c1', captureUpdate(stranger, () => setEnterpriseField(stranger, 'town', '柳林镇', ZHANGWEI)));
    expect(reply).toMatchObject({ type: 'refuse', reason: 'forbidden' });

    const ws = new WebSocket(`${base}/y/ent-c1?token=${await tokenFor(ZHANGWEI)}`);
    const received: Buffer[] = [];
    ws.on('message', (data: Buffer) => received.push(data));
    expect(await closeOf(ws)).toEqual({ code: 4403, reason: 'forbidden' });
    expect(received).toEqual([]);

    const provider = stockProvider(base, 'ent-c1', new Y.Doc(), await tokenFor(ZHANGWEI));
    expect((await new Promise<{ code: number }>((resolve) => provider.once('closed', resolve))).code).toBe(4403);
    expect(readEnterprise(provider.doc).name).toBe('');
    provider.destroy();
    zhangwei.close();

    const refusals = await auditOf('action=update-refused&docId=ent-c1');
    expect(refusals[0]).toMatchObject({ actor: ZHANGWEI, detail: { reason: 'forbidden' } });
  });

  it('every accepted update is audited with its writer, device, size and seq', async () => {
    const seq = await coordinatorEdit('ent-a2', '审计');
    const entries = await auditOf(`action=update-accepted&docId=ent-a2`);
    expect(entries[0]).toMatchObject({ actor: COORDINATOR, deviceId: 'creator', detail: { seq } });
    expect(entries[0]!.detail.bytes).toBeGreaterThan(0);
  });
});

describe('reassignment', () => {
  it('the old owner is revoked live and gets nothing more; the new owner gets the full file live; reconnects catch up the same way', async () => {
    const zhangwei = await connectAs(ZHANGWEI);
    const lina = await connectAs(LINA);
    const lead = await connectAs(WANGQIANG);
    const [zw, ln] = await Promise.all([zhangwei.caughtUp(), lina.caughtUp(), lead.caughtUp()]);
    expect(feedsOf(lina, 'ent-a1')).toEqual([]);
    // 张伟 also has the file open on screen, with presence
    zhangwei.send({ type: 'sync', docId: 'ent-a1', message: syncMessage(0, Y.encodeStateVector(docFromFeeds(zhangwei, 'ent-a1'))) });
    await zhangwei.waitFor(isFrame('sync', 'ent-a1'), 'step 2 for the open file');
    // and a stock client on /y
    const tool = stockProvider(base, 'ent-a1', new Y.Doc(), await tokenFor(ZHANGWEI));
    await whenSynced(tool);
    const toolClosed = new Promise<{ code: number; reason: string }>((resolve) => tool.once('closed', resolve));

    const leadDoc = docFromFeeds(lead, 'ent-a1');
    const started = Date.now();
    const reassign = captureUpdate(leadDoc, () =>
      assignEnterprise(leadDoc, { teamId: 't-equip', responsibleId: LINA, reason: '张伟调岗' }, WANGQIANG),
    );
    const reply = await pushAs(lead, 'ent-a1', reassign);
    expect(reply.type).toBe('ack');
    const reassignedAt = (reply as Extract<DocFrame, { type: 'ack' }>).seq;

    const revoke = await zhangwei.waitFor(isFrame('revoke', 'ent-a1'), 'revoke for the old owner');
    expect(revoke.frame.reason).toBe('access-revoked');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(await toolClosed).toEqual({ code: 4403, reason: 'access-revoked' });
    tool.destroy();
    const full = await lina.waitFor(isFrame('feed', 'ent-a1'), 'the file for the new owner');
    expect(full.frame.seq).toBe(reassignedAt);
    const alone = new Y.Doc();
    Y.applyUpdate(alone, full.frame.update);
    expect(readEnterprise(alone).name).toBe('临河重型机械有限公司');
    expect(JSON.parse(full.frame.row)).toMatchObject({ responsibleId: LINA, teamId: 't-equip' });

    const feedsBefore = feedsOf(zhangwei, 'ent-a1').length;
    await coordinatorEdit('ent-a1', '改派以后');
    await waitUntil(() => feedsOf(lina, 'ent-a1').length === 2, 'the next edit to the new owner');
    expect(feedsOf(zhangwei, 'ent-a1')).toHaveLength(feedsBefore);
    // writes from the old owner are refused now
    const old = docFromFeeds(zhangwei, 'ent-a1');
    expect(await pushAs(zhangwei, 'ent-a1', captureUpdate(old, () => setEnterpriseField(old, 'town', '石岭镇', ZHANGWEI)))).toMatchObject({
      type: 'refuse',
      reason: 'forbidden',
    });

    // devices that were away since before the reassignment
    const zhangweiLater = await connectAs(ZHANGWEI, { lastSeq: zw.seq, epoch });
    const linaLater = await connectAs(LINA, { lastSeq: ln.seq, epoch });
    await Promise.all([zhangweiLater.caughtUp(), linaLater.caughtUp()]);
    expect(zhangweiLater.frames().filter((f) => f.docId === 'ent-a1').map((f) => f.type)).toEqual(['revoke']);
    const caughtUp = feedsOf(linaLater, 'ent-a1');
    expect(caughtUp).toHaveLength(1);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, caughtUp[0]!.update);
    expect(readEnterprise(rebuilt)).toMatchObject({ name: '临河重型机械有限公司', note: '改派以后' });

    const changes = await auditOf('action=assignment-changed&docId=ent-a1');
    expect(changes[0]).toMatchObject({
      actor: WANGQIANG,
      detail: { from: { teamId: 't-equip', responsibleId: ZHANGWEI }, to: { teamId: 't-equip', responsibleId: LINA }, reason: '张伟调岗' },
    });
    expect((await auditOf('action=access-revoked&docId=ent-a1')).some((e) => e.actor === ZHANGWEI)).toBe(true);
    for (const c of [zhangwei, lina, lead, zhangweiLater, linaLater]) c.close();
  });

  it('a commissioner changing the assignment is refused and audited', async () => {
    const lina = await connectAs(LINA);
    await lina.caughtUp();
    const doc = replica('ent-a2');
    const grab = captureUpdate(doc, () => assignEnterprise(doc, { teamId: 't-equip', responsibleId: ZHANGWEI, reason: '私下转交' }, LINA));
    expect(await pushAs(lina, 'ent-a2', grab)).toMatchObject({ type: 'refuse', reason: 'forbidden-assignment' });
    const refusals = await auditOf('action=update-refused&docId=ent-a2');
    expect(refusals[0]).toMatchObject({ actor: LINA, deviceId: `dev-${LINA}`, detail: { reason: 'forbidden-assignment', bytes: grab.byteLength } });
    // the file is unchanged for everyone
    expect(JSON.parse(feedsOf(watcher, 'ent-a2').at(-1)!.row)).toMatchObject({ responsibleId: LINA });
    lina.close();
  });
});

describe('write validation', () => {
  let lina: SyncClient;
  beforeAll(async () => {
    lina = await connectAs(LINA);
    await lina.caughtUp();
  });
  afterAll(() => lina.close());

  it('erasing the name is refused (wipe-refused)', async () => {
    const doc = replica('ent-a2');
    const wipe = captureUpdate(doc, () => doc.getMap('profile').delete('name'));
    expect(await pushAs(lina, 'ent-a2', wipe)).toMatchObject({ type: 'refuse', reason: 'wipe-refused' });
  });

  it('rewriting the assignment history is refused (history-rewrite)', async () => {
    const doc = replica('ent-a2');
    const rewrite = captureUpdate(doc, () => doc.getArray('assignmentHistory').delete(0, 1));
    expect(await pushAs(lina, 'ent-a2', rewrite)).toMatchObject({ type: 'refuse', reason: 'history-rewrite' });
  });

  it('an unknown root type is refused (schema-violation)', async () => {
    const doc = replica('ent-a2');
    const smuggle = captureUpdate(doc, () => doc.getMap('contacts').set('phone', '13800000000'));
    expect(await pushAs(lina, 'ent-a2', smuggle)).toMatchObject({ type: 'refuse', reason: 'schema-violation' });
  });

  it('an update depending on a refused one is refused (missing-dependency); a clean one is accepted', async () => {
    const doc = replica('ent-a2');
    const smuggle = captureUpdate(doc, () => doc.getMap('contacts').set('phone', '13800000000'));
    expect(await pushAs(lina, 'ent-a2', smuggle)).toMatchObject({ type: 'refuse', reason: 'schema-violation' });
    // the next change of the same replica continues its clock after the refused one
    const after = captureUpdate(doc, () => setEnterpriseNote(doc, '拜访记录', LINA));
    expect(await pushAs(lina, 'ent-a2', after)).toMatchObject({ type: 'refuse', reason: 'missing-dependency' });

    const clean = replica('ent-a2');
    const ok = await pushAs(lina, 'ent-a2', captureUpdate(clean, () => setEnterpriseNote(clean, '拜访记录', LINA)));
    expect(ok.type).toBe('ack');
    await waitUntil(() => readEnterprise(replica('ent-a2')).note === '拜访记录', 'the accepted note at the watcher');
    expect(readEnterprise(replica('ent-a2')).name).toBe('临河精密数控有限公司');
  });

  it('a refused write on /y closes the socket with 4403 and the reason', async () => {
    const provider = stockProvider(base, 'ent-a2', new Y.Doc(), await tokenFor(LINA));
    await whenSynced(provider);
    const closed = new Promise<{ code: number; reason: string }>((resolve) => provider.once('closed', resolve));
    provider.doc.getMap('profile').delete('name');
    expect(await closed).toEqual({ code: 4403, reason: 'wipe-refused' });
    provider.destroy();
    expect(readEnterprise(replica('ent-a2')).name).toBe('临河精密数控有限公司');
  });

  it('a Sync update message that is refused gets Refuse with ref 0', async () => {
    const doc = replica('ent-a2');
    const smuggle = captureUpdate(doc, () => doc.getText('secret').insert(0, 'x'));
    lina.send({ type: 'sync', docId: 'ent-a2', message: syncMessage(2, smuggle) });
    const refuse = await lina.waitFor(
      (r) => r.kind === 'frame' && r.frame.type === 'refuse' && r.frame.docId === 'ent-a2' && r.frame.ref === 0,
      'refuse for the sync update',
    );
    expect(refuse).toMatchObject({ frame: { reason: 'schema-violation' } });
  });
});

describe('presence', () => {
  it('awareness claims are replaced by the token’s identity, on /y and /sync', async () => {
    const spoofer = stockProvider(base, 'ent-a2', new Y.Doc(), await tokenFor(LINA));
    const observer = stockProvider(base, 'ent-a2', new Y.Doc());
    await Promise.all([whenSynced(spoofer), whenSynced(observer)]);
    spoofer.awareness.setLocalStateField('user', { id: WANGQIANG, name: '王强', role: 'team-lead' });
    const seen = () => observer.awareness.getStates().get(spoofer.doc.clientID) as { user?: unknown } | undefined;
    await waitUntil(() => seen()?.user, 'the spoofer’s presence');
    expect(seen()!.user).toEqual({ id: LINA, name: '李娜', role: 'commissioner' });

    const device = await connectAs(LINA);
    await device.caughtUp();
    const mine = replica('ent-a2');
    device.send({ type: 'sync', docId: 'ent-a2', message: syncMessage(0, Y.encodeStateVector(mine)) });
    const step2 = await device.waitFor(isFrame('sync', 'ent-a2'), 'step 2');
    expect(readSyncMessage(step2.frame.message).kind).toBe(1);
    const { Awareness, encodeAwarenessUpdate } = await import('y-protocols/awareness');
    const presence = new Awareness(mine);
    presence.setLocalState({ user: { id: COORDINATOR, name: '刘洋', role: 'coordinator' }, cursor: 3 });
    device.send({ type: 'awareness', docId: 'ent-a2', update: encodeAwarenessUpdate(presence, [mine.clientID]) });
    await waitUntil(() => observer.awareness.getStates().get(mine.clientID), 'the /sync presence');
    expect(observer.awareness.getStates().get(mine.clientID)).toEqual({ user: { id: LINA, name: '李娜', role: 'commissioner' }, cursor: 3 });
    presence.destroy();
    spoofer.destroy();
    observer.destroy();
    device.close();
  });
});

describe('org changes', () => {
  it('a new team lead gets the team’s files in full, the old one is revoked', async () => {
    const incoming = await connectAs(WANGQIANG);
    const outgoing = await connectAs(CHENJING);
    const [inSeq, outSeq] = await Promise.all([incoming.caughtUp(), outgoing.caughtUp()]);
    expect(feedsOf(incoming, 'ent-c1')).toEqual([]);
    await api('PATCH', '/api/admin/teams/t-chengguan', { leadId: WANGQIANG });

    const outgoingFeeds = feedsOf(outgoing, 'ent-c1').length;
    const revoke = await outgoing.waitFor(isFrame('revoke', 'ent-c1'), 'revoke for the old lead');
    expect(revoke.frame.reason).toBe('access-revoked');
    const full = await incoming.waitFor(isFrame('feed', 'ent-c1'), 'the team file for the new lead');
    const alone = new Y.Doc();
    Y.applyUpdate(alone, full.frame.update);
    expect(readEnterprise(alone)).toMatchObject({ name: '城关食品有限公司', note: '城关的备注' });
    await waitUntil(() => incoming.controls().filter((c) => c.t === 'caught-up').length === 2, 'the second caught-up');

    await coordinatorEdit('ent-c1', '换了队长');
    await waitUntil(() => feedsOf(incoming, 'ent-c1').length === 2, 'the live feed for the new lead');
    expect(feedsOf(outgoing, 'ent-c1')).toHaveLength(outgoingFeeds);

    // their other devices, away since before the change, catch up the same way
    const incomingLater = await connectAs(WANGQIANG, { lastSeq: inSeq.seq, epoch, deviceId: 'lead-tablet' });
    const outgoingLater = await connectAs(CHENJING, { lastSeq: outSeq.seq, epoch, deviceId: 'lead-tablet' });
    await Promise.all([incomingLater.caughtUp(), outgoingLater.caughtUp()]);
    expect(outgoingLater.frames().filter((f) => f.docId === 'ent-c1').map((f) => f.type)).toEqual(['revoke']);
    const later = feedsOf(incomingLater, 'ent-c1');
    expect(later).toHaveLength(1);
    const rebuilt = new Y.Doc();
    Y.applyUpdate(rebuilt, later[0]!.update);
    expect(readEnterprise(rebuilt)).toMatchObject({ name: '城关食品有限公司', note: '换了队长' });
    incomingLater.close();
    outgoingLater.close();

    await api('PATCH', '/api/admin/teams/t-chengguan', { leadId: CHENJING });
    await incoming.waitFor(isFrame('revoke', 'ent-c1'), 'revoke when the lead changes back');
    incoming.close();
    outgoing.close();
  });

  it('disabling a user closes their open sockets with 4401 at once', async () => {
    const device = await connectAs(SUNLEI);
    await device.caughtUp();
    expect(device.feeds().map((f) => f.docId)).toEqual(['ent-c1']);
    const provider = stockProvider(base, 'ent-c1', new Y.Doc(), await tokenFor(SUNLEI));
    await whenSynced(provider);
    const providerClosed = new Promise<{ code: number }>((resolve) => provider.once('closed', resolve));

    await api('PATCH', `/api/admin/users/${SUNLEI}`, { disabled: true });
    expect((await device.closed).code).toBe(4401);
    expect(device.controls().at(-1)).toMatchObject({ t: 'error', reason: 'unauthenticated' });
    expect((await providerClosed).code).toBe(4401);
    provider.destroy();

    const again = await connectAs(SUNLEI);
    expect((await again.closed).code).toBe(4401);
  });
});

describe('a socket ends with its token', () => {
  /** Signs in over HTTP: tokens the relay issues name the password version (tokenFor's do not). */
  async function signIn(username: string, deviceId: string, password = DEMO_PASSWORD): Promise<LoginResponse> {
    const res = await fetch(`http://127.0.0.1:${relay.port}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password, deviceId }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as LoginResponse;
  }
  const me = (token: string) => fetch(`http://127.0.0.1:${relay.port}/api/me`, { headers: { Authorization: `Bearer ${token}` } });

  /** An open /sync socket and a /y socket on `docId` of one device, caught up / synced. */
  async function openBoth(token: string, docId: string) {
    const sync = await SyncClient.connect(base, { token });
    await sync.caughtUp();
    const provider = stockProvider(base, docId, new Y.Doc(), token);
    await whenSynced(provider);
    const providerClosed = new Promise<{ code: number }>((resolve) => provider.once('closed', resolve));
    return { sync, provider, providerClosed };
  }

  it('closes /sync and /y with 4401 when the token expires (the client refreshes and reconnects)', async () => {
    const token = await tokenFor(LINA, { ttlMs: 1_500 });
    const opened = Date.now();
    const { sync, provider, providerClosed } = await openBoth(token, 'ent-a2');
    expect((await sync.closed).code).toBe(4401);
    expect(sync.controls().at(-1)).toMatchObject({ t: 'error', reason: 'unauthenticated', message: 'token expired' });
    expect((await providerClosed).code).toBe(4401);
    // exp is whole seconds: closed within a second after the 1.5 s, not before the token's exp
    expect(Date.now() - opened).toBeLessThan(3_000);
    expect(Date.now()).toBeGreaterThanOrEqual(Math.floor((opened + 1_500) / 1000) * 1000);
    provider.destroy();
  });

  it('a password change closes every socket of the user with 4401 at once and voids the old access tokens; the new pair works', async () => {
    const phone = await signIn('lina', 'lina-phone');
    const laptop = await signIn('lina', 'lina-laptop');
    const onPhone = await openBoth(phone.accessToken, 'ent-a2');
    const onLaptop = await SyncClient.connect(base, { token: laptop.accessToken });
    await onLaptop.caughtUp();
    // another user's socket stays open
    const bystander = await SyncClient.connect(base, { token: (await signIn('wangqiang', 'wq-phone')).accessToken });
    await bystander.caughtUp();

    const res = await fetch(`http://127.0.0.1:${relay.port}/api/auth/password`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${laptop.accessToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ oldPassword: DEMO_PASSWORD, newPassword: 'lina-new-secret' }),
    });
    expect(res.status).toBe(200);
    const fresh = (await res.json()) as LoginResponse;
    expect((await onPhone.sync.closed).code).toBe(4401);
    expect(onPhone.sync.controls().at(-1)).toMatchObject({ t: 'error', reason: 'unauthenticated', message: 'token revoked: the password was changed' });
    expect((await onPhone.providerClosed).code).toBe(4401);
    onPhone.provider.destroy();
    // the laptop's socket still holds the old token: it closes too and reconnects with the new one
    expect((await onLaptop.closed).code).toBe(4401);
    for (const old of [phone.accessToken, laptop.accessToken]) {
      const r = await me(old);
      expect(r.status).toBe(401);
      expect(await r.json()).toMatchObject({ reason: 'unauthenticated', message: 'access token revoked' });
      expect((await SyncClient.connect(base, { token: old }).then((c) => c.closed)).code).toBe(4401);
    }
    expect((await me(fresh.accessToken)).status).toBe(200);
    const again = await SyncClient.connect(base, { token: fresh.accessToken });
    await again.caughtUp();
    expect(bystander.ws.readyState).toBe(WebSocket.OPEN);
    again.close();
    bystander.close();
  });

  it('an admin password reset closes the user\'s sockets with 4401 at once', async () => {
    const session = await signIn('chenjing', 'cj-phone');
    const { sync, provider, providerClosed } = await openBoth(session.accessToken, 'ent-c1');
    await api('PATCH', `/api/admin/users/${CHENJING}`, { password: 'chenjing-reset-1' });
    expect((await sync.closed).code).toBe(4401);
    expect((await providerClosed).code).toBe(4401);
    provider.destroy();
    expect((await me(session.accessToken)).status).toBe(401);
    expect((await me((await signIn('chenjing', 'cj-phone', 'chenjing-reset-1')).accessToken)).status).toBe(200);
  });
});

describe('audit of lost access', () => {
  it('one access-revoked row per device and loss, however often the device is told', async () => {
    await createFile('ent-n1', '临河轴承有限公司', 't-equip', ZHANGWEI);
    const device = { deviceId: 'zw-tablet' };
    const zhangwei = await connectAs(ZHANGWEI, device);
    const before = await zhangwei.caughtUp();
    const step1 = (client: SyncClient) =>
      client.send({ type: 'sync', docId: 'ent-n1', message: syncMessage(0, Y.encodeStateVector(new Y.Doc())) });
    step1(zhangwei);
    await zhangwei.waitFor(isFrame('sync', 'ent-n1'), 'the open file');
    const reassign = async (responsibleId: string) => {
      const doc = replica('ent-n1');
      const reply = await pushAs(creator, 'ent-n1', captureUpdate(doc, () => assignEnterprise(doc, { teamId: 't-equip', responsibleId }, COORDINATOR)));
      expect(reply.type).toBe('ack');
      const { seq } = reply as Extract<DocFrame, { type: 'ack' }>;
      await waitUntil(() => feedsOf(watcher, 'ent-n1').some((f) => f.seq === seq), 'the watcher to hold the reassignment');
    };
    await reassign(LINA);
    await zhangwei.waitFor(isFrame('revoke', 'ent-n1'), 'the live revoke');
    // the device asks for the file again, reconnects twice from before the loss, and tries /y
    step1(zhangwei);
    await waitUntil(() => zhangwei.frames().filter((f) => f.type === 'revoke').length === 2, 'the second revoke');
    zhangwei.close();
    for (let i = 0; i < 2; i++) {
      const later = await connectAs(ZHANGWEI, { ...device, lastSeq: before.seq, epoch });
      await later.caughtUp();
      expect(later.frames().filter((f) => f.docId === 'ent-n1').map((f) => f.type)).toEqual(['revoke']);
      later.close();
    }
    const ws = new WebSocket(`${base}/y/ent-n1?token=${await tokenFor(ZHANGWEI, device)}`);
    expect((await closeOf(ws)).code).toBe(4403);
    const revoked = async () => (await auditOf(`action=access-revoked&docId=ent-n1&actor=${ZHANGWEI}`)).map((e) => [e.deviceId, e.detail.reason]);
    await waitUntil(async () => (await revoked()).length > 0, 'the audit row');
    expect(await revoked()).toEqual([['zw-tablet', 'access-revoked']]);

    // another device of his is a row of its own
    const phone = await connectAs(ZHANGWEI, { deviceId: 'zw-phone', lastSeq: before.seq, epoch });
    await phone.caughtUp();
    phone.close();
    // the file comes back to him and goes again: a new loss, a new row for the tablet
    const tablet = await connectAs(ZHANGWEI, device);
    await tablet.caughtUp();
    await reassign(ZHANGWEI);
    await tablet.waitFor(isFrame('feed', 'ent-n1'), 'the file back');
    await reassign(LINA);
    await tablet.waitFor(isFrame('revoke', 'ent-n1'), 'the second loss');
    await waitUntil(async () => (await revoked()).length === 3, 'three rows');
    expect((await revoked()).reverse()).toEqual([
      ['zw-tablet', 'access-revoked'],
      ['zw-phone', 'access-revoked'],
      ['zw-tablet', 'access-revoked'],
    ]);
    tablet.close();
  });
});
