/**
 * 成立日期 (establishedOn) as a profile field the relay validates, and the list row's policy status summary
 * (EnterpriseRow.policies) materialized from the file's policyEvents.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_TEAMS, DEMO_USERS } from '../demo/district.ts';
import { Reason } from '../errors.ts';
import { checkEnterpriseWrite, snapshotEnterprise } from '../org/access.ts';
import { principalFor, type Org } from '../org/org.ts';
import { policyEventsArray, recordPolicyStatus } from '../policies/status.ts';
import { enterpriseFacts } from '../policies/match.ts';
import { createEnterprise, materializeEnterprise, readEnterprise, setEnterpriseField } from './enterprise.ts';
import { fileSchemaProblems } from './schema.ts';

const org: Org = {
  users: DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })),
  teams: DEMO_TEAMS.map((t) => ({ ...t })),
  version: 1,
};

function file(): Y.Doc {
  const doc = new Y.Doc();
  createEnterprise(doc, { name: '华盛机械' }, 'u-liuyang', 1);
  return doc;
}

/** Applies `change` to a copy of `base` as `userId`, checked as the relay does. */
function check(base: Y.Doc, change: (doc: Y.Doc) => void, userId = 'u-liuyang') {
  const after = new Y.Doc();
  Y.applyUpdate(after, Y.encodeStateAsUpdate(base));
  const before = snapshotEnterprise(base);
  change(after);
  return checkEnterpriseWrite(principalFor(org, userId)!, before, snapshotEnterprise(after), org);
}

describe('establishedOn (成立日期)', () => {
  it('is a profile text field: read back, in the row, and a matching fact', () => {
    const doc = file();
    expect(readEnterprise(doc).establishedOn).toBe('');
    setEnterpriseField(doc, 'establishedOn', '2019-05-20', 'u-liuyang', 2);
    const row = materializeEnterprise('ent-1', doc);
    expect(row.establishedOn).toBe('2019-05-20');
    expect(enterpriseFacts(row).establishedOn).toBe('2019-05-20');
    expect(fileSchemaProblems(doc).badParts).toEqual([]);
  });

  it('the relay accepts a YYYY-MM-DD date or clearing it, and refuses anything else', () => {
    const doc = file();
    expect(check(doc, (d) => setEnterpriseField(d, 'establishedOn', '2019-05-20', 'u-liuyang', 2))).toBeNull();
    expect(check(doc, (d) => setEnterpriseField(d, 'establishedOn', '', 'u-liuyang', 2))).toBeNull();
    for (const bad of ['2019-02-30', '2019/05/20', '2019年5月', '20190520']) {
      expect(check(doc, (d) => setEnterpriseField(d, 'establishedOn', bad, 'u-liuyang', 2))?.reason, bad).toBe(Reason.SchemaViolation);
    }
    expect(check(doc, (d) => d.getMap('profile').set('establishedOn', 20190520))?.reason).toBe(Reason.SchemaViolation);
  });
});

describe('the row’s policy status summary', () => {
  const told = { code: 'FX-001', status: '已告知' as const, amount: '', date: '', note: '', visitId: 'v1' };

  it('is empty for a file without policyEvents, and holds the latest status per item by time', () => {
    const doc = file();
    expect(materializeEnterprise('ent-1', doc).policies).toEqual({});
    recordPolicyStatus(doc, told, 'u-zhangwei', 100);
    recordPolicyStatus(doc, { ...told, code: 'FX-002', status: '不符合' }, 'u-zhangwei', 150);
    recordPolicyStatus(doc, { ...told, status: '已兑现', amount: '20万元', date: '2026-12-01' }, 'u-zhangwei', 200);
    expect(materializeEnterprise('ent-1', doc).policies).toEqual({
      'FX-001': { status: '已兑现', at: 200, amount: '20万元' },
      'FX-002': { status: '不符合', at: 150, amount: '' },
    });
  });

  it('two devices recording offline agree on the current status once merged, whatever order the events arrive in', () => {
    const a = file();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    recordPolicyStatus(a, { ...told, status: '已申报' }, 'u-zhangwei', 300);
    recordPolicyStatus(b, told, 'u-wangqiang', 250);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(policyEventsArray(a).length).toBe(2);
    expect(materializeEnterprise('ent-1', a).policies).toEqual({ 'FX-001': { status: '已申报', at: 300, amount: '' } });
    expect(materializeEnterprise('ent-1', b).policies).toEqual(materializeEnterprise('ent-1', a).policies);
  });

  it('the relay rule: appended in the writer’s name only, never rewritten', () => {
    const doc = file();
    expect(check(doc, (d) => recordPolicyStatus(d, told, 'u-liuyang', 5))).toBeNull();
    expect(check(doc, (d) => recordPolicyStatus(d, told, 'u-zhangwei', 5))?.reason).toBe(Reason.Forbidden);
    recordPolicyStatus(doc, told, 'u-liuyang', 5);
    expect(check(doc, (d) => policyEventsArray(d).delete(0, 1))?.reason).toBe(Reason.HistoryRewrite);
    expect(check(doc, (d) => d.getArray('policyEvents').push(['not an event']))?.reason).toBe(Reason.SchemaViolation);
  });
});
