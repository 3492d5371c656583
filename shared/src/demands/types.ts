/**
 * 诉求 (demand) — each demand is its own Y.Doc (`dem-<id>`), so a department can be given exactly the
 * demands dispatched to it. Contract shared by the relay (access, write checks, rows) and the app.
 *
 * Doc layout:
 *  map `info`       DemandInfo fields (plain values; title/description editable by the raiser and coordinators)
 *  array `events`   DemandEvent objects, append-only (never edited or removed; the relay refuses it)
 *  array `attachments` AttachmentRef objects (content-addressed blobs, see blobs in docs/protocol.md)
 * The current state is DERIVED from the events (derive.ts), deterministically, whatever order they
 * arrived in: every device computes the same state from the same set of events.
 */

export const DEMAND_CATEGORIES = [
  '人才', '科技', '安全', '环保', '融资', '政策', '土地', '审批', '纳税', '参保', '医保', '公积金', '知识产权', '其他',
] as const;
export type DemandCategory = (typeof DEMAND_CATEGORIES)[number];

/** Urgency tier → working-day limit from district settings (default 1 / 5 / 15, "1、5、15"). */
export const URGENCY_TIERS = ['simple', 'ordinary', 'complex'] as const;
export type UrgencyTier = (typeof URGENCY_TIERS)[number];

/** 受理 → 交办 → 办理 → 办结 → 回访 → 销号. */
export const DEMAND_STATES = ['received', 'dispatched', 'handling', 'resolved', 'called-back', 'closed'] as const;
export type DemandState = (typeof DEMAND_STATES)[number];

export const SATISFACTION = ['满意', '基本满意', '不满意'] as const;
export type Satisfaction = (typeof SATISFACTION)[number];

export interface DemandInfo {
  enterpriseId: string;
  /** the enterprise's name when raised (shown to handlers, who cannot read files) */
  enterpriseName: string;
  /** the enterprise's town when raised (figures by town; handlers cannot read files) */
  town: string;
  /** the visit it was raised on ('' when raised from the file directly) */
  visitId: string;
  title: string;
  description: string;
  category: DemandCategory;
  urgency: UrgencyTier;
  contactName: string;
  contactPhone: string;
  createdAt: number;
  createdBy: string;
}

export interface AttachmentRef {
  /** SHA-256 of the bytes, lower-case hex: the blob's address */
  hash: string;
  name: string;
  mime: string;
  bytes: number;
  addedAt: number;
  addedBy: string;
}

interface EventBase {
  /** unique (newRecordId) */
  id: string;
  /** device clock, ms */
  at: number;
  /** user id of who acted (the relay refuses an event whose `by` is not the writer) */
  by: string;
  /**
   * id of the last lifecycle event its author's device had derived when acting ('' for the first):
   * two transitions with the same basis were made concurrently, offline (see derive.ts conflicts).
   */
  basis: string;
}

export type DemandEvent = EventBase &
  (
    | { type: 'raise' } // 受理 — recorded when the demand is created (raised by a commissioner or coordinator)
    | { type: 'dispatch'; departments: string[]; note: string } // 交办 to one or more departments
    | { type: 'progress'; department: string; note: string } // 办理: a handler's note
    | { type: 'resolve'; department: string; note: string } // 办结 (by a handler, or a coordinator for all)
    | { type: 'callback'; satisfaction: Satisfaction; comment: string } // 回访; 不满意 sends it back to 办理
    | { type: 'close'; note: string } // 销号 by a coordinator
    | { type: 'reject'; note: string } // a coordinator refuses the resolution: back to 办理
    | { type: 'escalate'; instruction: string; automatic: boolean } // 督办
    | { type: 'extend-request'; workingDays: number; reason: string } // ask for more time (Shandong: up to 30)
    | { type: 'extend-decision'; requestId: string; approved: boolean; note: string } // coordinator's answer
    | { type: 'link'; issueId: string } // joined a common issue (共性问题)
    | { type: 'decide'; conflictIds: string[]; keep: string; note: string } // coordinator settles a conflict
  );

export type DemandEventType = DemandEvent['type'];

/** A conflict: concurrent transitions that cannot both hold (e.g. one closed while another reopened). */
export interface DemandConflict {
  /** the event ids involved, sorted */
  eventIds: string[];
  /** the event whose transition the derivation applied for now (the deterministic winner) */
  applied: string;
}

/** What derive.ts computes from the info + events. */
export interface DemandStatus {
  state: DemandState;
  /** departments currently dispatched to (union of dispatches) */
  departments: string[];
  /** departments that reported 办结 since the last (re)dispatch/reopen */
  resolvedDepartments: string[];
  acceptedAt: number;
  dispatchedAt: number;
  resolvedAt: number;
  closedAt: number;
  /** latest 回访 result ('' before any) */
  satisfaction: Satisfaction | '';
  /** how many times it was sent back (不满意 or a refused resolution) */
  reopenCount: number;
  /** approved extra working days */
  extensionDays: number;
  /** an extension request waiting for a decision */
  pendingExtension: { requestId: string; workingDays: number; reason: string } | null;
  escalations: { at: number; by: string; instruction: string; automatic: boolean }[];
  issueId: string;
  /** open (undecided) conflicts, for the coordinator */
  conflicts: DemandConflict[];
  lastEventAt: number;
}

/**
 * The demand's list row (Dexie table `demands`, the relay's `rows`): what lists, queues, figures and the
 * relay's access control read. `enterpriseId`, `departments` and `createdBy` are the access key.
 */
export interface DemandRow extends DemandStatus {
  id: string;
  enterpriseId: string;
  enterpriseName: string;
  town: string;
  visitId: string;
  title: string;
  category: DemandCategory;
  urgency: UrgencyTier;
  createdAt: number;
  createdBy: string;
  attachmentsCount: number;
}

/**
 * 共性问题 — its own Y.Doc (`iss-<id>`):
 *  map `info` { title, description, createdAt, createdBy }
 *  array `members` demand ids (append-only; a demand also records `link` in its own events)
 *  array `meetings` JointMeeting objects (联席会议 records, append-only)
 *  array `events` IssueEvent objects (append-only)
 */
export interface JointMeeting {
  id: string;
  /** YYYY-MM-DD */
  date: string;
  departments: string[];
  attendees: string;
  minutes: string;
  decisions: string;
  at: number;
  by: string;
}

export type IssueEvent = { id: string; at: number; by: string } & (
  | { type: 'resolve'; note: string } // resolved once: the app then proposes resolving each member
  | { type: 'reopen'; note: string }
);

export interface IssueRow {
  id: string;
  title: string;
  memberIds: string[];
  /** departments of every meeting (and so of every handler who may read it) */
  departments: string[];
  meetingsCount: number;
  resolved: boolean;
  createdAt: number;
  createdBy: string;
  lastEventAt: number;
}
