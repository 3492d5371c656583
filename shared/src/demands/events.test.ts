import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addDemandAttachment,
  addIssueMember,
  addJointMeeting,
  appendDemandEvent,
  appendIssueEvent,
  createDemand,
  createIssue,
  isIssueResolved,
  readDemandAttachments,
  readDemandEvents,
  readDemandInfo,
  readIssueEvents,
  readIssueInfo,
  readIssueMembers,
  readJointMeetings,
  updateDemandInfo,
} from './events.ts';
import { deriveDemand } from './derive.ts';

const INFO = {
  enterpriseId: 'ent-a1',
  enterpriseName: '枣庄市鲁南机械有限公司',
  town: '龙山镇',
  visitId: '',
  title: '厂区道路需要硬化',
  description: '雨天运输车辆无法通行',
  category: '土地' as const,
  urgency: 'ordinary' as const,
  contactName: '王经理',
  contactPhone: '13800000000',
};

describe('demand docs', () => {
  it('createDemand writes the info and the raise event', () => {
    const doc = new Y.Doc();
    const raiseId = createDemand(doc, INFO, 'u-zhangwei', 1000);
    expect(readDemandInfo(doc)).toEqual({ ...INFO, createdAt: 1000, createdBy: 'u-zhangwei' });
    expect(readDemandEvents(doc)).toEqual([{ id: raiseId, at: 1000, by: 'u-zhangwei', basis: '', type: 'raise' }]);
    expect(() => createDemand(doc, INFO, 'u-zhangwei', 1000)).toThrow(RangeError);
    expect(() => createDemand(new Y.Doc(), { ...INFO, title: ' ' }, 'u', 1)).toThrow(RangeError);
  });
  it('readDemandInfo is null before the info arrives', () => {
    expect(readDemandInfo(new Y.Doc())).toBeNull();
  });
  it('appendDemandEvent fills in id, by, basis (the last lifecycle event) and an at after every event held', () => {
    const doc = new Y.Doc();
    const raiseId = createDemand(doc, INFO, 'u-zhangwei', 5000);
    const d = appendDemandEvent(doc, { type: 'dispatch', departments: ['人社局'], note: '' }, 'u-liuyang', 4000); // clock behind
    expect(d).toMatchObject({ type: 'dispatch', by: 'u-liuyang', basis: raiseId, at: 5001 });
    const esc = appendDemandEvent(doc, { type: 'escalate', instruction: '尽快', automatic: false }, 'u-liuyang', 9000);
    expect(esc.basis).toBe(d.id);
    const p = appendDemandEvent(doc, { type: 'progress', department: '人社局', note: '已联系' }, 'u-zhaomin', 9500);
    expect(p.basis).toBe(d.id); // an escalation is not a lifecycle step
    expect(deriveDemand(readDemandEvents(doc)).state).toBe('handling');
  });
  it('appendDemandEvent refuses a malformed event', () => {
    const doc = new Y.Doc();
    createDemand(doc, INFO, 'u-zhangwei', 1);
    expect(() => appendDemandEvent(doc, { type: 'dispatch', departments: [], note: '' }, 'u', 2)).toThrow(RangeError);
    expect(() => appendDemandEvent(doc, { type: 'extend-request', workingDays: 0, reason: 'x' }, 'u', 2)).toThrow(RangeError);
    expect(() => appendDemandEvent(doc, { type: 'callback', satisfaction: '很好' as '满意', comment: '' }, 'u', 2)).toThrow(RangeError);
  });
  it('readDemandEvents skips malformed records and sorts by (at, id)', () => {
    const doc = new Y.Doc();
    doc.getArray('events').push([
      { id: 'b', at: 2, by: 'u', basis: '', type: 'raise' },
      { id: 'a', at: 2, by: 'u', basis: '', type: 'raise' },
      { id: 'c', at: 1, by: 'u', basis: '', type: 'fly' },
      'garbage',
    ]);
    expect(readDemandEvents(doc).map((e) => e.id)).toEqual(['a', 'b']);
  });
  it('updateDemandInfo writes the editable fields, validated', () => {
    const doc = new Y.Doc();
    createDemand(doc, INFO, 'u-zhangwei', 1);
    updateDemandInfo(doc, { title: '道路硬化', urgency: 'complex' });
    expect(readDemandInfo(doc)).toMatchObject({ title: '道路硬化', urgency: 'complex', category: '土地' });
    expect(() => updateDemandInfo(doc, { category: '旅游' as '其他' })).toThrow(RangeError);
  });
  it('attachments are added once per hash', () => {
    const doc = new Y.Doc();
    const ref = { hash: 'a'.repeat(64), name: '现场.jpg', mime: 'image/jpeg', bytes: 1234, addedAt: 5, addedBy: 'u-zhangwei' };
    addDemandAttachment(doc, ref);
    addDemandAttachment(doc, { ...ref, name: 'again.jpg' });
    expect(readDemandAttachments(doc)).toEqual([ref]);
    expect(() => addDemandAttachment(doc, { ...ref, hash: 'xyz' })).toThrow(RangeError);
  });
});

describe('common issue docs', () => {
  it('info, members (once), meetings by date, resolve/reopen events', () => {
    const doc = new Y.Doc();
    createIssue(doc, { title: '园区道路', description: '多家企业反映' }, 'u-liuyang', 10);
    expect(readIssueInfo(doc)).toEqual({ title: '园区道路', description: '多家企业反映', createdAt: 10, createdBy: 'u-liuyang' });
    addIssueMember(doc, 'dem-a');
    addIssueMember(doc, 'dem-b');
    addIssueMember(doc, 'dem-a');
    expect(readIssueMembers(doc)).toEqual(['dem-a', 'dem-b']);
    expect(() => addIssueMember(doc, 'ent-a')).toThrow(RangeError);
    const base = { departments: ['住建局', '住建局', '交通局'], attendees: '刘洋等', minutes: '讨论', decisions: '年底前完成' };
    addJointMeeting(doc, { ...base, date: '2026-11-20' }, 'u-liuyang', 20);
    const first = addJointMeeting(doc, { ...base, date: '2026-11-02' }, 'u-liuyang', 30);
    expect(first.departments).toEqual(['住建局', '交通局']);
    expect(readJointMeetings(doc).map((m) => m.date)).toEqual(['2026-11-02', '2026-11-20']);
    expect(() => addJointMeeting(doc, { ...base, date: '11月2日' }, 'u', 1)).toThrow(RangeError);
    expect(isIssueResolved(readIssueEvents(doc))).toBe(false);
    appendIssueEvent(doc, { type: 'resolve', note: '完成' }, 'u-liuyang', 40);
    expect(isIssueResolved(readIssueEvents(doc))).toBe(true);
    appendIssueEvent(doc, { type: 'reopen', note: '又坏了' }, 'u-liuyang', 30); // clock behind: still after
    expect(readIssueEvents(doc).map((e) => e.type)).toEqual(['resolve', 'reopen']);
    expect(isIssueResolved(readIssueEvents(doc))).toBe(false);
  });
});
