import { describe, expect, it } from 'vitest';
import type { DemandEvent, DemandRow } from '@bangqi/shared';
import { DEMAND_SHEET_HEADERS, EVENT_SHEET_HEADERS, demandSheets, eventDetail } from './demandSheet.ts';

const names = { userName: (id: string) => ({ 'u-liuyang': '刘洋', 'u-zhaomin': '赵敏' })[id] ?? id, issueTitle: (id: string) => (id === 'iss-1' ? '园区用工难' : id) };
const T = Date.parse('2026-03-02T10:00:00+08:00');

const row = {
  id: 'dem-1', title: '=HYPERLINK("http://x","点我")', enterpriseName: '华盛机械', town: '城关街道', category: '人才', urgency: 'ordinary',
  state: 'resolved', departments: ['人社局', '工信局'], createdBy: 'u-liuyang', acceptedAt: T, dispatchedAt: T + 60_000, resolvedAt: T + 86_400_000,
  closedAt: 0, satisfaction: '', reopenCount: 0, extensionDays: 0, escalations: [], issueId: 'iss-1',
} as unknown as DemandRow;

const events: DemandEvent[] = [
  { id: 'e1', at: T, by: 'u-liuyang', basis: '', type: 'raise' },
  { id: 'e2', at: T + 60_000, by: 'u-liuyang', basis: 'e1', type: 'dispatch', departments: ['人社局', '工信局'], note: '请尽快' },
  { id: 'e3', at: T + 120_000, by: 'u-liuyang', basis: 'e2', type: 'link', issueId: 'iss-1' },
  { id: 'e4', at: T + 86_400_000, by: 'u-zhaomin', basis: 'e2', type: 'resolve', department: '', note: '+已办结' },
];

describe('demands export sheets', () => {
  it('one row per demand and one per event, formulas neutralised, times as Date cells, names resolved', () => {
    const { demands, events: ev } = demandSheets([row], new Map([['dem-1', events]]), () => ({ dueDay: '2026-03-09', overdue: false, onTime: true }), names);
    expect(demands[0]).toEqual(DEMAND_SHEET_HEADERS);
    expect(demands).toHaveLength(2);
    const cells = Object.fromEntries(DEMAND_SHEET_HEADERS.map((h, i) => [h, demands[1]![i]]));
    expect(cells).toMatchObject({
      诉求编号: 'dem-1',
      诉求标题: '\'=HYPERLINK("http://x","点我")',
      承办部门: '人社局、工信局',
      当前状态: '已办结',
      提出人: '刘洋',
      办理时限: '2026-03-09',
      是否按时办结: '是',
      是否逾期: '否',
      回访结果: null,
      共性问题: '园区用工难',
      办理记录条数: 4,
    });
    expect(cells['受理时间']).toBeInstanceOf(Date);
    expect(cells['销号时间']).toBeNull();
    expect(ev[0]).toEqual(EVENT_SHEET_HEADERS);
    expect(ev.slice(1).map((r) => [r[4], r[5], r[6]])).toEqual([
      ['受理', '刘洋', null],
      ['交办', '刘洋', '交办至 人社局、工信局：请尽快'],
      ['归入共性问题', '刘洋', '园区用工难'],
      ['办结', '赵敏', "'+已办结"],
    ]);
  });

  it('describes every kind of event', () => {
    const base = { id: 'x', at: T, by: 'u', basis: '' };
    expect(eventDetail({ ...base, type: 'callback', satisfaction: '不满意', comment: '没解决' }, names)).toBe('不满意：没解决');
    expect(eventDetail({ ...base, type: 'escalate', instruction: '三天内办结', automatic: true }, names)).toBe('（自动）三天内办结');
    expect(eventDetail({ ...base, type: 'extend-request', workingDays: 10, reason: '需现场勘查' }, names)).toBe('申请延期 10 个工作日：需现场勘查');
    expect(eventDetail({ ...base, type: 'extend-decision', requestId: 'r', approved: false, note: '' }, names)).toBe('驳回');
    expect(eventDetail({ ...base, type: 'progress', department: '人社局', note: '已联系' }, names)).toBe('人社局：已联系');
  });
});
