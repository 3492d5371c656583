import { describe, expect, it } from 'vitest';
import type { DemandRow } from '@bangqi/shared';
import { candidateDemands, meetingDepartments, meetingProblems, newIssueProblems, orgDepartments, resolvePlan } from './rules.ts';

const row = (id: string, over: Partial<DemandRow> = {}): DemandRow =>
  ({ id, enterpriseId: `ent-${id}`, enterpriseName: `企业${id}`, title: `诉求${id}`, category: '人才', state: 'handling', issueId: '', createdAt: Number(id.replace(/\D/g, '')) || 0, ...over }) as DemandRow;

describe('共性问题 rules', () => {
  it('candidates: open, not in another issue, matching text and category, newest first', () => {
    const rows = [
      row('d1'),
      row('d2', { state: 'resolved' }),
      row('d3', { issueId: 'iss-x' }),
      row('d4', { category: '融资', enterpriseName: '华盛机械' }),
      row('d5', { title: '招工难' }),
    ];
    expect(candidateDemands(rows, '', '').map((r) => r.id)).toEqual(['d5', 'd4', 'd1']);
    expect(candidateDemands(rows, '华盛', '').map((r) => r.id)).toEqual(['d4']);
    expect(candidateDemands(rows, '招工', '').map((r) => r.id)).toEqual(['d5']);
    expect(candidateDemands(rows, '', '融资').map((r) => r.id)).toEqual(['d4']);
    expect(candidateDemands(rows, '', '', new Set(['d5'])).map((r) => r.id)).toEqual(['d4', 'd1']);
  });

  it('a new issue needs a title (≤ 60 characters) and demands of at least two enterprises', () => {
    expect(newIssueProblems('  ', [])).toEqual(['title', 'too-few']);
    expect(newIssueProblems('用'.repeat(61), [row('a'), row('b')])).toEqual(['title-long']);
    expect(newIssueProblems('用工难', [row('a'), row('b', { enterpriseId: 'ent-a' })])).toEqual(['one-enterprise']);
    expect(newIssueProblems('用工难', [row('a'), row('b')])).toEqual([]);
  });

  it('a meeting needs a date not in the future, a department and minutes or decisions', () => {
    const ok = { date: '2026-03-05', departments: ['人社局'], attendees: '', minutes: '纪要', decisions: '' };
    expect(meetingProblems(ok, '2026-03-05')).toEqual([]);
    expect(meetingProblems({ ...ok, date: '' }, '2026-03-05')).toEqual(['date']);
    expect(meetingProblems({ ...ok, date: '2026-03-06' }, '2026-03-05')).toEqual(['date-future']);
    expect(meetingProblems({ ...ok, departments: [], minutes: ' ', decisions: '' }, '2026-03-05')).toEqual(['departments', 'minutes']);
    expect(meetingProblems({ ...ok, minutes: '', decisions: '议定' }, '2026-03-05')).toEqual([]);
  });

  it('meeting departments: checked ones plus the free text, each once', () => {
    expect(meetingDepartments(['人社局'], '工信局、 人社局，税务局')).toEqual(['人社局', '工信局', '税务局']);
    expect(orgDepartments([{ department: '人社局' }, { department: '' }, { department: '工信局' }, { department: '人社局' }, { department: '税务局', disabled: true }])).toEqual(['工信局', '人社局'].sort((a, b) => a.localeCompare(b, 'zh-CN')));
  });

  it('整体办结 resolves open members only; resolved ones and ones not on the device are listed apart', () => {
    const byId = new Map([row('a'), row('b', { state: 'called-back' }), row('c', { state: 'received' })].map((r) => [r.id, r]));
    const plan = resolvePlan(['a', 'b', 'c', 'dem-gone'], byId);
    expect(plan.will.map((r) => r.id)).toEqual(['a', 'c']);
    expect(plan.skip.map((r) => r.id)).toEqual(['b']);
    expect(plan.missing).toEqual(['dem-gone']);
  });
});
