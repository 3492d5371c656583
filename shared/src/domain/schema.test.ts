import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_TEAMS, DEMO_USERS } from '../demo/district.ts';
import { Reason } from '../errors.ts';
import { checkEnterpriseWrite, snapshotEnterprise } from '../org/access.ts';
import { enterpriseDocIdForUscc } from './enterprise.ts';
import { principalFor, type Org } from '../org/org.ts';
import { assignEnterprise } from './assignment.ts';
import { addContact, addLicence, createEnterprise, setEnterpriseEmployees, setEnterpriseField, setEnterpriseLocation } from './enterprise.ts';

const org: Org = {
  users: DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })),
  teams: DEMO_TEAMS.map((t) => ({ ...t })),
  version: 1,
};

/** Applies `change` to a copy of `base` as the coordinator, checked as the relay does. */
function check(base: Y.Doc, change: (doc: Y.Doc) => void) {
  const after = new Y.Doc();
  Y.applyUpdate(after, Y.encodeStateAsUpdate(base));
  const before = snapshotEnterprise(base);
  change(after);
  return checkEnterpriseWrite(principalFor(org, 'u-liuyang')!, before, snapshotEnterprise(after), org);
}

/** An update written by a client that gives a known root another type (the relay's doc never saw it as one). */
function garbage(write: (doc: Y.Doc) => void): Uint8Array {
  const g = new Y.Doc();
  write(g);
  return Y.encodeStateAsUpdate(g);
}

function file(): Y.Doc {
  const doc = new Y.Doc();
  createEnterprise(doc, { name: '华盛机械' }, 'u-liuyang', 1);
  return doc;
}

describe('relay schema for the file parts', () => {
  it('accepts every part the app writes', () => {
    expect(
      check(file(), (d) => {
        setEnterpriseField(d, 'legalRep', '王建国', 'u-liuyang');
        setEnterpriseField(d, 'scale', '规下', 'u-liuyang');
        setEnterpriseEmployees(d, 30, 'u-liuyang');
        setEnterpriseLocation(d, 35.1, 118.3, 'u-liuyang');
        d.getArray<string>('formerNames').push(['旧名']);
        addContact(d, { name: '李娜', role: '财务', phone: '13812345678' }, 'u-liuyang');
        addLicence(d, { type: '排污许可证', number: 'P-1', expiresOn: '2027-01-31' }, 'u-liuyang');
      }),
    ).toBeNull();
  });

  it('a brand-new doc with every part is accepted too', () => {
    const base = new Y.Doc();
    expect(check(base, (d) => createEnterprise(d, { name: 'X', uscc: '91371302MA3C4L5Q0X' }, 'u-liuyang'))).toBeNull();
  });

  it.each([
    ['employees not a whole number', (d: Y.Doc) => d.getMap('profile').set('employees', -3)],
    ['employees as text', (d: Y.Doc) => d.getMap('profile').set('employees', '30')],
    ['latitude out of range', (d: Y.Doc) => d.getMap('profile').set('lat', 123)],
    ['unknown scale', (d: Y.Doc) => d.getMap('profile').set('scale', '巨型')],
    ['a former name that is not text', (d: Y.Doc) => d.getArray('formerNames').push([42])],
    ['a contact that is not a record', (d: Y.Doc) => d.getArray('contacts').push(['李娜'])],
    ['a contact with an unknown field', (d: Y.Doc) => d.getArray('contacts').push([new Y.Map([['id', '1'], ['email', 'x@y']])])],
    ['a licence field that is not text', (d: Y.Doc) => d.getArray('licences').push([new Y.Map<unknown>([['id', '1'], ['expiresOn', 20270131]])])],
    ['a contacts map instead of a list', (d: Y.Doc) => Y.applyUpdate(d, garbage((g) => g.getMap('contacts').set('x', 'y')))],
    ['a malformed edit record', (d: Y.Doc) => d.getArray('edits').push([{ id: '1', kind: 'set', field: 'name' }])],
    ['an edit record of an unknown kind', (d: Y.Doc) => d.getArray('edits').push([{ id: '1', kind: 'delete', field: '', value: '', by: 'x', at: 1, replaces: [] }])],
  ])('refuses %s', (_label, change) => {
    expect(check(file(), change)?.reason).toBe(Reason.SchemaViolation);
  });

  it('refuses dropping or rewriting an edit record, accepts records merged in any order', () => {
    expect(check(file(), (d) => d.getArray('edits').delete(0, 1))?.reason).toBe(Reason.HistoryRewrite);
    const base = file();
    const other = new Y.Doc();
    createEnterprise(other, { name: '华盛机械', town: '城关街道' }, 'u-liuyang', 2);
    expect(check(base, (d) => Y.applyUpdate(d, Y.encodeStateAsUpdate(other)))).toBeNull();
  });
});

describe('the same USCC created on two devices offline', () => {
  const USCC = '91371302MA3C4L5Q0X';
  /** A creation as the app does it (createFile): profile, then the creator's assignment, one transaction. */
  function creation(clientID: number, by: string, name: string, target: { teamId: string; responsibleId: string } | null, at: number): Y.Doc {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    doc.transact(() => {
      createEnterprise(doc, { name, uscc: USCC }, by, at);
      if (target) assignEnterprise(doc, target, by, at);
    });
    return doc;
  }
  /** The relay holds `first`; `second`'s update arrives, checked as `by`. */
  function arrive(first: Y.Doc, second: Y.Doc, by: string) {
    const after = new Y.Doc();
    Y.applyUpdate(after, Y.encodeStateAsUpdate(first));
    const before = snapshotEnterprise(first);
    Y.applyUpdate(after, Y.encodeStateAsUpdate(second));
    return checkEnterpriseWrite(principalFor(org, by)!, before, snapshotEnterprise(after), org, 10_000);
  }
  const own = { teamId: 't-equip', responsibleId: 'u-zhangwei' };

  it.each([
    [1, 2],
    [2, 1],
  ])('accepts one commissioner’s two creations, whichever device wins the merge (clients %i, %i)', (x, y) => {
    expect(enterpriseDocIdForUscc(USCC)).toBe('ent-u91371302ma3c4l5q0x');
    const a = creation(x, 'u-zhangwei', '华盛机械', own, 1000);
    const b = creation(y, 'u-zhangwei', '临沂华盛机械有限公司', own, 2000);
    expect(arrive(a, b, 'u-zhangwei')).toBeNull();
  });

  it.each([
    [1, 2],
    [2, 1],
  ])('accepts a coordinator’s creation (no assignment) after the commissioner’s (clients %i, %i)', (x, y) => {
    const a = creation(x, 'u-zhangwei', '华盛机械', own, 1000);
    const b = creation(y, 'u-liuyang', '华盛机械', null, 2000);
    expect(arrive(a, b, 'u-liuyang')).toBeNull();
  });

  it('a lead’s second creation assigning elsewhere: accepted when it wins the merge (an ordinary assignment by the lead), refused when it loses (its record never took effect)', () => {
    const lead = { teamId: 't-equip', responsibleId: '' };
    expect(arrive(creation(1, 'u-zhangwei', '华盛机械', own, 1000), creation(2, 'u-wangqiang', '华盛机械', lead, 2000), 'u-wangqiang')).toBeNull();
    expect(arrive(creation(2, 'u-zhangwei', '华盛机械', own, 1000), creation(1, 'u-wangqiang', '华盛机械', lead, 2000), 'u-wangqiang')?.reason).toBe(
      Reason.SchemaViolation,
    );
  });

  it('refuses a repeated first-assignment record without a creation', () => {
    const a = creation(1, 'u-zhangwei', '华盛机械', own, 1000);
    const forged = new Y.Doc();
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(a));
    forged.getArray('assignmentHistory').push([{ at: 1500, by: 'u-zhangwei', ...own, previousTeamId: '', previousResponsibleId: '', reason: '' }]);
    expect(arrive(a, forged, 'u-zhangwei')?.reason).toBe(Reason.HistoryRewrite);
  });
});
