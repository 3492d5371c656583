import type { Org } from '@bangqi/shared';
import { principalFor } from '@bangqi/shared';
import { describe, expect, it } from 'vitest';
import type { Persistence } from '../persistence/types.ts';
import { AccessIndex, accessKeyOfRow, canReadDoc, readerChangesForDoc, readerChangesForOrg, storedKeyOfRow } from './access-index.ts';

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

  it('a doc that does not exist yet is readable (empty), an id of no known kind by nobody', () => {
    const a = principalFor(org, 'a')!;
    expect(canReadDoc(a, 'ent-new', null)).toBe(true);
    expect(canReadDoc(a, 'dem-new', null)).toBe(true);
    expect(canReadDoc(a, 'ent-x', { teamId: 't1', responsibleId: 'b' })).toBe(false);
    expect(canReadDoc(principalFor(org, 'coord')!, 'xx-1', null)).toBe(false);
  });

  it('the index pages through every stored row and keeps the docs of every known kind', async () => {
    const demand = JSON.stringify({ id: 'd', enterpriseId: 'ent-1', departments: ['人社局'], createdBy: 'a' });
    const changes = Array.from({ length: 2500 }, (_, i) =>
      i % 10 === 5 ? { docId: `dem-${i}`, seq: i + 1, row: demand } : { docId: i % 10 === 0 ? `xx-${i}` : `ent-${i}`, seq: i + 1, row: row('t1', `u${i}`) },
    );
    const store = {
      changesSince: async (seq: number, limit: number) => changes.filter((c) => c.seq > seq).slice(0, limit),
    } as unknown as Persistence;
    const index = new AccessIndex();
    await index.load(store);
    expect(index.size).toBe(2250);
    expect(index.get('ent-2499')).toEqual({ key: { teamId: 't1', responsibleId: 'u2499' }, seq: 2500, row: row('t1', 'u2499') });
    expect(index.get('xx-0')).toBeUndefined();
    expect(index.demandsOfEnterprise('ent-1')).toHaveLength(250);
    expect(index.keyOf('dem-5')).toEqual({ enterprise: { teamId: 't1', responsibleId: 'u1' }, departments: ['人社局'], createdBy: 'a' });
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

describe('demands, common issues, settings', () => {
  const withHandlers: Org = {
    ...org,
    users: [...org.users.map((u) => (u.id === 'h' ? { ...u, department: '人社局' } : u)), { ...user('h2', 'handler', []), department: '发改局' }],
  };
  const demandRow = (enterpriseId: string, departments: string[], createdBy = 'coord') =>
    JSON.stringify({ id: 'dem-1', enterpriseId, departments, createdBy, title: '招工难' });
  const p = (id: string) => principalFor(withHandlers, id)!;
  const active = () => withHandlers.users.filter((u) => !u.disabled);

  function indexWith(rows: [string, string][]): AccessIndex {
    const index = new AccessIndex();
    rows.forEach(([docId, row], i) => index.set(docId, { key: storedKeyOfRow(docId, row)!, seq: i + 1, row }));
    return index;
  }

  it('a demand is read through its enterprise’s current key, its departments and its author', () => {
    const index = indexWith([
      ['ent-a', row('t1', 'a')],
      ['dem-1', demandRow('ent-a', ['人社局'])],
    ]);
    const key = index.keyOf('dem-1');
    expect(key).toEqual({ enterprise: { teamId: 't1', responsibleId: 'a' }, departments: ['人社局'], createdBy: 'coord' });
    const readers = active().filter((u) => canReadDoc(p(u.id), 'dem-1', key)).map((u) => u.id);
    expect(readers).toEqual(['coord', 'lead1', 'a', 'h']);
    expect(index.demandsOfEnterprise('ent-a')).toEqual(['dem-1']);
    // the file moves to b: so do its demands
    index.set('ent-a', { key: { teamId: 't1', responsibleId: 'b' }, seq: 3, row: row('t1', 'b') });
    expect(active().filter((u) => canReadDoc(p(u.id), 'dem-1', index.keyOf('dem-1'))).map((u) => u.id)).toEqual(['coord', 'lead1', 'b', 'h']);
  });

  it('a demand of a file the relay does not have: only the district roles, its departments and its author', () => {
    const index = indexWith([['dem-2', demandRow('ent-missing', ['发改局'], 'a')]]);
    const readers = active().filter((u) => canReadDoc(p(u.id), 'dem-2', index.keyOf('dem-2'))).map((u) => u.id);
    expect(readers).toEqual(['coord', 'a', 'h2']);
  });

  it('a department taken off a demand loses it; one added gains it', () => {
    const before = { enterprise: { teamId: 't1', responsibleId: 'a' }, departments: ['人社局'], createdBy: 'coord' };
    const after = { ...before, departments: ['发改局'] };
    expect(readerChangesForDoc(withHandlers, 'dem-1', before, after, 5)).toEqual([
      { userId: 'h', docId: 'dem-1', seq: 5, readable: false },
      { userId: 'h2', docId: 'dem-1', seq: 5, readable: true },
    ]);
  });

  it('common issues: district roles and handlers of its departments; settings: every active user', () => {
    const index = indexWith([
      ['iss-1', JSON.stringify({ id: 'iss-1', departments: ['人社局'] })],
      ['cfg-district', ''],
    ]);
    expect(active().filter((u) => canReadDoc(p(u.id), 'iss-1', index.keyOf('iss-1'))).map((u) => u.id)).toEqual(['coord', 'h']);
    const everyone = active().map((u) => u.id);
    expect(everyone.filter((id) => canReadDoc(p(id), 'cfg-district', index.keyOf('cfg-district')))).toEqual(everyone);
  });

  it('an org change of a handler’s department revokes its demands and grants the other department’s', () => {
    const index = indexWith([
      ['dem-1', demandRow('ent-a', ['人社局'])],
      ['dem-2', demandRow('ent-a', ['发改局'])],
    ]);
    const after: Org = { ...withHandlers, users: withHandlers.users.map((u) => (u.id === 'h' ? { ...u, department: '发改局' } : u)) };
    expect(readerChangesForOrg(withHandlers, after, index, 11)).toEqual([
      { userId: 'h', docId: 'dem-1', seq: 11, readable: false },
      { userId: 'h', docId: 'dem-2', seq: 11, readable: true },
    ]);
  });
});
