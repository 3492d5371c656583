/** zh-CN strings of 走访计划, 涉企检查报备 and the visit rules settings. */
import type { PlanField, PlanProblem, VisitRule } from '@bangqi/shared';

export const p = {
  nav: '走访计划',
  title: '我的走访计划',
  titleAll: '走访计划',
  hint: '计划走访与涉企检查报备；逾期未走访的计划标红。',
  addPlan: '计划走访',
  fileInspection: '涉企检查报备',
  viewList: '列表',
  viewCalendar: '月历',
  onlyMine: '只看我的',
  showClosed: '显示已完成/已取消',
  loading: '正在读取本地数据…',
  empty: '暂无走访计划。点击“计划走访”为企业安排一次走访。',
  emptyDay: '这一天没有计划。',
  count: (n: number) => `共 ${n} 项`,
  prevMonth: '上个月',
  nextMonth: '下个月',
  thisMonth: '本月',
  monthTitle: (month: string) => `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月`,
  weekdays: ['一', '二', '三', '四', '五', '六', '日'] as const,
  dayTitle: (day: string) => `${Number(day.slice(5, 7))} 月 ${Number(day.slice(8, 10))} 日`,
  moreInDay: (n: number) => `另 ${n} 项`,

  // statuses
  overdue: (days: number) => `逾期 ${days} 天`,
  today: '今天',
  inDays: (days: number) => `${days} 天后`,
  done: '已走访',
  cancelled: '已取消',
  late: '迟报',
  lateTitle: (notice: number, required: number) => `报备迟于规定：提前 ${notice} 天（应提前 ${required} 天）`,
  noticeGiven: (n: number) => `提前 ${n} 天报备`,
  filedLate: (n: number) => `迟报（提前 ${n} 天报备）`,

  // the dialog
  dialogPlan: '计划走访',
  dialogInspection: '涉企检查报备',
  enterprise: '企业',
  enterpriseSearch: '输入企业名称或拼音首字母搜索',
  enterpriseNone: '没有匹配的企业',
  enterpriseRequired: '请选择企业',
  change: '更换',
  type: '走访类型',
  plannedOn: '计划日期',
  inspectionOn: '检查日期',
  purpose: '走访目的',
  inspectionPurpose: '检查事项',
  purposePlaceholder: '例如：了解用工需求、宣讲稳岗政策',
  department: '检查部门',
  departmentPlaceholder: '例如：区市场监管局',
  assignees: '走访人员',
  noticeOk: (n: number, required: number) => `提前 ${n} 天报备，符合“至少提前 ${required} 天”的规定。`,
  noticeLate: (n: number, required: number) =>
    n < 0 ? `检查日期已过，属事后补报（规定至少提前 ${required} 天报备）。` : `只提前 ${n} 天报备，少于规定的 ${required} 天，将记为迟报。`,
  lateReason: '迟报原因',
  lateReasonPlaceholder: '例如：群众举报，需尽快核查',
  save: '保存',
  file: '提交报备',
  cancel: '取消',
  saved: '已保存',
  draftRestored: '已恢复上次未提交的内容。',

  // cancel / reschedule
  cancelPlan: '取消计划',
  cancelTitle: '取消走访计划',
  cancelReason: '取消原因',
  cancelReasonPlaceholder: '例如：企业停产检修',
  confirmCancel: '确认取消',
  reschedule: '改期',
  rescheduleTitle: '计划改期',
  newDate: '新的日期',
  confirmReschedule: '确认改期',
  back: '返回',
  movedFrom: (day: string) => `由 ${day} 改期`,
  cancelledBecause: (reason: string) => `已取消：${reason}`,
  filedBy: (name: string, when: string) => `${name} 于 ${when} 报备`,
  plannedBy: (name: string, when: string) => `${name} 于 ${when} 安排`,

  // the file section
  section: '走访计划与检查报备',
  sectionEmpty: '这家企业还没有走访计划或检查报备。',
  openFile: '打开档案',
} as const;

export function problemText(field: PlanField, problem: PlanProblem): string {
  if (problem === 'required') {
    return { plannedOn: '请选择日期', assignees: '请至少选择一名走访人员', purpose: '请填写', department: '请填写检查部门', lateReason: '迟报须说明原因', reason: '请填写取消原因' }[field];
  }
  return { 'bad-date': '日期无效', past: '日期不能早于今天', 'too-long': '内容过长（最多 1000 字）', 'too-many': '人员过多（最多 20 人）' }[problem];
}

export const PERIOD_LABELS: Record<VisitRule['period'], string> = { month: '每月', quarter: '每季度', year: '每年' };
export const PERIOD_NAMES: Record<VisitRule['period'], string> = { month: '本月', quarter: '本季度', year: '本年' };

export const vr = {
  title: '走访规则',
  hint: '这些规则用于“走访提醒”，全区统一，同步到每台设备。',
  readOnly: '仅统筹协调人和管理员可以修改。',
  ruleTag: '适用标签',
  everyFile: '全部企业',
  minVisits: '至少走访次数',
  period: '周期',
  maxDays: '超过多少天未走访提醒',
  maxDaysHint: '0 表示不按天数提醒',
  addRule: '添加规则',
  removeRule: '删除',
  maxVisitsPerMonth: '无事不扰：每月走访超过（次）',
  inspectionNoticeDays: '涉企检查须提前报备（天）',
  checkInRadiusM: '签到距离提醒（米）',
  save: '保存规则',
  saved: '已保存，正在同步到所有设备',
  notLoaded: '正在读取全区设置…',
  ruleSummary: (rule: VisitRule, everyFile: string) => {
    const who = rule.tag === '' ? everyFile : `“${rule.tag}”`;
    const parts: string[] = [];
    if (rule.minVisits > 0) parts.push(`${PERIOD_LABELS[rule.period]}至少走访 ${rule.minVisits} 次`);
    if (rule.maxDaysWithoutVisit > 0) parts.push(`超过 ${rule.maxDaysWithoutVisit} 天未走访提醒`);
    return `${who}：${parts.join('；') || '（未设置）'}`;
  },
  errWhole: (min: number) => `请输入不小于 ${min} 的整数`,
  errEmptyRule: '每条规则至少设置“走访次数”或“天数”之一',
  errDuplicateTag: '同一标签只能有一条规则',
} as const;
