/**
 * 走访 inside the enterprise doc (ARCHITECTURE: one Y.Doc per file holds its visits). Contract shared by
 * the relay (schema checks, rows) and the app.
 *
 * Doc layout (roots added to ENTERPRISE_ROOTS):
 *  array `visits`  Y.Map per visit (keys = VisitRecord fields, plain values; arrays/objects as plain JSON).
 *                  Saved when the user presses 保存 (the form keeps a local draft on every keystroke
 *                  until then); later edits set single keys, so two devices editing different fields merge.
 *                  Never deleted: a visit recorded by mistake is marked `voided` (with who/why).
 *  array `plans`   Y.Map per planned visit (PlanRecord), including 涉企检查报备 (inspection filings).
 */

export const VISIT_TYPES = ['日常走访', '诉求跟进', '政策宣讲', '政企座谈', '执法检查', '其他'] as const;
export type VisitType = (typeof VISIT_TYPES)[number];

/** Why a check-in/out is flagged. Flags never block saving. */
export type GeoFlag =
  | 'far' // farther than the district radius from the enterprise's location
  | 'poor-accuracy' // accuracy worse than the district limit
  | 'denied' // the user (or browser) refused location
  | 'no-fix' // no position within the timeout / unavailable
  | 'no-enterprise-location'; // the file has no coordinates: distance unknown

export interface GeoStamp {
  /** null when there is no position (denied / no-fix) */
  lat: number | null;
  lng: number | null;
  /** metres (GeolocationCoordinates.accuracy), null without a fix */
  accuracy: number | null;
  /** when the stamp was taken (device clock) */
  at: number;
  /** metres to the enterprise's location, null when either is unknown */
  distanceM: number | null;
  flags: GeoFlag[];
}

/** A photo in a visit: the doc holds only its address and metadata; the bytes are a blob. */
export interface PhotoRef {
  /** SHA-256 of the compressed JPEG, lower-case hex */
  hash: string;
  bytes: number;
  width: number;
  height: number;
  mime: string;
  takenAt: number;
  caption: string;
}

/** Optional figures of the enterprise's situation (万元 / persons), null when not given. */
export interface VisitFigures {
  outputWan: number | null; // 产值
  revenueWan: number | null; // 营收
  taxWan: number | null; // 税收
  employees: number | null; // 用工
}

export interface VisitRecord {
  id: string;
  type: VisitType;
  /** when the visit took place (ms) */
  visitedAt: number;
  /** user ids of the staff who went (at least one) */
  visitors: string[];
  /** free-text companions (e.g. 区发改局 李科长) */
  companions: string;
  purpose: string;
  findings: string;
  situation: string;
  figures: VisitFigures;
  /** demands raised: free-text items; each becomes a demand doc (its id in demandIds) once created */
  demandItems: string[];
  demandIds: string[];
  /** policies explained: free text (also for what is not in the library) */
  policies: string;
  /** policy library items explained at this visit (their codes; older visits: []) */
  policyCodes: string[];
  /** YYYY-MM-DD or '' */
  nextVisitOn: string;
  checkIn: GeoStamp | null;
  checkOut: GeoStamp | null;
  photos: PhotoRef[];
  /** the plan (or inspection filing) this visit carries out, '' when none */
  planId: string;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  /** '' unless voided: why it was voided (a voided visit stays, struck through) */
  voidReason: string;
}

export interface PlanRecord {
  id: string;
  type: VisitType;
  /** YYYY-MM-DD the visit is planned for */
  plannedOn: string;
  purpose: string;
  /** user ids expected to go */
  assignees: string[];
  createdAt: number;
  createdBy: string;
  /** '' or the visit that carried it out */
  visitId: string;
  /** cancelled plans stay (who/why) */
  cancelReason: string;
  /**
   * 涉企检查报备 (type 执法检查): the inspecting department, and the lateness recorded at filing:
   * noticeDays = whole days between filing (createdAt, China day) and plannedOn; late = noticeDays <
   * the district's inspectionNoticeDays at filing time. Empty/0/false for other types.
   */
  department: string;
  noticeDays: number;
  late: boolean;
  lateReason: string;
}

/** What the enterprise's list row carries about visits (EnterpriseRow.visits / .plans): lists, history,
 *  team view, calendar and reminders read these, never the doc. */
export interface VisitSummary {
  id: string;
  type: VisitType;
  visitedAt: number;
  visitors: string[];
  createdBy: string;
  photos: number;
  demands: number;
  /** check-in flags (empty when checked in inside the radius with good accuracy; ['no-fix'] without a stamp) */
  flags: GeoFlag[];
  /** check-out minus check-in, ms (0 without both) */
  dwellMs: number;
  voided: boolean;
}

export interface PlanSummary {
  id: string;
  type: VisitType;
  plannedOn: string;
  assignees: string[];
  createdBy: string;
  createdAt: number;
  done: boolean;
  cancelled: boolean;
  department: string;
  noticeDays: number;
  late: boolean;
}
