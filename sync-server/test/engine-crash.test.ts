/**
 * The app's SyncEngine (web/src/sync, MemorySyncStorage, `ws`) pushing a long outbox while the relay is
 * killed with SIGKILL: after the relay restarts on the same port the engine reconnects by itself, the
 * outbox drains, every entry is stored exactly once (resends of committed-but-unacked entries are no-ops)
 * and nothing that was acked before the crash is missing.
 */
import { readEnterprise, setEnterpriseTag } from '@bangqi/shared';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { SyncEngine } from '../../web/src/sync/engine.ts';
import { MemorySyncStorage } from '../../web/src/sync/memoryStorage.ts';
import type { SocketLike } from '../../web/src/sync/types.ts';
import { captureUpdate, COORDINATOR_TOKEN, docFromFeeds, enterpriseUpdate, killAll, removeTempDirs, spawnRelay, SyncClient, tempDataDir, waitUntil } from './helpers.ts';

afterEach(killAll);
afterAll(removeTempDirs);

const DOCS = 20;
const TAGS_PER_DOC = 29;

describe('relay killed while the engine drains a long outbox', () => {
  it('reconnects on its own and every entry ends up stored exactly once', async () => {
    const DATA_DIR = tempDataDir();
    const first = await spawnRelay({ DATA_DIR });
    const storage = new MemorySyncStorage();
    const expected = new Map<string, Y.Doc>();
    for (let d = 0; d < DOCS; d++) {
      const docId = `ent-crash${String(d).padStart(2, '0')}`;
      const { doc, update } = enterpriseUpdate(`崩溃测试企业${d}有限公司`);
      storage.addLocal(docId, update);
      expected.set(docId, doc);
    }
    // interleaved across docs, the way edits on a day of visits land in the outbox
    for (let t = 0; t < TAGS_PER_DOC; t++) {
      for (const [docId, doc] of expected) storage.addLocal(docId, captureUpdate(doc, () => setEnterpriseTag(doc, `标签${t}`, true, 'u')));
    }
    const total = storage.outbox.size;
    const acked = new Map<number, number>();
    const ack = storage.ack.bind(storage);
    storage.ack = async (ref, seq) => {
      acked.set(ref, seq);
      return ack(ref, seq);
    };

    const engine = new SyncEngine({
      url: `${first.ws}/sync`,
      storage,
      socket: (url) => new WebSocket(url) as unknown as SocketLike,
      deviceId: 'crash-device',
      token: () => COORDINATOR_TOKEN,
      pushWindow: 8,
      backoffBaseMs: 50,
      backoffMaxMs: 400,
    });
    await engine.start();
    await waitUntil(() => acked.size >= 40, 'the first acks');
    await first.stop('SIGKILL');
    const ackedBeforeCrash = acked.size;
    expect(ackedBeforeCrash).toBeLessThan(total);
    await waitUntil(() => engine.getStatus().connection !== 'online', 'the engine to notice');

    const second = await spawnRelay({ DATA_DIR, PORT: String(first.port) });
    await waitUntil(() => storage.outbox.size === 0 && engine.getStatus().pending === 0, 'the outbox to drain', 20_000);
    expect(engine.getStatus().connection).toBe('online');
    expect(acked.size).toBe(total);
    // every entry changed something: each was stored once, resends were no-ops
    expect((await second.health()).seq).toBe(total);

    const fresh = await SyncClient.connect(second.ws, { deviceId: 'checker' });
    await fresh.caughtUp();
    for (const [docId, doc] of expected) {
      const got = docFromFeeds(fresh, docId);
      expect(readEnterprise(got).tags).toHaveLength(TAGS_PER_DOC);
      expect(Y.encodeStateVector(got)).toEqual(Y.encodeStateVector(doc));
    }
    engine.stop();
    fresh.close();
  });
});
