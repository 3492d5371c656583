/** zh-CN strings of the licence reminders page. */
export const r = {
  nav: '证照提醒',
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
