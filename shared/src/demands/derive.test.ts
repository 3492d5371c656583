import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveDemand, deriveDemandDetail, isLifecycleEvent } from './derive.ts';
import { appendDemandEvent, createDemand, readDemandEvents, type DemandEventInput } from './events.ts';
import type { DemandEvent, DemandStatus } from './types.ts';

const INFO = {
  enterpriseId: 'ent-a1',
  enterpriseName: '鲁南机械',
  town: '龙山镇',
  visitId: '',
  title: '用工招聘',
  description: '',
  category: '人才' as const,
  urgency: 'ordinary' as const,
  contactName: '',
  contactPhone: '',
};

/** A demand doc per device, synced by exchanging full state (what the relay does, order aside). */
function devices(n: number, now = 1000) {
  const origin = new Y.Doc();
  createDemand(origin, INFO, 'u-zhangwei', now);
  const docs = Array.from({ length: n }, () => {
    const d = new Y.Doc();
    Y.applyUpdate(d, Y.encodeStateAsUpdate(origin));
    return d;
  });
  return docs;
}
const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
};
const act = (doc: Y.Doc, input: DemandEventInput, by: string, at: number) => appendDemandEvent(doc, input, by, at);
const status = (doc: Y.Doc) => deriveDemand(readDemandEvents(doc));

describe('deriveDemand: the lifecycle', () => {
  it('受理 → 交办 → 办理 → 办结 (every department) → 回访 → 销号', () => {
    const [doc] = devices(1);
    const d = doc!;
    expect(status(d)).toMatchObject({ state: 'received', acceptedAt: 1000 });
    act(d, { type: 'dispatch', departments: ['人社局', '科技局'], note: '' }, 'u-liuyang', 2000);
    expect(status(d)).toMatchObject({ state: 'dispatched', departments: ['人社局', '科技局'], dispatchedAt: 2000 });
    act(d, { type: 'progress', department: '人社局', note: '已对接' }, 'u-zhaomin', 3000);
    expect(status(d).state).toBe('handling');
    act(d, { type: 'resolve', department: '人社局', note: '' }, 'u-zhaomin', 4000);
    expect(status(d)).toMatchObject({ state: 'handling', resolvedDepartments: ['人社局'], resolvedAt: 0 });
    act(d, { type: 'resolve', department: '科技局', note: '' }, 'u-x', 5000);
    expect(status(d)).toMatchObject({ state: 'resolved', resolvedDepartments: ['人社局', '科技局'], resolvedAt: 5000 });
    act(d, { type: 'callback', satisfaction: '满意', comment: '' }, 'u-liuyang', 6000);
    expect(status(d)).toMatchObject({ state: 'called-back', satisfaction: '满意' });
    act(d, { type: 'close', note: '' }, 'u-liuyang', 7000);
    expect(status(d)).toMatchObject({ state: 'closed', closedAt: 7000, reopenCount: 0, conflicts: [], lastEventAt: 7000 });
  });
  it('不满意 sends it back to 办理 (reopenCount + 1); a refused resolution too', () => {
    const d = devices(1)[0]!;
    act(d, { type: 'dispatch', departments: ['人社局'], note: '' }, 'c', 2000);
    act(d, { type: 'resolve', department: '人社局', note: '' }, 'h', 3000);
    act(d, { type: 'callback', satisfaction: '不满意', comment: '没解决' }, 'c', 4000);
    expect(status(d)).toMatchObject({ state: 'handling', satisfaction: '不满意', reopenCount: 1, resolvedDepartments: [], resolvedAt: 0 });
    act(d, { type: 'resolve', department: '人社局', note: '' }, 'h', 5000);
    act(d, { type: 'reject', note: '材料不全' }, 'c', 6000);
    expect(status(d)).toMatchObject({ state: 'handling', reopenCount: 2 });
    act(d, { type: 'resolve', department: '人社局', note: '' }, 'h', 7000);
    act(d, { type: 'callback', satisfaction: '基本满意', comment: '' }, 'c', 8000);
    expect(status(d)).toMatchObject({ state: 'called-back', satisfaction: '基本满意', resolvedAt: 7000 });
  });
  it('a coordinator resolves for all (department ""), also without dispatching', () => {
    const d = devices(1)[0]!;
    act(d, { type: 'resolve', department: '', note: '当场解答' }, 'c', 2000);
    expect(status(d)).toMatchObject({ state: 'resolved', resolvedAt: 2000 });
  });
  it('events that do not fit the state change nothing', () => {
    const d = devices(1)[0]!;
    act(d, { type: 'close', note: '' }, 'c', 2000);
    act(d, { type: 'callback', satisfaction: '满意', comment: '' }, 'c', 3000);
    act(d, { type: 'resolve', department: '住建局', note: '' }, 'h', 3500); // not dispatched to it
    expect(status(d)).toMatchObject({ state: 'received', satisfaction: '', closedAt: 0 });
  });
  it('records escalations, links, and extensions (approved ones add up, the pending one shows)', () => {
    const d = devices(1)[0]!;
    act(d, { type: 'escalate', instruction: '', automatic: true }, 'u-liuyang', 2000);
    act(d, { type: 'escalate', instruction: '本周内办结', automatic: false }, 'u-liuyang', 2100);
    const r1 = act(d, { type: 'extend-request', workingDays: 5, reason: '需要现场勘查' }, 'h', 3000);
    expect(status(d).pendingExtension).toEqual({ requestId: r1.id, workingDays: 5, reason: '需要现场勘查' });
    act(d, { type: 'extend-decision', requestId: r1.id, approved: true, note: '' }, 'c', 4000);
    act(d, { type: 'extend-decision', requestId: r1.id, approved: true, note: 'again' }, 'c', 4100); // counted once
    const r2 = act(d, { type: 'extend-request', workingDays: 10, reason: '再延期' }, 'h', 5000);
    act(d, { type: 'extend-decision', requestId: r2.id, approved: false, note: '不同意' }, 'c', 6000);
    act(d, { type: 'link', issueId: 'iss-road' }, 'c', 7000);
    const s = status(d);
    expect(s.extensionDays).toBe(5);
    expect(s.pendingExtension).toBeNull();
    expect(s.escalations).toEqual([
      { at: 2000, by: 'u-liuyang', instruction: '', automatic: true },
      { at: 2100, by: 'u-liuyang', instruction: '本周内办结', automatic: false },
    ]);
    expect(s.issueId).toBe('iss-road');
  });
});

describe('deriveDemand: concurrent transitions', () => {
  /** Three devices reach 回访 together, then go offline. */
  function calledBack() {
    const [a, b, c] = devices(3) as [Y.Doc, Y.Doc, Y.Doc];
    act(a, { type: 'dispatch', departments: ['人社局', '科技局'], note: '' }, 'coord', 2000);
    act(a, { type: 'resolve', department: '人社局', note: '' }, 'h1', 3000);
    act(a, { type: 'resolve', department: '科技局', note: '' }, 'h2', 3100);
    act(a, { type: 'callback', satisfaction: '满意', comment: '' }, 'coord', 4000);
    sync(a, b);
    sync(a, c);
    return [a, b, c] as const;
  }

  it('close vs 不满意 made offline: a conflict is listed, the reopen applies meanwhile; a decision settles it', () => {
    const [a, b, c] = calledBack();
    const close = act(a, { type: 'close', note: '' }, 'coord', 5000);
    const unhappy = act(b, { type: 'callback', satisfaction: '不满意', comment: '还没通路' }, 'coord2', 5200);
    expect(close.basis).toBe(unhappy.basis);
    sync(a, b);
    sync(b, c);
    for (const d of [a, b, c]) {
      expect(status(d)).toMatchObject({
        state: 'handling',
        reopenCount: 1,
        conflicts: [{ eventIds: [close.id, unhappy.id].sort(), applied: unhappy.id }],
      });
    }
    // the coordinator decides to keep the close
    act(c, { type: 'decide', conflictIds: [close.id, unhappy.id], keep: close.id, note: '企业已确认' }, 'coord', 6000);
    sync(a, c);
    sync(b, c);
    for (const d of [a, b, c]) expect(status(d)).toMatchObject({ state: 'closed', reopenCount: 0, conflicts: [], closedAt: 5000, satisfaction: '满意' });
    expect(deriveDemandDetail(readDemandEvents(a)).notApplied).toEqual(new Set([unhappy.id]));
  });

  it('deciding to keep the reopen settles it too, and later work continues from there', () => {
    const [a, b] = calledBack();
    const close = act(a, { type: 'close', note: '' }, 'coord', 5000);
    const unhappy = act(b, { type: 'callback', satisfaction: '不满意', comment: '' }, 'coord2', 5000);
    sync(a, b);
    act(a, { type: 'decide', conflictIds: [close.id, unhappy.id], keep: unhappy.id, note: '' }, 'coord', 6000);
    expect(status(a)).toMatchObject({ state: 'handling', conflicts: [] });
    const resolve = act(a, { type: 'resolve', department: '人社局', note: '' }, 'h1', 7000);
    expect(resolve.basis).toBe(unhappy.id);
    expect(status(a)).toMatchObject({ state: 'handling', resolvedDepartments: ['人社局'] });
  });

  it('two different 回访 results are a conflict; the less satisfied one applies until decided', () => {
    const [a, b] = devices(2) as [Y.Doc, Y.Doc];
    act(a, { type: 'resolve', department: '', note: '' }, 'coord', 2000);
    sync(a, b);
    const ok = act(a, { type: 'callback', satisfaction: '满意', comment: '' }, 'coord', 3000);
    const basic = act(b, { type: 'callback', satisfaction: '基本满意', comment: '' }, 'coord2', 3000);
    sync(a, b);
    expect(status(a)).toMatchObject({ state: 'called-back', satisfaction: '基本满意', conflicts: [{ applied: basic.id }] });
    expect(status(a).conflicts[0]!.eventIds).toEqual([ok.id, basic.id].sort());
  });

  it('满意 and 不满意 made offline on one basis are a conflict too (both orders end reopened, but one result is lost) (QA7)', () => {
    const [a, b] = devices(2) as [Y.Doc, Y.Doc];
    act(a, { type: 'resolve', department: '', note: '' }, 'coord', 2000);
    sync(a, b);
    const ok = act(a, { type: 'callback', satisfaction: '满意', comment: '' }, 'coord', 3000);
    const unhappy = act(b, { type: 'callback', satisfaction: '不满意', comment: '' }, 'coord2', 3100);
    sync(a, b);
    for (const d of [a, b]) {
      expect(status(d)).toMatchObject({ state: 'handling', satisfaction: '不满意', conflicts: [{ eventIds: [ok.id, unhappy.id].sort(), applied: unhappy.id }] });
    }
    act(a, { type: 'decide', conflictIds: [ok.id, unhappy.id], keep: ok.id, note: '企业确认满意' }, 'coord', 4000);
    sync(a, b);
    for (const d of [a, b]) expect(status(d)).toMatchObject({ state: 'called-back', satisfaction: '满意', reopenCount: 0, conflicts: [] });
  });

  it('compatible concurrent events all apply: two departments’ 办结, two handlers’ notes, two identical callbacks', () => {
    const [a, b] = devices(2) as [Y.Doc, Y.Doc];
    act(a, { type: 'dispatch', departments: ['人社局', '科技局'], note: '' }, 'coord', 2000);
    sync(a, b);
    act(a, { type: 'progress', department: '人社局', note: '1' }, 'h1', 3000);
    act(b, { type: 'progress', department: '科技局', note: '2' }, 'h2', 3000);
    sync(a, b);
    act(a, { type: 'resolve', department: '人社局', note: '' }, 'h1', 4000);
    act(b, { type: 'resolve', department: '科技局', note: '' }, 'h2', 4000);
    sync(a, b);
    expect(status(a)).toMatchObject({ state: 'resolved', resolvedDepartments: ['人社局', '科技局'], conflicts: [] });
    act(a, { type: 'callback', satisfaction: '满意', comment: '' }, 'c1', 5000);
    act(b, { type: 'callback', satisfaction: '满意', comment: '电话' }, 'c2', 5000);
    sync(a, b);
    expect(status(a)).toMatchObject({ state: 'called-back', conflicts: [] });
    expect(status(a)).toEqual(status(b));
  });

  it('two coordinators refusing the same resolution reopen it once', () => {
    const [a, b] = devices(2) as [Y.Doc, Y.Doc];
    act(a, { type: 'resolve', department: '', note: '' }, 'coord', 2000);
    sync(a, b);
    act(a, { type: 'reject', note: '' }, 'c1', 3000);
    act(b, { type: 'reject', note: '材料不全' }, 'c2', 3000);
    sync(a, b);
    expect(status(a)).toMatchObject({ state: 'handling', reopenCount: 1, conflicts: [] });
  });

  it('a refusal concurrent with a 不满意 回访 both reopen, but whether 不满意 is recorded is for the coordinator to decide', () => {
    const [a, b] = devices(2) as [Y.Doc, Y.Doc];
    act(a, { type: 'resolve', department: '', note: '' }, 'coord', 2000);
    sync(a, b);
    const reject = act(a, { type: 'reject', note: '' }, 'c1', 3000);
    const unhappy = act(b, { type: 'callback', satisfaction: '不满意', comment: '' }, 'c2', 3000);
    sync(a, b);
    expect(status(a)).toMatchObject({ state: 'handling', reopenCount: 1, satisfaction: '不满意', conflicts: [{ applied: unhappy.id }] });
    expect(status(a).conflicts[0]!.eventIds).toEqual([reject.id, unhappy.id].sort());
  });

  it('a decision that does not cover a conflicting event arriving later lists the conflict again', () => {
    const [a, b, c] = calledBack();
    const close = act(a, { type: 'close', note: '' }, 'coord', 5000);
    const unhappy = act(b, { type: 'callback', satisfaction: '不满意', comment: '' }, 'coord2', 5000);
    sync(a, b);
    act(a, { type: 'decide', conflictIds: [close.id, unhappy.id], keep: close.id, note: '' }, 'coord', 6000);
    expect(status(a).conflicts).toEqual([]);
    const reject = act(c, { type: 'reject', note: '' }, 'coord3', 5500); // c was offline all along
    sync(a, c);
    expect(reject.basis).toBe(close.basis);
    expect(status(a)).toMatchObject({ state: 'closed', conflicts: [{ eventIds: [close.id, reject.id, unhappy.id].sort(), applied: close.id }] });
  });
});

// ——— property test ———

/** Deterministic PRNG (mulberry32). */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const DEPARTMENTS = ['人社局', '科技局', '住建局'];

/** A plausible next action for what this device sees (sometimes one that does not fit, as a stale device would). */
function randomAction(s: DemandStatus, events: readonly DemandEvent[], r: () => number): DemandEventInput {
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const roll = r();
  if (roll < 0.08) return { type: 'escalate', instruction: '督办', automatic: r() < 0.5 };
  if (roll < 0.13) return { type: 'extend-request', workingDays: 1 + Math.floor(r() * 10), reason: '需要时间' };
  if (roll < 0.18) {
    const requests = events.filter((e) => e.type === 'extend-request');
    if (requests.length) return { type: 'extend-decision', requestId: pick(requests).id, approved: r() < 0.6, note: '' };
  }
  if (roll < 0.25 && s.conflicts.length) {
    const c = pick(s.conflicts);
    return { type: 'decide', conflictIds: c.eventIds, keep: pick(c.eventIds), note: '' };
  }
  if (roll < 0.3) return pick<DemandEventInput>([{ type: 'close', note: '' }, { type: 'reject', note: '' }, { type: 'resolve', department: '', note: '' }]);
  switch (s.state) {
    case 'received':
      return r() < 0.8 ? { type: 'dispatch', departments: DEPARTMENTS.filter(() => r() < 0.6).concat(pick(DEPARTMENTS)), note: '' } : { type: 'resolve', department: '', note: '' };
    case 'dispatched':
    case 'handling': {
      const open = s.departments.filter((d) => !s.resolvedDepartments.includes(d));
      const dep = open.length ? pick(open) : pick(DEPARTMENTS);
      const x = r();
      if (x < 0.35) return { type: 'progress', department: dep, note: '进展' };
      if (x < 0.9) return { type: 'resolve', department: dep, note: '' };
      return { type: 'dispatch', departments: [pick(DEPARTMENTS)], note: '' };
    }
    case 'resolved':
    case 'called-back': {
      const x = r();
      if (x < 0.45) return { type: 'callback', satisfaction: pick(['满意', '满意', '基本满意', '不满意'] as const), comment: '' };
      if (x < 0.8) return { type: 'close', note: '' };
      return { type: 'reject', note: '' };
    }
    default:
      return { type: 'progress', department: pick(DEPARTMENTS), note: '补充' };
  }
}

/** Devices acting offline with skewed clocks and syncing now and then; returns every event. */
function generateLog(seed: number): DemandEvent[] {
  const r = rng(seed);
  const n = 2 + Math.floor(r() * 3);
  const docs = devices(n);
  const skew = docs.map(() => Math.floor(r() * 4000) - 2000);
  let clock = 2000;
  const steps = 15 + Math.floor(r() * 30);
  for (let i = 0; i < steps; i++) {
    clock += Math.floor(r() * 500);
    const k = Math.floor(r() * n);
    const doc = docs[k]!;
    if (r() < 0.3) {
      sync(doc, docs[Math.floor(r() * n)]!);
      continue;
    }
    const events = readDemandEvents(doc);
    const input = randomAction(deriveDemand(events), events, r);
    act(doc, input, `u-${k}`, clock + skew[k]!);
  }
  for (const a of docs) for (const b of docs) sync(a, b);
  return readDemandEvents(docs[0]!);
}

function shuffle<T>(xs: readonly T[], r: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('deriveDemand: property — same events, same state, whatever the order', () => {
  it('500 shuffles of each of 40 generated logs with concurrent branches derive identically; no lifecycle event is lost unseen', () => {
    const r = rng(42);
    let concurrentGroups = 0;
    let conflictLogs = 0;
    let decidedLogs = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const log = generateLog(seed);
      const expected = JSON.stringify(deriveDemand(log));
      for (let i = 0; i < 500; i++) {
        const shuffled = shuffle(log, r);
        if (i % 2 === 1) shuffled.push(...shuffled.slice(0, 3)); // a duplicate delivery changes nothing either
        expect(JSON.stringify(deriveDemand(shuffled))).toBe(expected);
      }
      // every lifecycle event either applies or is the losing side of a conflict that is listed or decided
      const detail = deriveDemandDetail(log);
      const listed = new Set(detail.status.conflicts.flatMap((c) => c.eventIds));
      const decided = new Set(log.flatMap((e) => (e.type === 'decide' ? e.conflictIds : [])));
      for (const id of detail.notApplied) expect(listed.has(id) || decided.has(id)).toBe(true);
      const bases = new Map<string, number>();
      for (const e of log) if (isLifecycleEvent(e)) bases.set(e.basis, (bases.get(e.basis) ?? 0) + 1);
      concurrentGroups += [...bases.values()].filter((c) => c > 1).length;
      if (detail.status.conflicts.length) conflictLogs++;
      if (log.some((e) => e.type === 'decide')) decidedLogs++;
    }
    // the generator really produces concurrency, conflicts and decisions
    expect(concurrentGroups).toBeGreaterThan(40);
    expect(conflictLogs).toBeGreaterThan(3);
    expect(decidedLogs).toBeGreaterThan(3);
  });

  it('devices merging the same updates in different orders derive the same state', () => {
    for (let seed = 100; seed < 110; seed++) {
      const r = rng(seed);
      const log = generateLog(seed);
      const updates = log.map((e) => {
        const d = new Y.Doc();
        d.getArray('events').push([e]);
        return Y.encodeStateAsUpdate(d);
      });
      const states = [0, 1, 2].map(() => {
        const d = new Y.Doc();
        for (const u of shuffle(updates, r)) Y.applyUpdate(d, u);
        return JSON.stringify(status(d));
      });
      expect(new Set(states).size).toBe(1);
      expect(states[0]).toBe(JSON.stringify(deriveDemand(log)));
    }
  });
});
