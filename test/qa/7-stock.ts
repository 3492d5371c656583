/** qa7: a stock y-websocket client on a NEW empty demand doc (coordinator) — does the relay close it? */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const BASE = process.env.BASE ?? 'http://localhost:8847';
async function token(username: string): Promise<string> {
  const r = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'bangqi2026' }) });
  return ((await r.json()) as { accessToken: string }).accessToken;
}
const docId = `dem-qa7stock${Date.now()}`;
const doc = new Y.Doc();
const closes: number[] = [];
const provider = new WebsocketProvider(`${BASE.replace('http', 'ws')}/y`, docId, doc, {
  WebSocketPolyfill: WebSocket as never, disableBc: true, params: { token: await token(process.argv[2] ?? 'liuyang') },
});
provider.on('connection-close', (e: CloseEvent | null) => { if (e) closes.push(e.code); });
const synced = await new Promise<boolean>((res) => { provider.once('sync', () => res(true)); setTimeout(() => res(false), 5000); });
await new Promise((r) => setTimeout(r, 2000));
console.log(JSON.stringify({ docId, synced, closes, connected: provider.wsconnected }));
provider.destroy();
process.exit(0);
