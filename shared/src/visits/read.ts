/**
 * Reading visits and plans out of an enterprise doc (layout: types.ts). Tolerant: a missing or malformed
 * value reads as empty, so an old or foreign record never breaks a list. Writing lives in visits.ts/plans.ts.
 */
import * as Y from 'yjs';
import type { GeoFlag, GeoStamp, PhotoRef, PlanRecord, PlanSummary, VisitFigures, VisitRecord, VisitSummary, VisitType } from './types.ts';
import { VISIT_TYPES } from './types.ts';

export const visitsArray = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('visits');
export const plansArray = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('plans');

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const numOrNull = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const visitType = (v: unknown): VisitType => ((VISIT_TYPES as readonly unknown[]).includes(v) ? (v as VisitType) : '其他');
const obj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

export function readGeoStamp(v: unknown): GeoStamp | null {
  const o = obj(v);
  if (!o) return null;
  return {
    lat: numOrNull(o.lat),
    lng: numOrNull(o.lng),
    accuracy: numOrNull(o.accuracy),
    at: num(o.at),
    distanceM: numOrNull(o.distanceM),
    flags: strings(o.flags) as GeoFlag[],
  };
}

function readPhotos(v: unknown): PhotoRef[] {
  if (!Array.isArray(v)) return [];
  return v.map(obj).filter((o): o is Record<string, unknown> => o !== null && typeof o.hash === 'string').map((o) => ({
    hash: str(o.hash),
    bytes: num(o.bytes),
    width: num(o.width),
    height: num(o.height),
    mime: str(o.mime) || 'image/jpeg',
    takenAt: num(o.takenAt),
    caption: str(o.caption),
  }));
}

function readFigures(v: unknown): VisitFigures {
  const o = obj(v) ?? {};
  return { outputWan: numOrNull(o.outputWan), revenueWan: numOrNull(o.revenueWan), taxWan: numOrNull(o.taxWan), employees: numOrNull(o.employees) };
}

export function readVisit(m: Y.Map<unknown>): VisitRecord {
  return {
    id: str(m.get('id')),
    type: visitType(m.get('type')),
    visitedAt: num(m.get('visitedAt')),
    visitors: strings(m.get('visitors')),
    companions: str(m.get('companions')),
    purpose: str(m.get('purpose')),
    findings: str(m.get('findings')),
    situation: str(m.get('situation')),
    figures: readFigures(m.get('figures')),
    demandItems: strings(m.get('demandItems')),
    demandIds: strings(m.get('demandIds')),
    policies: str(m.get('policies')),
    policyCodes: strings(m.get('policyCodes')),
    nextVisitOn: str(m.get('nextVisitOn')),
    checkIn: readGeoStamp(m.get('checkIn')),
    checkOut: readGeoStamp(m.get('checkOut')),
    photos: readPhotos(m.get('photos')),
    planId: str(m.get('planId')),
    createdAt: num(m.get('createdAt')),
    createdBy: str(m.get('createdBy')),
    updatedAt: num(m.get('updatedAt')),
    updatedBy: str(m.get('updatedBy')),
    voidReason: str(m.get('voidReason')),
  };
}

/** Every visit of the file, newest first. */
export function readVisits(doc: Y.Doc): VisitRecord[] {
  return visitsArray(doc)
    .toArray()
    .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
    .map(readVisit)
    .sort((a, b) => b.visitedAt - a.visitedAt);
}

export function readPlan(m: Y.Map<unknown>): PlanRecord {
  return {
    id: str(m.get('id')),
    type: visitType(m.get('type')),
    plannedOn: str(m.get('plannedOn')),
    purpose: str(m.get('purpose')),
    assignees: strings(m.get('assignees')),
    createdAt: num(m.get('createdAt')),
    createdBy: str(m.get('createdBy')),
    visitId: str(m.get('visitId')),
    cancelReason: str(m.get('cancelReason')),
    department: str(m.get('department')),
    noticeDays: num(m.get('noticeDays')),
    late: m.get('late') === true,
    lateReason: str(m.get('lateReason')),
  };
}

/** Every plan of the file, soonest first. */
export function readPlans(doc: Y.Doc): PlanRecord[] {
  return plansArray(doc)
    .toArray()
    .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
    .map(readPlan)
    .sort((a, b) => (a.plannedOn < b.plannedOn ? -1 : a.plannedOn > b.plannedOn ? 1 : a.createdAt - b.createdAt));
}

export function summarizeVisit(v: VisitRecord): VisitSummary {
  const inStamp = v.checkIn;
  return {
    id: v.id,
    type: v.type,
    visitedAt: v.visitedAt,
    visitors: v.visitors,
    createdBy: v.createdBy,
    photos: v.photos.length,
    demands: Math.max(v.demandItems.length, v.demandIds.length),
    flags: inStamp ? inStamp.flags : ['no-fix'],
    dwellMs: inStamp && v.checkOut && v.checkOut.at > inStamp.at ? v.checkOut.at - inStamp.at : 0,
    voided: v.voidReason !== '',
  };
}

export function summarizePlan(p: PlanRecord): PlanSummary {
  return {
    id: p.id,
    type: p.type,
    plannedOn: p.plannedOn,
    assignees: p.assignees,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    done: p.visitId !== '',
    cancelled: p.cancelReason !== '',
    department: p.department,
    noticeDays: p.noticeDays,
    late: p.late,
  };
}

/** Time of the latest visit that is not voided (0 when none). */
export function lastVisitAt(visits: readonly VisitSummary[]): number {
  let last = 0;
  for (const v of visits) if (!v.voided && v.visitedAt > last) last = v.visitedAt;
  return last;
}
