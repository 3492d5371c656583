/** zh-CN strings of the licence reminders page. */
export const r = {
  nav: '提醒',
  pageTitle: '提醒',
  title: '证照到期提醒',
  hint: '本设备上您负责（可查看）的企业中，在所选天数内到期或已过期的许可证。',
  windowLabel: '提醒范围',
  windowDays: (n: number) => `${n} 天内到期`,
  count: (n: number) => `共 ${n} 张`,
  empty: (n: number) => `${n} 天内没有到期的许可证`,
  expired: (days: number) => `已过期 ${days} 天`,
  today: '今天到期',
  daysLeft: (days: number) => `剩 ${days} 天`,
  expiresOn: (date: string) => `到期日 ${date}`,
  noNumber: '（无编号）',
  loading: '正在读取本地数据…',
} as const;

/** Window sizes offered; any other remembered value is offered too. */
export const WINDOW_CHOICES = [7, 15, 30, 60, 90, 180] as const;

/** Tabs of the reminders page, with their labels. */
export const TAB_LABELS = {
  licences: '证照到期',
  plans: '计划走访',
  rules: '走访规则',
  calm: '无事不扰',
  policies: '申报截止',
} as const;
export type ReminderTab = keyof typeof TAB_LABELS;

/** zh-CN strings of the visit reminders (走访提醒). */
export const vrem = {
  plansHint: '您的走访计划中今天、3 天内到期或已逾期未走访的。',
  plansHintAll: '您可查看的企业中今天、3 天内到期或已逾期未走访的走访计划。',
  rulesHint: '按全区走访规则（设置 › 走访规则）应走访而未走访的企业。',
  calmHint: '“无事不扰”：本月或上月走访次数超过上限的企业，请避免重复打扰。',
  emptyPlans: '没有到期的走访计划',
  emptyRules: '所有企业都符合走访规则',
  emptyCalm: '没有走访过于频繁的企业',
  overdue: (days: number) => `逾期 ${days} 天`,
  today: '今天',
  inDays: (days: number) => `${days} 天后`,
  plannedOn: (day: string) => `计划 ${day}`,
  late: '迟报',
  quotaTitle: (tag: string, period: string, min: number) => `${tag ? `“${tag}”` : '全部企业'}：${period}至少走访 ${min} 次`,
  quotaState: (visits: number, period: string, left: number) => `${period}已走访 ${visits} 次 · 还剩 ${left} 天`,
  idleTitle: (tag: string, days: number) => `${tag ? `“${tag}”` : '全部企业'}：超过 ${days} 天未走访`,
  idleDays: (days: number) => `${days} 天未走访`,
  neverVisited: (days: number) => `从未走访（已 ${days} 天）`,
  calmTitle: (month: string, visits: number, max: number) => `${month.slice(0, 4)} 年 ${Number(month.slice(5, 7))} 月走访 ${visits} 次（上限 ${max} 次）`,
  calmState: (visits: number) => `${visits} 次`,
  more: (n: number) => `再显示 ${n} 条`,
} as const;
