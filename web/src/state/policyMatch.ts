/**
 * Policy matching as the pages need it, on the device with no network (shared/src/policies does the
 * evaluation): the file page's 可享政策 groups, the item page's enterprises by scope (我的 / 本队 / 全区),
 * and the contacts of a push list read from the updates this device stores (contacts live in the
 * enterprise docs, not in list rows).
 */
import * as Y from 'yjs';
import {
  enterpriseFacts,
  enterprisesForItem,
  matchItemsForEnterprise,
  readContacts,
  readPolicyEvents,
  closingApplications,
  currentPolicyStatuses,
  seesWholeDistrict,
  type Contact,
  type EnterpriseRow,
  type EnterprisesForItem,
  type MatchableRow,
  type PolicyItem,
  type PolicyMatch,
  type PolicyStatusSummary,
  type Principal,
} from '@bangqi/shared';
import type { AppDb } from '../storage/db.ts';

export interface FileMatches {
  /** 免申即享 items it qualifies for: "应自动享受", to check they arrived */
  automatic: PolicyMatch[];
  /** 申报 items it qualifies for */
  eligible: PolicyMatch[];
  /** one condition unmet (named) */
  nearly: PolicyMatch[];
  /** none unmet, some facts missing from the file (prompt to fill them) */
  unknown: PolicyMatch[];
}

/** The ranked matches of one enterprise, grouped for the file page (ranking kept within each group). */
export function fileMatches(items: readonly PolicyItem[], row: MatchableRow, today: string): FileMatches {
  const out: FileMatches = { automatic: [], eligible: [], nearly: [], unknown: [] };
  for (const m of matchItemsForEnterprise(items, enterpriseFacts(row), today)) {
    const v = m.result.verdict;
    if (v === 'eligible') (m.item.mode === '免申即享' ? out.automatic : out.eligible).push(m);
    else if (v === 'nearly') out.nearly.push(m);
    else if (v === 'unknown') out.unknown.push(m);
  }
  return out;
}

/** The current statuses of a list row; rows stored before statuses were materialized read as none. */
export function rowPolicyStatuses(row: object): PolicyStatusSummary {
  return (row as { policies?: PolicyStatusSummary }).policies ?? {};
}

/** The current statuses read straight from an open enterprise doc (the file page: live, offline). */
export function docPolicyStatuses(doc: Y.Doc): PolicyStatusSummary {
  return currentPolicyStatuses(readPolicyEvents(doc));
}

export type MatchScope = 'mine' | 'team' | 'district';

/** The scopes a user may pick on an item page: commissioners their portfolio, leads their teams, coordinators the district. */
export function scopesFor(p: Principal | null): MatchScope[] {
  if (!p) return [];
  if (seesWholeDistrict(p.role)) return ['mine', 'team', 'district'];
  if (p.ledTeamIds.length > 0) return ['mine', 'team'];
  if (p.role === 'commissioner' || p.role === 'team-lead') return ['mine'];
  return [];
}

/** The rows of a scope: 我的 = responsible for, 本队 = the teams led (or belonged to), 全区 = all rows held. */
export function scopeRows<R extends Pick<EnterpriseRow, 'responsibleId' | 'teamId'>>(rows: readonly R[], p: Principal | null, scope: MatchScope): R[] {
  if (!p) return [];
  if (scope === 'mine') return rows.filter((r) => r.responsibleId === p.userId);
  if (scope === 'team') {
    const teams = new Set(p.ledTeamIds.length > 0 ? p.ledTeamIds : p.teamIds);
    return rows.filter((r) => teams.has(r.teamId));
  }
  return [...rows];
}

export type ItemEnterprises = EnterprisesForItem<EnterpriseRow>;

/** Enterprises of a scope for an item, each group sorted by name so the list reads like the directory. */
export function itemEnterprises(item: PolicyItem, rows: readonly EnterpriseRow[], today: string): ItemEnterprises {
  const out = enterprisesForItem(item, rows, today);
  const byName = (a: EnterpriseRow, b: EnterpriseRow) => a.name.localeCompare(b.name, 'zh-CN') || (a.id < b.id ? -1 : 1);
  out.eligible.sort(byName);
  out.nearly.sort((a, b) => byName(a.row, b.row));
  out.unknown.sort((a, b) => byName(a.row, b.row));
  return out;
}

/**
 * The contacts of each enterprise, read from the updates stored on this device in slices (a push list of
 * a few hundred enterprises must not freeze the page); `progress(done, total)` after each slice.
 */
export async function contactsFromStore(
  db: AppDb,
  ids: readonly string[],
  progress: (done: number, total: number) => void,
  slice = 50,
): Promise<Map<string, Contact[]>> {
  const out = new Map<string, Contact[]>();
  for (let i = 0; i < ids.length; i += slice) {
    const part = ids.slice(i, i + slice);
    const recs = await db.updates.where('docId').anyOf(part).toArray();
    const byDoc = new Map<string, Uint8Array[]>();
    for (const r of recs) (byDoc.get(r.docId) ?? byDoc.set(r.docId, []).get(r.docId)!).push(r.update);
    for (const id of part) {
      const doc = new Y.Doc();
      for (const u of byDoc.get(id) ?? []) Y.applyUpdate(doc, u);
      out.set(id, readContacts(doc));
      doc.destroy();
    }
    progress(Math.min(i + slice, ids.length), ids.length);
    // Yield to the page between slices so the progress bar paints.
    await new Promise((r) => setTimeout(r, 0));
  }
  return out;
}

/** Days ahead the 申报截止 reminders look. */
export const CLOSING_WINDOW_DAYS = 30;

/**
 * 申报截止 reminders: eligible enterprises without 已申报/已兑现/不符合 for an item whose window closes within
 * CLOSING_WINDOW_DAYS — a commissioner's own portfolio; leads and coordinators every row they hold.
 */
export function closingForUser(items: readonly PolicyItem[], rows: readonly EnterpriseRow[], p: Principal | null, today: string) {
  if (!p) return [];
  const mine = p.role === 'commissioner' ? rows.filter((r) => r.responsibleId === p.userId) : rows;
  return closingApplications(items, mine, today, CLOSING_WINDOW_DAYS);
}

/** The note of each item's current status event ('' none): a 未到账 check shows on the file page. */
export function docPolicyNotes(doc: Y.Doc): Record<string, string> {
  const notes: Record<string, string> = {};
  for (const e of readPolicyEvents(doc)) notes[e.code] = e.note; // (at, id) order: the last one is current
  return notes;
}
