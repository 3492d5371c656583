import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { assignEnterprise, setStrategy } from '../domain/assignment.ts';
import { createEnterprise, setEnterpriseField } from '../domain/enterprise.ts';
import { DEMO_TEAMS, DEMO_USERS } from '../demo/district.ts';
import { Reason } from '../errors.ts';
import { canAssign, canReadEnterprise, checkEnterpriseWrite, snapshotEnterprise } from './access.ts';
import { principalFor, type Org } from './org.ts';

const org: Org = {
  users: DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })),
  teams: DEMO_TEAMS.map((t) => ({ ...t })),
  version: 1,
};
const who = (id: string) => principalFor(org, id)!;

/** Applies `change` on a copy of `base` as `by` would, and checks it as the relay does. */
function check(base: Y.Doc, by: string, change: (doc: Y.Doc) => void) {
  const after = new Y.Doc();
  Y.applyUpdate(after, Y.encodeStateAsUpdate(base));
  const before = snapshotEnterprise(base);
  change(after);
  return checkEnterpriseWrite(who(by), before, snapshotEnterprise(after), org);
}

function equipFile(responsibleId = 'u-zhangwei'): Y.Doc {
  const doc = new Y.Doc();
  createEnterprise(doc, { name: '华盛机械有限公司', industry: '高端装备制造' }, 'seed', 1);
  assignEnterprise(doc, { teamId: 't-equip', responsibleId }, 'seed', 1);
  return doc;
}

describe('read access', () => {
  const key = { teamId: 't-equip', responsibleId: 'u-zhangwei' };
  it('follows role, team and responsibility', () => {
    expect(canReadEnterprise(who('u-zhangwei'), key)).toBe(true);
    expect(canReadEnterprise(who('u-lina'), key)).toBe(false);
    expect(canReadEnterprise(who('u-wangqiang'), key)).toBe(true);
    expect(canReadEnterprise(who('u-chenjing'), key)).toBe(false);
    expect(canReadEnterprise(who('u-liuyang'), key)).toBe(true);
    expect(canReadEnterprise(who('u-admin'), key)).toBe(true);
    expect(canReadEnterprise(who('u-zhaomin'), key)).toBe(false);
    expect(canReadEnterprise(who('u-wangqiang'), { teamId: '', responsibleId: '' })).toBe(false);
    expect(canReadEnterprise(who('u-liuyang'), { teamId: '', responsibleId: '' })).toBe(true);
  });
  it('lets only leads of the team and the district assign', () => {
    expect(canAssign(who('u-wangqiang'), 't-equip')).toBe(true);
    expect(canAssign(who('u-wangqiang'), 't-chengguan')).toBe(false);
    expect(canAssign(who('u-zhangwei'), 't-equip')).toBe(false);
    expect(canAssign(who('u-liuyang'), '')).toBe(true);
  });
  it('forgets a disabled user', () => {
    const disabled = { ...org, users: org.users.map((u) => (u.id === 'u-lina' ? { ...u, disabled: true } : u)) };
    expect(principalFor(disabled, 'u-lina')).toBeNull();
    expect(principalFor(org, 'u-nobody')).toBeNull();
  });
});

describe('write validation', () => {
  it('accepts ordinary edits by the responsible commissioner', () => {
    expect(check(equipFile(), 'u-zhangwei', (d) => setEnterpriseField(d, 'town', '柳林镇', 'u-zhangwei'))).toBeNull();
  });

  it('refuses edits to a file outside the portfolio', () => {
    expect(check(equipFile(), 'u-lina', (d) => setEnterpriseField(d, 'town', '柳林镇', 'u-lina'))?.reason).toBe(Reason.Forbidden);
    expect(check(equipFile(), 'u-zhaomin', (d) => setEnterpriseField(d, 'town', 'x', 'u-zhaomin'))?.reason).toBe(Reason.Forbidden);
  });

  it('lets the team lead reassign within the team, with a history record', () => {
    const doc = equipFile();
    expect(check(doc, 'u-wangqiang', (d) => assignEnterprise(d, { teamId: 't-equip', responsibleId: 'u-lina', reason: '调整' }, 'u-wangqiang'))).toBeNull();
    // …but not to someone outside the team, nor as another user
    expect(check(doc, 'u-wangqiang', (d) => assignEnterprise(d, { teamId: 't-equip', responsibleId: 'u-sunlei' }, 'u-wangqiang'))?.reason).toBe(
      Reason.ForbiddenAssignment,
    );
    expect(check(doc, 'u-wangqiang', (d) => assignEnterprise(d, { teamId: 't-equip', responsibleId: 'u-lina' }, 'u-liuyang'))?.reason).toBe(
      Reason.SchemaViolation,
    );
  });

  it('refuses an assignment change by a commissioner or another team lead', () => {
    const doc = equipFile();
    expect(check(doc, 'u-zhangwei', (d) => assignEnterprise(d, { teamId: 't-equip', responsibleId: 'u-lina' }, 'u-zhangwei'))?.reason).toBe(
      Reason.ForbiddenAssignment,
    );
    expect(check(doc, 'u-chenjing', (d) => assignEnterprise(d, { teamId: 't-chengguan', responsibleId: 'u-sunlei' }, 'u-chenjing'))?.reason).toBe(
      Reason.Forbidden,
    );
    // changing the map without a history record is refused too
    expect(check(doc, 'u-wangqiang', (d) => d.getMap('assignment').set('responsibleId', 'u-lina'))?.reason).toBe(Reason.SchemaViolation);
  });

  it('lets a commissioner create a file assigned to themselves only', () => {
    const create = (responsibleId: string, teamId: string) => (d: Y.Doc) => {
      createEnterprise(d, { name: '新建企业有限公司' }, 'u-zhangwei');
      assignEnterprise(d, { teamId, responsibleId }, 'u-zhangwei');
    };
    expect(check(new Y.Doc(), 'u-zhangwei', create('u-zhangwei', 't-equip'))).toBeNull();
    expect(check(new Y.Doc(), 'u-zhangwei', create('u-lina', 't-equip'))?.reason).toBe(Reason.ForbiddenAssignment);
    expect(check(new Y.Doc(), 'u-zhangwei', create('u-zhangwei', 't-chengguan'))?.reason).toBe(Reason.ForbiddenAssignment);
  });

  it('refuses wiping the name, rewriting history and unknown parts', () => {
    const doc = equipFile();
    expect(check(doc, 'u-liuyang', (d) => d.getMap('profile').delete('name'))?.reason).toBe(Reason.WipeRefused);
    expect(check(doc, 'u-liuyang', (d) => d.getArray('assignmentHistory').delete(0, 1))?.reason).toBe(Reason.HistoryRewrite);
    expect(check(doc, 'u-liuyang', (d) => d.getMap('evil').set('x', 1))?.reason).toBe(Reason.SchemaViolation);
    expect(check(doc, 'u-liuyang', (d) => d.getMap('profile').set('name', new Y.Map() as never))?.reason).toBe(Reason.SchemaViolation);
  });

  it('refuses forged assignment details and assignments to people or teams that cannot hold the file', () => {
    const doc = equipFile();
    const set = (key: string, value: string | number) => (d: Y.Doc) => d.getMap('assignment').set(key, value);
    expect(check(doc, 'u-zhangwei', set('assignedBy', 'u-wangqiang'))?.reason).toBe(Reason.ForbiddenAssignment);
    expect(check(doc, 'u-zhangwei', set('assignedAt', Date.UTC(2030, 0, 1)))?.reason).toBe(Reason.ForbiddenAssignment);
    expect(check(doc, 'u-liuyang', set('extra', 'x'))?.reason).toBe(Reason.ForbiddenAssignment);
    const assign = (teamId: string, responsibleId: string, by = 'u-liuyang', at?: number) => (d: Y.Doc) =>
      assignEnterprise(d, { teamId, responsibleId, reason: 'x' }, by, at);
    expect(check(doc, 'u-liuyang', assign('t-equip', 'u-lina'))).toBeNull();
    for (const [teamId, responsibleId] of [['t-equip', 'u-nobody'], ['t-nowhere', ''], ['t-equip', 'u-zhaomin'], ['t-chengguan', 'u-zhangwei'], ['', 'u-lina']]) {
      expect(check(doc, 'u-liuyang', assign(teamId!, responsibleId!))?.reason, `${teamId}/${responsibleId}`).toBe(Reason.ForbiddenAssignment);
    }
    expect(check(doc, 'u-wangqiang', assign('t-equip', 'u-lina', 'u-wangqiang', Date.now() + 86_400_000))?.reason).toBe(Reason.SchemaViolation);
    const disabledOrg = { ...org, users: org.users.map((u) => (u.id === 'u-lina' ? { ...u, disabled: true } : u)) };
    const after = new Y.Doc();
    Y.applyUpdate(after, Y.encodeStateAsUpdate(doc));
    assignEnterprise(after, { teamId: 't-equip', responsibleId: 'u-lina' }, 'u-liuyang');
    expect(checkEnterpriseWrite(who('u-liuyang'), snapshotEnterprise(doc), snapshotEnterprise(after), disabledOrg)?.reason).toBe(
      Reason.ForbiddenAssignment,
    );
  });

  it('refuses a new file its creator could not read back', () => {
    const create = (d: Y.Doc) => createEnterprise(d, { name: '无主企业有限公司' }, 'u-zhangwei');
    expect(check(new Y.Doc(), 'u-zhangwei', create)?.reason).toBe(Reason.ForbiddenAssignment);
    expect(check(new Y.Doc(), 'u-liuyang', create)).toBeNull();
    expect(
      check(new Y.Doc(), 'u-wangqiang', (d) => {
        create(d);
        assignEnterprise(d, { teamId: 't-equip', responsibleId: '' }, 'u-wangqiang');
      }),
    ).toBeNull();
  });

  it('keeps the strategy to those who assign', () => {
    const doc = equipFile();
    expect(check(doc, 'u-wangqiang', (d) => setStrategy(d, '重点培育，季度走访'))).toBeNull();
    expect(check(doc, 'u-zhangwei', (d) => setStrategy(d, '我来写'))?.reason).toBe(Reason.ForbiddenAssignment);
  });
});
