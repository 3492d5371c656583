import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import {
  DEMO_TEAMS,
  DEMO_USERS,
  assignEnterprise,
  canReadEnterprise,
  checkEnterpriseWrite,
  createEnterprise,
  principalFor,
  readAssignment,
  readAssignmentHistory,
  snapshotEnterprise,
  type EnterpriseRow,
  type Org,
} from '@bangqi/shared';
import * as Y from 'yjs';
import { DocStore } from '../domain/docStore.ts';
import { AppDb } from '../storage/db.ts';
import { assignTargetTeams, assignmentProblem, creationAssignment, mayCreate, bulkAssign, countBy, filterByAssignment, isReassignment, mayAssign } from './assignment.ts';

const org: Org = {
  users: DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })),
  teams: DEMO_TEAMS.map((t) => ({ ...t })),
  version: 1,
};
const who = (id: string) => principalFor(org, id)!;
const row = (id: string, teamId: string, responsibleId: string): EnterpriseRow => ({
  id, name: id, uscc: '', town: '', industry: '', tags: [], note: '', createdAt: 0, updatedAt: 0, updatedBy: '', teamId, responsibleId, assignedAt: 0,
  formerNames: [], legalRep: '', address: '', park: '', scale: '', employees: null, lat: null, lng: null, licences: [], contactsCount: 0, lastVisitAt: 0, visits: [], plans: [], policies: {}, establishedOn: '',
});

describe('filterByAssignment / countBy', () => {
  const rows = [row('a', 't-equip', 'u-zhangwei'), row('b', 't-equip', ''), row('c', 't-chengguan', 'u-sunlei'), row('d', '', '')];
  it('keeps everyone, the unassigned, one person, one team, or no team', () => {
    expect(filterByAssignment(rows, { responsible: '', team: '' }).length).toBe(4);
    expect(filterByAssignment(rows, { responsible: 'none', team: '' }).map((r) => r.id)).toEqual(['b', 'd']);
    expect(filterByAssignment(rows, { responsible: 'u-zhangwei', team: '' }).map((r) => r.id)).toEqual(['a']);
    expect(filterByAssignment(rows, { responsible: 'none', team: 't-equip' }).map((r) => r.id)).toEqual(['b']);
    expect(filterByAssignment(rows, { responsible: '', team: 'none' }).map((r) => r.id)).toEqual(['d']);
  });
  it('counts rows per responsible person, unassigned under ""', () => {
    const counts = countBy(rows, 'responsibleId');
    expect(counts.get('')).toBe(2);
    expect(counts.get('u-sunlei')).toBe(1);
  });
});

describe('who may assign what (the relay rules, seen from the UI)', () => {
  it('a team lead assigns in the teams they lead only; coordinators everywhere; commissioners nowhere', () => {
    expect(mayAssign(who('u-wangqiang'), 't-equip')).toBe(true);
    expect(mayAssign(who('u-wangqiang'), 't-chengguan')).toBe(false);
    expect(mayAssign(who('u-wangqiang'), '')).toBe(true);
    expect(mayAssign(who('u-liuyang'), 't-chengguan')).toBe(true);
    expect(mayAssign(who('u-zhangwei'), 't-equip')).toBe(false);
    expect(mayAssign(null, 't-equip')).toBe(false);
    expect(assignTargetTeams(org, who('u-wangqiang')).map((t) => t.id)).toEqual(['t-equip']);
    expect(assignTargetTeams(org, who('u-liuyang')).map((t) => t.id)).toEqual(['t-equip', 't-chengguan']);
  });

  it('requires a reason to take a file from someone, and refuses people outside the team', () => {
    const lead = who('u-wangqiang');
    const unassigned = { teamId: 't-equip', responsibleId: '' };
    const zhang = { teamId: 't-equip', responsibleId: 'u-zhangwei' };
    expect(isReassignment(unassigned, zhang)).toBe(false);
    expect(isReassignment(zhang, { teamId: 't-equip', responsibleId: 'u-lina' })).toBe(true);
    expect(assignmentProblem(lead, org, [unassigned], { ...zhang, reason: '' })).toBeNull();
    expect(assignmentProblem(lead, org, [zhang], { teamId: 't-equip', responsibleId: 'u-lina', reason: ' ' })).toBe('reason-required');
    expect(assignmentProblem(lead, org, [zhang], { teamId: 't-equip', responsibleId: 'u-lina', reason: '工作调整' })).toBeNull();
    expect(assignmentProblem(lead, org, [zhang], { ...zhang, reason: '' })).toBe('unchanged');
    expect(assignmentProblem(lead, org, [unassigned], { teamId: 't-equip', responsibleId: 'u-sunlei', reason: '' })).toBe('not-allowed');
    expect(assignmentProblem(lead, org, [unassigned], { teamId: 't-chengguan', responsibleId: '', reason: 'x' })).toBe('not-allowed');
    expect(assignmentProblem(lead, org, [unassigned], { teamId: '', responsibleId: '', reason: 'x' })).toBe('no-team');
    expect(assignmentProblem(who('u-zhangwei'), org, [unassigned], { ...zhang, reason: '' })).toBe('not-allowed');
  });
});

describe('creationAssignment', () => {
  it('a new file is born where its creator may read it, and the relay accepts the creating update', () => {
    for (const [userId, expected] of [
      ['u-zhangwei', { teamId: 't-equip', responsibleId: 'u-zhangwei' }],
      ['u-wangqiang', { teamId: 't-equip', responsibleId: '' }],
      ['u-liuyang', undefined],
    ] as const) {
      const p = who(userId);
      const initial = creationAssignment(p);
      expect(initial).toEqual(expected);
      const doc = new Y.Doc();
      const before = snapshotEnterprise(doc);
      doc.transact(() => {
        createEnterprise(doc, { name: '' }, userId);
        if (initial) assignEnterprise(doc, initial, userId);
      });
      const after = snapshotEnterprise(doc);
      expect(checkEnterpriseWrite(p, before, after, org)).toBeNull();
      if (initial) expect(canReadEnterprise(p, after.assignment)).toBe(true);
    }
    expect(mayCreate(who('u-zhaomin'))).toBe(false);
  });
});

let dbs = 0;

describe('bulkAssign', () => {
  it('assigns each held file (persisted, history appended, accepted by the relay rules) and reports the rest', async () => {
    const db = new AppDb(`test-bulk-${++dbs}`);
    const store = new DocStore({ db });
    const ids = ['ent-b1', 'ent-b2', 'ent-b3'];
    const relayCopies = new Map<string, Y.Doc>();
    for (const id of ids.slice(0, 2)) {
      const h = store.acquire(id);
      await h.ready;
      h.doc.transact(() => {
        createEnterprise(h.doc, { name: `企业${id}` }, 'demo-seed', 1);
        assignEnterprise(h.doc, { teamId: 't-equip', responsibleId: id === 'ent-b2' ? 'u-zhangwei' : '' }, 'demo-seed', 1);
      });
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(h.doc));
      relayCopies.set(id, copy);
      await h.flush();
      h.release();
    }
    const progress: string[] = [];
    const next = { teamId: 't-equip', responsibleId: 'u-zhangwei', reason: '' };
    const result = await bulkAssign(store, ids, next, 'u-wangqiang', (d, t) => progress.push(`${d}/${t}`));
    expect(result).toEqual({ changed: 1, unchanged: 1, failed: ['ent-b3'] });
    expect(progress).toEqual(['0/3', '1/3', '2/3', '3/3']);
    expect((await db.enterprises.get('ent-b1'))?.responsibleId).toBe('u-zhangwei');
    expect(await db.outbox.where('docId').equals('ent-b3').count()).toBe(0);

    // What the device wrote passes the relay's write check for the lead.
    const h = store.acquire('ent-b1');
    await h.ready;
    expect(readAssignment(h.doc).responsibleId).toBe('u-zhangwei');
    expect(readAssignmentHistory(h.doc).at(-1)).toMatchObject({ by: 'u-wangqiang', previousResponsibleId: '', responsibleId: 'u-zhangwei' });
    const copy = relayCopies.get('ent-b1')!;
    const before = snapshotEnterprise(copy);
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(h.doc, Y.encodeStateVector(copy)));
    expect(checkEnterpriseWrite(who('u-wangqiang'), before, snapshotEnterprise(copy), org)).toBeNull();
    h.release();
  });
});
