/**
 * QA5: reading scope, write attacks and presence spoofing against a running relay with the demo district.
 * Usage: QA_PORT=18745 npx tsx test/qa/attack.ts
 */
import {
  assignEnterprise,
  type AuditEntry,
  generateDemoEnterprises,
} from '@bangqi/shared';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { api, capture, check, login, RawSync, sleep, summary, yClose } from './lib.ts';

const port = Number(process.env.QA_PORT ?? 18745);
const http = `http://127.0.0.1:${port}`;
const base = `ws://127.0.0.1:${port}`;
const PW = process.env.QA_PASSWORD ?? 'bangqi2026';

const demo = generateDemoEnterprises();
const ids = (pred: (e: (typeof demo)[number]) => boolean) => new Set(demo.filter(pred).map((e) => e.id));
const expected: Record<string, Set<string>> = {
  zhangwei: ids((e) => e.responsibleId === 'u-zhangwei'),
  lina: ids((e) => e.responsibleId === 'u-lina'),
  sunlei: ids((e) => e.responsibleId === 'u-sunlei'),
  wangqiang: ids((e) => e.teamId === 't-equip'),
  chenjing: ids((e) => e.teamId === 't-chengguan'),
  zhaomin: new Set(),
  liuyang: ids(() => true),
};

const tokens: Record<string, string> = {};
for (const u of ['admin', 'liuyang', 'wangqiang', 'chenjing', 'zhangwei', 'lina', 'sunlei', 'zhaomin']) {
  const r = await login(http, u, PW);
  check(`login ${u}`, r.status === 200 && typeof r.body.accessToken === 'string', r.status);
  tokens[u] = r.body.accessToken;
}
const startAudit = await lastAuditId();

// ---------- 1. reading scope on /sync catch-up ----------
const clients: Record<string, RawSync> = {};
for (const [u, want] of Object.entries(expected)) {
  const c = await RawSync.open(base, tokens[u], `qa5-dev-${u}`);
  const cu = await c.caughtUp();
  const got = new Set(c.feeds().map((f) => f.docId));
  const extra = [...got].filter((d) => !want.has(d));
  const missing = [...want].filter((d) => !got.has(d));
  check(`catch-up ${u}: ${want.size} expected`, extra.length === 0 && missing.length === 0, { got: got.size, docs: cu.docs, extra: extra.slice(0, 3), missing: missing.slice(0, 3) });
  clients[u] = c;
}
// feed rows must not leak other portfolios either: the row JSON of zhangwei's feeds
const zw = clients.zhangwei!;
const badRows = zw.feeds().filter((f) => !(JSON.parse(f.row) as { responsibleId?: string }).responsibleId?.includes('u-zhangwei'));
check('zhangwei feed rows all his', badRows.length === 0, badRows.length);

// live: the coordinator edits a lina file and a zhangwei file
const coord = clients.liuyang!;
const linaDoc = [...expected.lina!][0]!;
const zwDoc = [...expected.zhangwei!][0]!;
const sunleiDoc = [...expected.sunlei!][0]!;
const unassignedEquip = demo.find((e) => e.teamId === 't-equip' && e.responsibleId === '')!.id;
let ref = 1;
async function coordEdit(docId: string, note: string) {
  const d = coord.doc(docId);
  const u = capture(d, () => {
    const t = d.getText('note');
    t.insert(t.length, note);
  });
  return coord.push(docId, ref++, u);
}
const zwBefore = zw.feeds().length;
const hBefore = clients.zhaomin!.frames().length;
const r1 = await coordEdit(linaDoc, ' qa5-live-lina');
const r2 = await coordEdit(zwDoc, ' qa5-live-zw');
check('coordinator edits accepted', r1 && 'type' in r1 && r1.type === 'ack' && 'type' in r2 && r2.type === 'ack', [r1, r2]);
await zw.until(() => zw.feeds(zwDoc).length > 1, 'zhangwei live feed of his doc').catch(() => null);
await sleep(500);
const zwNew = zw.feeds().slice(zwBefore);
check('zhangwei live: only his doc', zwNew.length === 1 && zwNew[0]!.docId === zwDoc, zwNew.map((f) => f.docId));
check('handler gets nothing live', clients.zhaomin!.frames().length === hBefore && clients.zhaomin!.feeds().length === 0, clients.zhaomin!.frames().length);
check('lina live: got her doc, not zhangwei doc', clients.lina!.feeds(linaDoc).length === 2 && clients.lina!.feeds(zwDoc).length === 0);

// /y: lina on zhangwei's doc, chenjing on a t-equip doc, handler on any doc, sunlei on unassigned t-equip
for (const [who, doc] of [['lina', zwDoc], ['chenjing', unassignedEquip], ['chenjing', zwDoc], ['zhaomin', zwDoc], ['sunlei', unassignedEquip], ['zhangwei', unassignedEquip]] as const) {
  const r = await yClose(base, doc, tokens[who]!);
  check(`/y ${who} on ${doc} → 4403`, r !== 'still-open' && r.code === 4403, r);
}
const own = await yClose(base, zwDoc, tokens.zhangwei!, 1500);
check('/y zhangwei on own doc stays open', own === 'still-open', own);
const lead = await yClose(base, unassignedEquip, tokens.wangqiang!, 1500);
check('/y wangqiang on unassigned t-equip doc stays open', lead === 'still-open', lead);
// /y with the token in a header instead? and /y on a doc id of another kind
for (const doc of ['dem-x', 'zzz-1']) {
  const r = await yClose(base, doc, tokens.zhangwei!, 1500);
  check(`/y zhangwei on ${doc} refused`, r !== 'still-open' && r.code >= 4400, r);
}

// /sync: lina asks for zhangwei's doc with Sync step 1
function step1(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder();
  syncProtocol.writeSyncStep1(e, doc);
  return encoding.toUint8Array(e);
}
const lina = clients.lina!;
lina.send({ type: 'sync', docId: zwDoc, message: step1(new Y.Doc()) });
await sleep(700);
const linaOnZw = lina.frames().filter((f) => f.docId === zwDoc);
check('/sync lina step1 on zhangwei doc → only Revoke', linaOnZw.length > 0 && linaOnZw.every((f) => f.type === 'revoke'), linaOnZw.map((f) => f.type));
// lina asks for a doc that does not exist, then the coordinator creates it assigned to zhangwei
lina.send({ type: 'sync', docId: 'ent-qa5ghost', message: step1(new Y.Doc()) });
await sleep(400);
{
  const d = new Y.Doc();
  d.transact(() => {
    d.getMap('profile').set('name', 'QA5幽灵企业有限公司');
    d.getMap('profile').set('createdAt', Date.now());
    assignEnterprise(d, { teamId: 't-equip', responsibleId: 'u-zhangwei' }, 'u-liuyang');
  });
  const r = await coord.push('ent-qa5ghost', ref++, Y.encodeStateAsUpdate(d));
  check('coordinator creates ent-qa5ghost for zhangwei', 'type' in r && r.type === 'ack', r);
  await sleep(700);
  // the empty step 1/step 2 of the subscription are expected; content would come as feed or a later sync (see ghost.ts)
  const seen = lina.frames().filter((f) => f.docId === 'ent-qa5ghost').map((f) => f.type);
  check('lina (who asked for it before it existed) gets no feed of ent-qa5ghost and a Revoke', !seen.includes('feed') && seen.includes('revoke'), seen);
  await zw.until(() => zw.feeds('ent-qa5ghost').length > 0, 'zhangwei gets the new file').then(
    () => check('zhangwei gets the new file live', true),
    () => check('zhangwei gets the new file live', false),
  );
}

// ---------- 2. write attacks ----------
const refusals: { who: string; docId: string; what: string; reason: string }[] = [];
async function attempt(who: string, c: RawSync, docId: string, what: string, update: Uint8Array, want: string | RegExp) {
  const r = await c.push(docId, ref++, update);
  const reason = 'closed' in r ? `closed ${r.closed.code} ${r.closed.reason}` : r.type === 'refuse' ? r.reason : r.type;
  const ok = typeof want === 'string' ? reason === want : want.test(reason);
  check(`${what} (${who}) → ${want}`, ok, reason);
  if ('type' in r && r.type === 'refuse') refusals.push({ who, docId, what, reason });
  return reason;
}

// a. commissioner reassigns his own file to lina, with a proper history record
{
  const d = zw.doc(zwDoc);
  const u = capture(d, () => assignEnterprise(d, { teamId: 't-equip', responsibleId: 'u-lina', reason: 'qa' }, 'u-zhangwei'));
  await attempt('zhangwei', zw, zwDoc, 'commissioner reassigns own file', u, 'forbidden-assignment');
  const d2 = zw.doc(zwDoc);
  const u2 = capture(d2, () => d2.getMap('assignment').set('assignedBy', 'u-wangqiang'));
  await attempt('zhangwei', zw, zwDoc, 'commissioner rewrites assignedBy only', u2, /refuse|forbidden|schema|history/);
  const d3 = zw.doc(zwDoc);
  const u3 = capture(d3, () => d3.getMap('assignment').set('assignedAt', 1));
  await attempt('zhangwei', zw, zwDoc, 'commissioner rewrites assignedAt only', u3, /forbidden|schema|history/);
  const d4 = zw.doc(zwDoc);
  const u4 = capture(d4, () => d4.getText('strategy').insert(0, '张伟自己写的策略'));
  await attempt('zhangwei', zw, zwDoc, 'commissioner writes the strategy', u4, 'forbidden-assignment');
  const d5 = zw.doc(zwDoc);
  const u5 = capture(d5, () => d5.getMap('assignment').set('extra', 'x'));
  await attempt('zhangwei', zw, zwDoc, 'commissioner adds an assignment key', u5, /forbidden|schema/);
}
// b. team lead assigns outside the team
const wq = clients.wangqiang!;
{
  const d = wq.doc(unassignedEquip);
  const u = capture(d, () => assignEnterprise(d, { teamId: 't-equip', responsibleId: 'u-sunlei' }, 'u-wangqiang'));
  await attempt('wangqiang', wq, unassignedEquip, 'lead assigns to a commissioner of another team', u, 'forbidden-assignment');
  const d2 = wq.doc(unassignedEquip);
  const u2 = capture(d2, () => assignEnterprise(d2, { teamId: 't-equip', responsibleId: 'u-liuyang' }, 'u-wangqiang'));
  await attempt('wangqiang', wq, unassignedEquip, 'lead assigns to the coordinator', u2, 'forbidden-assignment');
  const d3 = wq.doc(unassignedEquip);
  const u3 = capture(d3, () => assignEnterprise(d3, { teamId: 't-chengguan', responsibleId: 'u-sunlei' }, 'u-wangqiang'));
  await attempt('wangqiang', wq, unassignedEquip, 'lead moves a file to another team', u3, 'forbidden-assignment');
  const d4 = wq.doc(unassignedEquip);
  const u4 = capture(d4, () => assignEnterprise(d4, { teamId: 't-equip', responsibleId: 'u-zhangwei' }, 'u-chenjing'));
  await attempt('wangqiang', wq, unassignedEquip, 'lead records someone else as the assigner', u4, /forbidden|schema/);
  const d5 = wq.doc(unassignedEquip);
  const u5 = capture(d5, () => assignEnterprise(d5, { teamId: 't-equip', responsibleId: 'u-wangqiang' }, 'u-wangqiang'));
  await attempt('wangqiang', wq, unassignedEquip, 'lead assigns to himself (not a commissioner)', u5, /forbidden-assignment|ack/);
}
// c. deleting the name; blanking it; deleting createdAt; deleting every profile field but the name
{
  const d = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'delete the name', capture(d, () => d.getMap('profile').delete('name')), 'wipe-refused');
  const d2 = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'name set to spaces', capture(d2, () => d2.getMap('profile').set('name', ' \u3000 ')), 'wipe-refused');
  const d3 = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'delete createdAt', capture(d3, () => d3.getMap('profile').delete('createdAt')), 'history-rewrite');
  const d4 = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'name set to a number', capture(d4, () => d4.getMap('profile').set('name', 42)), /schema|wipe/);
}
// d. truncating assignmentHistory (commissioner and coordinator)
{
  const d = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'truncate assignmentHistory', capture(d, () => d.getArray('assignmentHistory').delete(0, 1)), 'history-rewrite');
  const d2 = coord.doc(zwDoc);
  await attempt('liuyang', coord, zwDoc, 'coordinator truncates assignmentHistory', capture(d2, () => d2.getArray('assignmentHistory').delete(0, 1)), 'history-rewrite');
  const d3 = wq.doc(unassignedEquip);
  await attempt('wangqiang', wq, unassignedEquip, 'lead appends a history record without assignment change', capture(d3, () => d3.getArray('assignmentHistory').push([{ at: 1, by: 'u-wangqiang', teamId: 't-equip', responsibleId: 'u-lina', previousTeamId: '', previousResponsibleId: '', reason: 'fake' }])), /schema|history/);
  const d4 = coord.doc(zwDoc);
  await attempt('liuyang', coord, zwDoc, 'coordinator wipes the whole doc (delete every root content)', capture(d4, () => {
    for (const k of ['profile', 'assignment']) for (const key of [...d4.getMap(k).keys()]) d4.getMap(k).delete(key);
    d4.getText('note').delete(0, d4.getText('note').length);
  }), /wipe|history|schema/);
}
// e. new root type; f. nested Y.Map as a profile value; Y.Text value; type confusion on a root
{
  const d = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'a new root type', capture(d, () => d.getMap('evil').set('x', 1)), 'schema-violation');
  const d2 = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'profile value a nested Y.Map', capture(d2, () => d2.getMap('profile').set('town', new Y.Map())), 'schema-violation');
  const d3 = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'profile value a JSON object', capture(d3, () => d3.getMap('profile').set('town', { a: 1 } as unknown as string)), 'schema-violation');
  const d4 = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'profile value a Uint8Array', capture(d4, () => d4.getMap('profile').set('town', new Uint8Array(3) as unknown as string)), 'schema-violation');
  // 'note' is a Y.Text; write map entries into it as if it were a Y.Map
  const d5 = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'note root used as a map (type confusion)', capture(d5, () => {
    d5.getMap('note' as string).set('x', 'y');
  }), /schema|ack/);
  // tags is an array? push a nested map into tags
  const d6 = zw.doc(zwDoc);
  await attempt('zhangwei', zw, zwDoc, 'a nested Y.Map pushed into the assignmentHistory', capture(d6, () => d6.getArray('assignmentHistory').push([new Y.Map()])), /schema|history/);
}
// g. an update on a base the relay never saw (missing dependency)
{
  const d = zw.doc(zwDoc);
  capture(d, () => d.getText('note').insert(0, 'never sent '));
  const u = capture(d, () => d.getText('note').insert(0, 'depends on the unsent change '));
  await attempt('zhangwei', zw, zwDoc, 'update on a change never sent', u, 'missing-dependency');
  const other = new Y.Doc();
  other.getText('note').insert(0, 'from another doc');
  const u2 = capture(other, () => other.getText('note').insert(0, 'x'));
  await attempt('zhangwei', zw, zwDoc, 'update built on a foreign doc', u2, 'missing-dependency');
  await attempt('zhangwei', zw, zwDoc, 'garbage bytes as update', new Uint8Array([1, 2, 3, 4, 5, 250, 250]), /invalid-update|closed/);
  await attempt('zhangwei', zw, zwDoc, 'empty update', new Uint8Array([0, 0]), /ack|invalid/);
}
// i. doc ids of another kind; handler writes
await attempt('liuyang', coord, 'dem-x', 'push to dem-x (empty update)', capture(new Y.Doc(), () => {}), /schema|forbidden|invalid|bad|closed/);
{
  const d = new Y.Doc();
  const u = capture(d, () => d.getMap('profile').set('name', 'x'));
  await attempt('liuyang', coord, 'zzz-1', 'push to zzz-1', u, /schema|forbidden|invalid|bad|closed/);
  await attempt('liuyang', coord, 'dem-x', 'push to dem-x (content)', u, /schema|forbidden|invalid|bad|closed/);
  const h = clients.zhaomin!;
  const d2 = coord.doc(zwDoc);
  await attempt('zhaomin', h, zwDoc, 'handler writes a file', capture(d2, () => d2.getText('note').insert(0, 'handler')), 'forbidden');
  const d3 = new Y.Doc();
  const u3 = capture(d3, () => {
    d3.getMap('profile').set('name', '承办部门新建企业');
    d3.getMap('profile').set('createdAt', Date.now());
  });
  await attempt('zhaomin', h, 'ent-qa5handler', 'handler creates a file', u3, 'forbidden');
}
// commissioner creates a file: for himself (ok), for lina (refused), unassigned (?)
{
  const mk = (resp: string, team: string, by = 'u-zhangwei') => {
    const d = new Y.Doc();
    return capture(d, () => {
      d.getMap('profile').set('name', `QA5新建${resp || '无人'}`);
      d.getMap('profile').set('createdAt', Date.now());
      if (resp || team) assignEnterprise(d, { teamId: team, responsibleId: resp }, by);
    });
  };
  await attempt('zhangwei', zw, 'ent-qa5own', 'commissioner creates his own file', mk('u-zhangwei', 't-equip'), 'ack');
  await attempt('zhangwei', zw, 'ent-qa5forlina', 'commissioner creates a file for lina', mk('u-lina', 't-equip'), 'forbidden-assignment');
  await attempt('zhangwei', zw, 'ent-qa5otherteam', 'commissioner creates a file in another team', mk('u-zhangwei', 't-chengguan'), 'forbidden-assignment');
  const unassigned = await attempt('zhangwei', zw, 'ent-qa5noone', 'commissioner creates an unassigned file', mk('', ''), /forbidden|schema|ack/);
  if (unassigned === 'ack') check('commissioner-created unassigned file: he cannot read it back (orphan nobody but coordinator sees)', false, 'accepted');
  // overwrite an existing doc he cannot read by pretending to create it
  await attempt('zhangwei', zw, linaDoc, 'commissioner "creates" lina\'s existing doc', mk('u-zhangwei', 't-equip'), 'forbidden');
  await attempt('zhangwei', zw, sunleiDoc, 'commissioner "creates" sunlei\'s existing doc', mk('u-zhangwei', 't-equip'), 'forbidden');
}
// h. huge update (default MAX_PAYLOAD 8 MiB) on a fresh socket so the others stay
{
  const big = await RawSync.open(base, tokens.zhangwei, 'qa5-big');
  await big.caughtUp();
  const d = big.doc(zwDoc);
  const u = capture(d, () => d.getText('note').insert(0, 'x'.repeat(9 * 1024 * 1024)));
  const r = await big.push(zwDoc, 1, u, 20_000);
  check('9 MiB update closes 1009', 'closed' in r && r.closed.code === 1009, 'closed' in r ? r.closed : r);
  const big2 = await RawSync.open(base, tokens.zhangwei, 'qa5-big2');
  await big2.caughtUp();
  const d2 = big2.doc(zwDoc);
  const u2 = capture(d2, () => d2.getText('note').insert(0, '大'.repeat(2 * 1024 * 1024)));
  const r2 = await big2.push(zwDoc, 1, u2, 20_000);
  check('6 MiB note accepted? (no per-doc size limit)', true, 'closed' in r2 ? r2.closed : r2.type === 'refuse' ? r2.reason : r2.type);
  big2.close();
}

// relay still up, others unaffected
{
  const d = zw.doc(zwDoc);
  const r = await zw.push(zwDoc, ref++, capture(d, () => d.getText('note').insert(0, 'ok ')));
  check('zhangwei clean write still accepted after all attacks', 'type' in r && r.type === 'ack', r);
  check('watcher sockets still open', Object.values(clients).every((c) => c.closeInfo === null), Object.entries(clients).filter(([, c]) => c.closeInfo).map(([u, c]) => [u, c.closeInfo]));
}

// audit: every refusal appears
await sleep(500);
const audit = await auditSince(startAudit);
const refusedAudit = audit.filter((e) => e.action === 'update-refused');
for (const r of refusals) {
  const hit = refusedAudit.find((e) => e.docId === r.docId && e.actor === `u-${r.who}` && (e.detail as { reason?: string }).reason === r.reason);
  check(`audited: ${r.what}`, !!hit, hit ? `#${hit.id}` : `no update-refused for ${r.who} ${r.docId} ${r.reason}`);
}
const counted = refusedAudit.length;
check('audit refusal count ≥ refusals seen', counted >= refusals.length, { audit: counted, seen: refusals.length });
console.log('audit actions since start:', JSON.stringify(countBy(audit.map((e) => e.action))));

// ---------- 3. awareness spoofing ----------
{
  const spoofDoc = new Y.Doc();
  const spoofer = new WebsocketProvider(`${base}/y`, zwDoc, spoofDoc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, params: { token: tokens.zhangwei! } });
  const observer = new WebsocketProvider(`${base}/y`, zwDoc, new Y.Doc(), { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, params: { token: tokens.liuyang! } });
  await zw.until(() => spoofer.synced && observer.synced, '/y providers synced');
  spoofer.awareness.setLocalState({ user: { name: '刘洋' } });
  const seen = await zw.until(() => observer.awareness.getStates().get(spoofDoc.clientID) as { user?: { name?: string } } | undefined, 'spoofed presence').catch(() => undefined);
  check('/y spoof {name:刘洋} seen as 张伟', seen?.user?.name === '张伟', seen);
  // spoof another clientID: claim the observer's own clientID
  const fake = new Awareness(new Y.Doc());
  fake.doc.clientID = observer.doc.clientID;
  fake.setLocalState({ user: { id: 'u-liuyang', name: '刘洋', role: 'coordinator' } });
  const sraw = await RawSync.open(base, tokens.zhangwei, 'qa5-aw');
  await sraw.caughtUp();
  sraw.send({ type: 'sync', docId: zwDoc, message: step1(new Y.Doc()) });
  await sleep(300);
  const aw = new Awareness(new Y.Doc());
  aw.setLocalState({ user: { name: '刘洋' }, extra: 'x' });
  sraw.send({ type: 'awareness', docId: zwDoc, update: encodeAwarenessUpdate(aw, [aw.clientID]) });
  const seen2 = await zw.until(() => observer.awareness.getStates().get(aw.clientID) as { user?: { name?: string } } | undefined, '/sync presence').catch(() => undefined);
  check('/sync spoof {name:刘洋} seen as 张伟', seen2?.user?.name === '张伟', seen2);
  sraw.send({ type: 'awareness', docId: zwDoc, update: encodeAwarenessUpdate(fake, [fake.clientID]) });
  await sleep(700);
  const obsSelf = observer.awareness.getStates().get(observer.doc.clientID) as { user?: { name?: string } } | undefined;
  const otherView = spoofer.awareness.getStates().get(observer.doc.clientID) as { user?: { name?: string } } | undefined;
  check('/sync awareness for another client\'s clientID does not impersonate it', otherView?.user?.name !== '刘洋' || otherView === undefined, { spooferSees: otherView, observerSelf: obsSelf });
  // awareness on a doc lina may not read: must not reach the observer
  const lr = await RawSync.open(base, tokens.lina, 'qa5-aw-lina');
  await lr.caughtUp();
  const aw3 = new Awareness(new Y.Doc());
  aw3.setLocalState({ user: { name: '李娜偷看' } });
  lr.send({ type: 'awareness', docId: zwDoc, update: encodeAwarenessUpdate(aw3, [aw3.clientID]) });
  await sleep(700);
  check('awareness on a doc one may not read is dropped', !observer.awareness.getStates().has(aw3.clientID), observer.awareness.getStates().get(aw3.clientID));
  spoofer.destroy();
  observer.destroy();
  sraw.close();
  lr.close();
}

for (const c of Object.values(clients)) c.close();
summary();
process.exit(0);

async function lastAuditId(): Promise<number> {
  const r = await api(http, tokens.admin!, 'GET', '/api/audit?limit=1');
  return ((r.json as { entries: AuditEntry[] }).entries[0]?.id) ?? 0;
}
async function auditSince(id: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let before: number | null = null;
  for (;;) {
    const r = await api(http, tokens.admin!, 'GET', `/api/audit?limit=500${before ? `&before=${before}` : ''}`);
    const page = r.json as { entries: AuditEntry[]; nextBefore: number | null };
    for (const e of page.entries) if (e.id > id) out.push(e);
    if (!page.nextBefore || page.entries.some((e) => e.id <= id)) break;
    before = page.nextBefore;
  }
  return out;
}
function countBy(xs: string[]) {
  const m: Record<string, number> = {};
  for (const x of xs) m[x] = (m[x] ?? 0) + 1;
  return m;
}
