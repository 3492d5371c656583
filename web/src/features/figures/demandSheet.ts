/**
 * The demands export as two sheets: one row per demand (state, departments, times, deadline, on time,
 * 回访 result…) and one row per event of every demand's history, oldest first. Every string cell goes
 * through neutraliseCell (a title typed as `=HYPERLINK(…)` stays text); times are wall-clock Date cells.
 */
import { neutraliseCell, type DemandEvent, type DemandRow } from '@bangqi/shared';
import { excelTime, type Cell } from '../export/sheet.ts';
import { xd } from './strings.ts';

export interface SheetNames {
  userName(id: string): string;
  issueTitle(id: string): string;
}

export interface SheetTiming {
  dueDay: string;
  overdue: boolean;
  onTime: boolean | null;
}

const time = (ms: number): Date | null => (ms > 0 ? excelTime(ms) : null);
const yesNo = (v: boolean | null): string | null => (v === null ? null : v ? xd.yes : xd.no);

const DEMAND_COLUMNS: readonly { header: string; width: number; value: (r: DemandRow, t: SheetTiming, n: SheetNames, events: number) => Cell }[] = [
  { header: xd.demandHeaders.id, width: 22, value: (r) => r.id },
  { header: xd.demandHeaders.title, width: 30, value: (r) => r.title },
  { header: xd.demandHeaders.enterprise, width: 28, value: (r) => r.enterpriseName },
  { header: xd.demandHeaders.town, width: 12, value: (r) => r.town },
  { header: xd.demandHeaders.category, width: 10, value: (r) => r.category },
  { header: xd.demandHeaders.urgency, width: 12, value: (r) => xd.urgency[r.urgency] },
  { header: xd.demandHeaders.state, width: 10, value: (r) => xd.states[r.state] },
  { header: xd.demandHeaders.departments, width: 18, value: (r) => r.departments.join('、') },
  { header: xd.demandHeaders.createdBy, width: 10, value: (r, _t, n) => n.userName(r.createdBy) },
  { header: xd.demandHeaders.acceptedAt, width: 17, value: (r) => time(r.acceptedAt) },
  { header: xd.demandHeaders.dispatchedAt, width: 17, value: (r) => time(r.dispatchedAt) },
  { header: xd.demandHeaders.resolvedAt, width: 17, value: (r) => time(r.resolvedAt) },
  { header: xd.demandHeaders.closedAt, width: 17, value: (r) => time(r.closedAt) },
  { header: xd.demandHeaders.dueDay, width: 12, value: (_r, t) => t.dueDay },
  { header: xd.demandHeaders.onTime, width: 12, value: (_r, t) => yesNo(t.onTime) },
  { header: xd.demandHeaders.overdue, width: 10, value: (_r, t) => yesNo(t.overdue) },
  { header: xd.demandHeaders.satisfaction, width: 10, value: (r) => r.satisfaction },
  { header: xd.demandHeaders.reopenCount, width: 10, value: (r) => r.reopenCount },
  { header: xd.demandHeaders.extensionDays, width: 12, value: (r) => r.extensionDays },
  { header: xd.demandHeaders.escalations, width: 10, value: (r) => r.escalations.length },
  { header: xd.demandHeaders.issue, width: 24, value: (r, _t, n) => (r.issueId ? n.issueTitle(r.issueId) : '') },
  { header: xd.demandHeaders.events, width: 12, value: (_r, _t, _n, events) => events },
];

const EVENT_HEADERS = [
  xd.eventHeaders.demandId,
  xd.eventHeaders.title,
  xd.eventHeaders.enterprise,
  xd.eventHeaders.at,
  xd.eventHeaders.type,
  xd.eventHeaders.by,
  xd.eventHeaders.detail,
];

export const DEMAND_SHEET_WIDTHS = DEMAND_COLUMNS.map((c) => c.width);
export const EVENT_SHEET_WIDTHS = [22, 30, 28, 17, 12, 10, 60];
export const DEMAND_SHEET_HEADERS = DEMAND_COLUMNS.map((c) => c.header);
export { EVENT_HEADERS as EVENT_SHEET_HEADERS };

/** What an event says, in one line. */
export function eventDetail(e: DemandEvent, names: SheetNames): string {
  switch (e.type) {
    case 'raise':
      return '';
    case 'dispatch':
      return xd.detail.dispatch(e.departments.join('、'), e.note);
    case 'progress':
    case 'resolve':
      return xd.detail.departmentNote(e.department, e.note);
    case 'callback':
      return xd.detail.callback(e.satisfaction, e.comment);
    case 'close':
    case 'reject':
      return e.note;
    case 'escalate':
      return xd.detail.escalate(e.automatic, e.instruction);
    case 'extend-request':
      return xd.detail.extendRequest(e.workingDays, e.reason);
    case 'extend-decision':
      return xd.detail.extendDecision(e.approved, e.note);
    case 'link':
      return xd.detail.link(names.issueTitle(e.issueId));
    case 'decide':
      return xd.detail.decide(e.keep, e.note);
  }
}

const cell = (v: Cell): Cell => (v === '' ? null : neutraliseCell(v));

export function demandSheets(
  rows: readonly DemandRow[],
  histories: ReadonlyMap<string, readonly DemandEvent[]>,
  timingOf: (row: DemandRow) => SheetTiming,
  names: SheetNames,
): { demands: Cell[][]; events: Cell[][] } {
  const demands: Cell[][] = [DEMAND_SHEET_HEADERS];
  const events: Cell[][] = [EVENT_HEADERS];
  for (const r of rows) {
    const history = histories.get(r.id) ?? [];
    const t = timingOf(r);
    demands.push(DEMAND_COLUMNS.map((c) => cell(c.value(r, t, names, history.length))));
    for (const e of history) {
      events.push([r.id, r.title, r.enterpriseName, time(e.at), xd.eventTypes[e.type], names.userName(e.by), eventDetail(e, names)].map(cell));
    }
  }
  return { demands, events };
}
