import { readEnterprise, setEnterpriseField } from '@bangqi/shared';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { readSyncMessage, syncMessage } from '../src/sync-session.ts';
import {
  captureUpdate,
  COORDINATOR_TOKEN,
  enterpriseUpdate,
  killAll,
  type SpawnedRelay,
  seededBytes,
  spawnRelay,
  stockProvider,
  SyncClient,
  waitUntil,
  whenSynced,
} from './helpers.ts';

const MAX_PAYLOAD = 64 * 1024;

/** Opens a WebSocket by hand on a raw TCP socket; resolves once the 101 response is read. */
async function rawUpgrade(port: number, path: string): Promise<{ socket: Socket; received: () => Buffer; ended: Promise<void> }> {
  const socket = connect(port, '127.0.0.1');
  let buffer = Buffer.alloc(0);
  const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  socket.on('error', () => {});
  socket.on('data', (chunk: Buffer) => (buffer = Buffer.concat([buffer, chunk])));
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write(
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  await waitUntil(() => buffer.includes('\r\n\r\n'), 'the 101 response');
  const headerEnd = buffer.indexOf('\r\n\r\n') + 4;
  expect(buffer.subarray(0, 12).toString()).toBe('HTTP/1.1 101');
  return { socket, received: () => buffer.subarray(headerEnd), ended };
}

/** A masked client frame with the given first byte (FIN/RSV/opcode). */
function clientFrame(firstByte: number, payload: Buffer): Buffer {
  const mask = Buffer.from([1, 2, 3, 4]);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([firstByte, 0x80 | payload.length]), mask, masked]);
}

describe('a bad client closes only its own socket', () => {
  let relay: SpawnedRelay;
  let bystanderA: ReturnType<typeof stockProvider>;
  let bystanderB: ReturnType<typeof stockProvider>;
  let device: SyncClient;

  beforeAll(async () => {
    relay = await spawnRelay({ MAX_PAYLOAD: String(MAX_PAYLOAD) });
    bystanderA = stockProvider(relay.ws, 'ent-bystander');
    bystanderB = stockProvider(relay.ws, 'ent-bystander');
    await Promise.all([whenSynced(bystanderA), whenSynced(bystanderB)]);
    Y.applyUpdate(bystanderA.doc, enterpriseUpdate('鲁信软件有限公司').update);
    device = await SyncClient.connect(relay.ws);
    await device.caughtUp();
  });
  afterAll(async () => {
    bystanderA.destroy();
    bystanderB.destroy();
    device.close();
    await killAll();
  });

  let edits = 0;
  /** the relay still answers and connected clients still sync */
  async function othersCarryOn(): Promise<void> {
    const health = await relay.health();
    expect(health.ok).toBe(true);
    const town = `镇${++edits}`;
    setEnterpriseField(bystanderA.doc, 'town', town, 'a');
    await waitUntil(() => readEnterprise(bystanderB.doc).town === town, 'the other provider to sync');
    await waitUntil(
      () => device.feeds().some((f) => f.docId === 'ent-bystander' && JSON.parse(f.row).town === town),
      'the /sync device to get the feed',
    );
    expect(bystanderA.wsconnected && bystanderB.wsconnected).toBe(true);
  }

  it('a frame with RSV bits set → 1002 from ws', async () => {
    const raw = await rawUpgrade(relay.port, '/sync');
    raw.socket.write(clientFrame(0x80 | 0x40 | 0x02, Buffer.from([1, 2, 3, 4]))); // FIN + RSV1 + binary
    await raw.ended;
    const reply = raw.received();
    expect(reply[0]).toBe(0x88); // close frame
    expect(reply.readUInt16BE(2)).toBe(1002);
    await othersCarryOn();
    await waitUntil(() => relay.logs.some((l) => l.msg === 'socket error' && /RSV1/i.test(String(l.reason))), 'the warning');
  });

  it('a message over MAX_PAYLOAD → 1009', async () => {
    const client = await SyncClient.connect(relay.ws);
    await client.caughtUp();
    client.ws.send(new Uint8Array(MAX_PAYLOAD + 1));
    expect((await client.closed).code).toBe(1009);
    await othersCarryOn();
  });

  it('random bytes on /sync → 4400, with an error control message first', async () => {
    const client = await SyncClient.connect(relay.ws);
    await client.caughtUp();
    client.ws.send(seededBytes(200, 7));
    const closed = await client.closed;
    expect(closed.code).toBe(4400);
    expect(client.controls().at(-1)).toMatchObject({ t: 'error', reason: 'bad-frame' });
    await othersCarryOn();
    expect(relay.logs.some((l) => l.msg === 'closing socket' && l.code === 4400 && l.endpoint === 'sync')).toBe(true);
  });

  it('random bytes on /y → 4400', async () => {
    const ws = new WebSocket(`${relay.ws}/y/ent-bystander?token=${COORDINATOR_TOKEN}`);
    ws.on('error', () => {});
    await new Promise((resolve) => ws.once('open', resolve));
    const bytes = seededBytes(300, 11);
    bytes[0] = 0x00; // messageSync
    bytes[1] = 0x09; // no such sync step
    ws.send(bytes);
    const code = await new Promise<number>((resolve) => ws.once('close', resolve));
    expect(code).toBe(4400);
    await othersCarryOn();
  });

  it('a malformed awareness update on /y → 4400', async () => {
    const ws = new WebSocket(`${relay.ws}/y/ent-bystander?token=${COORDINATOR_TOKEN}`);
    ws.on('error', () => {});
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(new Uint8Array([1, 5, 0xff, 0xff, 0xff, 0xff, 0xff]));
    expect(await new Promise<number>((resolve) => ws.once('close', resolve))).toBe(4400);
    await othersCarryOn();
  });

  it('protocol violations: no hello → 4408, wrong version → 4426, second hello → 4408, server-only frame → 4400', async () => {
    const noHello = await SyncClient.connect(relay.ws, null);
    noHello.send({ type: 'close', docId: 'ent-x' });
    expect((await noHello.closed).code).toBe(4408);

    const future = await SyncClient.connect(relay.ws, { v: 99 });
    expect((await future.closed).code).toBe(4426);
    expect(future.controls()).toEqual([expect.objectContaining({ t: 'error', reason: 'unsupported-version' })]);

    const twice = await SyncClient.connect(relay.ws);
    await twice.caughtUp();
    twice.sendHello();
    expect((await twice.closed).code).toBe(4408);

    const forger = await SyncClient.connect(relay.ws);
    await forger.caughtUp();
    forger.send({ type: 'ack', docId: 'ent-x', ref: 1, seq: 1 });
    expect((await forger.closed).code).toBe(4400);
    await othersCarryOn();
  });

  it('an invalid update in a Push is refused, the socket stays open', async () => {
    const client = await SyncClient.connect(relay.ws);
    await client.caughtUp();
    client.send({ type: 'push', docId: 'ent-junk', ref: 5, update: seededBytes(64, 3) });
    const refused = await client.waitFor((r) => r.kind === 'frame' && r.frame.type === 'refuse', 'refuse');
    expect(refused).toMatchObject({ frame: { type: 'refuse', docId: 'ent-junk', ref: 5, reason: 'invalid-update' } });
    expect(await client.push('ent-after-junk', 6, enterpriseUpdate('博远科技有限公司').update)).toBeGreaterThan(0);
    client.close();
  });

  it('an invalid doc id on /y → 4400; an unknown upgrade path is dropped', async () => {
    const ws = new WebSocket(`${relay.ws}/y/NOT%20A%20DOC`);
    ws.on('error', () => {});
    expect(await new Promise<number>((resolve) => ws.once('close', resolve))).toBe(4400);

    const stray = new WebSocket(`${relay.ws}/elsewhere`);
    const failed = await new Promise<string>((resolve) => {
      stray.once('error', (err) => resolve(err.message));
      stray.once('open', () => resolve('opened'));
    });
    expect(failed).not.toBe('opened');
    await othersCarryOn();
  });

  it('a /sync Sync update from an open doc is committed and fanned out without an ack; awareness is not echoed', async () => {
    const opener = await SyncClient.connect(relay.ws);
    await opener.caughtUp();
    const mine = new Y.Doc();
    opener.send({ type: 'sync', docId: 'ent-bystander', message: syncMessage(0, Y.encodeStateVector(mine)) });
    const step2 = await opener.waitFor((r) => r.kind === 'frame' && r.frame.type === 'sync', 'step 2');
    const { kind, payload } = readSyncMessage((step2 as { frame: { message: Uint8Array } }).frame.message);
    expect(kind).toBe(1);
    Y.applyUpdate(mine, payload);
    expect(readEnterprise(mine).name).toBe('鲁信软件有限公司');

    const update = captureUpdate(mine, () => setEnterpriseField(mine, 'industry', '生物医药', 'opener'));
    opener.send({ type: 'sync', docId: 'ent-bystander', message: syncMessage(2, update) });
    await waitUntil(() => readEnterprise(bystanderA.doc).industry === '生物医药', 'the /y provider to get it');
    expect(opener.frames().some((f) => f.type === 'ack')).toBe(false);

    const presence = new Awareness(mine);
    presence.setLocalStateField('user', { name: '王五' });
    opener.send({ type: 'awareness', docId: 'ent-bystander', update: encodeAwarenessUpdate(presence, [mine.clientID]) });
    // presence identity comes from the token (the coordinator 刘洋), not from what the client claimed
    await waitUntil(
      () => (bystanderA.awareness.getStates().get(mine.clientID) as { user?: { name: string } } | undefined)?.user?.name === '刘洋',
      'presence on /y',
    );
    // a presence change from a provider does come through, and by then nothing of ours has been echoed
    bystanderB.awareness.setLocalStateField('user', { name: 'B' });
    const mirror = new Awareness(new Y.Doc());
    await waitUntil(() => {
      for (const f of opener.frames()) if (f.type === 'awareness') applyAwarenessUpdate(mirror, f.update, 'relay');
      return mirror.getStates().has(bystanderB.doc.clientID);
    }, 'B’s presence at the opener');
    expect(mirror.getStates().has(mine.clientID)).toBe(false);
    presence.destroy();
    mirror.destroy();
    opener.close();
  });
});

describe('heartbeat', () => {
  afterAll(killAll);
  it('terminates a socket that does not answer pings; answering sockets stay', async () => {
    const relay = await spawnRelay({ HEARTBEAT_MS: '100' });
    const provider = stockProvider(relay.ws, 'ent-heartbeat');
    await whenSynced(provider);
    const raw = await rawUpgrade(relay.port, '/sync'); // a raw TCP peer never answers a ping
    await raw.ended;
    expect(raw.received()[0]).toBe(0x89); // it was pinged first
    expect(provider.wsconnected).toBe(true);
    expect((await relay.health()).clients).toBe(1);
    provider.destroy();
  });
});
