import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEMO_TEAMS, DEMO_USERS } from '../demo/district.ts';
import { createEnterprise, materializeEnterprise } from '../domain/enterprise.ts';
import { assignEnterprise } from '../domain/assignment.ts';
import { fileTimeline } from '../domain/timeline.ts';
import { checkEnterpriseWrite, snapshotEnterprise } from '../org/access.ts';
import { principalFor, type Org } from '../org/org.ts';
import { Reason } from '../errors.ts';
import { readVisits, visitsArray } from './read.ts';
import type { VisitRecord } from './types.ts';
import { addVisit, updateVisit, visitInputProblems, visitsSchemaProblems, voidVisit, type VisitInput } from './visits.ts';

const T0 = Date.UTC(2026, 11, 4, 2, 0); // 2026-12-04 10:00 China time
const HASH = 'a'.repeat(64);

function input(over: Partial<VisitInput> = {}): VisitInput {
  return {
    type: '日常走访',
    visitedAt: T0,
    visitors: ['u-zhangwei'],
    companions: '区发改局 李科长',
    purpose: '了解用工情况',
    findings: '二季度订单增加，缺焊工 12 人',
    situation: '生产正常',
    figures: { outputWan: 1200, revenueWan: null, taxWan: 80, employees: 230 },
    demandItems: ['招聘焊工'],
    demandIds: [],
    policies: '稳岗补贴',
    nextVisitOn: '2027-01-10',
    checkIn: { lat: 35.1, lng: 118.35, accuracy: 12, at: T0, distanceM: 40, flags: [] },
    checkOut: null,
    photos: [{ hash: HASH, bytes: 120_000, width: 1600, height: 1200, mime: 'image/jpeg', takenAt: T0, caption: '车间' }],
    planId: '',
    ...over,
  };
}

describe('addVisit / updateVisit / voidVisit', () => {
  it('adds a visit that reads back field for field, with who and when', () => {
    const doc = new Y.Doc();
    const id = addVisit(doc, input(), 'u-zhangwei', T0 + 5);
    const [v] = readVisits(doc);
    expect(v).toEqual({ ...input(), policyCodes: [], id, createdAt: T0 + 5, createdBy: 'u-zhangwei', updatedAt: T0 + 5, updatedBy: 'u-zhangwei', voidReason: '' } satisfies VisitRecord);
    expect(visitsSchemaProblems(doc)).toEqual([]);
  });

  it('does not share objects with the caller', () => {
    const doc = new Y.Doc();
    const v = input();
    addVisit(doc, v, 'u-zhangwei', T0);
    v.visitors.push('u-lina');
    v.figures.taxWan = 1;
    expect(readVisits(doc)[0]!.visitors).toEqual(['u-zhangwei']);
    expect(readVisits(doc)[0]!.figures.taxWan).toBe(80);
  });

  it('updates only changed fields, stamping who and when; unknown id or no change is false', () => {
    const doc = new Y.Doc();
    const id = addVisit(doc, input(), 'u-zhangwei', T0);
    let updates = 0;
    doc.on('update', () => updates++);
    expect(updateVisit(doc, id, { findings: input().findings, figures: input().figures }, 'u-lina', T0 + 9)).toBe(false);
    expect(updates).toBe(0);
    const out = { lat: 35.1, lng: 118.35, accuracy: 9, at: T0 + 3_600_000, distanceM: 30, flags: [] };
    expect(updateVisit(doc, id, { checkOut: out, demandIds: ['dem-1'] }, 'u-lina', T0 + 10)).toBe(true);
    expect(updates).toBe(1);
    const v = readVisits(doc)[0]!;
    expect(v.checkOut).toEqual(out);
    expect(v.demandIds).toEqual(['dem-1']);
    expect(v).toMatchObject({ updatedBy: 'u-lina', updatedAt: T0 + 10, createdBy: 'u-zhangwei' });
    expect(updateVisit(doc, 'nope', { findings: 'x' }, 'u-lina', T0)).toBe(false);
  });

  it('two devices editing different fields of one visit offline both keep theirs', () => {
    const a = new Y.Doc();
    const id = addVisit(a, input(), 'u-zhangwei', T0);
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    updateVisit(a, id, { findings: '新发现' }, 'u-zhangwei', T0 + 1);
    updateVisit(b, id, { policies: '研发费用加计扣除' }, 'u-wangqiang', T0 + 2);
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const d of [a, b]) expect(readVisits(d)[0]).toMatchObject({ findings: '新发现', policies: '研发费用加计扣除' });
  });

  it('voids with a reason (required); the visit stays and drops out of lastVisitAt', () => {
    const doc = new Y.Doc();
    createEnterprise(doc, { name: '临河精工' }, 'u-zhangwei', T0 - 1000);
    const id = addVisit(doc, input(), 'u-zhangwei', T0);
    expect(materializeEnterprise('ent-x', doc).lastVisitAt).toBe(T0);
    expect(() => voidVisit(doc, id, '  ', 'u-zhangwei', T0)).toThrow(RangeError);
    expect(voidVisit(doc, id, '重复录入', 'u-zhangwei', T0 + 1)).toBe(true);
    expect(voidVisit(doc, id, '重复录入', 'u-zhangwei', T0 + 2)).toBe(false);
    const row = materializeEnterprise('ent-x', doc);
    expect(row.visits).toHaveLength(1);
    expect(row.visits[0]!.voided).toBe(true);
    expect(row.lastVisitAt).toBe(0);
  });

  it('materializes a summary (photos, demands, flags, dwell) and a timeline event', () => {
    const doc = new Y.Doc();
    createEnterprise(doc, { name: '临河精工' }, 'u-zhangwei', T0 - 1000);
    const id = addVisit(doc, input({ checkOut: { lat: 35.1, lng: 118.35, accuracy: 9, at: T0 + 45 * 60_000, distanceM: 30, flags: [] } }), 'u-zhangwei', T0);
    expect(materializeEnterprise('ent-x', doc).visits[0]).toMatchObject({ id, photos: 1, demands: 1, flags: [], dwellMs: 45 * 60_000, voided: false });
    const event = fileTimeline(doc).find((e) => e.kind === 'visit');
    expect(event).toMatchObject({ kind: 'visit', at: T0, by: 'u-zhangwei', visitId: id, type: '日常走访', voided: false });
  });
});

describe('visitInputProblems', () => {
  const today = '2026-12-04';
  it('a complete visit has none', () => {
    expect(visitInputProblems(input(), today, T0)).toEqual([]);
  });
  it('needs a visitor, and purpose or findings', () => {
    expect(visitInputProblems(input({ visitors: [] }), today, T0)).toEqual([{ code: 'visit.visitors' }]);
    expect(visitInputProblems(input({ purpose: ' ', findings: '' }), today, T0)).toEqual([{ code: 'visit.content' }]);
    expect(visitInputProblems(input({ purpose: '', findings: '有发现' }), today, T0)).toEqual([]);
  });
  it('figures must be numbers ≥ 0 (null = not given)', () => {
    const figures = { outputWan: -1, revenueWan: Number.NaN, taxWan: null, employees: 0 };
    expect(visitInputProblems(input({ figures }), today, T0)).toEqual([
      { code: 'visit.figure', field: 'outputWan' },
      { code: 'visit.figure', field: 'revenueWan' },
    ]);
  });
  it('next visit: today is fine, yesterday is past, garbage is a format problem', () => {
    expect(visitInputProblems(input({ nextVisitOn: today }), today, T0)).toEqual([]);
    expect(visitInputProblems(input({ nextVisitOn: '2026-12-03' }), today, T0)).toEqual([{ code: 'visit.next-past' }]);
    expect(visitInputProblems(input({ nextVisitOn: '12/10' }), today, T0)).toEqual([{ code: 'visit.next-format' }]);
  });
  it('the visit time may not be missing or more than a day ahead', () => {
    expect(visitInputProblems(input({ visitedAt: 0 }), today, T0)).toEqual([{ code: 'visit.time' }]);
    expect(visitInputProblems(input({ visitedAt: T0 + 2 * 86_400_000 }), today, T0)).toEqual([{ code: 'visit.time' }]);
  });
});

describe('visitsSchemaProblems (relay)', () => {
  const org: Org = { users: DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })), teams: DEMO_TEAMS.map((t) => ({ ...t })), version: 1 };

  function file(): Y.Doc {
    const doc = new Y.Doc();
    createEnterprise(doc, { name: '临河精工' }, 'u-zhangwei', T0 - 1000);
    assignEnterprise(doc, { teamId: 't-equip', responsibleId: 'u-zhangwei' }, 'u-wangqiang', T0 - 900);
    return doc;
  }
  /** A change as the commissioner, checked the way the relay does. */
  function check(base: Y.Doc, change: (doc: Y.Doc) => void) {
    const after = new Y.Doc();
    Y.applyUpdate(after, Y.encodeStateAsUpdate(base));
    const before = snapshotEnterprise(base);
    change(after);
    return checkEnterpriseWrite(principalFor(org, 'u-zhangwei')!, before, snapshotEnterprise(after), org, T0);
  }
  const tamper = (key: string, value: unknown) => (doc: Y.Doc) => {
    const id = addVisit(doc, input(), 'u-zhangwei', T0);
    visitsArray(doc).toArray().find((m) => m.get('id') === id)!.set(key, value);
  };

  it('accepts a commissioner adding, editing and voiding a visit in their portfolio', () => {
    const base = file();
    expect(check(base, (d) => addVisit(d, input(), 'u-zhangwei', T0))).toBeNull();
    const id = addVisit(base, input(), 'u-zhangwei', T0);
    expect(check(base, (d) => updateVisit(d, id, { findings: '补充' }, 'u-zhangwei', T0))).toBeNull();
    expect(check(base, (d) => voidVisit(d, id, '录错企业', 'u-zhangwei', T0))).toBeNull();
  });

  it.each([
    ['type', '随便看看'],
    ['visitors', 'u-zhangwei'],
    ['figures', { outputWan: -5 }],
    ['figures', { profit: 1 }],
    ['nextVisitOn', '下周'],
    ['checkIn', { lat: 200, lng: 118, accuracy: 5, at: T0, distanceM: 0, flags: [] }],
    ['checkOut', 'here'],
    ['photos', [{ hash: 'not-a-hash', bytes: 1, width: 1, height: 1, mime: 'image/jpeg', takenAt: T0, caption: '' }]],
    ['purpose', 'x'.repeat(5001)],
    ['secret', 1],
  ])('refuses visits.%s = %j', (key, value) => {
    const refusal = check(file(), tamper(key, value));
    expect(refusal?.reason).toBe(Reason.SchemaViolation);
    expect(refusal?.message).toContain(`visits.${key}`);
  });

  it('refuses deleting a visit (they are voided instead)', () => {
    const base = file();
    addVisit(base, input(), 'u-zhangwei', T0);
    const refusal = check(base, (d) => visitsArray(d).delete(0, 1));
    expect(refusal).toEqual({ reason: Reason.HistoryRewrite, message: 'visits are never deleted (void them instead)' });
  });

  it('refuses a visit that is not a record, and visits sent as a map', () => {
    expect(check(file(), (d) => visitsArray(d).push(['hello' as unknown as Y.Map<unknown>]))?.message).toBe('visits holds an item that is not a record');
    const g = new Y.Doc();
    g.getMap('visits').set('x', 1);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(g));
    expect(visitsSchemaProblems(doc)).toEqual(['visits is not a list']);
  });
});
