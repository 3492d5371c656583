/**
 * A file and its first demand created offline reach the relay together (the outbox flushes both) and
 * may be validated in one write batch, before either is committed and indexed: the demand's check must
 * see the file's accepted-but-uncommitted assignment.
 */
import { assignEnterprise, createDemand, createEnterprise, DEMO_TEAMS, DEMO_USERS, type Org, principalFor } from '@bangqi/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openSqlitePersistence } from '../persistence/sqlite.ts';
import type { Persistence } from '../persistence/types.ts';
import { type CommitResult, Rooms } from '../rooms.ts';
import { AccessIndex, enterpriseKeyForWrite, storedKeyOfRow } from './access-index.ts';
import { WriteValidator } from './write-validator.ts';

const org: Org = {
  users: DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })),
  teams: DEMO_TEAMS.map((t) => ({ ...t })),
  version: 1,
};
const zhangwei = principalFor(org, 'u-zhangwei')!;

function offlineFileAndDemand(): { file: Uint8Array; demand: Uint8Array } {
  const file = new Y.Doc();
  file.transact(() => {
    createEnterprise(file, { name: '新建机械有限公司', town: '城关街道', industry: '高端装备制造' }, zhangwei.userId, Date.now());
    assignEnterprise(file, { teamId: 't-equip', responsibleId: zhangwei.userId }, zhangwei.userId, Date.now());
  });
  const demand = new Y.Doc();
  createDemand(demand, {
    enterpriseId: 'ent-new', enterpriseName: '新建机械有限公司', town: '城关街道', visitId: '', title: '用工', description: '',
    category: '人才', urgency: 'simple', contactName: '', contactPhone: '',
  }, zhangwei.userId, Date.now());
  return { file: Y.encodeStateAsUpdate(file), demand: Y.encodeStateAsUpdate(demand) };
}

describe('a file and its demand in one write batch', () => {
  let dir: string;
  let store: Persistence;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bangqi-batch-'));
    store = openSqlitePersistence(dir);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Commits both while the queue is held, so they are validated in one batch. */
  async function both(useLoadedDoc: boolean): Promise<CommitResult[]> {
    const index = new AccessIndex();
    let rooms: Rooms;
    const validator = new WriteValidator(
      () => org,
      (id) => (useLoadedDoc ? enterpriseKeyForWrite(index, id, rooms.peek(id)?.doc) : index.enterpriseKey(id)),
    );
    rooms = new Rooms({
      store, log: pino({ level: 'silent' }), docIdleMs: 60_000, compactEvery: 500, validator,
      onCommit: ({ room, seq, row }) => void index.set(room.docId, { key: storedKeyOfRow(room.docId, row)!, seq, row }),
    });
    let release!: () => void;
    const held = rooms.exclusive(() => new Promise<void>((resolve) => (release = resolve)));
    const { file, demand } = offlineFileAndDemand();
    const results = Promise.all([
      rooms.commit('ent-new', file, { source: null, principal: zhangwei }),
      rooms.commit('dem-new', demand, { source: null, principal: zhangwei }),
    ]);
    release();
    await held;
    const out = await results;
    await rooms.close();
    return out;
  }

  it('the demand is judged on the file as the batch left it', async () => {
    expect(await both(true)).toEqual([
      { ok: true, seq: 1, stored: true },
      { ok: true, seq: 2, stored: true },
    ]);
  });

  it('(the committed index alone does not know the file yet)', async () => {
    const [file, demand] = await both(false);
    expect(file).toMatchObject({ ok: true });
    expect(demand).toMatchObject({ ok: false, reason: 'forbidden' });
  });
});
