/**
 * qa8: stock y-websocket clients against pol-library — a commissioner (zhangwei) and a team lead (wangqiang)
 * add an item and change an existing item's benefit; a coordinator writes another pol-* doc. Then a
 * coordinator's fresh stock client reads pol-library: none of the refused writes may be there.
 * BASE=http://localhost:8840 npx tsx test/qa/8-stock.ts
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

const BASE = process.env.BASE ?? 'http://localhost:8840';
async function token(username: string): Promise<string> {
  const r = await fetch(`${BASE}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'bangqi2026' }) });
  return ((await r.json()) as { accessToken: string }).accessToken;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function open(user: string, docId: string) {
  const doc = new Y.Doc();
  const closes: string[] = [];
  const provider = new WebsocketProvider(`${BASE.replace('http', 'ws')}/y`, docId, doc, {
    WebSocketPolyfill: WebSocket as never, disableBc: true, params: { token: await token(user) },
  });
  provider.on('connection-close', (e: CloseEvent | null) => { if (e) closes.push(`${e.code} ${e.reason}`); });
  const synced = await new Promise<boolean>((res) => { provider.once('sync', () => res(true)); setTimeout(() => res(false), 5000); });
  return { doc, provider, closes, synced };
}

const out: Record<string, unknown> = {};
for (const user of ['zhangwei', 'wangqiang']) {
  const c = await open(user, 'pol-library');
  const items = c.doc.getMap<Y.Map<unknown>>('items');
  const firstCode = [...items.keys()][0]!;
  out[`${user}.read`] = { synced: c.synced, items: items.size };
  c.provider.shouldConnect = false; // stop reconnect loops after the close
  c.doc.transact(() => {
    const m = new Y.Map<unknown>();
    items.set(`QA8-${user}`, m);
    m.set('code', `QA8-${user}`);
    m.set('name', `${user} 伪造事项`);
    items.get(firstCode)?.set('benefit', `${user} 改过`);
  });
  await sleep(2000);
  out[`${user}.write`] = { closes: c.closes };
  c.provider.destroy();
}
{
  const c = await open('liuyang', 'pol-qa8other');
  c.provider.shouldConnect = false;
  c.doc.getMap('items').set('x', 1);
  await sleep(2000);
  out['liuyang.pol-other'] = { synced: c.synced, closes: c.closes };
  c.provider.destroy();
}
{
  const c = await open('liuyang', 'pol-library');
  const items = c.doc.getMap<Y.Map<unknown>>('items');
  await sleep(500);
  const benefits = [...items.values()].map((m) => String(m.get('benefit') ?? ''));
  out['liuyang.check'] = {
    synced: c.synced,
    items: items.size,
    forged: [...items.keys()].filter((k) => k === 'QA8-zhangwei' || k === 'QA8-wangqiang'),
    tampered: benefits.filter((b) => b.includes('改过')).length,
  };
  c.provider.destroy();
}
{
  // a department handler reads the library (answers policy questions) but may not write it
  const c = await open('zhaomin', 'pol-library');
  out['zhaomin.read'] = { synced: c.synced, items: c.doc.getMap('items').size };
  c.provider.destroy();
}
console.log(JSON.stringify(out, null, 1));
process.exit(0);
