/**
 * The contract every AccountStore adapter must pass. Call it from the adapter's own test file:
 *   runAccountStoreSuite('sqlite', () => ({ open, cleanup }))
 * where `open()` opens the adapter on the same underlying database each time (reopen, and a second
 * store on one database as a second relay would) and `cleanup()` deletes that database.
 */
import type { AuditEntry, Team } from '@bangqi/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChainSegment } from './audit-chain.ts';
import { AccountConflictError, AccountNotFoundError, type AccountStore, type AuditInput, type StoredUser } from './types.ts';

export interface AccountStoreFactory {
  open(): AccountStore | Promise<AccountStore>;
  cleanup(): void | Promise<void>;
}

const T0 = Date.UTC(2026, 2, 1);

function user(id: string, username: string, extra: Partial<StoredUser> = {}): StoredUser {
  return {
    id,
    username,
    name: `用户${id}`,
    role: 'commissioner',
    teamIds: ['team-a'],
    department: '',
    disabled: false,
    passwordHash: `$argon2id$hash-of-${id}`,
    createdAt: T0,
    updatedAt: T0,
    ...extra,
  };
}
const team = (id: string, name: string, extra: Partial<Team> = {}): Team => ({
  id,
  name,
  kind: 'industry',
  scope: '智能制造',
  leadId: null,
  ...extra,
});
const audit = (i: number, extra: Partial<AuditInput> = {}): AuditInput => ({
  at: T0 + i * 1000,
  actor: `u-${i % 3}`,
  deviceId: `dev-${i}`,
  action: i % 2 ? 'update-accepted' : 'login',
  docId: i % 2 ? `ent-${i % 4}` : '',
  detail: { i },
  ...extra,
});

/** Every stored entry, in id order, read in pages of `page`. */
async function wholeLog(store: AccountStore, page = 7): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  for (;;) {
    const batch = await store.auditRange(all.at(-1)?.id ?? 0, page);
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

export function runAccountStoreSuite(name: string, makeFactory: () => AccountStoreFactory): void {
  describe(`account store contract: ${name}`, () => {
    let factory: AccountStoreFactory;
    let store: AccountStore;
    const extra: AccountStore[] = [];
    beforeEach(async () => {
      factory = makeFactory();
      store = await factory.open();
    });
    afterEach(async () => {
      await Promise.all([store, ...extra.splice(0)].map((s) => s.close()));
      await factory.cleanup();
    });
    const reopen = async () => {
      await store.close();
      store = await factory.open();
    };

    it('starts empty at org version 1', async () => {
      expect(await store.listUsers()).toEqual([]);
      expect(await store.listTeams()).toEqual([]);
      expect(await store.orgVersion()).toBe(1);
      expect(await store.findUserByUsername('nobody')).toBeNull();
      expect(await store.useRefreshToken('00', T0)).toBeNull();
      expect(await store.queryAudit({})).toEqual({ entries: [], nextBefore: null });
      expect(await store.auditRange(0, 10)).toEqual([]);
      expect(await store.accessChangesSince('u-1', 0)).toEqual([]);
    });

    it('creates, finds (case-insensitively) and updates users, in creation order', async () => {
      const zhang = user('u-1', 'Zhang.Wei', { phone: '13800000001', teamIds: ['team-a', 'team-b'] });
      const li = user('u-2', 'li.na', { role: 'handler', department: '人社局', teamIds: [] });
      await store.createUser(zhang);
      await store.createUser(li);
      expect(await store.listUsers()).toEqual([{ ...zhang, username: 'zhang.wei' }, li]);
      expect(await store.findUserByUsername('ZHANG.wei')).toEqual({ ...zhang, username: 'zhang.wei' });
      const found = await store.findUserByUsername('li.na');
      expect(found).toEqual(li);
      expect(found).not.toHaveProperty('phone');

      const changed: StoredUser = { ...li, role: 'team-lead', disabled: true, phone: '13900000002', updatedAt: T0 + 5 };
      await store.updateUser(changed);
      expect(await store.findUserByUsername('li.na')).toEqual(changed);
      await store.updateUser({ ...changed, username: 'Li.Na2', phone: undefined });
      expect(await store.findUserByUsername('li.na')).toBeNull();
      const renamed = await store.findUserByUsername('li.na2');
      expect(renamed?.username).toBe('li.na2');
      expect(renamed).not.toHaveProperty('phone');
    });

    it('refuses a taken username (any case) or id, and updates of unknown users', async () => {
      await store.createUser(user('u-1', 'zhang.wei'));
      await store.createUser(user('u-2', 'li.na'));
      await expect(store.createUser(user('u-3', 'ZHANG.WEI'))).rejects.toBeInstanceOf(AccountConflictError);
      await expect(store.createUser(user('u-1', 'wang.fang'))).rejects.toBeInstanceOf(AccountConflictError);
      await expect(store.updateUser(user('u-2', 'Zhang.Wei'))).rejects.toBeInstanceOf(AccountConflictError);
      await expect(store.updateUser(user('u-9', 'ghost'))).rejects.toBeInstanceOf(AccountNotFoundError);
      expect((await store.listUsers()).map((u) => [u.id, u.username])).toEqual([
        ['u-1', 'zhang.wei'],
        ['u-2', 'li.na'],
      ]);
    });

    it('creates and updates teams; refuses a taken id or name and unknown teams', async () => {
      const a = team('team-a', '智能制造专项服务队');
      const b = team('team-b', '城关街道服务队', { kind: 'town', scope: '城关街道', leadId: 'u-1' });
      await store.createTeam(a);
      await store.createTeam(b);
      expect(await store.listTeams()).toEqual([a, b]);
      await expect(store.createTeam(team('team-a', '别的队'))).rejects.toBeInstanceOf(AccountConflictError);
      await expect(store.createTeam(team('team-c', '城关街道服务队'))).rejects.toBeInstanceOf(AccountConflictError);
      await expect(store.updateTeam({ ...a, name: '城关街道服务队' })).rejects.toBeInstanceOf(AccountConflictError);
      await expect(store.updateTeam(team('team-z', '无'))).rejects.toBeInstanceOf(AccountNotFoundError);
      const led = { ...a, leadId: 'u-2', scope: '高端装备' };
      await store.updateTeam(led);
      await store.updateTeam({ ...b, leadId: null });
      expect(await store.listTeams()).toEqual([led, { ...b, leadId: null }]);
    });

    it('bumps the org version on every user and team write, not on refused ones', async () => {
      const versions = [await store.orgVersion()];
      const step = async (write: () => Promise<void>) => {
        await write();
        versions.push(await store.orgVersion());
      };
      await step(() => store.createUser(user('u-1', 'a')));
      await step(() => store.updateUser(user('u-1', 'a', { name: '改名' })));
      await step(() => store.createTeam(team('team-a', '甲队')));
      await step(() => store.updateTeam(team('team-a', '甲队', { leadId: 'u-1' })));
      expect(versions).toEqual([1, 2, 3, 4, 5]);
      await expect(store.createUser(user('u-2', 'A'))).rejects.toThrow();
      await expect(store.updateTeam(team('team-x', '乙队'))).rejects.toThrow();
      expect(await store.orgVersion()).toBe(5);
    });

    it('marks a refresh token used once, remembers the use, and revokes by family and by user', async () => {
      const rec = (tokenHash: string, userId: string, familyId = tokenHash) => ({ tokenHash, userId, deviceId: `dev-${tokenHash}`, expiresAt: T0 + 9e8, familyId });
      for (const [hash, uid] of [['h1', 'u-1'], ['h2', 'u-1'], ['h3', 'u-1'], ['h4', 'u-2']] as const) {
        await store.saveRefreshToken(rec(hash, uid), T0);
      }
      expect(await store.useRefreshToken('h1', T0 + 5)).toEqual({ record: rec('h1', 'u-1'), usedBefore: null });
      // a second use finds the first one's time, and does not move it
      expect(await store.useRefreshToken('h1', T0 + 9)).toEqual({ record: rec('h1', 'u-1'), usedBefore: T0 + 5 });
      expect(await store.useRefreshToken('h1', T0 + 12)).toEqual({ record: rec('h1', 'u-1'), usedBefore: T0 + 5 });
      await store.revokeRefreshTokens('u-1', 'h3');
      expect(await store.useRefreshToken('h2', T0)).toBeNull();
      expect(await store.useRefreshToken('h3', T0)).toEqual({ record: rec('h3', 'u-1'), usedBefore: null });
      expect(await store.useRefreshToken('h4', T0)).toEqual({ record: rec('h4', 'u-2'), usedBefore: null });
      await store.saveRefreshToken(rec('h5', 'u-2'), T0);
      await store.revokeRefreshTokens('u-2');
      expect(await store.useRefreshToken('h5', T0)).toBeNull();

      // a family: a sign-in's token and the ones rotated from it; other families of the user stay
      await store.saveRefreshToken(rec('f1', 'u-3'), T0);
      await store.useRefreshToken('f1', T0);
      await store.saveRefreshToken(rec('f2', 'u-3', 'f1'), T0);
      await store.saveRefreshToken(rec('g1', 'u-3'), T0);
      await store.revokeRefreshFamily('f1');
      expect(await store.useRefreshToken('f1', T0)).toBeNull();
      expect(await store.useRefreshToken('f2', T0)).toBeNull();
      expect(await store.useRefreshToken('g1', T0)).toEqual({ record: rec('g1', 'u-3'), usedBefore: null });
    });

    it('of two concurrent uses of a refresh token exactly one is the first', async () => {
      await store.saveRefreshToken({ tokenHash: 'c1', userId: 'u-1', deviceId: 'd', expiresAt: T0 + 9e8, familyId: 'c1' }, T0);
      const uses = await Promise.all([store.useRefreshToken('c1', T0 + 1), store.useRefreshToken('c1', T0 + 2), store.useRefreshToken('c1', T0 + 3)]);
      expect(uses.filter((u) => u?.usedBefore === null)).toHaveLength(1);
    });

    it('drops refresh tokens once they expired, used or not, when the next one is saved', async () => {
      const rec = (tokenHash: string, expiresAt: number) => ({ tokenHash, userId: 'u-1', deviceId: 'd', expiresAt, familyId: tokenHash });
      await store.saveRefreshToken(rec('old-used', T0 + 10), T0);
      await store.saveRefreshToken(rec('old', T0 + 10), T0);
      await store.saveRefreshToken(rec('later', T0 + 30), T0);
      await store.useRefreshToken('old-used', T0 + 1);
      await store.saveRefreshToken(rec('new', T0 + 50), T0 + 20);
      expect(await store.useRefreshToken('old-used', T0 + 20)).toBeNull();
      expect(await store.useRefreshToken('old', T0 + 20)).toBeNull();
      expect((await store.useRefreshToken('later', T0 + 20))?.usedBefore).toBeNull();
    });

    it('creates a secret once and keeps it across reopen', async () => {
      let made = 0;
      const create = () => `secret-${++made}`;
      expect(await store.secret('jwt', create)).toBe('secret-1');
      expect(await store.secret('jwt', create)).toBe('secret-1');
      expect(await store.secret('other', create)).toBe('secret-2');
      await reopen();
      expect(await store.secret('jwt', create)).toBe('secret-1');
      expect(made).toBe(2);
    });

    it('numbers and chains audit entries; details read back as written', async () => {
      const detail = { reason: 'forbidden', 处理: '驳回', nested: { bytes: 120, list: [1, 'b', null] }, dropped: undefined };
      await store.appendAudit([audit(1, { detail }), audit(2)]);
      await store.appendAudit([]);
      await store.appendAudit([audit(3, { actor: '', deviceId: '', docId: 'ent-9' })]);
      const log = await wholeLog(store, 2);
      expect(log.map((e) => e.id)).toEqual([1, 2, 3]);
      expect(log[0]).toMatchObject({ ...audit(1), detail: { reason: 'forbidden', 处理: '驳回', nested: detail.nested }, prevHash: '' });
      expect(log[0]!.detail).not.toHaveProperty('dropped');
      expect(log[1]!.prevHash).toBe(log[0]!.hash);
      expect(log[2]).toMatchObject({ actor: '', deviceId: '', docId: 'ent-9', prevHash: log[1]!.hash });
      expect(log.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
      expect(verifyChainSegment(log, null)).toBeNull();
      expect(verifyChainSegment(log.slice(1), log[0]!)).toBeNull();
      expect(await store.auditRange(1, 1)).toEqual([log[1]]);
      expect(await store.auditRange(3, 10)).toEqual([]);
    });

    it('queries the audit log newest first with filters, time range and paging', async () => {
      await store.appendAudit(Array.from({ length: 12 }, (_, i) => audit(i + 1)));
      const ids = (page: { entries: AuditEntry[] }) => page.entries.map((e) => e.id);
      expect(ids(await store.queryAudit({}))).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
      expect(ids(await store.queryAudit({ actor: 'u-1' }))).toEqual([10, 7, 4, 1]);
      expect(ids(await store.queryAudit({ action: 'login' }))).toEqual([12, 10, 8, 6, 4, 2]);
      expect(ids(await store.queryAudit({ docId: 'ent-1' }))).toEqual([9, 5, 1]);
      expect(ids(await store.queryAudit({ from: T0 + 4000, to: T0 + 7000 }))).toEqual([6, 5, 4]);
      expect(ids(await store.queryAudit({ actor: 'u-1', action: 'update-accepted', from: T0 + 2000 }))).toEqual([7]);

      const first = await store.queryAudit({ limit: 5 });
      expect(ids(first)).toEqual([12, 11, 10, 9, 8]);
      expect(first.nextBefore).toBe(8);
      const second = await store.queryAudit({ limit: 5, before: first.nextBefore! });
      expect(ids(second)).toEqual([7, 6, 5, 4, 3]);
      const last = await store.queryAudit({ limit: 5, before: second.nextBefore! });
      expect(ids(last)).toEqual([2, 1]);
      expect(last.nextBefore).toBeNull();
      const exact = await store.queryAudit({ action: 'login', limit: 6 });
      expect(exact.nextBefore).toBeNull();
      expect(ids(await store.queryAudit({ limit: 0 }))).toEqual([12]);
    });

    it('keeps one linear chain under concurrent appends, also from a second store on the same database', async () => {
      const second = await factory.open();
      extra.push(second);
      await Promise.all(
        Array.from({ length: 16 }, (_, i) =>
          (i % 2 ? store : second).appendAudit([audit(i * 2), audit(i * 2 + 1, { detail: { batch: i } })]),
        ),
      );
      const log = await wholeLog(store);
      expect(log.map((e) => e.id)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
      expect(verifyChainSegment(log, null)).toBeNull();
      // each call's entries are consecutive
      for (let i = 0; i < 16; i++) {
        const at = log.findIndex((e) => e.deviceId === `dev-${i * 2}`);
        expect(log[at + 1]!.detail).toEqual({ batch: i });
      }
    });

    it('upserts access changes by user and doc and lists them from a seq', async () => {
      await store.recordAccessChanges([
        { userId: 'u-1', docId: 'ent-a', seq: 5, readable: true },
        { userId: 'u-1', docId: 'ent-b', seq: 7, readable: false },
        { userId: 'u-2', docId: 'ent-a', seq: 7, readable: false },
      ]);
      await store.recordAccessChanges([]);
      await store.recordAccessChanges([
        { userId: 'u-1', docId: 'ent-a', seq: 8, readable: true },
        { userId: 'u-1', docId: 'ent-a', seq: 9, readable: false },
      ]);
      expect(await store.accessChangesSince('u-1', 0)).toEqual([
        { userId: 'u-1', docId: 'ent-b', seq: 7, readable: false },
        { userId: 'u-1', docId: 'ent-a', seq: 9, readable: false },
      ]);
      expect(await store.accessChangesSince('u-1', 9)).toEqual([{ userId: 'u-1', docId: 'ent-a', seq: 9, readable: false }]);
      expect(await store.accessChangesSince('u-1', 10)).toEqual([]);
      expect(await store.accessChangesSince('u-2', 7)).toEqual([{ userId: 'u-2', docId: 'ent-a', seq: 7, readable: false }]);
    });

    it('keeps everything across close and reopen', async () => {
      const u = user('u-1', 'zhang.wei', { phone: '13800000001' });
      await store.createUser(u);
      await store.createTeam(team('team-a', '甲队'));
      await store.saveRefreshToken({ tokenHash: 'h1', userId: 'u-1', deviceId: 'd', expiresAt: T0, familyId: 'f' }, T0);
      await store.useRefreshToken('h1', T0 - 1);
      await store.appendAudit([audit(1), audit(2)]);
      await store.recordAccessChanges([{ userId: 'u-1', docId: 'ent-a', seq: 3, readable: true }]);
      const log = await wholeLog(store);
      await reopen();
      expect(await store.listUsers()).toEqual([u]);
      expect(await store.listTeams()).toEqual([team('team-a', '甲队')]);
      expect(await store.orgVersion()).toBe(3);
      expect(await store.useRefreshToken('h1', T0)).toEqual({ record: { tokenHash: 'h1', userId: 'u-1', deviceId: 'd', expiresAt: T0, familyId: 'f' }, usedBefore: T0 - 1 });
      expect(await wholeLog(store)).toEqual(log);
      expect(await store.accessChangesSince('u-1', 0)).toEqual([{ userId: 'u-1', docId: 'ent-a', seq: 3, readable: true }]);
      await store.appendAudit([audit(3)]);
      const longer = await wholeLog(store);
      expect(longer).toHaveLength(3);
      expect(verifyChainSegment(longer, null)).toBeNull();
    });
  });
}
