import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addDemandAttachment, addIssueMember, addJointMeeting, appendDemandEvent, appendIssueEvent, createDemand, createIssue } from './events.ts';
import { materializeDemand, materializeIssue } from './rows.ts';
import { demandEventProblem, demandSchemaProblems, issueSchemaProblems } from './schema.ts';

const INFO = {
  enterpriseId: 'ent-a1',
  enterpriseName: '鲁南机械',
  town: '龙山镇',
  visitId: 'v1',
  title: '用工招聘',
  description: '缺焊工',
  category: '人才' as const,
  urgency: 'simple' as const,
  contactName: '王经理',
  contactPhone: '138',
};
const HASH = 'ab'.repeat(32);

/** The doc as the relay sees it: decoded from the update, no getMap called yet. */
const received = (doc: Y.Doc) => {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(doc));
  return d;
};

describe('demandSchemaProblems', () => {
  it('accepts a demand written through events.ts, and returns events and attachments as lines', () => {
    const doc = new Y.Doc();
    createDemand(doc, INFO, 'u-zhangwei', 1000);
    appendDemandEvent(doc, { type: 'dispatch', departments: ['人社局'], note: '' }, 'u-liuyang', 2000);
    addDemandAttachment(doc, { hash: HASH, name: 'a.jpg', mime: 'image/jpeg', bytes: 10, addedAt: 3, addedBy: 'u-zhangwei' });
    const r = demandSchemaProblems(received(doc));
    expect(r.badParts).toEqual([]);
    expect(r.events).toHaveLength(3);
    expect(JSON.parse(r.events[1]!)).toMatchObject({ type: 'dispatch', departments: ['人社局'] });
  });
  it('names unknown roots, wrong shapes, bad info fields and malformed events', () => {
    const doc = new Y.Doc();
    createDemand(doc, INFO, 'u-zhangwei', 1000);
    doc.getMap('info').set('category', '旅游');
    doc.getMap('info').set('secret', 1);
    doc.getArray('events').push([{ id: 'x', at: 5, by: 'u', basis: '', type: 'close', note: 3 }]);
    doc.getText('notes').insert(0, 'hi');
    const bad = demandSchemaProblems(received(doc)).badParts;
    expect(bad).toContain('unknown root "notes"');
    expect(bad).toContain('info: unknown keys secret');
    expect(bad).toContain('events: event close.note: missing or malformed');
    const listAsMap = new Y.Doc();
    listAsMap.getMap('events').set('a', 1);
    expect(demandSchemaProblems(received(listAsMap)).badParts).toEqual(['events is not a list']);
  });
  it('refuses two events with one id', () => {
    const doc = new Y.Doc();
    const e = { id: 'same', at: 5, by: 'u', basis: '', type: 'raise' };
    doc.getArray('events').push([e, { ...e, at: 6 }]);
    expect(demandSchemaProblems(received(doc)).badParts).toEqual(['events: id same used twice']);
  });
  it('checks each event type’s fields', () => {
    const base = { id: 'e', at: 1, by: 'u', basis: '' };
    expect(demandEventProblem({ ...base, type: 'escalate', instruction: '', automatic: true })).toBeNull();
    expect(demandEventProblem({ ...base, type: 'escalate', instruction: '' })).toBe('event escalate.automatic: missing or malformed');
    expect(demandEventProblem({ ...base, type: 'extend-request', workingDays: 2.5, reason: 'x' })).toMatch(/workingDays/);
    expect(demandEventProblem({ ...base, type: 'decide', conflictIds: ['a', 'b'], keep: 'c', note: '' })).toBe('event decide: keep is not among conflictIds');
    expect(demandEventProblem({ ...base, type: 'link', issueId: 'dem-1' })).toMatch(/issueId/);
    expect(demandEventProblem({ ...base, type: 'raise', extra: 1 })).toBe('event raise: unknown keys extra');
  });
});

describe('issueSchemaProblems', () => {
  it('accepts an issue written through events.ts; members, meetings and events are append-only lines', () => {
    const doc = new Y.Doc();
    createIssue(doc, { title: '园区道路', description: '' }, 'u-liuyang', 1);
    addIssueMember(doc, 'dem-a');
    addJointMeeting(doc, { date: '2026-11-02', departments: ['住建局'], attendees: '', minutes: '', decisions: '' }, 'u-liuyang', 2);
    appendIssueEvent(doc, { type: 'resolve', note: '' }, 'u-liuyang', 3);
    const r = issueSchemaProblems(received(doc));
    expect(r.badParts).toEqual([]);
    expect(r.events.map((l) => l.split(' ')[0])).toEqual(['member', 'meeting', 'event']);
  });
  it('names malformed members, meetings and info', () => {
    const doc = new Y.Doc();
    doc.getMap('info').set('title', '');
    doc.getArray('members').push(['ent-x']);
    doc.getArray('meetings').push([{ id: 'm', date: 'soon' }]);
    const bad = issueSchemaProblems(received(doc)).badParts;
    expect(bad).toEqual(['info: missing or malformed field', 'members: not a demand id', 'meetings: meeting.date: not YYYY-MM-DD']);
  });
});

describe('rows', () => {
  it('materializeDemand: info + derived status + attachment count; null without info', () => {
    expect(materializeDemand('dem-1', new Y.Doc())).toBeNull();
    const doc = new Y.Doc();
    createDemand(doc, INFO, 'u-zhangwei', 1000);
    appendDemandEvent(doc, { type: 'dispatch', departments: ['人社局'], note: '' }, 'u-liuyang', 2000);
    addDemandAttachment(doc, { hash: HASH, name: 'a.jpg', mime: 'image/jpeg', bytes: 10, addedAt: 3, addedBy: 'u-zhangwei' });
    expect(materializeDemand('dem-1', doc)).toMatchObject({
      id: 'dem-1',
      enterpriseId: 'ent-a1',
      town: '龙山镇',
      visitId: 'v1',
      title: '用工招聘',
      category: '人才',
      urgency: 'simple',
      createdBy: 'u-zhangwei',
      state: 'dispatched',
      departments: ['人社局'],
      acceptedAt: 1000,
      attachmentsCount: 1,
      lastEventAt: 2000,
    });
  });
  it('materializeDemand counts the deadline from creation while the raise event has not arrived', () => {
    const doc = new Y.Doc();
    createDemand(doc, INFO, 'u-zhangwei', 1000);
    const infoOnly = new Y.Doc();
    for (const [k, v] of doc.getMap('info').entries()) infoOnly.getMap('info').set(k, v);
    expect(materializeDemand('dem-1', infoOnly)).toMatchObject({ acceptedAt: 1000, state: 'received' });
  });
  it('materializeIssue: members, meeting departments, resolved', () => {
    const doc = new Y.Doc();
    expect(materializeIssue('iss-1', doc)).toBeNull();
    createIssue(doc, { title: '园区道路', description: '' }, 'u-liuyang', 1);
    addIssueMember(doc, 'dem-a');
    addIssueMember(doc, 'dem-b');
    addJointMeeting(doc, { date: '2026-11-02', departments: ['住建局', '交通局'], attendees: '', minutes: '', decisions: '' }, 'u-liuyang', 5);
    addJointMeeting(doc, { date: '2026-11-09', departments: ['住建局'], attendees: '', minutes: '', decisions: '' }, 'u-liuyang', 6);
    appendIssueEvent(doc, { type: 'resolve', note: '' }, 'u-liuyang', 7);
    expect(materializeIssue('iss-1', doc)).toEqual({
      id: 'iss-1',
      title: '园区道路',
      memberIds: ['dem-a', 'dem-b'],
      departments: ['交通局', '住建局'].sort(),
      meetingsCount: 2,
      resolved: true,
      createdAt: 1,
      createdBy: 'u-liuyang',
      lastEventAt: 7,
    });
  });
});
