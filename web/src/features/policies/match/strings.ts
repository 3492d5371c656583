/** UI strings of policy matching, statuses, push lists and the printable sheet (惠企政策 P3). */
import type { ConditionField, PolicyStatus } from '@bangqi/shared';

export const pm = {
  sectionTitle: '可享政策',
  loading: '正在读取政策库…',
  empty: '暂无可享政策（按档案信息匹配，未找到符合或接近符合的事项）',
  automatic: '应自动享受（免申即享）',
  automaticHint: '这些事项无需申报，请与企业核实是否已到账',
  eligible: '符合条件',
  nearly: '接近符合',
  unknown: '信息不全，可能符合',
  unmetPrefix: '差一项：',
  unknownPrefix: '缺少信息：',
  fillHint: '补全档案中的这些信息后可重新判断',
  print: '打印政策告知单',
  statusNone: '未记录',
  record: '记录状态',
  arrived: '已到账',
  notArrived: '未到账',
  dialogTitle: (name: string) => `记录状态：${name}`,
  status: '状态',
  amount: '兑现金额',
  amountPlaceholder: '例如 20万元',
  date: '兑现日期',
  note: '备注',
  notArrivedNote: '未到账',
  save: '保存',
  cancel: '取消',
  dateRequired: '已兑现需填写兑现日期',
  saved: '已记录',
  statusWithAmount: (status: PolicyStatus, amount: string) => (amount ? `${status} ${amount}` : status),
  benefit: '兑现内容',
  applyBy: (d: string) => `申报截止 ${d}`,
  count: (n: number) => `${n} 项`,
};

/** The fact a condition reads, named as on the file page (what to fill in when it is unknown). */
export const FACT_LABELS: Record<ConditionField, string> = {
  industry: '所属行业',
  town: '所在镇街',
  tags: '企业标签',
  scale: '企业规模（规上/规下）',
  establishedOn: '成立日期',
  employees: '从业人数',
};

export const pe = {
  title: '符合条件的企业',
  scopes: { mine: '我的', team: '本队', district: '全区' } as const,
  eligible: '符合',
  nearly: '接近符合',
  unknown: '信息不全',
  none: '该范围内没有符合条件的企业',
  notShown: '该事项已撤回或不在有效期内，不参与匹配',
  noScope: '您没有负责的企业档案',
  status: '状态',
  exportPush: '导出推送名单',
  exporting: (done: number, total: number) => `正在读取联系人 ${done}/${total}…`,
  exportFailed: '导出失败，请重试',
  moreHidden: (n: number) => `另有 ${n} 家未列出`,
  fileName: (code: string, today: string) => `推送名单-${code}-${today.replaceAll('-', '')}.xlsx`,
  sheetName: '推送名单',
  headers: {
    name: '企业名称',
    uscc: '统一社会信用代码',
    town: '镇街',
    industry: '行业',
    responsible: '包保专员',
    contact: '联系人',
    role: '职务',
    phone: '联系电话',
    otherContacts: '其他联系人',
    status: '政策状态',
  },
};

export const pp = {
  title: '惠企政策告知单',
  for: (name: string) => `致：${name}`,
  printed: (d: string) => `打印日期：${d}`,
  print: '打印',
  back: '返回档案',
  none: '暂无符合条件的政策事项',
  benefit: '兑现内容',
  conditions: '申报条件',
  materials: '申报材料',
  process: '申报流程',
  phone: '咨询电话',
  mode: '方式',
  applyWindow: '申报时间',
  commissioner: (name: string) => `包保专员：${name}`,
  more: (n: number) => `另有 ${n} 项符合条件的政策，请向包保专员咨询或在帮企通中查看。`,
};

export const pr = {
  tab: '申报截止',
  title: '申报即将截止',
  hint: (days: number) => `我负责的企业中符合条件、尚未申报的事项，申报截止在 ${days} 天内`,
  none: '近期没有即将截止的申报',
  daysLeft: (n: number) => (n === 0 ? '今天截止' : `剩 ${n} 天`),
};

export const pk = {
  legend: '讲解的政策（保存后记为“已告知”）',
  none: '政策库中暂无与该企业匹配的事项',
  verdict: { eligible: '符合', nearly: '接近符合', unknown: '信息不全', ineligible: '', other: '' } as const,
};
