/** zh-CN strings of 一企一策一人 (file section, assign dialog, list filters and bulk assignment). */
import type { AssignmentProblem } from '../../state/assignment.ts';

export const a = {
  section: '一企一策一人',
  team: '服务队',
  responsible: '责任人',
  assigned: '分配时间',
  unassigned: '未分配',
  noTeam: '未分配服务队',
  assignedBy: (when: string, who: string) => `${when} · ${who}分配`,
  neverAssigned: '尚未分配',
  assignOpen: '分配 / 改派',
  strategy: '一企一策（服务策略）',
  strategyPlaceholder: '针对这家企业的服务策略：重点诉求、走访频次、可享受的政策…',
  strategyEmpty: '（尚未填写）',
  strategyReadOnly: '由服务队队长填写',
  history: '分配历史',
  historyEmpty: '暂无分配记录',
  historyChange: (from: string, to: string) => `${from} → ${to}`,
  historyReason: (reason: string) => `原因：${reason}`,
  historyTeamAside: (from: string, to: string) => `（${from} → ${to}）`,
  seedActor: '初始数据',

  dialogTitle: '分配责任人',
  bulkTitle: (n: number) => `批量分配（${n} 家企业）`,
  reason: '原因',
  reasonPlaceholder: '改派时必填，例如：工作调整、按片区重新划分',
  reasonHint: '原因会记入分配历史',
  save: '保存',
  cancel: '取消',
  chooseTeam: '请选择服务队',

  filterTeamAll: '全部服务队',
  filterResponsibleAll: '全部责任人',
  filterNoTeam: '未分配服务队',
  withCount: (label: string, n: number) => `${label}（${n}）`,
  unassignedChip: (n: number) => `未分配 ${n}`,
  selectAllFiltered: (n: number) => `全选筛选结果（${n}）`,
  clearSelection: '取消选择',
  bulkAssign: (n: number) => `批量分配（已选 ${n}）`,
  selectRow: (name: string) => `选择 ${name}`,
  bulkProgress: (done: number, total: number) => `正在分配 ${done}/${total}…`,
  bulkSummary: (changed: number, unchanged: number, failed: number) =>
    `已分配 ${changed} 家` + (unchanged > 0 ? `，${unchanged} 家无变化` : '') + (failed > 0 ? `，${failed} 家本机没有档案未能分配` : ''),
  bulkDone: (summary: string) => `${summary}。修改已保存在本机，并会自动同步`,
  close: '关闭',
} as const;

/** Seeded demo files name a pseudo-actor instead of a user. */
const SEED_ACTOR = 'demo-seed';

/** Who did something: a person's name, or 初始数据 for the seeded demo district. */
export function actorName(id: string, userName: (id: string) => string): string {
  return id === SEED_ACTOR ? a.seedActor : userName(id);
}

export function problemText(p: AssignmentProblem): string {
  switch (p) {
    case 'no-team':
      return '请选择服务队';
    case 'reason-required':
      return '改派需要填写原因（将记入分配历史）';
    case 'not-allowed':
      return '您无权做这项分配（只有本队队长或营转办可以分配）';
    case 'unchanged':
      return '分配没有变化';
  }
}
