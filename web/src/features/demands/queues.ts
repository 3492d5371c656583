/**
 * The 诉求 list's tabs (which ones a role gets, which rows each holds, in which order) and its filters.
 * Pure: the page hands in the rows, the user and a timing function.
 */
import type { DemandCategory, DemandRow, DemandState, Role } from '@bangqi/shared';

export type DemandTab = 'mine' | 'enterprises' | 'department' | 'all' | 'intake' | 'review' | 'supervise' | 'due';

export interface RowTiming {
  remaining: number;
  overdue: boolean;
  nearDue: boolean;
}

/** The tabs of a role, the first one is the default. */
export function tabsFor(role: Role): DemandTab[] {
  switch (role) {
    case 'handler':
      return ['department', 'supervise', 'due'];
    case 'coordinator':
    case 'admin':
      return ['all', 'intake', 'review', 'supervise', 'due'];
    default:
      return ['mine', 'enterprises', 'supervise', 'due'];
  }
}

/** Still running against its deadline (the clock stops at 办结). */
export function isOpen(state: DemandState): boolean {
  return state === 'received' || state === 'dispatched' || state === 'handling';
}

/** Overdue (automatic 督办) or escalated by a coordinator, and not closed yet. */
export function isSupervised(row: DemandRow, t: RowTiming): boolean {
  if (row.state === 'closed') return false;
  return (isOpen(row.state) && t.overdue) || row.escalations.length > 0;
}

const byLastEventDesc = (a: DemandRow, b: DemandRow) => b.lastEventAt - a.lastEventAt || a.id.localeCompare(b.id);

/** The rows of one tab, in that tab's order. */
export function tabRows(tab: DemandTab, rows: readonly DemandRow[], userId: string, timing: (r: DemandRow) => RowTiming): DemandRow[] {
  switch (tab) {
    case 'mine':
      return rows.filter((r) => r.createdBy === userId).sort(byLastEventDesc);
    case 'enterprises':
    case 'department':
    case 'all':
      // What the relay synced to this device is exactly what this user may read.
      return [...rows].sort(byLastEventDesc);
    case 'intake':
      return rows.filter((r) => r.state === 'received').sort((a, b) => a.acceptedAt - b.acceptedAt || a.id.localeCompare(b.id));
    case 'review':
      // Oldest resolution first: nothing waits forever for its 回访.
      return rows
        .filter((r) => r.state === 'resolved' || r.state === 'called-back')
        .sort((a, b) => a.resolvedAt - b.resolvedAt || a.id.localeCompare(b.id));
    case 'supervise':
      return rows
        .filter((r) => isSupervised(r, timing(r)))
        .sort((a, b) => timing(a).remaining - timing(b).remaining || a.acceptedAt - b.acceptedAt || a.id.localeCompare(b.id));
    case 'due':
      return rows
        .filter((r) => {
          const t = timing(r);
          return isOpen(r.state) && (t.overdue || t.nearDue);
        })
        .sort((a, b) => timing(a).remaining - timing(b).remaining || a.acceptedAt - b.acceptedAt || a.id.localeCompare(b.id));
  }
}

export interface DemandFilter {
  category: DemandCategory | '';
  state: DemandState | '';
}

export const NO_FILTER: DemandFilter = { category: '', state: '' };

export function applyDemandFilter(rows: readonly DemandRow[], f: DemandFilter): DemandRow[] {
  return rows.filter((r) => (f.category === '' || r.category === f.category) && (f.state === '' || r.state === f.state));
}

/** Parses the tab from the URL, falling back to the role's default. */
export function tabFromParam(value: string | undefined, role: Role): DemandTab {
  const tabs = tabsFor(role);
  return tabs.includes(value as DemandTab) ? (value as DemandTab) : tabs[0]!;
}
