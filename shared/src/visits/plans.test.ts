import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { fileSchemaProblems } from '../domain/schema.ts';
import { plansArray, readPlans, summarizePlan } from './read.ts';
import type { PlanSummary } from './types.ts';
import {
  PlanInputError,
  addPlan,
  planFacts,
  cancelPlan,
  linkPlanToVisit,
  openPlanFor,
  planInputProblems,
  plansSchemaProblems,
  readPlanTrail,
  reschedulePlan,
  type PlanInput,
} from './plans.ts';

/** 2026-12-01 10:00 in China (02:00 UTC). */
const NOW = Date.UTC(2026, 11, 1, 2, 0);
const settings = { inspectionNoticeDays: 3 };
const visit: PlanInput = { type: '日常走访', plannedOn: '2026-12-05', purpose: '了解用工', assignees: ['u-zhangwei'] };
const inspection: PlanInput = { type: '执法检查', plannedOn: '2026-12-04', purpose: '安全生产检查', assignees: ['u-zhangwei'], department: '应急管理局' };

describe('addPlan', () => {
  it('stores an ordinary plan without notice fields', () => {
    const doc = new Y.Doc();
    const p = addPlan(doc, visit, 'u-zhangwei', NOW, settings);
    expect(readPlans(doc)).toEqual([p]);
    expect(p).toMatchObject({ plannedOn: '2026-12-05', department: '', noticeDays: 0, late: false, lateReason: '', createdAt: NOW });
  });

  it('files an inspection 3 days ahead on time, from the China day of now', () => {
    const doc = new Y.Doc();
    expect(addPlan(doc, inspection, 'u-zhangwei', NOW, settings)).toMatchObject({ noticeDays: 3, late: false, department: '应急管理局' });
    // 2026-11-30 20:00 UTC is already 2026-12-01 in China: still 3 days.
    expect(addPlan(doc, inspection, 'u-zhangwei', Date.UTC(2026, 10, 30, 20), settings)).toMatchObject({ noticeDays: 3, late: false });
  });

  it('records a late filing with its reason, and refuses it without one', () => {
    const doc = new Y.Doc();
    const late = { ...inspection, plannedOn: '2026-12-03' };
    expect(() => addPlan(doc, late, 'u-zhangwei', NOW, settings)).toThrow(PlanInputError);
    const p = addPlan(doc, { ...late, lateReason: '群众举报，需尽快核查' }, 'u-zhangwei', NOW, settings);
    expect(p).toMatchObject({ noticeDays: 2, late: true, lateReason: '群众举报，需尽快核查' });
    expect(summarizePlan(readPlans(doc)[0]!)).toMatchObject({ late: true, noticeDays: 2, department: '应急管理局' });
  });

  it('uses the configured notice', () => {
    const doc = new Y.Doc();
    expect(() => addPlan(doc, { ...inspection, plannedOn: '2026-12-06' }, 'u', NOW, { inspectionNoticeDays: 7 })).toThrow(PlanInputError);
    expect(addPlan(doc, { ...inspection, plannedOn: '2026-12-06' }, 'u', NOW, { inspectionNoticeDays: 5 }).late).toBe(false);
  });
});

describe('planInputProblems', () => {
  it('names each field that is wrong', () => {
    expect(planInputProblems({ ...visit, plannedOn: '', assignees: [] }, '2026-12-01', settings)).toEqual({ plannedOn: 'required', assignees: 'required' });
    expect(planInputProblems({ ...visit, plannedOn: '2026-11-30' }, '2026-12-01', settings)).toEqual({ plannedOn: 'past' });
    expect(planInputProblems({ ...visit, plannedOn: '2026-13-01' }, '2026-12-01', settings)).toEqual({ plannedOn: 'bad-date' });
    expect(planInputProblems({ ...inspection, department: ' ' }, '2026-12-01', settings)).toEqual({ department: 'required' });
    expect(planInputProblems({ ...inspection, plannedOn: '2026-12-02' }, '2026-12-01', settings)).toEqual({ lateReason: 'required' });
    expect(planInputProblems({ ...visit, purpose: 'x'.repeat(1001) }, '2026-12-01', settings)).toEqual({ purpose: 'too-long' });
    expect(planInputProblems(visit, '2026-12-01', settings)).toEqual({});
  });
});

describe('link, cancel, reschedule', () => {
  it('links a plan to the visit that carried it out', () => {
    const doc = new Y.Doc();
    const p = addPlan(doc, visit, 'u-zhangwei', NOW, settings);
    expect(linkPlanToVisit(doc, p.id, 'v1')).toBe(true);
    expect(summarizePlan(readPlans(doc)[0]!).done).toBe(true);
    expect(linkPlanToVisit(doc, 'nope', 'v1')).toBe(false);
  });

  it('cancels with who and why, only open plans, never deleting', () => {
    const doc = new Y.Doc();
    const p = addPlan(doc, visit, 'u-zhangwei', NOW, settings);
    expect(() => cancelPlan(doc, p.id, '  ', 'u-zhangwei', NOW)).toThrow(PlanInputError);
    expect(cancelPlan(doc, p.id, '企业停产', 'u-zhangwei', NOW + 1)).toBe(true);
    expect(readPlans(doc)[0]).toMatchObject({ cancelReason: '企业停产' });
    expect(readPlanTrail(doc, p.id)).toMatchObject({ cancelledBy: 'u-zhangwei', cancelledAt: NOW + 1 });
    expect(cancelPlan(doc, p.id, '再次', 'u-zhangwei', NOW)).toBe(false);
    expect(linkPlanToVisit(doc, p.id, 'v1')).toBe(false);
    expect(reschedulePlan(doc, p.id, '2026-12-09', 'u', NOW, settings)).toBe(false);
  });

  it('reschedules, keeping the old day; an inspection moved closer becomes late and needs a reason', () => {
    const doc = new Y.Doc();
    const p = addPlan(doc, { ...inspection, plannedOn: '2026-12-10' }, 'u-zhangwei', NOW, settings);
    expect(() => reschedulePlan(doc, p.id, '2026-11-30', 'u', NOW, settings)).toThrow(PlanInputError);
    expect(() => reschedulePlan(doc, p.id, '2026-12-02', 'u', NOW, settings)).toThrow(PlanInputError);
    expect(reschedulePlan(doc, p.id, '2026-12-02', 'u-wangqiang', NOW, settings, '企业要求提前')).toBe(true);
    expect(readPlans(doc)[0]).toMatchObject({ plannedOn: '2026-12-02', noticeDays: 1, late: true, lateReason: '企业要求提前' });
    expect(readPlanTrail(doc, p.id)).toMatchObject({ rescheduledFrom: '2026-12-10', rescheduledBy: 'u-wangqiang', rescheduledAt: NOW });
    // Moving it out again recomputes the notice but never erases the recorded lateness.
    expect(reschedulePlan(doc, p.id, '2026-12-20', 'u', NOW, settings)).toBe(true);
    expect(readPlans(doc)[0]).toMatchObject({ noticeDays: 19, late: true, lateReason: '企业要求提前' });
    expect(plansSchemaProblems(doc)).toEqual([]);
  });
});

describe('openPlanFor', () => {
  const plan = (id: string, plannedOn: string, more: Partial<PlanSummary> = {}): PlanSummary =>
    ({ id, type: '日常走访', plannedOn, assignees: ['u-a'], createdBy: 'u-a', createdAt: 0, done: false, cancelled: false, department: '', noticeDays: 0, late: false, ...more });
  it('picks the open plan of the user closest to the day, the earlier on a tie', () => {
    const row = {
      plans: [
        plan('far', '2026-12-20'),
        plan('before', '2026-11-29'),
        plan('after', '2026-12-03'),
        plan('done', '2026-12-01', { done: true }),
        plan('cancelled', '2026-12-01', { cancelled: true }),
        plan('other', '2026-12-01', { assignees: ['u-b'] }),
      ],
    };
    expect(openPlanFor(row, 'u-a', '2026-12-01')?.id).toBe('before');
    expect(openPlanFor(row, 'u-a', '2026-12-15')?.id).toBe('far');
    expect(openPlanFor(row, 'u-b', '2026-12-15')?.id).toBe('other');
    expect(openPlanFor(row, 'u-c', '2026-12-01')).toBeNull();
  });
});

describe('plansSchemaProblems', () => {
  const withPlan = (entries: Record<string, unknown>) => {
    const doc = new Y.Doc();
    const m = new Y.Map<unknown>();
    for (const [k, v] of Object.entries({ id: 'p1', type: '日常走访', plannedOn: '2026-12-05', ...entries })) m.set(k, v);
    plansArray(doc).push([m]);
    return doc;
  };

  it('accepts plans written by addPlan', () => {
    const doc = new Y.Doc();
    addPlan(doc, inspection, 'u', NOW, settings);
    addPlan(doc, visit, 'u', NOW, settings);
    expect(plansSchemaProblems(doc)).toEqual([]);
  });

  it('names what is malformed', () => {
    expect(plansSchemaProblems(withPlan({ late: 'yes' }))).toEqual(['plans: late has the wrong type']);
    expect(plansSchemaProblems(withPlan({ assignees: 'u-a' }))).toEqual(['plans: assignees has the wrong type']);
    expect(plansSchemaProblems(withPlan({ plannedOn: 'tomorrow' }))).toEqual(['plans: plannedOn is not a date']);
    expect(plansSchemaProblems(withPlan({ type: '喝茶' }))).toEqual(['plans: type is not a visit type']);
    expect(plansSchemaProblems(withPlan({ secret: 'x' }))).toEqual(['plans: unknown field "secret"']);
    expect(plansSchemaProblems(withPlan({ id: '' }))).toEqual(['plans: a record has no id']);
    expect(plansSchemaProblems(withPlan({ noticeDays: 1.5 }))).toEqual(['plans: noticeDays is not a whole number']);
    expect(plansSchemaProblems(withPlan({ purpose: 'x'.repeat(1001) }))).toEqual(['plans: purpose has the wrong type']);
    const doc = new Y.Doc();
    plansArray(doc).push(['text' as unknown as Y.Map<unknown>]);
    expect(plansSchemaProblems(doc)).toEqual(['plans: an item is not a record']);
  });

  it('refuses a plans root sent as a map, through the file schema check', () => {
    const doc = new Y.Doc();
    doc.getMap('plans').set('x', 1);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
    expect(fileSchemaProblems(fresh).badParts).toContain('plans is not a list');
  });
});

describe('planFacts', () => {
  it('names each plan once, and its lateness once recorded; a reschedule adds lateness, never removes it', () => {
    const doc = new Y.Doc();
    const onTime = addPlan(doc, { ...inspection, plannedOn: '2026-12-10' }, 'u', NOW, settings);
    const before = planFacts(doc);
    expect(before).toEqual([JSON.stringify(['plan', onTime.id, NOW, 'u'])]);
    reschedulePlan(doc, onTime.id, '2026-12-02', 'u', NOW, settings, '提前');
    expect(planFacts(doc)).toEqual([...before, JSON.stringify(['late', onTime.id, '提前'])]);
    reschedulePlan(doc, onTime.id, '2026-12-20', 'u', NOW, settings);
    expect(planFacts(doc)).toContain(JSON.stringify(['late', onTime.id, '提前']));
  });
});
