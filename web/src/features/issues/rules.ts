/**
 * The pure rules of the 共性问题 pages: which demands may be grouped, what a new issue and a meeting
 * record need, and what 整体办结 would do to each member. Problems are codes; strings.ts words them.
 */
import { isResolvedState, type DemandRow } from '@bangqi/shared';

/** Open demands not in another issue, matching the text (enterprise or title) and category; newest first. */
export function candidateDemands(rows: readonly DemandRow[], query: string, category: string, exclude: ReadonlySet<string> = new Set()): DemandRow[] {
  const q = query.trim().toLowerCase();
  return rows
    .filter(
      (r) =>
        !isResolvedState(r.state) &&
        r.issueId === '' &&
        !exclude.has(r.id) &&
        (category === '' || r.category === category) &&
        (q === '' || r.enterpriseName.toLowerCase().includes(q) || r.title.toLowerCase().includes(q)),
    )
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

export type IssueProblem = 'title' | 'title-long' | 'too-few' | 'one-enterprise';

export const MAX_TITLE = 60;

export function newIssueProblems(title: string, selected: readonly Pick<DemandRow, 'enterpriseId'>[]): IssueProblem[] {
  const problems: IssueProblem[] = [];
  const t = title.trim();
  if (t === '') problems.push('title');
  else if ([...t].length > MAX_TITLE) problems.push('title-long');
  if (selected.length < 2) problems.push('too-few');
  else if (new Set(selected.map((r) => r.enterpriseId)).size < 2) problems.push('one-enterprise');
  return problems;
}

export type MeetingProblem = 'date' | 'date-future' | 'departments' | 'minutes';

export interface MeetingDraft {
  date: string;
  departments: string[];
  attendees: string;
  minutes: string;
  decisions: string;
}

export function meetingProblems(m: MeetingDraft, today: string): MeetingProblem[] {
  const problems: MeetingProblem[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(m.date)) problems.push('date');
  else if (m.date > today) problems.push('date-future');
  if (m.departments.length === 0) problems.push('departments');
  if (m.minutes.trim() === '' && m.decisions.trim() === '') problems.push('minutes');
  return problems;
}

/** Checked departments plus the free text (split on 、，, and spaces), trimmed, each once, in order. */
export function meetingDepartments(checked: readonly string[], other: string): string[] {
  const all = [...checked, ...other.split(/[、，,;；\s]+/)].map((d) => d.trim()).filter((d) => d !== '');
  return [...new Set(all)];
}

export interface ResolvePlan {
  /** members that get a `resolve` event */
  will: DemandRow[];
  /** already resolved (or later): left as they are */
  skip: DemandRow[];
  /** not on this device: cannot be resolved from here */
  missing: string[];
}

export function resolvePlan(memberIds: readonly string[], byId: ReadonlyMap<string, DemandRow>): ResolvePlan {
  const plan: ResolvePlan = { will: [], skip: [], missing: [] };
  for (const id of memberIds) {
    const row = byId.get(id);
    if (!row) plan.missing.push(id);
    else if (isResolvedState(row.state)) plan.skip.push(row);
    else plan.will.push(row);
  }
  return plan;
}

/** Departments handlers belong to (from the org), sorted, each once: the meeting form's checkboxes. */
export function orgDepartments(users: readonly { department: string; disabled?: boolean }[]): string[] {
  return [...new Set(users.filter((u) => u.department !== '' && !u.disabled).map((u) => u.department))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}
