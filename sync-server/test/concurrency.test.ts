/**
 * Several /sync clients and stock y-websocket providers writing the same doc at once, with compaction
 * every 5 updates: everyone converges, Ack and Feed seqs are ordered per socket, healthz agrees, and a
 * client whose lastSeq predates several compactions catches up to the same state.
 */
import { readEnterprise, setEnterpriseTag, type DocFrame } from '@bangqi/shared';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  captureUpdate,
  enterpriseUpdate,
  killAll,
  removeTempDirs,
  spawnRelay,
  stockProvider,
  SyncClient,
  tempDataDir,
  waitUntil,
  whenSynced,
} from './helpers.ts';

afterEach(killAll);
afterAll(removeTempDirs);

type Ack = Extract<DocFrame, { type: 'ack' }>;
type Feed = Extract<DocFrame, { type: 'feed' }>;
const DOC = 'ent-concurrent';
const ROUNDS = 12;

function seqFrames(client: SyncClient): (Ack | Feed)[] {
  return client.frames().filter((f): f is Ack | Feed => f.type === 'ack' || f.type === 'feed');
}

describe('concurrent writers on one doc', () => {
  it('converge across /sync and /y with compaction in the middle; seqs are ordered per socket', async () => {
    const relay = await spawnRelay({ DATA_DIR: tempDataDir(), COMPACT_EVERY: '5' });
    const creator = await SyncClient.connect(relay.ws, { deviceId: 'creator' });
    const welcome = await creator.welcome();
    await creator.caughtUp();
    const { doc: base, update: created } = enterpriseUpdate('协同编辑测试有限公司');
    const createdSeq = await creator.push(DOC, 1, created);

    // A device that saw only the creation, then went away (its lastSeq predates every compaction).
    const stale = Y.encodeStateAsUpdate(base);

    const syncs = await Promise.all(['s1', 's2', 's3'].map((id) => SyncClient.connect(relay.ws, { deviceId: id })));
    await Promise.all(syncs.map((c) => c.caughtUp()));
    const replicas = syncs.map(() => {
      const d = new Y.Doc();
      Y.applyUpdate(d, stale);
      return d;
    });
    const stocks = [stockProvider(relay.ws, DOC), stockProvider(relay.ws, DOC)];
    await Promise.all(stocks.map((p) => whenSynced(p)));

    const expectedTags = new Set<string>();
    const resends = new Map<SyncClient, Set<number>>(syncs.map((c) => [c, new Set()]));
    let ref = 0;
    for (let round = 0; round < ROUNDS; round++) {
      syncs.forEach((client, i) => {
        const tag = `s${i}-r${round}`;
        expectedTags.add(tag);
        const update = captureUpdate(replicas[i]!, () => setEnterpriseTag(replicas[i]!, tag, true, `s${i}`));
        client.send({ type: 'push', docId: DOC, ref: ++ref, update });
        if (round % 4 === 1) {
          // a resend (as after a lost ack): same bytes, a new ref
          resends.get(client)!.add(++ref);
          client.send({ type: 'push', docId: DOC, ref, update });
        }
      });
      stocks.forEach((p, i) => {
        const tag = `y${i}-r${round}`;
        expectedTags.add(tag);
        setEnterpriseTag(p.doc, tag, true, `y${i}`);
      });
    }

    const everyTag = (doc: Y.Doc) => [...expectedTags].every((t) => readEnterprise(doc).tags.includes(t));
    for (const p of stocks) await waitUntil(() => everyTag(p.doc), 'stock provider to see every tag', 20_000);
    // every /sync push is acked (resends too)
    for (const client of syncs) {
      await waitUntil(() => client.frames().filter((f) => f.type === 'ack').length === ROUNDS + resends.get(client)!.size, 'every ack');
    }
    const head = Number((await relay.health()).seq);
    for (const client of syncs) await waitUntil(() => seqFrames(client).some((f) => f.seq === head), `seq ${head} on every socket`);

    const acked = new Set<number>();
    for (const [i, client] of syncs.entries()) {
      const frames = seqFrames(client);
      const acks = frames.filter((f): f is Ack => f.type === 'ack' && !resends.get(client)!.has(f.ref));
      const feeds = frames.filter((f): f is Feed => f.type === 'feed');
      // Acks of stored pushes: increasing and unique across every socket.
      for (let k = 1; k < acks.length; k++) expect(acks[k]!.seq).toBeGreaterThan(acks[k - 1]!.seq);
      for (const a of acks) {
        expect(acked.has(a.seq)).toBe(false);
        acked.add(a.seq);
      }
      for (let k = 1; k < feeds.length; k++) expect(feeds[k]!.seq).toBeGreaterThan(feeds[k - 1]!.seq);
      // Acks and Feed frames together never go back (a client records lastSeq = max of them)
      // (a resend is acked with the doc's current seq: equal to an earlier one, never lower here)
      for (let k = 1; k < frames.length; k++) expect(frames[k]!.seq).toBeGreaterThanOrEqual(frames[k - 1]!.seq);
      expect(Math.max(...frames.map((f) => f.seq))).toBe(head);
      // This client's replica plus what it was fed is the whole doc.
      for (const f of feeds) Y.applyUpdate(replicas[i]!, f.update);
      expect(everyTag(replicas[i]!)).toBe(true);
    }
    expect(relay.logs.some((l) => l.msg === 'doc compacted')).toBe(true);

    // The stale device reconnects from the creation seq: one Feed frame brings it to the same state.
    const late = await SyncClient.connect(relay.ws, { deviceId: 'late', lastSeq: createdSeq, epoch: welcome.epoch });
    const caught = await late.caughtUp();
    expect(caught.seq).toBe(head);
    const lateDoc = new Y.Doc();
    Y.applyUpdate(lateDoc, stale);
    const lateFeeds = late.feeds();
    expect(lateFeeds.map((f) => f.docId)).toEqual([DOC]);
    for (const f of lateFeeds) Y.applyUpdate(lateDoc, f.update);
    expect(everyTag(lateDoc)).toBe(true);
    expect(Y.encodeStateVector(lateDoc)).toEqual(Y.encodeStateVector(stocks[0]!.doc));
    expect(JSON.parse(lateFeeds[0]!.row).tags.length).toBe(expectedTags.size);

    for (const p of stocks) p.destroy();
    for (const c of [creator, late, ...syncs]) c.close();
  });
});
