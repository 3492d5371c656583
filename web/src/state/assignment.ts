/**
 * 一企一策一人 in the app: which rows a filter keeps, whom a principal may assign to, when a reason is
 * required, and bulk assignment over many docs. The rules themselves come from shared/src/org/access.ts,
 * so the UI offers exactly what the relay accepts.
 */
import {
  assignEnterprise,
  assignableUsers,
  canAssign,
  isEmptyEnterprise,
  readAssignment,
  seesWholeDistrict,
  type EnterpriseRow,
  type Org,
  type OrgUser,
  type Principal,
  type Team,
} from '@bangqi/shared';
import type { DocHandle } from '../domain/docStore.ts';

/** '' = everyone, 'none' = 未分配, otherwise a user id (responsible) or a team id (team). */
export interface AssignmentFilter {
  responsible: string;
  team: string;
}

export const ALL = '';
export const NONE = 'none';

/** Does a row's team (or responsible) id `value` pass the filter value `want`? */
export const matchesFilter = (value: string, want: string): boolean =>
  want === ALL || (want === NONE ? value === '' : value === want);

export function filterByAssignment(rows: readonly EnterpriseRow[], f: AssignmentFilter): EnterpriseRow[] {
  if (f.responsible === ALL && f.team === ALL) return rows as EnterpriseRow[];
  return rows.filter((r) => matchesFilter(r.responsibleId, f.responsible) && matchesFilter(r.teamId, f.team));
}

/** How many rows each responsible person has ('' = 未分配). */
export function countBy(rows: readonly EnterpriseRow[], key: 'responsibleId' | 'teamId'): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r[key], (counts.get(r[key]) ?? 0) + 1);
  return counts;
}

/**
 * May `p` change the assignment of a file currently in `teamId`? As the relay decides it: a team lead
 * moves a file of a team they lead, or a file of no team into one of their teams.
 */
export function mayAssign(p: Principal | null, teamId: string): boolean {
  if (!p) return false;
  if (canAssign(p, teamId)) return true;
  return teamId === '' && p.role === 'team-lead' && p.ledTeamIds.length > 0;
}

/** Teams `p` may assign a file to: every team for coordinators and admins, a lead's led teams. */
export function assignTargetTeams(org: Pick<Org, 'teams'>, p: Principal): Team[] {
  return org.teams.filter((t) => canAssign(p, t.id));
}

/** People who may be made responsible for a file of `teamId` (the relay checks the same list). */
export function responsibleChoices(org: Pick<Org, 'users'>, teamId: string): OrgUser[] {
  return teamId === '' ? [] : assignableUsers(org, teamId);
}

export interface AssignmentTarget {
  teamId: string;
  responsibleId: string;
}

/** Taking a file away from its responsible person, or out of its team, must say why. */
export function isReassignment(prev: AssignmentTarget, next: AssignmentTarget): boolean {
  return (
    (prev.responsibleId !== '' && prev.responsibleId !== next.responsibleId) ||
    (prev.teamId !== '' && prev.teamId !== next.teamId)
  );
}

/**
 * The assignment a new file gets from its creator, so the relay accepts it and the creator can still
 * read it: a commissioner makes it their own (in their first team), a team lead puts it in their team,
 * coordinators and admins leave it unassigned (it shows under 未分配).
 */
export function creationAssignment(p: Principal | null): AssignmentTarget | undefined {
  if (p?.role === 'commissioner') return { teamId: p.teamIds[0] ?? '', responsibleId: p.userId };
  if (p?.role === 'team-lead') {
    const teamId = p.ledTeamIds[0] ?? p.teamIds[0] ?? '';
    return teamId === '' ? { teamId: '', responsibleId: p.userId } : { teamId, responsibleId: '' };
  }
  return undefined;
}

/** May `p` create enterprise files at all? (department handlers see demands, not files) */
export function mayCreate(p: Principal | null): boolean {
  return p !== null && p.role !== 'handler';
}

export type AssignmentProblem = 'no-team' | 'reason-required' | 'not-allowed' | 'unchanged';

/** Why `next` cannot be saved for files currently at `prevs` (null when it can). */
export function assignmentProblem(
  p: Principal,
  org: Pick<Org, 'users'>,
  prevs: readonly AssignmentTarget[],
  next: AssignmentTarget & { reason: string },
): AssignmentProblem | null {
  if (next.teamId === '' && !seesWholeDistrict(p.role)) return 'no-team';
  if (!canAssign(p, next.teamId) || prevs.some((prev) => !mayAssign(p, prev.teamId))) return 'not-allowed';
  if (next.responsibleId !== '' && !responsibleChoices(org, next.teamId).some((u) => u.id === next.responsibleId)) {
    return 'not-allowed';
  }
  if (prevs.every((prev) => prev.teamId === next.teamId && prev.responsibleId === next.responsibleId)) return 'unchanged';
  if (next.reason.trim() === '' && prevs.some((prev) => isReassignment(prev, next))) return 'reason-required';
  return null;
}

export interface BulkResult {
  changed: number;
  unchanged: number;
  /** ids of files that could not be changed (not on this device) */
  failed: string[];
}

/**
 * Assigns every file in `ids`, one doc at a time: load it, change it (the doc store persists the update
 * before sync sends it, as for any edit), wait until it is in IndexedDB, release it. Works offline.
 */
export async function bulkAssign(
  docs: { acquire(docId: string): DocHandle },
  ids: readonly string[],
  next: AssignmentTarget & { reason: string },
  by: string,
  onProgress: (done: number, total: number) => void,
): Promise<BulkResult> {
  const result: BulkResult = { changed: 0, unchanged: 0, failed: [] };
  onProgress(0, ids.length);
  for (const [i, id] of ids.entries()) {
    const handle = docs.acquire(id);
    try {
      await handle.ready;
      // An empty doc is a file this device does not hold: assigning it would write a stray half-file.
      if (isEmptyEnterprise(handle.doc)) result.failed.push(id);
      else {
        const prev = readAssignment(handle.doc);
        if (prev.teamId === next.teamId && prev.responsibleId === next.responsibleId) result.unchanged++;
        else {
          assignEnterprise(handle.doc, next, by);
          await handle.flush();
          result.changed++;
        }
      }
    } catch {
      result.failed.push(id);
    } finally {
      handle.release();
    }
    onProgress(i + 1, ids.length);
  }
  return result;
}
