import { assignEnterprise, createEnterprise, type Org, principalFor, Reason, setEnterpriseNote, upsertPolicyItem } from '@bangqi/shared';
import { testItem } from '@bangqi/shared/policies/testItems';
import { createDemand } from '@bangqi/shared/demands/events';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WriteValidator } from './write-validator.ts';

const org: Org = {
  version: 1,
  teams: [{ id: 't1', name: '一队', kind: 'industry', scope: '新材料', leadId: 'lead' }],
  users: [
    { id: 'lead', username: 'lead', name: '队长', role: 'team-lead', teamIds: ['t1'], department: '', disabled: false },
    { id: 'a', username: 'a', name: '甲', role: 'commissioner', teamIds: ['t1'], department: '', disabled: false },
    { id: 'b', username: 'b', name: '乙', role: 'commissioner', teamIds: ['t1'], department: '', disabled: false },
  ],
};
const lead = principalFor(org, 'lead')!;
const a = principalFor(org, 'a')!;

function changeOf(doc: Y.Doc, change: () => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change();
  return Y.encodeStateAsUpdate(doc, before);
}

/** The relay's copy of a file of team t1 that `a` is responsible for, and a client replica of it. */
function setup() {
  const server = new Y.Doc();
  const client = new Y.Doc();
  const create = changeOf(client, () =>
    client.transact(() => {
      createEnterprise(client, { name: '甲公司' }, 'lead', 1);
      assignEnterprise(client, { teamId: 't1', responsibleId: 'a' }, 'lead', 1);
    }),
  );
  const validator = new WriteValidator(() => org);
  expect(validator.check('ent-1', server, create, lead)).toBeNull();
  Y.applyUpdate(server, create);
  return { server, client, validator };
}

/** What the relay does: check, then apply to the real doc when accepted. */
function offer(v: WriteValidator, server: Y.Doc, update: Uint8Array, p = a) {
  const refusal = v.check('ent-1', server, update, p);
  if (!refusal) Y.applyUpdate(server, update);
  return refusal?.reason ?? 'ok';
}

describe('WriteValidator', () => {
  it('accepts ordinary edits one after another, and never touches the real doc itself', () => {
    const { server, client, validator } = setup();
    const note = changeOf(client, () => setEnterpriseNote(client, '第一次拜访', 'a'));
    const sv = Y.encodeStateVector(server);
    expect(validator.check('ent-1', server, note, a)).toBeNull();
    expect(Y.encodeStateVector(server)).toEqual(sv);
    Y.applyUpdate(server, note);
    expect(offer(validator, server, changeOf(client, () => setEnterpriseNote(client, '第二次拜访', 'a')))).toBe('ok');
    expect(server.getText('note').toString()).toBe('第二次拜访');
  });

  it('after a refusal the shadow is rebuilt from the real doc: the next clean edit is judged on what was accepted', () => {
    const { server, client, validator } = setup();
    const grab = changeOf(client, () => assignEnterprise(client, { teamId: 't1', responsibleId: 'b' }, 'a'));
    expect(offer(validator, server, grab)).toBe(Reason.ForbiddenAssignment);
    // the refused change is in `client` but not on the relay: a replica without it edits cleanly
    const clean = new Y.Doc();
    Y.applyUpdate(clean, Y.encodeStateAsUpdate(server));
    expect(offer(validator, server, changeOf(clean, () => setEnterpriseNote(clean, '正常', 'a')))).toBe('ok');
    // the refused replica's next change builds on the refused one
    expect(offer(validator, server, changeOf(client, () => setEnterpriseNote(client, '接着写', 'a')))).toBe(Reason.MissingDependency);
    expect(server.getMap('assignment').get('responsibleId')).toBe('a');
    expect(server.getText('note').toString()).toBe('正常');
  });

  it('a server-side write makes the validator forget its shadow', () => {
    const { server, client, validator } = setup();
    const serverSide = new Y.Doc();
    Y.applyUpdate(serverSide, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(server, changeOf(serverSide, () => serverSide.getMap('profile').set('name', '更名公司')));
    validator.forget(server);
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // judged against the renamed file (a stale shadow lacks the renaming: it would see a missing dependency)
    expect(offer(validator, server, changeOf(client, () => client.getMap('profile').set('name', ' ')))).toBe(Reason.WipeRefused);
  });

  it('ids of no known kind are not writable', () => {
    const v = new WriteValidator(() => org);
    expect(v.check('xx-1', new Y.Doc(), Y.encodeStateAsUpdate(new Y.Doc()), lead)?.reason).toBe(Reason.Forbidden);
  });

  it('a demand is raised by who can read its enterprise now (the index’s key), each kind by its own rules', () => {
    const keys: Record<string, { teamId: string; responsibleId: string }> = { 'ent-1': { teamId: 't1', responsibleId: 'a' } };
    const v = new WriteValidator(() => org, (id) => keys[id] ?? { teamId: '', responsibleId: '' });
    const raise = (by: string) => {
      const doc = new Y.Doc();
      createDemand(doc, { enterpriseId: 'ent-1', enterpriseName: '甲公司', town: '', visitId: '', title: '用地', description: '', category: '土地', urgency: 'simple', contactName: '', contactPhone: '' }, by, 1);
      return Y.encodeStateAsUpdate(doc);
    };
    expect(v.check('dem-1', new Y.Doc(), raise('a'), a)).toBeNull();
    const b = principalFor(org, 'b')!;
    expect(v.check('dem-2', new Y.Doc(), raise('b'), b)?.reason).toBe(Reason.Forbidden);
    keys['ent-1'] = { teamId: 't1', responsibleId: 'b' }; // reassigned: now b serves it, a no longer does
    expect(v.check('dem-3', new Y.Doc(), raise('b'), b)).toBeNull();
    expect(v.check('dem-4', new Y.Doc(), raise('a'), a)?.reason).toBe(Reason.Forbidden);

    const cfg = new Y.Doc();
    cfg.getMap('settings').set('maxVisitsPerMonth', 6);
    expect(v.check('cfg-district', new Y.Doc(), Y.encodeStateAsUpdate(cfg), lead)?.reason).toBe(Reason.Forbidden);
  });

  it('the policy library: one doc, written by coordinators only, items never deleted', () => {
    const coordinators: Org = { ...org, users: [...org.users, { id: 'c', username: 'c', name: '丙', role: 'coordinator', teamIds: [], department: '', disabled: false }] };
    const v = new WriteValidator(() => coordinators);
    const c = principalFor(coordinators, 'c')!;
    const lib = new Y.Doc();
    upsertPolicyItem(lib, testItem(), 'c', 1);
    const add = Y.encodeStateAsUpdate(lib);
    expect(v.check('pol-library', new Y.Doc(), add, lead)?.reason).toBe(Reason.Forbidden);
    expect(v.check('pol-other', new Y.Doc(), add, c)?.reason).toBe(Reason.Forbidden);
    const stored = new Y.Doc();
    expect(v.check('pol-library', stored, add, c)).toBeNull();
    Y.applyUpdate(stored, add);
    const gone = changeOf(lib, () => lib.getMap('items').delete('FX-001'));
    expect(v.check('pol-library', stored, gone, c)?.reason).toBe(Reason.HistoryRewrite);
  });
});
