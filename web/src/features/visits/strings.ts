/** zh-CN strings of 走访 (the visit form, the file's visit list, 我的走访, 服务队走访). */
import type { GeoFlag, VisitFigures, VisitProblem } from '@bangqi/shared';

export const FIGURE_LABELS: Record<keyof VisitFigures, string> = {
  outputWan: '产值（万元）',
  revenueWan: '营收（万元）',
  taxWan: '税收（万元）',
  employees: '用工（人）',
};

export const FLAG_TEXT: Record<GeoFlag, string> = {
  far: '超出范围',
  'poor-accuracy': '精度差',
  denied: '未授权定位',
  'no-fix': '无法定位',
  'no-enterprise-location': '企业未标注位置',
};

const TEXT_LABELS: Record<string, string> = { companions: '陪同人员', purpose: '走访目的', findings: '发现情况', situation: '企业经营情况', policies: '宣讲政策' };

export function problemText(p: VisitProblem): string {
  switch (p.code) {
    case 'visit.visitors':
      return '请至少选择一名走访人员';
    case 'visit.content':
      return '请填写走访目的或发现情况（至少一项）';
    case 'visit.time':
      return '请填写正确的走访时间（不能晚于明天）';
    case 'visit.figure':
      return `${FIGURE_LABELS[p.field]}应为不小于 0 的数字`;
    case 'visit.next-format':
      return '下次走访日期格式应为 年-月-日';
    case 'visit.next-past':
      return '下次走访日期不能早于今天';
    case 'visit.too-long':
      return `${TEXT_LABELS[p.field] ?? p.field}过长（最多 5000 字）`;
  }
}

export const v = {
  section: '走访记录',
  record: '记录走访',
  empty: '还没有走访记录',
  count: (n: number) => `共 ${n} 次`,
  showAll: (n: number) => `显示全部 ${n} 次`,
  showLess: '收起',

  draftOffer: (when: string) => `有一份未完成的走访记录（${when} 开始填写），尚未保存。`,
  draftResume: '继续填写',
  draftDiscard: '放弃',
  draftDiscardConfirm: '确定放弃这份草稿？已填写的内容和照片将不再保留。',
  draftSaved: '草稿已自动保存在本机',

  formTitle: '新的走访记录',
  editTitle: '修改走访记录',
  edit: '修改',
  saveEdit: '保存修改',
  editSaved: '修改已保存',
  draftEditOffer: (when: string) => `有一份未保存的走访记录修改（${when} 开始），尚未保存。`,
  type: '走访类型',
  visitedAt: '走访时间',
  visitors: '走访人员',
  visitorsHint: '点选同去的同事',
  companions: '陪同人员',
  companionsPlaceholder: '如：区发改局 李科长',
  purpose: '走访目的',
  findings: '发现情况',
  situation: '企业经营情况',
  figures: '主要指标（选填）',
  demands: '企业诉求',
  demandPlaceholder: '一条诉求，如：招聘焊工 12 人',
  demandAdd: '添加诉求',
  demandRemove: (n: number) => `删除第 ${n} 条诉求`,
  policies: '宣讲政策',
  policiesPlaceholder: '讲解了哪些惠企政策',
  nextVisitOn: '下次走访日期',
  save: '保存走访记录',
  saving: '正在保存…',
  cancel: '收起（草稿保留）',
  remove: '删除',
  cancelVoid: '取消',
  saved: '走访记录已保存（离线时联网后自动同步）',
  fixErrors: '请先修改标出的内容',

  planLink: (day: string, type: string) => `本次走访完成 ${day} 的走访计划（${type}）`,
  inspectionUnfiled: (days: number) => `执法检查须提前 ${days} 天报备（涉企检查报备）；本企业没有待执行的检查报备，请先在“走访计划”中补报并说明原因。`,
  gps: '定位签到',
  checkIn: '签到',
  checkOut: '签退',
  locating: '正在定位…',
  checkedIn: '已签到',
  checkedOut: '已签退',
  retake: '重新定位',
  distance: (m: number) => (m >= 1000 ? `距企业 ${(m / 1000).toFixed(1)} 公里` : `距企业 ${m} 米`),
  accuracy: (m: number) => `精度 ±${m} 米`,
  dwell: (text: string) => `停留 ${text}`,
  gpsHint: '定位只作记录，不影响保存。',

  photos: '现场照片',
  takePhoto: '拍照',
  pickPhotos: '从相册选择',
  processing: (n: number) => `正在处理 ${n} 张照片…`,
  photoFailed: (name: string) => `照片 ${name} 无法读取（不是图片或已损坏）`,
  photoDuplicate: (name: string) => `照片 ${name} 已经添加过，未重复添加`,
  caption: '照片说明（选填）',
  removePhoto: '移除照片',
  photoPending: '照片尚未下载到本机，联网后显示',
  photoLoading: '正在加载照片…',
  photoAlt: (n: number) => `现场照片 ${n}`,

  detailBy: (who: string, when: string) => `${who} 于 ${when} 记录`,
  detailEdited: (who: string, when: string) => `${who} 于 ${when} 修改`,
  voided: '已作废',
  voidReason: (why: string) => `作废原因：${why}`,
  void: '作废',
  voidPrompt: '作废原因（必填，如：录错企业、重复录入）',
  voidConfirm: '确定作废',
  voidNeedsReason: '请填写作废原因',
  noGps: '未签到',
  minutes: (ms: number) => {
    if (ms < 60_000) return '不足 1 分钟';
    const min = Math.round(ms / 60_000);
    return min >= 60 ? `${Math.floor(min / 60)} 小时 ${min % 60} 分钟` : `${min} 分钟`;
  },
  photosCount: (n: number) => `${n} 张照片`,
  demandsCount: (n: number) => `${n} 条诉求`,

  historyNav: '我的走访',
  historyTitle: '我的走访',
  historyHint: '本设备上您参与或记录的走访（含离线记录）。',
  period: '时间',
  periods: { month: '本月', quarter: '本季度', year: '本年', all: '全部' },
  allTypes: '全部类型',
  historyEmpty: '所选时间内没有走访记录',
  historyCount: (n: number, e: number) => `${n} 次走访，${e} 家企业`,
  drafts: '未完成的草稿',
  loading: '正在读取本地数据…',

  teamNav: '队伍走访',
  teamTitle: '服务队走访情况',
  teamHint: '走访次数按走访时间统计；覆盖率 = 所选时间内走访过的负责企业 / 负责企业总数。',
  member: '人员',
  team: '服务队',
  visits: '走访次数',
  enterprisesVisited: '走访企业',
  portfolio: '负责企业',
  coverage: '覆盖率',
  perEnterprise: '按企业',
  notVisited: (n: number) => `所选时间内未走访的企业（${n} 家）`,
  mostVisited: '走访最多的企业',
  allVisited: '所选时间内每家企业都走访过了',
  noMembers: '没有可查看的服务队成员',
  notLead: '只有服务队队长和营转办可以查看队伍走访情况',
  times: (n: number) => `${n} 次`,
  more: (n: number) => `还有 ${n} 家…`,
} as const;
