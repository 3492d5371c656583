/**
 * The demand's current state, derived from its append-only event log — the same on every device that
 * holds the same set of events, whatever order they arrived in (events are sorted by (at, id) first).
 *
 * Lifecycle (types.ts): 受理 raise → 交办 dispatch → 办理 progress → 办结 resolve (every dispatched
 * department, or a coordinator for all) → 回访 callback → 销号 close. 不满意 or a coordinator's reject sends
 * it back to 'handling' (reopenCount + 1). Events that do not fit the state they meet change nothing
 * (they stay in the history).
 *
 * Concurrency: each lifecycle event names its `basis`, the last lifecycle event its author's device had
 * derived. Lifecycle events with the same basis were made without seeing each other. If applying them
 * in either order gives the same state they are compatible and all apply (two departments' 办结, two
 * handlers' notes). If not (one closes while another reopens; two different 回访 results) the group is a
 * conflict: one event is applied — the one that keeps the demand least finished, so nothing is
 * forgotten while it waits — and the others are not, until a coordinator's `decide` event names the
 * conflict and which event to keep. A decision re-derives from the group, so it is the same everywhere.
 */
import type { DemandConflict, DemandEvent, DemandState, DemandStatus, Satisfaction } from './types.ts';
import { DEMAND_STATES } from './types.ts';

/** Events that may move the state (and so serve as a basis). */
const LIFECYCLE_TYPES: ReadonlySet<DemandEvent['type']> = new Set(['raise', 'dispatch', 'progress', 'resolve', 'callback', 'close', 'reject']);

export function isLifecycleEvent(e: Pick<DemandEvent, 'type'>): boolean {
  return LIFECYCLE_TYPES.has(e.type);
}

/** The part of the status the lifecycle moves. */
interface Core {
  state: DemandState;
  departments: string[];
  resolvedDepartments: string[];
  acceptedAt: number;
  dispatchedAt: number;
  resolvedAt: number;
  closedAt: number;
  satisfaction: Satisfaction | '';
  reopenCount: number;
}

const INITIAL: Core = {
  state: 'received',
  departments: [],
  resolvedDepartments: [],
  acceptedAt: 0,
  dispatchedAt: 0,
  resolvedAt: 0,
  closedAt: 0,
  satisfaction: '',
  reopenCount: 0,
};

const sortedUnion = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();
const allResolved = (c: Core, resolved: readonly string[]) => c.departments.length > 0 && c.departments.every((d) => resolved.includes(d));

function reopen(c: Core): Core {
  return { ...c, state: 'handling', resolvedDepartments: [], resolvedAt: 0, reopenCount: c.reopenCount + 1 };
}

/** One lifecycle event applied to a state; returns the same object when the event does not fit. */
function apply(c: Core, e: DemandEvent): Core {
  switch (e.type) {
    case 'raise':
      return c.acceptedAt === 0 ? { ...c, acceptedAt: e.at } : c;
    case 'dispatch': {
      if (e.departments.length === 0 || c.state === 'called-back' || c.state === 'closed') return c;
      const departments = sortedUnion(c.departments, e.departments);
      const resolvedDepartments = c.resolvedDepartments.filter((d) => !e.departments.includes(d));
      const dispatchedAt = c.dispatchedAt || e.at;
      if (c.state === 'received') return { ...c, state: 'dispatched', departments, resolvedDepartments, dispatchedAt };
      if (c.state === 'resolved') return { ...c, state: 'handling', departments, resolvedDepartments, dispatchedAt, resolvedAt: 0 };
      return { ...c, departments, resolvedDepartments, dispatchedAt };
    }
    case 'progress':
      return c.state === 'dispatched' ? { ...c, state: 'handling' } : c;
    case 'resolve': {
      if (c.state !== 'received' && c.state !== 'dispatched' && c.state !== 'handling') return c;
      if (e.department === '') return { ...c, state: 'resolved', resolvedDepartments: [...c.departments], resolvedAt: e.at };
      if (!c.departments.includes(e.department) || c.resolvedDepartments.includes(e.department)) return c;
      const resolvedDepartments = sortedUnion(c.resolvedDepartments, [e.department]);
      if (allResolved(c, resolvedDepartments)) return { ...c, state: 'resolved', resolvedDepartments, resolvedAt: e.at };
      return { ...c, state: 'handling', resolvedDepartments };
    }
    case 'callback':
      if (c.state !== 'resolved' && c.state !== 'called-back') return c;
      if (e.satisfaction === '不满意') return { ...reopen(c), satisfaction: '不满意' };
      return { ...c, state: 'called-back', satisfaction: e.satisfaction };
    case 'close':
      return c.state === 'resolved' || c.state === 'called-back' ? { ...c, state: 'closed', closedAt: e.at } : c;
    case 'reject':
      return c.state === 'resolved' || c.state === 'called-back' ? reopen(c) : c;
    default:
      return c;
  }
}

/** Same outcome, times aside (two people closing at different minutes agree). */
function sameOutcome(a: Core, b: Core): boolean {
  return (
    a.state === b.state &&
    a.satisfaction === b.satisfaction &&
    a.reopenCount === b.reopenCount &&
    a.departments.join('\n') === b.departments.join('\n') &&
    a.resolvedDepartments.join('\n') === b.resolvedDepartments.join('\n')
  );
}

function commute(base: Core, a: DemandEvent, b: DemandEvent): boolean {
  // Two 回访 with different results made without seeing each other contradict each other even when
  // both orders end alike (满意 then 不满意 reopens; 不满意 then 满意 is ignored as the demand is reopened):
  // the coordinator decides which call-back holds.
  if (a.type === 'callback' && b.type === 'callback' && a.satisfaction !== b.satisfaction) return false;
  return sameOutcome(apply(apply(base, a), b), apply(apply(base, b), a));
}

const byTime = (a: DemandEvent, b: DemandEvent) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Less satisfied first: an unhappy 回访 is the one not to lose sight of. */
const SATISFACTION_RANK: Record<Satisfaction | '', number> = { 不满意: 0, 基本满意: 1, 满意: 2, '': 3 };

/** Which sibling to apply without a decision: the least finished outcome, then the less satisfied, then the earliest. */
function priority(base: Core) {
  return (a: DemandEvent, b: DemandEvent) => {
    const ra = apply(base, a);
    const rb = apply(base, b);
    const rank = DEMAND_STATES.indexOf(ra.state) - DEMAND_STATES.indexOf(rb.state);
    if (rank !== 0) return rank;
    return SATISFACTION_RANK[ra.satisfaction] - SATISFACTION_RANK[rb.satisfaction] || byTime(a, b);
  };
}

export interface DemandDerivation {
  status: DemandStatus;
  /** the last lifecycle event the derivation applied: the basis of the next event written ('' for none) */
  lastLifecycleId: string;
  /** lifecycle events held back as the losing side of a conflict (decided or not) */
  notApplied: ReadonlySet<string>;
}

export function deriveDemand(events: readonly DemandEvent[]): DemandStatus {
  return deriveDemandDetail(events).status;
}

export function deriveDemandDetail(events: readonly DemandEvent[]): DemandDerivation {
  const unique = new Map<string, DemandEvent>();
  for (const e of events) if (!unique.has(e.id)) unique.set(e.id, e);
  const sorted = [...unique.values()].sort(byTime);

  const siblings = new Map<string, DemandEvent[]>();
  const decisions: Extract<DemandEvent, { type: 'decide' }>[] = [];
  for (const e of sorted) {
    if (isLifecycleEvent(e)) {
      const group = siblings.get(e.basis);
      if (group) group.push(e);
      else siblings.set(e.basis, [e]);
    } else if (e.type === 'decide') decisions.push(e);
  }

  let core = INITIAL;
  let lastLifecycleId = '';
  const snapshots = new Map<string, Core>([['', INITIAL]]);
  const settledBases = new Set<string>();
  const notApplied = new Set<string>();
  const conflicts: DemandConflict[] = [];
  const escalations: DemandStatus['escalations'] = [];
  const requests = new Map<string, { requestId: string; workingDays: number; reason: string; decided: boolean }>();
  let extensionDays = 0;
  let issueId = '';
  let lastEventAt = 0;

  /** Decides, the first time one of them comes up, which of the events sharing a basis apply. */
  const settle = (basis: string) => {
    settledBases.add(basis);
    const group = siblings.get(basis) ?? [];
    if (group.length < 2) return;
    const base = snapshots.get(basis) ?? core;
    const ids = new Set(group.map((e) => e.id));
    // the latest decision that keeps one of these events wins; the others' losers are covered by all decisions keeping it
    const decided = [...decisions].reverse().find((d) => ids.has(d.keep));
    const ordered = [...group].sort(priority(base));
    const winner = (decided && group.find((e) => e.id === decided.keep)) || ordered[0]!;
    const kept = [winner];
    const losers: string[] = [];
    for (const e of ordered) {
      if (e === winner) continue;
      if (kept.every((k) => commute(base, k, e))) kept.push(e);
      else losers.push(e.id);
    }
    if (losers.length === 0) return;
    for (const id of losers) notApplied.add(id);
    const covered = new Set(decisions.filter((d) => d.keep === winner.id).flatMap((d) => d.conflictIds));
    if (!losers.every((id) => covered.has(id))) conflicts.push({ eventIds: [winner.id, ...losers].sort(), applied: winner.id });
  };

  for (const e of sorted) {
    lastEventAt = Math.max(lastEventAt, e.at);
    if (isLifecycleEvent(e)) {
      if (!settledBases.has(e.basis)) settle(e.basis);
      if (notApplied.has(e.id)) continue;
      core = apply(core, e);
      snapshots.set(e.id, core);
      lastLifecycleId = e.id;
      continue;
    }
    switch (e.type) {
      case 'escalate':
        escalations.push({ at: e.at, by: e.by, instruction: e.instruction, automatic: e.automatic });
        break;
      case 'extend-request':
        if (core.state !== 'closed') requests.set(e.id, { requestId: e.id, workingDays: e.workingDays, reason: e.reason, decided: false });
        break;
      case 'extend-decision': {
        const request = requests.get(e.requestId);
        if (!request || request.decided) break;
        request.decided = true;
        if (e.approved) extensionDays += request.workingDays;
        break;
      }
      case 'link':
        issueId = e.issueId;
        break;
      default:
        break;
    }
  }

  const pending = [...requests.values()].filter((r) => !r.decided).pop();
  return {
    status: {
      ...core,
      departments: [...core.departments],
      resolvedDepartments: [...core.resolvedDepartments],
      extensionDays,
      pendingExtension: pending ? { requestId: pending.requestId, workingDays: pending.workingDays, reason: pending.reason } : null,
      escalations,
      issueId,
      conflicts,
      lastEventAt,
    },
    lastLifecycleId,
    notApplied,
  };
}
