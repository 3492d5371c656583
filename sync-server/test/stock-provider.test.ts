import { readEnterprise, setEnterpriseField } from '@bangqi/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { enterpriseUpdate, killAll, type SpawnedRelay, spawnRelay, stockProvider, SyncClient, waitUntil, whenSynced } from './helpers.ts';

describe('/y/<docId> with the stock y-websocket WebsocketProvider', () => {
  let relay: SpawnedRelay;
  beforeAll(async () => {
    relay = await spawnRelay();
  });
  afterAll(killAll);

  it('two providers converge, and a /sync socket gets the updates as Feed frames with rows', async () => {
    const watcher = await SyncClient.connect(relay.ws);
    await watcher.caughtUp();

    const a = stockProvider(relay.ws, 'ent-stock1');
    const b = stockProvider(relay.ws, 'ent-stock1');
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const { update } = enterpriseUpdate('临河恒泰新材料有限公司');
    Y.applyUpdate(a.doc, update);
    await waitUntil(() => readEnterprise(b.doc).name === '临河恒泰新材料有限公司', 'b to see a’s file');

    setEnterpriseField(b.doc, 'town', '白沙镇', 'b');
    setEnterpriseField(a.doc, 'industry', '新能源', 'a');
    await waitUntil(
      () => readEnterprise(a.doc).town === '白沙镇' && readEnterprise(b.doc).industry === '新能源',
      'both edits on both sides',
    );
    expect(Y.encodeStateVector(a.doc)).toEqual(Y.encodeStateVector(b.doc));

    const feed = await waitUntil(
      () => watcher.feeds().find((f) => f.docId === 'ent-stock1' && JSON.parse(f.row || '{}').town === '白沙镇' && JSON.parse(f.row).industry === '新能源'),
      'a feed with the merged row',
    );
    expect(feed.seq).toBeGreaterThan(0);
    a.destroy();
    b.destroy();
    watcher.close();
  });

  it('a late provider gets the stored state; awareness reaches others but is never echoed', async () => {
    const a = stockProvider(relay.ws, 'ent-stock2');
    await whenSynced(a);
    Y.applyUpdate(a.doc, enterpriseUpdate('沂蒙食品有限公司').update);
    await waitUntil(async () => ((await relay.health()).seq as number) >= 1, 'the commit');

    const b = stockProvider(relay.ws, 'ent-stock2');
    await whenSynced(b);
    await waitUntil(() => readEnterprise(b.doc).name === '沂蒙食品有限公司', 'late provider content');

    a.awareness.setLocalStateField('user', { name: '张三' });
    // named by a's token (the coordinator), whatever a claimed
    await waitUntil(
      () => (b.awareness.getStates().get(a.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === '刘洋',
      'b to see a’s presence',
    );
    // a /sync socket sees presence only for docs it opened
    const opener = await SyncClient.connect(relay.ws);
    const bystander = await SyncClient.connect(relay.ws);
    await Promise.all([opener.caughtUp(), bystander.caughtUp()]);
    opener.send({ type: 'sync', docId: 'ent-stock2', message: new Uint8Array([0, 1, 0]) });
    await opener.waitFor((r) => r.kind === 'frame' && r.frame.type === 'awareness', 'current presence on open');
    b.awareness.setLocalStateField('user', { name: '李四' });
    await waitUntil(() => opener.frames().filter((f) => f.type === 'awareness').length >= 2, 'presence to the opener');
    expect(bystander.frames().some((f) => f.type === 'awareness')).toBe(false);

    a.destroy();
    b.destroy();
    opener.close();
    bystander.close();
  });
});
