import { describe, expect, it } from 'vitest';
import type { DemandRow } from '@bangqi/shared';
import { applyDemandFilter, isSupervised, tabFromParam, tabRows, tabsFor, type RowTiming } from './queues.ts';

function row(id: string, over: Partial<DemandRow> = {}): DemandRow {
  return {
    id,
    enterpriseId: 'ent-1',
    enterpriseName: '华盛机械',
    town: '城关街道',
    visitId: '',
    title: id,
    category: '人才',
    urgency: 'ordinary',
    createdAt: 1,
    createdBy: 'u-zhangwei',
    attachmentsCount: 0,
    state: 'received',
    departments: [],
    resolvedDepartments: [],
    acceptedAt: 1,
    dispatchedAt: 0,
    resolvedAt: 0,
    closedAt: 0,
    satisfaction: '',
    reopenCount: 0,
    extensionDays: 0,
    pendingExtension: null,
    escalations: [],
    issueId: '',
    conflicts: [],
    lastEventAt: 1,
    ...over,
  };
}

const timings: Record<string, RowTiming> = {};
const timing = (r: DemandRow): RowTiming => timings[r.id] ?? { remaining: 5, overdue: false, nearDue: false };

describe('tabs by role', () => {
  it('gives each role its own tabs, its main list first', () => {
    expect(tabsFor('commissioner')).toEqual(['mine', 'enterprises', 'supervise', 'due']);
    expect(tabsFor('team-lead')[0]).toBe('mine');
    expect(tabsFor('handler')).toEqual(['department', 'supervise', 'due']);
    expect(tabsFor('coordinator')).toEqual(['all', 'intake', 'review', 'supervise', 'due']);
    expect(tabsFor('admin')).toEqual(tabsFor('coordinator'));
  });

  it('reads the tab from the URL only when the role has it', () => {
    expect(tabFromParam('review', 'coordinator')).toBe('review');
    expect(tabFromParam('review', 'handler')).toBe('department');
    expect(tabFromParam(undefined, 'commissioner')).toBe('mine');
    expect(tabFromParam('nonsense', 'coordinator')).toBe('all');
  });
});

describe('tab rows', () => {
  it('我提出的: only the user’s own, latest activity first', () => {
    const rows = [row('a', { lastEventAt: 5 }), row('b', { createdBy: 'u-lina' }), row('c', { lastEventAt: 9 })];
    expect(tabRows('mine', rows, 'u-zhangwei', timing).map((r) => r.id)).toEqual(['c', 'a']);
  });

  it('待回访/销号: resolved and called-back demands, the oldest resolution first', () => {
    const rows = [
      row('late', { state: 'resolved', resolvedAt: 300 }),
      row('open', { state: 'handling' }),
      row('early', { state: 'called-back', resolvedAt: 100 }),
      row('closed', { state: 'closed', resolvedAt: 50 }),
      row('mid', { state: 'resolved', resolvedAt: 200 }),
    ];
    expect(tabRows('review', rows, 'u-liuyang', timing).map((r) => r.id)).toEqual(['early', 'mid', 'late']);
  });

  it('待交办: received demands, oldest first', () => {
    const rows = [row('b', { acceptedAt: 20 }), row('x', { state: 'dispatched' }), row('a', { acceptedAt: 10 })];
    expect(tabRows('intake', rows, 'u-liuyang', timing).map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('督办: overdue open demands (automatic) and escalated ones, most overdue first; never closed ones', () => {
    timings['over3'] = { remaining: -3, overdue: true, nearDue: false };
    timings['over1'] = { remaining: -1, overdue: true, nearDue: false };
    timings['overResolved'] = { remaining: -4, overdue: true, nearDue: false };
    const esc = [{ at: 1, by: 'u-liuyang', instruction: '本周内办结', automatic: false }];
    const rows = [
      row('over1', { state: 'handling' }),
      row('fine', { state: 'handling' }),
      row('escalated', { state: 'resolved', escalations: esc }),
      row('over3', { state: 'dispatched' }),
      row('overResolved', { state: 'resolved' }),
      row('closedEscalated', { state: 'closed', escalations: esc }),
    ];
    expect(tabRows('supervise', rows, 'u-liuyang', timing).map((r) => r.id)).toEqual(['over3', 'over1', 'escalated']);
    expect(isSupervised(row('overResolved', { state: 'resolved' }), timings['overResolved']!)).toBe(false);
  });

  it('临期/逾期: open demands near or past their deadline, least time left first', () => {
    timings['near'] = { remaining: 1, overdue: false, nearDue: true };
    timings['past'] = { remaining: -2, overdue: true, nearDue: false };
    timings['doneLate'] = { remaining: -2, overdue: true, nearDue: false };
    const rows = [row('near', { state: 'handling' }), row('ok'), row('past'), row('doneLate', { state: 'called-back' })];
    expect(tabRows('due', rows, 'u-zhangwei', timing).map((r) => r.id)).toEqual(['past', 'near']);
  });

  it('本部门/全部/我的企业: everything the relay synced to this device', () => {
    const rows = [row('a', { lastEventAt: 1 }), row('b', { lastEventAt: 2, createdBy: 'x' })];
    for (const tab of ['department', 'all', 'enterprises'] as const) expect(tabRows(tab, rows, 'u-zhaomin', timing).map((r) => r.id)).toEqual(['b', 'a']);
  });
});

describe('filters', () => {
  it('keeps rows of the chosen category and state', () => {
    const rows = [row('a', { category: '融资' }), row('b', { category: '融资', state: 'handling' }), row('c', { category: '人才', state: 'handling' })];
    expect(applyDemandFilter(rows, { category: '融资', state: '' }).map((r) => r.id)).toEqual(['a', 'b']);
    expect(applyDemandFilter(rows, { category: '', state: 'handling' }).map((r) => r.id)).toEqual(['b', 'c']);
    expect(applyDemandFilter(rows, { category: '融资', state: 'handling' }).map((r) => r.id)).toEqual(['b']);
    expect(applyDemandFilter(rows, { category: '', state: '' })).toHaveLength(3);
  });
});
