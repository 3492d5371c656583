/**
 * QA5: a user subscribes (/sync Sync step 1, or /y) to a doc id that does not exist yet; the coordinator
 * then creates it in someone else's portfolio. Does the early subscriber receive its content?
 * Usage: QA_PORT=18745 npx tsx test/qa/ghost.ts
 */
import { assignEnterprise, readEnterprise } from '@bangqi/shared';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { check, login, RawSync, sleep, summary } from './lib.ts';

const port = Number(process.env.QA_PORT ?? 18745);
const base = `ws://127.0.0.1:${port}`;
const http = `http://127.0.0.1:${port}`;
const tok = async (u: string) => (await login(http, u, process.env.QA_PASSWORD ?? 'bangqi2026')).body.accessToken;
const [lina, coordTok] = [await tok('lina'), await tok('liuyang')];
const id = `ent-ghost${Date.now()}`;

const raw = await RawSync.open(base, lina, 'qa5-ghost-lina');
await raw.caughtUp();
const e = encoding.createEncoder();
syncProtocol.writeSyncStep1(e, new Y.Doc());
raw.send({ type: 'sync', docId: id, message: encoding.toUint8Array(e) });
const yDoc = new Y.Doc();
const yp = new WebsocketProvider(`${base}/y`, id, yDoc, { WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket, disableBc: true, params: { token: lina } });
await sleep(800);

const coord = await RawSync.open(base, coordTok, 'qa5-ghost-coord');
await coord.caughtUp();
const d = new Y.Doc();
d.transact(() => {
  d.getMap('profile').set('name', '机密企业有限公司');
  d.getMap('profile').set('createdAt', Date.now());
  d.getText('note').insert(0, '仅张伟可见的备注');
  assignEnterprise(d, { teamId: 't-equip', responsibleId: 'u-zhangwei' }, 'u-liuyang');
});
const r = await coord.push(id, 1, Y.encodeStateAsUpdate(d));
console.log('create', r);
await sleep(1500);

const rawDoc = new Y.Doc();
for (const f of raw.frames()) {
  if (f.docId !== id) continue;
  console.log('lina /sync got', f.type, f.type === 'sync' ? f.message.byteLength : '', f.type === 'revoke' ? f.reason : '');
  if (f.type === 'sync') {
    const dec = (await import('lib0/decoding')).createDecoder(f.message);
    syncProtocol.readSyncMessage(dec, encoding.createEncoder(), rawDoc, null);
  }
}
check('/sync: lina did not receive the name of a file created for zhangwei', readEnterprise(rawDoc).name === '', readEnterprise(rawDoc).name);
check('/y: lina did not receive the name of a file created for zhangwei', readEnterprise(yDoc).name === '', { name: readEnterprise(yDoc).name, note: yDoc.getText('note').toString(), wsOpen: yp.wsconnected });
yp.destroy();
raw.close();
coord.close();
summary();
process.exit(0);
