import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { currentPolicyStatuses, policyEventProblem, policyEventsArray, policyEventsSchemaProblems, readPolicyEvents, recordPolicyStatus } from './status.ts';
import type { PolicyStatusEvent } from './types.ts';

const told = { code: 'FX-001', status: '已告知' as const, amount: '', date: '', note: '走访时讲解', visitId: 'v1' };
const ev = (over: Partial<PolicyStatusEvent>): PolicyStatusEvent => ({ id: 'x', code: 'FX-001', status: '已告知', amount: '', date: '', note: '', visitId: '', by: 'u', at: 1, ...over });

describe('recordPolicyStatus / readPolicyEvents', () => {
  it('appends events; the latest per item is current', () => {
    const doc = new Y.Doc();
    recordPolicyStatus(doc, told, 'u-zhangwei', 1000);
    recordPolicyStatus(doc, { ...told, status: '已申报', note: '', visitId: '' }, 'u-zhangwei', 2000);
    recordPolicyStatus(doc, { ...told, code: 'FX-002', status: '不符合', note: '', visitId: '' }, 'u-lina', 1500);
    const id = recordPolicyStatus(doc, { ...told, status: '已兑现', amount: '20万元', date: '2026-03-01', note: '', visitId: '' }, 'u-zhangwei', 3000);
    const events = readPolicyEvents(doc);
    expect(events.map((e) => e.status)).toEqual(['已告知', '不符合', '已申报', '已兑现']);
    expect(events[3]).toMatchObject({ id, by: 'u-zhangwei', at: 3000, amount: '20万元', date: '2026-03-01' });
    expect(currentPolicyStatuses(events)).toEqual({
      'FX-001': { status: '已兑现', at: 3000, amount: '20万元' },
      'FX-002': { status: '不符合', at: 1500, amount: '' },
    });
  });
  it('a device whose clock runs behind still records after what it saw', () => {
    const doc = new Y.Doc();
    recordPolicyStatus(doc, { ...told, status: '已申报' }, 'u-a', 5000);
    recordPolicyStatus(doc, { ...told, status: '已告知' }, 'u-b', 100);
    expect(currentPolicyStatuses(readPolicyEvents(doc))['FX-001']).toEqual({ status: '已告知', at: 5001, amount: '' });
  });
  it('refuses malformed events: 已兑现 without a date, amount on another status, bad status or code', () => {
    const doc = new Y.Doc();
    expect(() => recordPolicyStatus(doc, { ...told, status: '已兑现', amount: '1万元' }, 'u', 1)).toThrow(/without a date/);
    expect(() => recordPolicyStatus(doc, { ...told, amount: '1万元' }, 'u', 1)).toThrow(/已兑现 only/);
    expect(() => recordPolicyStatus(doc, { ...told, status: '已兑现', date: '2026-13-01' }, 'u', 1)).toThrow(RangeError);
    expect(() => recordPolicyStatus(doc, { ...told, status: '办结' as '已告知' }, 'u', 1)).toThrow(RangeError);
    expect(() => recordPolicyStatus(doc, { ...told, code: '' }, 'u', 1)).toThrow(RangeError);
    expect(() => recordPolicyStatus(doc, told, '', 1)).toThrow(RangeError);
    expect(policyEventsArray(doc).length).toBe(0);
  });
  it('reading skips a malformed foreign event', () => {
    const doc = new Y.Doc();
    recordPolicyStatus(doc, told, 'u', 1);
    policyEventsArray(doc).push([{ id: 'bad', code: 'FX-001', status: '已兑现', by: 'u', at: 9 }]);
    expect(readPolicyEvents(doc)).toHaveLength(1);
  });
});

describe('currentPolicyStatuses: concurrent events', () => {
  it('latest by at, then by id, whatever order the events arrive in', () => {
    const a = ev({ id: 'aaa', status: '已申报', at: 10 });
    const b = ev({ id: 'bbb', status: '不符合', at: 10 });
    const earlier = ev({ id: 'zzz', status: '已告知', at: 9 });
    for (const order of [[a, b, earlier], [b, a, earlier], [earlier, b, a]]) {
      expect(currentPolicyStatuses(order)['FX-001']!.status).toBe('不符合');
    }
  });
  it('two devices recording offline agree after sync', () => {
    const d1 = new Y.Doc();
    const d2 = new Y.Doc();
    recordPolicyStatus(d1, { ...told, status: '已申报' }, 'u-zhangwei', 7000);
    recordPolicyStatus(d2, { ...told, status: '不符合' }, 'u-wangqiang', 7000);
    Y.applyUpdate(d1, Y.encodeStateAsUpdate(d2));
    Y.applyUpdate(d2, Y.encodeStateAsUpdate(d1));
    const s1 = currentPolicyStatuses(readPolicyEvents(d1));
    const s2 = currentPolicyStatuses(readPolicyEvents(d2));
    expect(s1).toEqual(s2);
    const winner = readPolicyEvents(d1).reduce((x, y) => (y.id > x.id ? y : x));
    expect(s1['FX-001']!.status).toBe(winner.status);
  });
});

describe('policyEventsSchemaProblems', () => {
  it('none for a doc without the root or written through the API; events as JSON lines', () => {
    expect(policyEventsSchemaProblems(new Y.Doc())).toEqual({ badParts: [], events: [] });
    const doc = new Y.Doc();
    recordPolicyStatus(doc, told, 'u', 1);
    recordPolicyStatus(doc, { ...told, status: '已兑现', amount: '', date: '2026-01-02' }, 'u', 2);
    const r = policyEventsSchemaProblems(doc);
    expect(r.badParts).toEqual([]);
    expect(r.events.map((l) => JSON.parse(l).status)).toEqual(['已告知', '已兑现']);
  });
  it('names a malformed event, a repeated id and a root of the wrong shape', () => {
    const doc = new Y.Doc();
    policyEventsArray(doc).push([ev({ id: 'one' }), ev({ id: 'one', at: 2 })]);
    expect(policyEventsSchemaProblems(doc).badParts).toEqual(['policyEvents: id one used twice']);
    const bad = new Y.Doc();
    policyEventsArray(bad).push([{ ...ev({}), extra: true }]);
    expect(policyEventsSchemaProblems(bad).badParts).toEqual(['policyEvents: policy event: unknown keys extra']);
    const asMap = new Y.Doc();
    asMap.getMap('policyEvents').set('a', 1);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(asMap));
    expect(policyEventsSchemaProblems(fresh).badParts).toEqual(['policyEvents is not a list']);
  });
  it('policyEventProblem accepts each status in its form', () => {
    for (const status of ['已告知', '已申报', '不符合'] as const) expect(policyEventProblem(ev({ status }))).toBeNull();
    expect(policyEventProblem(ev({ status: '已兑现', date: '2026-02-01', amount: '5万元' }))).toBeNull();
  });
});
