import { describe, expect, it } from 'vitest';
import { detailText, type DetailNames } from './detail.ts';

const USERS: Record<string, string> = { 'u-zhangwei': '张伟', 'u-lina': '李娜' };
const TEAMS: Record<string, string> = { 't-equip': '高端装备制造专项服务队' };
const names: DetailNames = { user: (id) => USERS[id], team: (id) => TEAMS[id] };

describe('audit detail text', () => {
  it('names the teams and people of an assignment change instead of showing JSON', () => {
    const text = detailText(
      { from: { teamId: 't-equip', responsibleId: 'u-zhangwei' }, to: { teamId: 't-equip', responsibleId: 'u-lina' }, reason: '工作调整', seq: 301 },
      names,
    );
    expect(text).toBe('from: 高端装备制造专项服务队 · 张伟，to: 高端装备制造专项服务队 · 李娜，reason: 工作调整，seq: 301');
  });

  it('says 未分配 for a file of no team and no one, and which half is missing otherwise', () => {
    expect(detailText({ from: { teamId: '', responsibleId: '' }, to: { teamId: 't-equip', responsibleId: '' } }, names)).toBe(
      'from: 未分配，to: 高端装备制造专项服务队 · 未分配',
    );
    expect(detailText({ to: { teamId: '', responsibleId: 'u-lina' } }, names)).toBe('to: 未分配服务队 · 李娜');
  });

  it('keeps ids it cannot name, and unknown keys and nested objects readable', () => {
    expect(detailText({ to: { teamId: 't-gone', responsibleId: 'u-gone' } }, names)).toBe('to: t-gone · u-gone');
    expect(detailText({ phase: 'commit', stats: { rows: 12, skipped: 0 }, teamIds: ['t-equip', 't-new'], leadId: null }, names)).toBe(
      'phase: commit，stats: （rows: 12，skipped: 0），teamIds: 高端装备制造专项服务队、t-new，leadId: —',
    );
  });

  it('reads top-level ids as names and empty values as a dash', () => {
    expect(detailText({ userId: 'u-lina', ip: '127.0.0.1', reason: '', teamIds: [] }, names)).toBe('userId: 李娜，ip: 127.0.0.1，reason: —，teamIds: —');
  });
});
