import type { Org } from '@bangqi/shared';
import { principalFor } from '@bangqi/shared';
import { describe, expect, it } from 'vitest';
import type { Persistence } from '../persistence/types.ts';
import { AccessIndex, accessKeyOfRow, canReadDoc, readerChangesForDoc, readerChangesForOrg } from './access-index.ts';

const user = (id: string, role: Org['users'][number]['role'], teamIds: string[], disabled = false) => ({
  id,
  username: id,
  name: id,
  role,
  teamIds,
  department: '',
  disabled,
});

const org: Org = {
  version: 1,
  teams: [
    { id: 't1', name: '一队', kind: 'industry', scope: '新材料', leadId: 'lead1' },
    { id: 't2', name: '二队', kind: 'town', scope: '城关街道', leadId: 'lead2' },
  ],
  users: [
    user('coord', 'coordinator', []),
    user('lead1', 'team-lead', ['t1']),
    user('lead2', 'team-lead', ['t2']),
    user('a', 'commissioner', ['t1']),
    user('b', 'commissioner', ['t1']),
    user('gone', 'commissioner', ['t1'], true),
    user('h', 'handler', []),
  ],
};

const row = (teamId: string, responsibleId: string) => JSON.stringify({ id: 'x', name: 'n', teamId, responsibleId });

describe('access keys', () => {
  it('reads the key from a row; rows from before assignments (or broken ones) are unassigned', () => {
    expect(accessKeyOfRow(row('t1', 'a'))).toEqual({ teamId: 't1', responsibleId: 'a' });
    expect(accessKeyOfRow(JSON.stringify({ id: 'x', name: 'old' }))).toEqual({ teamId: '', responsibleId: '' });
    expect(accessKeyOfRow('{broken')).toEqual({ teamId: '', responsibleId: '' });
    expect(accessKeyOfRow('')).toEqual({ teamId: '', responsibleId: '' });
  });

  it('a doc that does not exist yet is readable (empty), a doc of another kind by nobody', () => {
    const a = principalFor(org, 'a')!;
    expect(canReadDoc(a, 'ent-new', null)).toBe(true);
    expect(canReadDoc(a, 'ent-x', { teamId: 't1', responsibleId: 'b' })).toBe(false);
    expect(canReadDoc(principalFor(org, 'coord')!, 'dem-1', null)).toBe(false);
  });

  it('the index pages through every stored row and keeps only enterprise docs', async () => {
    const changes = Array.from({ length: 2500 }, (_, i) => ({ docId: i % 10 === 0 ? `xx-${i}` : `ent-${i}`, seq: i + 1, row: row('t1', `u${i}`) }));
    const store = {
      changesSince: async (seq: number, limit: number) => changes.filter((c) => c.seq > seq).slice(0, limit),
    } as unknown as Persistence;
    const index = new AccessIndex();
    await index.load(store);
    expect(index.size).toBe(2250);
    expect(index.get('ent-2499')).toEqual({ key: { teamId: 't1', responsibleId: 'u2499' }, seq: 2500, row: row('t1', 'u2499') });
    expect(index.get('xx-0')).toBeUndefined();
  });
});

describe('reader changes', () => {
  it('a reassignment inside the team: the old and new responsible only (lead and coordinator read both)', () => {
    const changes = readerChangesForDoc(org, 'ent-1', { teamId: 't1', responsibleId: 'a' }, { teamId: 't1', responsibleId: 'b' }, 42);
    expect(changes).toEqual([
      { userId: 'a', docId: 'ent-1', seq: 42, readable: false },
      { userId: 'b', docId: 'ent-1', seq: 42, readable: true },
    ]);
  });

  it('a move to another team: the leads swap too; disabled users are not counted', () => {
    const changes = readerChangesForDoc(org, 'ent-1', { teamId: 't1', responsibleId: 'gone' }, { teamId: 't2', responsibleId: '' }, 7);
    expect(changes.map((c) => [c.userId, c.readable])).toEqual([
      ['lead1', false],
      ['lead2', true],
    ]);
  });

  it('an org change: only users whose role, teams or led teams changed, over every indexed doc', async () => {
    const index = new AccessIndex();
    index.set('ent-1', { key: { teamId: 't1', responsibleId: 'a' }, seq: 1, row: '' });
    index.set('ent-2', { key: { teamId: 't2', responsibleId: '' }, seq: 2, row: '' });
    const after: Org = {
      ...org,
      teams: org.teams.map((t) => (t.id === 't2' ? { ...t, leadId: 'lead1' } : t)),
      users: org.users.map((u) => (u.id === 'a' ? { ...u, disabled: true } : u.id === 'b' ? { ...u, name: '改名' } : u)),
    };
    expect(readerChangesForOrg(org, after, index, 9)).toEqual([
      { userId: 'lead1', docId: 'ent-2', seq: 9, readable: true },
      { userId: 'lead2', docId: 'ent-2', seq: 9, readable: false },
      { userId: 'a', docId: 'ent-1', seq: 9, readable: false },
    ]);
  });
});
