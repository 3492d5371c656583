/**
 * 走访 on the device: the visit draft (the whole form, saved synchronously on every change so a reload,
 * crash or closed tab never loses a word), the visits of one open file (read from its doc, written with
 * the shared write API), and the figures of 我的走访 and the team view, computed from the materialized
 * rows (never from docs).
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import {
  FIGURE_KEYS,
  addVisit,
  chinaDay,
  linkPlanToVisit,
  recordPolicyStatus,
  readVisits,
  updateVisit,
  voidVisit,
  type EnterpriseRow,
  type GeoStamp,
  type OrgUser,
  type PhotoRef,
  type VisitEdit,
  type VisitFigures,
  type VisitInput,
  type VisitRecord,
  type VisitSummary,
  type VisitType,
} from '@bangqi/shared';
import type { DocStore } from '../domain/docStore.ts';

// ---------------------------------------------------------------------------------------------------
// Drafts

/** The form as typed (text as text: a half-typed figure such as "12." must survive a reload). */
export interface VisitDraft {
  enterpriseId: string;
  startedAt: number;
  type: VisitType;
  /** `YYYY-MM-DDTHH:mm` (datetime-local, device time) */
  visitedAt: string;
  visitors: string[];
  companions: string;
  purpose: string;
  findings: string;
  situation: string;
  figures: Record<keyof VisitFigures, string>;
  demandItems: string[];
  policies: string;
  /** policy items explained (optional: drafts saved before the picker existed have none) */
  policyCodes?: string[];
  nextVisitOn: string;
  checkIn: GeoStamp | null;
  checkOut: GeoStamp | null;
  /** photos already stored as blobs (only hashes and metadata here) */
  photos: PhotoRef[];
  planId: string;
  /** set when the draft edits a saved visit: its id, and its next-visit day as it was (an old visit's
   *  past next-visit day must not block correcting a typo) */
  editOf?: { id: string; nextVisitOn: string; visitedAt: number };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DDTHH:mm` in device time (what <input type=datetime-local> shows). */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A fresh form; `planId` = the open plan this visit most likely carries out (the form lets the user untick it). */
export function newDraft(enterpriseId: string, me: string, now: number, planId = ''): VisitDraft {
  return {
    enterpriseId,
    startedAt: now,
    type: '日常走访',
    visitedAt: localDateTime(now),
    visitors: [me],
    companions: '',
    purpose: '',
    findings: '',
    situation: '',
    figures: { outputWan: '', revenueWan: '', taxWan: '', employees: '' },
    demandItems: [],
    policies: '',
    policyCodes: [],
    nextVisitOn: '',
    checkIn: null,
    checkOut: null,
    photos: [],
    planId,
  };
}

/** A draft that edits a saved visit, starting from what it holds. */
export function draftFromVisit(enterpriseId: string, visit: VisitRecord, now: number): VisitDraft {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    enterpriseId,
    startedAt: now,
    type: visit.type,
    visitedAt: localDateTime(visit.visitedAt),
    visitors: [...visit.visitors],
    companions: visit.companions,
    purpose: visit.purpose,
    findings: visit.findings,
    situation: visit.situation,
    figures: { outputWan: text(visit.figures.outputWan), revenueWan: text(visit.figures.revenueWan), taxWan: text(visit.figures.taxWan), employees: text(visit.figures.employees) },
    demandItems: [...visit.demandItems],
    policies: visit.policies,
    policyCodes: [...(visit.policyCodes ?? [])],
    nextVisitOn: visit.nextVisitOn,
    checkIn: visit.checkIn,
    checkOut: visit.checkOut,
    photos: visit.photos.map((p) => ({ ...p })),
    planId: visit.planId,
    editOf: { id: visit.id, nextVisitOn: visit.nextVisitOn, visitedAt: visit.visitedAt },
  };
}

/** What an edit draft changes: every form field except the demand links, which other screens set. */
export function draftToEdit(d: VisitDraft): VisitEdit {
  const { demandIds: _links, ...fields } = draftToInput(d);
  // The form shows minutes: an untouched time keeps its seconds (no spurious change).
  if (d.editOf && d.visitedAt === localDateTime(d.editOf.visitedAt)) fields.visitedAt = d.editOf.visitedAt;
  return fields;
}

/** A figure as typed → number, null when empty, NaN when not a number (the check reports it). */
function figure(text: string): number | null {
  const t = text.trim().replace(/，/g, '').replace(/,/g, '');
  return t === '' ? null : Number(t);
}

/** What the draft saves as (the shared check decides whether it may). */
export function draftToInput(d: VisitDraft): VisitInput {
  const figures = Object.fromEntries(FIGURE_KEYS.map((k) => [k, figure(d.figures[k])])) as unknown as VisitFigures;
  const at = new Date(d.visitedAt).getTime();
  return {
    type: d.type,
    visitedAt: Number.isFinite(at) ? at : 0,
    visitors: [...d.visitors],
    companions: d.companions.trim(),
    purpose: d.purpose.trim(),
    findings: d.findings.trim(),
    situation: d.situation.trim(),
    figures,
    demandItems: d.demandItems.map((s) => s.trim()).filter(Boolean),
    demandIds: [],
    policies: d.policies.trim(),
    policyCodes: [...(d.policyCodes ?? [])],
    nextVisitOn: d.nextVisitOn,
    checkIn: d.checkIn,
    checkOut: d.checkOut,
    photos: d.photos,
    planId: d.planId,
  };
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface VisitDraftStore {
  load(enterpriseId: string): VisitDraft | null;
  /** synchronous; false when the device refused (quota, disabled storage) */
  save(draft: VisitDraft): boolean;
  clear(enterpriseId: string): void;
  /** every unfinished draft of this user on this device */
  all(): VisitDraft[];
}

/** Drafts per user and enterprise in Web Storage (one JSON value each). */
export function visitDraftStore(storage: KeyValueStorage | null, userId: string): VisitDraftStore {
  const prefix = `bangqi-visit-draft:${userId}:`;
  const parse = (raw: string | null): VisitDraft | null => {
    if (!raw) return null;
    try {
      const d = JSON.parse(raw) as VisitDraft;
      return d && typeof d.enterpriseId === 'string' && Array.isArray(d.visitors) ? d : null;
    } catch {
      return null;
    }
  };
  return {
    load: (id) => {
      try {
        return parse(storage?.getItem(prefix + id) ?? null);
      } catch {
        return null;
      }
    },
    save: (d) => {
      try {
        storage?.setItem(prefix + d.enterpriseId, JSON.stringify(d));
        return !!storage;
      } catch {
        return false;
      }
    },
    clear: (id) => {
      try {
        storage?.removeItem(prefix + id);
      } catch {
        /* nothing to clear */
      }
    },
    all: () => {
      const out: VisitDraft[] = [];
      try {
        for (let i = 0; storage && i < storage.length; i++) {
          const k = storage.key(i);
          if (k?.startsWith(prefix)) {
            const d = parse(storage.getItem(k));
            if (d) out.push(d);
          }
        }
      } catch {
        /* storage unavailable */
      }
      return out.sort((a, b) => b.startedAt - a.startedAt);
    },
  };
}

export function browserVisitDrafts(userId: string): VisitDraftStore {
  let storage: KeyValueStorage | null = null;
  try {
    storage = typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    storage = null;
  }
  return visitDraftStore(storage, userId);
}

// ---------------------------------------------------------------------------------------------------
// The visits of one open file

export interface FileVisits {
  visits: Accessor<VisitRecord[]>;
  add(input: VisitInput): string;
  update(id: string, fields: VisitEdit): boolean;
  void(id: string, reason: string): boolean;
  /** resolves when every write so far is in IndexedDB */
  flush(): Promise<void>;
}

/** Appends 已告知 (with the visit id) for each policy item explained at a visit. */
function markExplained(doc: Parameters<typeof addVisit>[0], codes: readonly string[], visitId: string, by: string): void {
  for (const code of codes) recordPolicyStatus(doc, { code, status: '已告知', amount: '', date: '', note: '', visitId }, by, Date.now());
}

/** Shares the file's doc with the page (the doc store ref-counts it); released on cleanup. */
export function createFileVisits(docs: DocStore, docId: string, by: () => string): FileVisits {
  const handle = docs.acquire(docId);
  const { doc } = handle;
  const [visits, setVisits] = createSignal<VisitRecord[]>(readVisits(doc));
  const refresh = () => setVisits(readVisits(doc));
  doc.on('update', refresh);
  void handle.ready.then(refresh);
  onCleanup(() => {
    doc.off('update', refresh);
    handle.release();
  });
  return {
    visits,
    // The visit, the plan it carries out and the 已告知 of the policies explained change together (one update).
    add: (input) => {
      let id = '';
      doc.transact(() => {
        id = addVisit(doc, input, by(), Date.now());
        if (input.planId) linkPlanToVisit(doc, input.planId, id);
        markExplained(doc, input.policyCodes ?? [], id, by());
      });
      return id;
    },
    // An edit records 已告知 only for the items it adds (those already saved were recorded then).
    update: (id, fields) => {
      let changed = false;
      doc.transact(() => {
        const before = new Set(readVisits(doc).find((v) => v.id === id)?.policyCodes ?? []);
        changed = updateVisit(doc, id, fields, by(), Date.now());
        if (changed) markExplained(doc, (fields.policyCodes ?? []).filter((c) => !before.has(c)), id, by());
      });
      return changed;
    },
    void: (id, reason) => voidVisit(doc, id, reason, by(), Date.now()),
    flush: () => handle.flush(),
  };
}

// ---------------------------------------------------------------------------------------------------
// Periods and figures (China days, like every other day in the app)

export type Period = 'month' | 'quarter' | 'year' | 'all';

/** Is `at` inside the period (month/quarter/year) that contains `now`? */
export function inPeriod(at: number, period: Period, now: number): boolean {
  if (period === 'all') return true;
  const a = chinaDay(at);
  const n = chinaDay(now);
  if (a.slice(0, 4) !== n.slice(0, 4)) return false;
  if (period === 'year') return true;
  const am = Number(a.slice(5, 7));
  const nm = Number(n.slice(5, 7));
  return period === 'month' ? am === nm : Math.ceil(am / 3) === Math.ceil(nm / 3);
}

export interface VisitItem {
  row: EnterpriseRow;
  visit: VisitSummary;
}

/** Visits `userId` went on or recorded, newest first (voided ones included: they show struck through). */
export function myVisits(rows: readonly EnterpriseRow[], userId: string, period: Period, type: VisitType | '', now: number): VisitItem[] {
  const out: VisitItem[] = [];
  for (const row of rows) {
    for (const visit of row.visits) {
      if (!(visit.visitors.includes(userId) || visit.createdBy === userId)) continue;
      if (type !== '' && visit.type !== type) continue;
      if (!inPeriod(visit.visitedAt, period, now)) continue;
      out.push({ row, visit });
    }
  }
  return out.sort((a, b) => b.visit.visitedAt - a.visit.visitedAt);
}

export interface MemberFigures {
  user: OrgUser;
  visits: number;
  enterprisesVisited: number;
  portfolio: number;
  portfolioVisited: number;
  /** portfolioVisited / portfolio, null without a portfolio */
  coverage: number | null;
}

const countable = (v: VisitSummary, period: Period, now: number) => !v.voided && inPeriod(v.visitedAt, period, now);

/** Per person: visits they went on in the period, distinct enterprises, and coverage of their portfolio. */
export function memberFigures(rows: readonly EnterpriseRow[], members: readonly OrgUser[], period: Period, now: number): MemberFigures[] {
  return members.map((user) => {
    let visits = 0;
    const visited = new Set<string>();
    let portfolio = 0;
    let portfolioVisited = 0;
    for (const row of rows) {
      const mine = row.visits.filter((v) => countable(v, period, now) && v.visitors.includes(user.id));
      visits += mine.length;
      if (mine.length > 0) visited.add(row.id);
      if (row.responsibleId === user.id) {
        portfolio++;
        if (row.visits.some((v) => countable(v, period, now))) portfolioVisited++;
      }
    }
    return { user, visits, enterprisesVisited: visited.size, portfolio, portfolioVisited, coverage: portfolio > 0 ? portfolioVisited / portfolio : null };
  });
}

export interface EnterpriseFigures {
  row: EnterpriseRow;
  visits: number;
}

/** Per enterprise: visits in the period (not voided), most visited first; enterprises with none listed apart. */
export function enterpriseFigures(rows: readonly EnterpriseRow[], period: Period, now: number): { visited: EnterpriseFigures[]; notVisited: EnterpriseRow[] } {
  const visited: EnterpriseFigures[] = [];
  const notVisited: EnterpriseRow[] = [];
  for (const row of rows) {
    const n = row.visits.filter((v) => countable(v, period, now)).length;
    if (n > 0) visited.push({ row, visits: n });
    else notVisited.push(row);
  }
  visited.sort((a, b) => b.visits - a.visits || a.row.name.localeCompare(b.row.name, 'zh'));
  notVisited.sort((a, b) => a.lastVisitAt - b.lastVisitAt || a.name.localeCompare(b.name, 'zh'));
  return { visited, notVisited };
}
