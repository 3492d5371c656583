/** qa7: read a demand doc through a stock y-websocket client and print its events and derived status. */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { deriveDemandDetail, readDemandEvents } from '@bangqi/shared';
const BASE = process.env.BASE ?? 'http://localhost:8847';
const r = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'liuyang', password: 'bangqi2026' }) });
const token = ((await r.json()) as { accessToken: string }).accessToken;
const doc = new Y.Doc();
const prov = new WebsocketProvider(`${BASE.replace('http', 'ws')}/y`, process.argv[2]!, doc, { WebSocketPolyfill: WebSocket as never, disableBc: true, params: { token } });
await new Promise<void>((res) => prov.once('sync', () => res()));
const events = readDemandEvents(doc);
for (const e of events) console.log(e.id.slice(0, 8), e.at, e.by, e.type, 'basis', e.basis.slice(0, 8), JSON.stringify({ ...e, id: undefined, at: undefined, by: undefined, basis: undefined, type: undefined }));
const d = deriveDemandDetail(events);
console.log(JSON.stringify({ state: d.status.state, conflicts: d.status.conflicts, reopen: d.status.reopenCount, sat: d.status.satisfaction }, null, 0));
prov.destroy();
process.exit(0);
