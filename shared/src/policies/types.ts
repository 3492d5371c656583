/**
 * 惠企政策 — the policy library at claimable-item granularity (费县: 事项名称, 实施依据, 适用对象, 兑现要点,
 * 申报条件, 申报材料, 申报流程, 咨询电话, 发布层级, 文号, 网址, 实施时间, 兑现平台). Contract shared by the relay and the app.
 *
 * Library doc `pol-library` (POLICY_LIBRARY_DOC_ID), read by every signed-in user, written by coordinators/admins:
 *  map `items`  item code → Y.Map of PolicyItem fields (plain values; `conditions` a plain JSON array), so two
 *               coordinators editing different fields of one item merge field by field. Items are never deleted:
 *               `withdrawn` hides one (expired items are hidden by default by their validity, never deleted).
 * Per enterprise (inside its `ent-*` doc), root `policyEvents`: append-only PolicyStatusEvent objects; the
 * current status of an item for the enterprise is the latest event for its code (by at, then id).
 */
import type { PolicyCondition } from './conditions.ts';

export const POLICY_LIBRARY_DOC_ID = 'pol-library';

export const POLICY_LEVELS = ['国家', '省', '市', '县区'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];

export const POLICY_DOMAINS = ['科技', '人才', '金融', '工业', '商贸', '农业', '就业', '税费', '其他'] as const;

export const POLICY_MODES = ['免申即享', '申报'] as const;
export type PolicyMode = (typeof POLICY_MODES)[number];

export interface PolicyItem {
  /** 事项编码: the key; re-import updates by it */
  code: string;
  name: string; // 事项名称
  document: string; // 政策文件 (the policy document it comes from)
  docNumber: string; // 文号
  level: PolicyLevel | '';
  department: string; // 发布部门
  domain: string; // 领域
  basis: string; // 实施依据
  target: string; // 适用对象 (text as published)
  keyPoints: string; // 兑现要点
  requirements: string; // 申报条件 (text as published; the machine-readable part is `conditions`)
  materials: string; // 申报材料
  process: string; // 申报流程
  phone: string; // 咨询电话
  url: string; // 网址
  platform: string; // 兑现平台
  mode: PolicyMode;
  /** amount or benefit as text (e.g. 最高奖励50万元) */
  benefit: string;
  /** the largest amount in 万元 when known (ranking), null otherwise */
  amountWan: number | null;
  /** validity 生效/失效 YYYY-MM-DD ('' open-ended) */
  effectiveFrom: string;
  effectiveTo: string;
  /** application window 申报时间 YYYY-MM-DD ('' none: e.g. 免申即享 or all year) */
  applyFrom: string;
  applyTo: string;
  conditions: PolicyCondition[];
  /** hidden from matching and lists (kept for history) */
  withdrawn: boolean;
  updatedAt: number;
  updatedBy: string;
}

export const POLICY_STATUSES = ['已告知', '已申报', '已兑现', '不符合'] as const;
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

export interface PolicyStatusEvent {
  id: string;
  /** item code */
  code: string;
  status: PolicyStatus;
  /** 已兑现: amount as text (e.g. 20万元) and YYYY-MM-DD; '' otherwise */
  amount: string;
  date: string;
  note: string;
  /** the visit where it was explained ('' when recorded elsewhere) */
  visitId: string;
  by: string;
  at: number;
}

/** What the enterprise's list row carries (EnterpriseRow.policies): code → the current status. */
export type PolicyStatusSummary = Record<string, { status: PolicyStatus; at: number; amount: string }>;
