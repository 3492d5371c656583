/**
 * Writing visit plans (array `plans` of the enterprise doc, layout in types.ts), including 涉企检查报备:
 * a plan of type 执法检查 is an inspection filing and records, at filing time, how many days' notice it
 * gives and whether that is fewer than the district requires (filing.ts). Plans are never deleted: a
 * cancelled plan keeps who/why, a rescheduled one keeps the day it moved from.
 *
 * Besides the PlanRecord keys a plan map may hold `cancelledBy`/`cancelledAt` and
 * `rescheduledFrom`/`rescheduledBy`/`rescheduledAt` (readPlanTrail reads them).
 */
import * as Y from 'yjs';
import type { DistrictSettings } from '../calendar/types.ts';
import type { EnterpriseRow } from '../domain/enterprise.ts';
import { chinaDay, isIsoDate } from '../domain/licences.ts';
import { newRecordId } from '../ids.ts';
import { inspectionNotice } from './filing.ts';
import { plansArray, readPlan } from './read.ts';
import { VISIT_TYPES, type PlanRecord, type PlanSummary, type VisitType } from './types.ts';

/** The visit type that is an inspection and must be filed ahead. */
export const INSPECTION_TYPE: VisitType = '执法检查';
/** Longest purpose / reason / department text. */
export const MAX_PLAN_TEXT = 1000;
/** Most people one plan may name. */
export const MAX_ASSIGNEES = 20;

export interface PlanInput {
  type: VisitType;
  /** YYYY-MM-DD */
  plannedOn: string;
  purpose: string;
  assignees: string[];
  /** the inspecting department (执法检查 only) */
  department?: string;
  /** why an inspection is filed with less notice than required (asked only then) */
  lateReason?: string;
}

/** `reason`: why a plan is cancelled */
export type PlanField = 'plannedOn' | 'assignees' | 'purpose' | 'department' | 'lateReason' | 'reason';
export type PlanProblem = 'required' | 'bad-date' | 'past' | 'too-long' | 'too-many';
export type PlanProblems = Partial<Record<PlanField, PlanProblem>>;

export type NoticeSettings = Pick<DistrictSettings, 'inspectionNoticeDays'>;

/** Thrown by the writers when the input does not validate (the UI checks planInputProblems first). */
export class PlanInputError extends Error {
  constructor(readonly problems: PlanProblems) {
    super(`invalid plan: ${JSON.stringify(problems)}`);
  }
}

/**
 * What is wrong with a plan as entered on `today` (China day, YYYY-MM-DD). A late inspection needs a
 * lateness reason; a plan cannot be made for a day already past.
 */
export function planInputProblems(p: PlanInput, today: string, settings: NoticeSettings): PlanProblems {
  const out: PlanProblems = {};
  if (p.plannedOn === '') out.plannedOn = 'required';
  else if (!isIsoDate(p.plannedOn)) out.plannedOn = 'bad-date';
  else if (p.plannedOn < today) out.plannedOn = 'past';
  if (p.assignees.length === 0) out.assignees = 'required';
  else if (p.assignees.length > MAX_ASSIGNEES) out.assignees = 'too-many';
  if (p.purpose.length > MAX_PLAN_TEXT) out.purpose = 'too-long';
  if (p.type === INSPECTION_TYPE) {
    const department = (p.department ?? '').trim();
    if (department === '') out.department = 'required';
    else if (department.length > MAX_PLAN_TEXT) out.department = 'too-long';
    const reason = (p.lateReason ?? '').trim();
    if (reason.length > MAX_PLAN_TEXT) out.lateReason = 'too-long';
    else if (!out.plannedOn && inspectionNotice(p.plannedOn, today, settings.inspectionNoticeDays)?.late && reason === '') {
      out.lateReason = 'required';
    }
  }
  return out;
}

const hasProblems = (p: PlanProblems) => Object.keys(p).length > 0;

/**
 * Adds a plan made at `now` by `by`. For an inspection, noticeDays/late are computed from the China day
 * of `now` and the district's required notice; other types store ''/0/false there. Returns the record.
 */
export function addPlan(doc: Y.Doc, p: PlanInput, by: string, now: number, settings: NoticeSettings): PlanRecord {
  const today = chinaDay(now);
  const problems = planInputProblems(p, today, settings);
  if (hasProblems(problems)) throw new PlanInputError(problems);
  const inspection = p.type === INSPECTION_TYPE;
  const notice = inspection ? inspectionNotice(p.plannedOn, today, settings.inspectionNoticeDays)! : { noticeDays: 0, late: false };
  const record: PlanRecord = {
    id: newRecordId(),
    type: p.type,
    plannedOn: p.plannedOn,
    purpose: p.purpose.trim(),
    assignees: [...new Set(p.assignees)],
    createdAt: now,
    createdBy: by,
    visitId: '',
    cancelReason: '',
    department: inspection ? (p.department ?? '').trim() : '',
    noticeDays: notice.noticeDays,
    late: notice.late,
    lateReason: notice.late ? (p.lateReason ?? '').trim() : '',
  };
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(record)) m.set(k, v);
  plansArray(doc).push([m]);
  return record;
}

function planMap(doc: Y.Doc, id: string): Y.Map<unknown> | null {
  return plansArray(doc).toArray().find((m) => m instanceof Y.Map && m.get('id') === id) ?? null;
}

/** Marks the plan as carried out by `visitId`; false when there is no such plan or it is cancelled. */
export function linkPlanToVisit(doc: Y.Doc, planId: string, visitId: string): boolean {
  const m = planMap(doc, planId);
  if (!m || readPlan(m).cancelReason !== '' || m.get('visitId') === visitId) return false;
  m.set('visitId', visitId);
  return true;
}

/** Cancels an open plan (the reason is required); false when there is no such open plan. */
export function cancelPlan(doc: Y.Doc, id: string, reason: string, by: string, now: number): boolean {
  const why = reason.trim();
  if (why === '') throw new PlanInputError({ reason: 'required' });
  const m = planMap(doc, id);
  if (!m) return false;
  const plan = readPlan(m);
  if (plan.cancelReason !== '' || plan.visitId !== '') return false;
  doc.transact(() => {
    m.set('cancelReason', why.slice(0, MAX_PLAN_TEXT));
    m.set('cancelledBy', by);
    m.set('cancelledAt', now);
  });
  return true;
}

/**
 * Moves an open plan to another day. For an inspection this is a new filing: noticeDays is recomputed
 * from `now`, and a move that leaves too little notice is late and needs `lateReason`. A lateness once
 * recorded is never erased by moving the day (late stays true, the first reason is kept).
 */
export function reschedulePlan(
  doc: Y.Doc,
  id: string,
  plannedOn: string,
  by: string,
  now: number,
  settings: NoticeSettings,
  lateReason = '',
): boolean {
  const m = planMap(doc, id);
  if (!m) return false;
  const plan = readPlan(m);
  if (plan.cancelReason !== '' || plan.visitId !== '' || plan.plannedOn === plannedOn) return false;
  const today = chinaDay(now);
  const problems = planInputProblems({ ...plan, plannedOn, lateReason }, today, settings);
  // The department was checked at filing; only the new day and its lateness matter here.
  const relevant: PlanProblems = {};
  if (problems.plannedOn) relevant.plannedOn = problems.plannedOn;
  if (problems.lateReason && !(plan.late && problems.lateReason === 'required')) relevant.lateReason = problems.lateReason;
  if (hasProblems(relevant)) throw new PlanInputError(relevant);
  doc.transact(() => {
    m.set('rescheduledFrom', plan.plannedOn);
    m.set('rescheduledBy', by);
    m.set('rescheduledAt', now);
    m.set('plannedOn', plannedOn);
    if (plan.type !== INSPECTION_TYPE) return;
    const notice = inspectionNotice(plannedOn, today, settings.inspectionNoticeDays)!;
    m.set('noticeDays', notice.noticeDays);
    if (notice.late && !plan.late) {
      m.set('late', true);
      m.set('lateReason', lateReason.trim());
    }
  });
  return true;
}

/** Who cancelled or moved a plan, and when (keys outside PlanRecord; empty when never done). */
export interface PlanTrail {
  cancelledBy: string;
  cancelledAt: number;
  rescheduledFrom: string;
  rescheduledBy: string;
  rescheduledAt: number;
}

export function readPlanTrail(doc: Y.Doc, id: string): PlanTrail {
  const m = planMap(doc, id);
  const s = (k: string) => (typeof m?.get(k) === 'string' ? (m.get(k) as string) : '');
  const n = (k: string) => (typeof m?.get(k) === 'number' ? (m.get(k) as number) : 0);
  return {
    cancelledBy: s('cancelledBy'),
    cancelledAt: n('cancelledAt'),
    rescheduledFrom: s('rescheduledFrom'),
    rescheduledBy: s('rescheduledBy'),
    rescheduledAt: n('rescheduledAt'),
  };
}

/** True while a plan still waits to be carried out. */
export const isOpenPlan = (p: Pick<PlanSummary, 'done' | 'cancelled'>) => !p.done && !p.cancelled;

/** Is `userId` expected on the plan (named, or its maker when nobody is named)? */
export const planConcerns = (p: Pick<PlanSummary, 'assignees' | 'createdBy'>, userId: string) =>
  p.assignees.includes(userId) || (p.assignees.length === 0 && p.createdBy === userId);

/**
 * Should the plan be in `userId`'s own lists and reminders: plans they are expected on, and every
 * inspection filed on a file they are responsible for (涉企检查报备 is visible to the enterprise's
 * commissioner, whoever filed it).
 */
export const planIsFor = (
  p: Pick<PlanSummary, 'assignees' | 'createdBy' | 'type'>,
  row: Pick<EnterpriseRow, 'responsibleId'>,
  userId: string,
) => planConcerns(p, userId) || (p.type === INSPECTION_TYPE && row.responsibleId === userId);

/**
 * The open plan a visit by `userId` on `day` (YYYY-MM-DD) most likely carries out, for the visit form
 * to link: among the file's open plans that concern the user, the one planned closest to `day`
 * (an earlier, overdue one wins a tie). Null when there is none.
 */
export function openPlanFor(row: Pick<EnterpriseRow, 'plans'>, userId: string, day: string): PlanSummary | null {
  let best: PlanSummary | null = null;
  let bestDistance = Infinity;
  for (const p of row.plans) {
    if (!isOpenPlan(p) || !planConcerns(p, userId) || !isIsoDate(p.plannedOn)) continue;
    const distance = Math.abs(Date.parse(p.plannedOn) - Date.parse(day));
    if (distance < bestDistance || (distance === bestDistance && best !== null && p.plannedOn < best.plannedOn)) {
      best = p;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * What of the plans the relay keeps fixed (compared as a multiset, none may disappear): each plan's
 * identity (id, when, by whom — a plan is cancelled, never deleted) and, once an inspection is recorded
 * as filed late, that lateness and its reason (moving the day never erases it, see reschedulePlan).
 */
export function planFacts(doc: Y.Doc): string[] {
  const out: string[] = [];
  for (const m of plansArray(doc).toArray()) {
    if (!(m instanceof Y.Map)) continue;
    const p = readPlan(m);
    out.push(JSON.stringify(['plan', p.id, p.createdAt, p.createdBy]));
    if (p.late) out.push(JSON.stringify(['late', p.id, p.lateReason]));
  }
  return out;
}

const PLAN_KEYS: Record<string, 'string' | 'number' | 'boolean' | 'strings'> = {
  id: 'string', type: 'string', plannedOn: 'string', purpose: 'string', assignees: 'strings', createdAt: 'number',
  createdBy: 'string', visitId: 'string', cancelReason: 'string', department: 'string', noticeDays: 'number',
  late: 'boolean', lateReason: 'string', cancelledBy: 'string', cancelledAt: 'number', rescheduledFrom: 'string',
  rescheduledBy: 'string', rescheduledAt: 'number',
};

/** The relay's schema check of `plans` (English, for logs and refusals); empty when well-formed. */
export function plansSchemaProblems(doc: Y.Doc): string[] {
  const list = plansArray(doc) as Y.Array<unknown>;
  // A root sent as a map reads as an array with map entries: garbage under a known name.
  if ((list as unknown as { _map: Map<string, unknown> })._map.size > 0) return ['plans is not a list'];
  for (const item of list.toArray()) {
    if (!(item instanceof Y.Map)) return ['plans: an item is not a record'];
    for (const [k, v] of (item as Y.Map<unknown>).entries()) {
      const want = PLAN_KEYS[k];
      if (!want) return [`plans: unknown field "${k}"`];
      const ok =
        want === 'strings'
          ? Array.isArray(v) && v.length <= MAX_ASSIGNEES && v.every((x) => typeof x === 'string' && x.length <= 100)
          : want === 'number'
            ? typeof v === 'number' && Number.isFinite(v)
            : want === 'string'
              ? typeof v === 'string' && v.length <= MAX_PLAN_TEXT
              : typeof v === want;
      if (!ok) return [`plans: ${k} has the wrong type`];
    }
    const m = item as Y.Map<unknown>;
    const id = m.get('id');
    if (typeof id !== 'string' || id === '') return ['plans: a record has no id'];
    const type = m.get('type');
    if (type !== undefined && !(VISIT_TYPES as readonly unknown[]).includes(type)) return ['plans: type is not a visit type'];
    for (const k of ['plannedOn', 'rescheduledFrom']) {
      const d = m.get(k);
      if (d !== undefined && !(k === 'rescheduledFrom' && d === '') && !isIsoDate(d as string)) return [`plans: ${k} is not a date`];
    }
    const days = m.get('noticeDays');
    if (days !== undefined && !Number.isInteger(days)) return ['plans: noticeDays is not a whole number'];
  }
  return [];
}
