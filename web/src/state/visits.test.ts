import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createRoot } from 'solid-js';
import * as Y from 'yjs';
import { addPlan, createEnterprise, readPlans, type EnterpriseRow, type OrgUser, type VisitSummary } from '@bangqi/shared';
import { DocStore } from '../domain/docStore.ts';
import { AppDb } from '../storage/db.ts';
import { createFileVisits, draftFromVisit, draftToEdit, draftToInput, enterpriseFigures, inPeriod, memberFigures, myVisits, newDraft, visitDraftStore } from './visits.ts';

/** 2026-12-04 10:00 China time */
const NOW = Date.UTC(2026, 11, 4, 2, 0);
const DAY = 86_400_000;

class MemoryStorage {
  private m = new Map<string, string>();
  get length() {
    return this.m.size;
  }
  key(i: number) {
    return [...this.m.keys()][i] ?? null;
  }
  getItem(k: string) {
    return this.m.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.m.set(k, v);
  }
  removeItem(k: string) {
    this.m.delete(k);
  }
}

describe('visit drafts', () => {
  it('keeps one draft per user and enterprise, every field as typed', () => {
    const storage = new MemoryStorage();
    const mine = visitDraftStore(storage, 'u-a');
    const d = { ...newDraft('ent-1', 'u-a', NOW), purpose: '了解用工', figures: { outputWan: '12.', revenueWan: '', taxWan: '', employees: '' } };
    expect(mine.save(d)).toBe(true);
    expect(mine.load('ent-1')).toEqual(d);
    expect(mine.load('ent-2')).toBeNull();
    expect(visitDraftStore(storage, 'u-b').load('ent-1')).toBeNull();
    mine.save(newDraft('ent-2', 'u-a', NOW + 1));
    expect(mine.all().map((x) => x.enterpriseId)).toEqual(['ent-2', 'ent-1']);
    mine.clear('ent-1');
    expect(mine.load('ent-1')).toBeNull();
  });

  it('never throws: a full or missing storage just keeps no draft', () => {
    const full = { ...new MemoryStorage(), length: 0, key: () => null, getItem: () => '{broken', setItem: () => { throw new DOMException('full', 'QuotaExceededError'); }, removeItem: () => {} };
    const drafts = visitDraftStore(full, 'u-a');
    expect(drafts.save(newDraft('ent-1', 'u-a', NOW))).toBe(false);
    expect(drafts.load('ent-1')).toBeNull();
    expect(visitDraftStore(null, 'u-a').save(newDraft('ent-1', 'u-a', NOW))).toBe(false);
  });

  it('turns the typed form into a visit: trimmed text, numbers (NaN when not one), blank demand lines dropped', () => {
    const d = {
      ...newDraft('ent-1', 'u-a', NOW),
      purpose: '  了解用工 ',
      figures: { outputWan: '1,200', revenueWan: '', taxWan: 'abc', employees: '230' },
      demandItems: ['招聘焊工', '  ', ''],
    };
    const input = draftToInput(d);
    expect(input.purpose).toBe('了解用工');
    expect(input.figures.outputWan).toBe(1200);
    expect(input.figures.revenueWan).toBeNull();
    expect(input.figures.taxWan).toBeNaN();
    expect(input.figures.employees).toBe(230);
    expect(input.demandItems).toEqual(['招聘焊工']);
    expect(input.visitors).toEqual(['u-a']);
    expect(Math.abs(input.visitedAt - NOW)).toBeLessThan(60_000);
  });
});

describe('editing a saved visit', () => {
  it('starts from the visit and writes back the same fields, never the demand links', () => {
    const input = draftToInput({ ...newDraft('ent-1', 'u-a', NOW), purpose: '了解用工', figures: { outputWan: '1200', revenueWan: '', taxWan: '0', employees: '' }, demandItems: ['招聘'] });
    const saved = { ...input, policyCodes: [], visitedAt: NOW + 42_123, demandIds: ['dem-9'], id: 'v1', createdAt: NOW, createdBy: 'u-a', updatedAt: NOW, updatedBy: 'u-a', voidReason: '' };
    const d = draftFromVisit('ent-1', saved, NOW + 5);
    expect(d.editOf).toEqual({ id: 'v1', nextVisitOn: '', visitedAt: NOW + 42_123 });
    expect(d.figures).toEqual({ outputWan: '1200', revenueWan: '', taxWan: '0', employees: '' });
    const edit = draftToEdit(d);
    expect('demandIds' in edit).toBe(false);
    const { demandIds: _ignored, ...rest } = input;
    expect(edit).toEqual({ ...rest, visitedAt: NOW + 42_123 });
    // a changed time is taken as typed
    expect(draftToEdit({ ...d, visitedAt: '2026-12-03T09:30' }).visitedAt).toBe(new Date('2026-12-03T09:30').getTime());
  });
});

describe('periods', () => {
  it('month, quarter and year in China days', () => {
    expect(inPeriod(Date.UTC(2026, 11, 1, 0, 0), 'month', NOW)).toBe(true);
    // 2026-11-30 23:00 China time is still November
    expect(inPeriod(Date.UTC(2026, 10, 30, 15, 0), 'month', NOW)).toBe(false);
    expect(inPeriod(Date.UTC(2026, 10, 30, 15, 0), 'quarter', NOW)).toBe(true);
    // 2026-09-30 23:30 China time: Q3
    expect(inPeriod(Date.UTC(2026, 8, 30, 15, 30), 'quarter', NOW)).toBe(false);
    // 2026-09-30 16:30 UTC = 2026-10-01 00:30 China time: Q4
    expect(inPeriod(Date.UTC(2026, 8, 30, 16, 30), 'quarter', NOW)).toBe(true);
    expect(inPeriod(Date.UTC(2026, 0, 1, 0, 0), 'year', NOW)).toBe(true);
    expect(inPeriod(Date.UTC(2025, 11, 31, 0, 0), 'year', NOW)).toBe(false);
    expect(inPeriod(0, 'all', NOW)).toBe(true);
  });
});

const visit = (id: string, at: number, visitors: string[], over: Partial<VisitSummary> = {}): VisitSummary => ({
  id, type: '日常走访', visitedAt: at, visitors, createdBy: visitors[0]!, photos: 0, demands: 0, flags: [], dwellMs: 0, voided: false, ...over,
});
const row = (id: string, responsibleId: string, visits: VisitSummary[]): EnterpriseRow => ({ id, name: id, responsibleId, teamId: 't', visits } as unknown as EnterpriseRow);
const user = (id: string): OrgUser => ({ id, username: id, name: id, role: 'commissioner', teamIds: ['t'], department: '', disabled: false });

describe('figures', () => {
  const rows = [
    row('e1', 'u-a', [visit('v1', NOW - DAY, ['u-a', 'u-b']), visit('v2', NOW - 2 * DAY, ['u-a'])]),
    row('e2', 'u-a', [visit('v3', NOW - 40 * DAY, ['u-a'])]), // last month
    row('e3', 'u-b', [visit('v4', NOW - DAY, ['u-b'], { voided: true })]),
    row('e4', 'u-b', []),
  ];

  it('我的走访: visits I went on or recorded, newest first, by period and type; voided ones listed', () => {
    expect(myVisits(rows, 'u-a', 'month', '', NOW).map((x) => x.visit.id)).toEqual(['v1', 'v2']);
    expect(myVisits(rows, 'u-a', 'all', '', NOW).map((x) => x.visit.id)).toEqual(['v1', 'v2', 'v3']);
    expect(myVisits(rows, 'u-b', 'month', '', NOW).map((x) => x.visit.id)).toEqual(['v1', 'v4']);
    expect(myVisits(rows, 'u-a', 'all', '诉求跟进', NOW)).toEqual([]);
  });

  it('per member: visits in the period (voided not counted), enterprises, portfolio coverage', () => {
    const [a, b] = memberFigures(rows, [user('u-a'), user('u-b')], 'month', NOW);
    expect(a).toMatchObject({ visits: 2, enterprisesVisited: 1, portfolio: 2, portfolioVisited: 1, coverage: 0.5 });
    expect(b).toMatchObject({ visits: 1, enterprisesVisited: 1, portfolio: 2, portfolioVisited: 0, coverage: 0 });
    expect(memberFigures(rows, [user('u-c')], 'month', NOW)[0]!.coverage).toBeNull();
  });

  it('per enterprise: most visited first; not visited in the period listed apart', () => {
    const { visited, notVisited } = enterpriseFigures(rows, 'month', NOW);
    expect(visited.map((x) => [x.row.id, x.visits])).toEqual([['e1', 2]]);
    expect(notVisited.map((r) => r.id).sort()).toEqual(['e2', 'e3', 'e4']);
    expect(enterpriseFigures(rows, 'quarter', NOW).visited.map((x) => x.row.id)).toEqual(['e1', 'e2']);
  });
});

describe('createFileVisits', () => {
  it('adds a visit into the file doc, links the plan it carries out in the same update, and stores the row', async () => {
    const db = new AppDb(`test-visits-${Date.now()}`);
    const docs = new DocStore({ db, sync: { outboxChanged: () => {}, attach: () => ({ awareness: null as never, onPresence: () => () => {}, detach: () => {} }) } });
    const h = docs.acquire('ent-v1');
    await h.ready;
    createEnterprise(h.doc, { name: '临河精工' }, 'u-a', NOW - DAY);
    const planId = addPlan(h.doc, { type: '日常走访', plannedOn: '2026-12-04', purpose: '回访', assignees: ['u-a'] }, 'u-a', NOW - DAY, { inspectionNoticeDays: 3 }).id;
    let updates = 0;
    h.doc.on('update', () => updates++);
    const { id, dispose } = await new Promise<{ id: string; dispose: () => void }>((resolve) =>
      createRoot(async (dispose) => {
        const fv = createFileVisits(docs, 'ent-v1', () => 'u-a');
        const input = draftToInput({ ...newDraft('ent-v1', 'u-a', NOW, planId), purpose: '回访用工' });
        const visitId = fv.add(input);
        expect(fv.visits().map((x) => x.id)).toEqual([visitId]);
        await fv.flush();
        resolve({ id: visitId, dispose });
      }),
    );
    expect(updates).toBe(1);
    expect(readPlans(h.doc).find((p) => p.id === planId)?.visitId).toBe(id);
    const stored = await db.enterprises.get('ent-v1');
    expect(stored?.visits.map((x) => x.id)).toEqual([id]);
    expect(stored?.plans[0]?.done).toBe(true);
    dispose();
    h.release();
    expect(Y.encodeStateAsUpdate(h.doc).length).toBeGreaterThan(0);
  });
});
