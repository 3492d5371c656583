import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { setSetting, seedDistrictConfig } from '../calendar/config.ts';
import { addDemandAttachment, appendDemandEvent, addIssueMember, addJointMeeting, createDemand, createIssue, demandEventsArray, type DemandEventInput, updateDemandInfo } from '../demands/events.ts';
import type { DemandEvent, DemandRow, DemandStatus } from '../demands/types.ts';
import { DEMO_TEAMS, DEMO_USERS } from '../demo/district.ts';
import { Reason } from '../errors.ts';
import {
  canReadConfig,
  canReadDemand,
  canReadIssue,
  checkConfigWrite,
  checkDemandWrite,
  checkIssueWrite,
  demandActions,
  snapshotConfig,
  snapshotDemand,
  snapshotIssue,
} from './access-kinds.ts';
import { principalFor, type Org } from './org.ts';

const org: Org = {
  users: [
    ...DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })),
    { id: 'u-fgj', username: 'fgj', name: '发改局经办', role: 'handler' as const, teamIds: [], department: '发改局', disabled: false },
  ],
  teams: DEMO_TEAMS.map((t) => ({ ...t })),
  version: 1,
};
const who = (id: string) => principalFor(org, id)!;

const COORD = 'u-liuyang';
const ZHANGWEI = 'u-zhangwei'; // serves ent-a (below)
const LINA = 'u-lina';
const HANDLER = 'u-zhaomin'; // 人社局
const OTHER_HANDLER = 'u-fgj'; // 发改局

/** Enterprises the principal may read: ent-a is 张伟's (team t-equip). */
const reads = (userId: string) => (enterpriseId: string) =>
  enterpriseId === 'ent-a' && ['u-zhangwei', 'u-wangqiang', 'u-liuyang', 'u-admin'].includes(userId);

const INFO = {
  enterpriseId: 'ent-a',
  enterpriseName: '临河重型机械有限公司',
  town: '城关街道',
  visitId: '',
  title: '招工难',
  description: '缺焊工 20 名',
  category: '人才' as const,
  urgency: 'ordinary' as const,
  contactName: '王经理',
  contactPhone: '13800000000',
};

let clock = 1_700_000_000_000;
const now = () => (clock += 1000);

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Applies `change` on a copy of `base` and checks it as the relay does, as `by`. */
function checkDemand(base: Y.Doc, by: string, change: (doc: Y.Doc) => void) {
  const after = copyOf(base);
  const before = snapshotDemand(base);
  change(after);
  return checkDemandWrite(who(by), before, snapshotDemand(after), reads(by));
}

/** A demand raised by 张伟 for ent-a, dispatched by the coordinator to `departments` (none: just raised). */
function demand(departments: string[] = []): Y.Doc {
  const doc = new Y.Doc();
  createDemand(doc, INFO, ZHANGWEI, now());
  if (departments.length > 0) appendDemandEvent(doc, { type: 'dispatch', departments, note: '' }, COORD, now());
  return doc;
}

const act = (input: DemandEventInput, by: string) => (doc: Y.Doc) => void appendDemandEvent(doc, input, by, now());

describe('reading', () => {
  const access = { departments: ['人社局'], createdBy: LINA };
  it('demands: district roles all, handlers their department’s, commissioners and leads their enterprises’ or their own', () => {
    expect(canReadDemand(who(COORD), access, false)).toBe(true);
    expect(canReadDemand(who('u-admin'), access, false)).toBe(true);
    expect(canReadDemand(who(HANDLER), access, false)).toBe(true);
    expect(canReadDemand(who(OTHER_HANDLER), access, false)).toBe(false);
    expect(canReadDemand(who(ZHANGWEI), access, true)).toBe(true);
    expect(canReadDemand(who(ZHANGWEI), access, false)).toBe(false);
    expect(canReadDemand(who(LINA), access, false)).toBe(true); // she raised it
    expect(canReadDemand(who('u-wangqiang'), access, true)).toBe(true);
    expect(canReadDemand(who('u-chenjing'), access, false)).toBe(false);
  });

  it('a handler with no department reads no demand', () => {
    const p = { ...who(HANDLER), department: '' };
    expect(canReadDemand(p, { departments: [''], createdBy: '' }, false)).toBe(false);
  });

  it('common issues: district roles and handlers of its departments; settings: everyone', () => {
    expect(canReadIssue(who(COORD), { departments: [] })).toBe(true);
    expect(canReadIssue(who(HANDLER), { departments: ['人社局', '发改局'] })).toBe(true);
    expect(canReadIssue(who(HANDLER), { departments: ['发改局'] })).toBe(false);
    expect(canReadIssue(who(ZHANGWEI), { departments: ['人社局'] })).toBe(false);
    for (const u of org.users) expect(canReadConfig(who(u.id))).toBe(true);
  });
});

describe('demand writes', () => {
  it('raising: a commissioner for an enterprise they serve (offline, as a new doc); not for another, not a handler', () => {
    const raise = (by: string, enterpriseId = 'ent-a') => checkDemand(new Y.Doc(), by, (doc) => void createDemand(doc, { ...INFO, enterpriseId }, by, now()));
    expect(raise(ZHANGWEI)).toBeNull();
    expect(raise(COORD, 'ent-elsewhere')).toBeNull();
    expect(raise(LINA)).toMatchObject({ reason: Reason.Forbidden });
    expect(raise(ZHANGWEI, 'ent-b')).toMatchObject({ reason: Reason.Forbidden });
    expect(raise(HANDLER)).toMatchObject({ reason: Reason.Forbidden });
  });

  it('a new demand in someone else’s name, or without its raise event, is refused', () => {
    expect(checkDemand(new Y.Doc(), ZHANGWEI, (doc) => void createDemand(doc, INFO, COORD, now()))).toMatchObject({ reason: Reason.Forbidden });
    const noRaise = checkDemand(new Y.Doc(), ZHANGWEI, (doc) => {
      createDemand(doc, INFO, ZHANGWEI, now());
      demandEventsArray(doc).delete(0, 1);
    });
    expect(noRaise).toMatchObject({ reason: Reason.SchemaViolation });
  });

  it('an empty update to a demand that does not exist yet (a stock y-websocket client opening it) writes nothing and is accepted', () => {
    const noop = (doc: Y.Doc) => void Y.applyUpdate(doc, Y.encodeStateAsUpdate(new Y.Doc()));
    expect(checkDemand(new Y.Doc(), COORD, noop)).toBeNull();
    expect(checkDemand(new Y.Doc(), ZHANGWEI, noop)).toBeNull();
  });

  it('a second raise later is a history rewrite', () => {
    const doc = demand();
    const again = checkDemand(doc, ZHANGWEI, (d) => demandEventsArray(d).push([{ id: 'r2', at: now(), by: ZHANGWEI, basis: '', type: 'raise' }]));
    expect(again).toMatchObject({ reason: Reason.HistoryRewrite });
  });

  it('dispatch, close, reject, escalate, link, decisions: coordinators only', () => {
    const doc = demand(['人社局']);
    expect(checkDemand(doc, COORD, act({ type: 'dispatch', departments: ['发改局'], note: '' }, COORD))).toBeNull();
    expect(checkDemand(doc, HANDLER, act({ type: 'dispatch', departments: ['发改局'], note: '' }, HANDLER))).toMatchObject({ reason: Reason.Forbidden });
    expect(checkDemand(doc, ZHANGWEI, act({ type: 'close', note: '' }, ZHANGWEI))).toMatchObject({ reason: Reason.Forbidden });
    expect(checkDemand(doc, HANDLER, act({ type: 'escalate', instruction: '尽快', automatic: false }, HANDLER))).toMatchObject({ reason: Reason.Forbidden });
    expect(checkDemand(doc, COORD, act({ type: 'escalate', instruction: '尽快', automatic: false }, COORD))).toBeNull();
    expect(checkDemand(doc, ZHANGWEI, act({ type: 'link', issueId: 'iss-1' }, ZHANGWEI))).toMatchObject({ reason: Reason.Forbidden });
    expect(checkDemand(doc, COORD, act({ type: 'reject', note: '' }, COORD))).toBeNull();
  });

  it('progress and 办结: the handler of that department; a coordinator may resolve too', () => {
    const doc = demand(['人社局']);
    expect(checkDemand(doc, HANDLER, act({ type: 'progress', department: '人社局', note: '已联系' }, HANDLER))).toBeNull();
    expect(checkDemand(doc, HANDLER, act({ type: 'progress', department: '发改局', note: '' }, HANDLER))).toMatchObject({ reason: Reason.Forbidden });
    expect(checkDemand(doc, HANDLER, act({ type: 'resolve', department: '人社局', note: '' }, HANDLER))).toBeNull();
    expect(checkDemand(doc, COORD, act({ type: 'resolve', department: '', note: '' }, COORD))).toBeNull();
    expect(checkDemand(doc, ZHANGWEI, act({ type: 'resolve', department: '人社局', note: '' }, ZHANGWEI))).toMatchObject({ reason: Reason.Forbidden });
    expect(checkDemand(doc, COORD, act({ type: 'progress', department: '人社局', note: '' }, COORD))).toMatchObject({ reason: Reason.Forbidden });
  });

  it('a handler of a department it was not dispatched to cannot see it, so cannot write it', () => {
    const doc = demand(['人社局']);
    const r = checkDemand(doc, OTHER_HANDLER, act({ type: 'progress', department: '发改局', note: '' }, OTHER_HANDLER));
    expect(r).toMatchObject({ reason: Reason.Forbidden, message: expect.stringContaining('not yours') });
  });

  it('回访: coordinators and whoever serves the enterprise; extension requests: a dispatched department or a coordinator', () => {
    const doc = demand(['人社局']);
    const callback = (by: string) => act({ type: 'callback', satisfaction: '满意', comment: '' }, by);
    expect(checkDemand(doc, COORD, callback(COORD))).toBeNull();
    expect(checkDemand(doc, ZHANGWEI, callback(ZHANGWEI))).toBeNull();
    expect(checkDemand(doc, 'u-wangqiang', callback('u-wangqiang'))).toBeNull();
    expect(checkDemand(doc, HANDLER, callback(HANDLER))).toMatchObject({ reason: Reason.Forbidden });
    const extend = (by: string) => act({ type: 'extend-request', workingDays: 10, reason: '需协调' }, by);
    expect(checkDemand(doc, HANDLER, extend(HANDLER))).toBeNull();
    expect(checkDemand(doc, COORD, extend(COORD))).toBeNull();
    expect(checkDemand(doc, ZHANGWEI, extend(ZHANGWEI))).toMatchObject({ reason: Reason.Forbidden });
  });

  it('a forged `by` is refused, whoever it names', () => {
    const doc = demand(['人社局']);
    const forged = checkDemand(doc, HANDLER, act({ type: 'progress', department: '人社局', note: '' }, 'u-fgj'));
    expect(forged).toMatchObject({ reason: Reason.Forbidden, message: expect.stringContaining('writer') });
    expect(checkDemand(doc, ZHANGWEI, act({ type: 'close', note: '' }, COORD))).toMatchObject({ reason: Reason.Forbidden });
  });

  it('events are never rewritten or removed; appends from two devices interleave and are accepted', () => {
    const doc = demand(['人社局']);
    const rewrite = checkDemand(doc, COORD, (d) => {
      const events = demandEventsArray(d);
      const first = events.get(1) as DemandEvent;
      d.transact(() => {
        events.delete(1, 1);
        events.insert(1, [{ ...first, departments: ['发改局'] }]);
      });
    });
    expect(rewrite).toMatchObject({ reason: Reason.HistoryRewrite });
    expect(checkDemand(doc, COORD, (d) => demandEventsArray(d).delete(1, 1))).toMatchObject({ reason: Reason.HistoryRewrite });

    // the relay already has the coordinator's escalation; the handler's note made offline merges before it
    const handlerDevice = copyOf(doc);
    appendDemandEvent(handlerDevice, { type: 'progress', department: '人社局', note: '离线记录' }, HANDLER, now());
    const escalated = copyOf(doc);
    appendDemandEvent(escalated, { type: 'escalate', instruction: '督办', automatic: false }, COORD, now());
    const fromHandler = Y.encodeStateAsUpdate(handlerDevice, Y.encodeStateVector(doc));
    const merged = checkDemand(escalated, HANDLER, (d) => Y.applyUpdate(d, fromHandler));
    expect(merged).toBeNull();
  });

  it('info: raiser and coordinators edit the title; enterprise, author and time never change', () => {
    const doc = demand(['人社局']);
    expect(checkDemand(doc, ZHANGWEI, (d) => updateDemandInfo(d, { title: '招工难（焊工）' }))).toBeNull();
    expect(checkDemand(doc, COORD, (d) => updateDemandInfo(d, { urgency: 'complex' }))).toBeNull();
    expect(checkDemand(doc, HANDLER, (d) => updateDemandInfo(d, { title: '改' }))).toMatchObject({ reason: Reason.Forbidden });
    for (const [key, value] of [['enterpriseId', 'ent-b'], ['createdBy', COORD], ['createdAt', 5]] as const) {
      expect(checkDemand(doc, COORD, (d) => d.getMap('info').set(key, value)), key).toMatchObject({ reason: Reason.HistoryRewrite });
    }
  });

  it('attachments: added in the adder’s name, never removed; malformed parts are schema violations', () => {
    const doc = demand(['人社局']);
    const ref = (by: string) => ({ hash: 'a'.repeat(64), name: '现场.jpg', mime: 'image/jpeg', bytes: 1000, addedAt: now(), addedBy: by });
    expect(checkDemand(doc, HANDLER, (d) => addDemandAttachment(d, ref(HANDLER)))).toBeNull();
    expect(checkDemand(doc, HANDLER, (d) => addDemandAttachment(d, ref(COORD)))).toMatchObject({ reason: Reason.Forbidden });
    const withPhoto = copyOf(doc);
    addDemandAttachment(withPhoto, ref(ZHANGWEI));
    expect(checkDemand(withPhoto, COORD, (d) => d.getArray('attachments').delete(0, 1))).toMatchObject({ reason: Reason.HistoryRewrite });
    expect(checkDemand(doc, COORD, (d) => d.getMap('extra').set('x', 1))).toMatchObject({ reason: Reason.SchemaViolation });
  });
});

describe('what the demand page offers (demandActions)', () => {
  const status = (over: Partial<DemandStatus>): DemandStatus => ({
    state: 'received', departments: [], resolvedDepartments: [], acceptedAt: 1, dispatchedAt: 0, resolvedAt: 0, closedAt: 0,
    satisfaction: '', reopenCount: 0, extensionDays: 0, pendingExtension: null, escalations: [], issueId: '', conflicts: [], lastEventAt: 1,
    ...over,
  });
  const row = (over: Partial<DemandStatus>): DemandRow => ({
    ...status(over), id: 'dem-1', enterpriseId: 'ent-a', enterpriseName: INFO.enterpriseName, town: INFO.town, visitId: '',
    title: INFO.title, category: '人才', urgency: 'ordinary', createdAt: 1, createdBy: ZHANGWEI, attachmentsCount: 0,
  });

  it('follows the lifecycle for the coordinator', () => {
    expect(demandActions(who(COORD), row({}), true)).toEqual(['dispatch', 'escalate', 'link']);
    expect(demandActions(who(COORD), row({ state: 'resolved', departments: ['人社局'], resolvedDepartments: ['人社局'] }), true)).toEqual([
      'callback', 'reject', 'escalate', 'link',
    ]);
    expect(demandActions(who(COORD), row({ state: 'called-back', departments: ['人社局'] }), true)).toEqual(['reject', 'close', 'escalate', 'link']);
    expect(demandActions(who(COORD), row({ state: 'closed' }), true)).toEqual([]);
    const pending = row({ state: 'handling', departments: ['人社局'], pendingExtension: { requestId: 'x', workingDays: 5, reason: 'r' } });
    expect(demandActions(who(COORD), pending, true)).toEqual(['dispatch', 'resolve', 'escalate', 'extend-decision', 'link']);
    expect(demandActions(who(COORD), row({ state: 'handling', conflicts: [{ eventIds: ['a', 'b'], applied: 'a' }], issueId: 'iss-1' }), true)).toEqual([
      'dispatch', 'resolve', 'escalate', 'extend-request', 'decide',
    ]);
  });

  it('a handler: note, 办结 and extension while their department has not resolved; nothing for another department', () => {
    const dispatched = row({ state: 'dispatched', departments: ['人社局', '发改局'] });
    expect(demandActions(who(HANDLER), dispatched, false)).toEqual(['progress', 'resolve', 'extend-request']);
    const halfDone = row({ state: 'handling', departments: ['人社局', '发改局'], resolvedDepartments: ['人社局'] });
    expect(demandActions(who(HANDLER), halfDone, false)).toEqual(['extend-request']);
    expect(demandActions(who(HANDLER), row({ state: 'dispatched', departments: ['发改局'] }), false)).toEqual([]);
  });

  it('the commissioner: 回访 once resolved, for an enterprise they serve; nothing they could not send', () => {
    expect(demandActions(who(ZHANGWEI), row({ state: 'dispatched', departments: ['人社局'] }), true)).toEqual([]);
    expect(demandActions(who(ZHANGWEI), row({ state: 'resolved', departments: ['人社局'] }), true)).toEqual(['callback']);
    // raised it, but the file moved to 李娜: still sees it, no longer calls back
    expect(demandActions(who(ZHANGWEI), row({ state: 'resolved', departments: ['人社局'] }), false)).toEqual([]);
    expect(demandActions(who(LINA), row({ state: 'resolved' }), false)).toEqual([]);
  });

  it('every offered action is one the relay accepts', () => {
    const doc = demand(['人社局']);
    const inputs: Partial<Record<DemandEvent['type'], DemandEventInput>> = {
      progress: { type: 'progress', department: '人社局', note: '' },
      resolve: { type: 'resolve', department: '人社局', note: '' },
      'extend-request': { type: 'extend-request', workingDays: 3, reason: '协调' },
    };
    const dispatched = row({ state: 'dispatched', departments: ['人社局'] });
    for (const type of demandActions(who(HANDLER), dispatched, false)) {
      expect(checkDemand(doc, HANDLER, act(inputs[type]!, HANDLER)), type).toBeNull();
    }
  });
});

describe('common issue and settings writes', () => {
  function issue(): Y.Doc {
    const doc = new Y.Doc();
    createIssue(doc, { title: '园区用工难', description: '' }, COORD, now());
    return doc;
  }
  const checkIssue = (base: Y.Doc, by: string, change: (doc: Y.Doc) => void) => {
    const after = copyOf(base);
    const before = snapshotIssue(base);
    change(after);
    return checkIssueWrite(who(by), before, snapshotIssue(after));
  };
  const meeting = { date: '2026-05-06', departments: ['人社局'], attendees: '人社局、营转办', minutes: '', decisions: '' };

  it('coordinators create and append; handlers and commissioners do not write', () => {
    expect(checkIssue(new Y.Doc(), COORD, (d) => createIssue(d, { title: '用工', description: '' }, COORD, now()))).toBeNull();
    expect(checkIssue(issue(), COORD, (d) => addIssueMember(d, 'dem-1'))).toBeNull();
    expect(checkIssue(issue(), COORD, (d) => void addJointMeeting(d, meeting, COORD, now()))).toBeNull();
    expect(checkIssue(issue(), HANDLER, (d) => void addJointMeeting(d, meeting, HANDLER, now()))).toMatchObject({ reason: Reason.Forbidden });
    expect(checkIssue(issue(), ZHANGWEI, (d) => addIssueMember(d, 'dem-1'))).toMatchObject({ reason: Reason.Forbidden });
  });

  it('an empty update to a common issue that does not exist yet is accepted from a coordinator', () => {
    expect(checkIssue(new Y.Doc(), COORD, (d) => void Y.applyUpdate(d, Y.encodeStateAsUpdate(new Y.Doc())))).toBeNull();
  });

  it('members, meetings and events are append-only; records carry their writer', () => {
    const doc = issue();
    addIssueMember(doc, 'dem-1');
    expect(checkIssue(doc, COORD, (d) => d.getArray('members').delete(0, 1))).toMatchObject({ reason: Reason.HistoryRewrite });
    expect(checkIssue(doc, COORD, (d) => void addJointMeeting(d, meeting, 'u-admin', now()))).toMatchObject({ reason: Reason.Forbidden });
    expect(checkIssue(doc, COORD, (d) => d.getMap('info').set('createdBy', 'u-admin'))).toMatchObject({ reason: Reason.HistoryRewrite });
  });

  it('settings: coordinators and admins only, well-formed values only', () => {
    const doc = new Y.Doc();
    seedDistrictConfig(doc, 1);
    const checkConfig = (by: string, change: (d: Y.Doc) => void) => {
      const after = copyOf(doc);
      const before = snapshotConfig(doc);
      change(after);
      return checkConfigWrite(who(by), before, snapshotConfig(after));
    };
    const tiers = (d: Y.Doc) => setSetting(d, 'deadlineTiers', [1, 3, 15]);
    expect(checkConfig(COORD, tiers)).toBeNull();
    expect(checkConfig('u-admin', tiers)).toBeNull();
    for (const by of [ZHANGWEI, 'u-wangqiang', HANDLER]) expect(checkConfig(by, tiers), by).toMatchObject({ reason: Reason.Forbidden });
    expect(checkConfig(COORD, (d) => d.getMap('settings').set('deadlineTiers', 'soon'))).toMatchObject({ reason: Reason.SchemaViolation });
    expect(checkConfig(COORD, (d) => d.getMap('other').set('x', 1))).toMatchObject({ reason: Reason.SchemaViolation });
  });
});
