/** zh-CN strings of the policy library pages (惠企政策). */
import type { PolicyCondition, PolicyRowError } from '@bangqi/shared';

export const p = {
  nav: '惠企政策',
  listTitle: '惠企政策',
  searchPlaceholder: '搜索事项、文件、部门、支持标准（可用拼音首字母）',
  loading: '正在读取政策库…',
  emptyLibrary: '政策库还没有事项',
  emptyLibraryEditor: '政策库还没有事项：可以导入政策清单，或新增事项。',
  noMatch: '没有符合条件的事项',
  count: (shown: number, total: number) => (shown === total ? `共 ${total} 项` : `显示 ${shown} 项，共 ${total} 项`),
  hiddenCount: (n: number) => `另有 ${n} 项已失效或已撤回`,
  showInactive: '显示已失效',
  allDomains: '全部领域',
  allLevels: '全部层级',
  allModes: '全部方式',
  allDepartments: '全部部门',
  filterDomain: '领域',
  filterLevel: '发布层级',
  filterMode: '兑现方式',
  filterDepartment: '部门',
  clearFilters: '清除筛选',
  importLink: '导入政策清单',
  newItem: '新增事项',
  template: '下载导入模板',

  validity: { 'not-yet': '未生效', active: '有效', expired: '已失效' } as Record<'not-yet' | 'active' | 'expired', string>,
  withdrawn: '已撤回',
  applyUntil: (date: string) => `申报截止 ${date}`,

  notFound: '没有找到这个事项（可能尚未同步到本机）',
  back: '‹ 惠企政策',
  sectionBasic: '基本信息',
  sectionApply: '申报',
  sectionConditions: '匹配条件',
  conditionsNone: '没有设定条件：适用于所有企业',
  conditionsHint: '用于在本机匹配企业；缺少资料的企业显示为“信息不全”，不会算作符合。',
  fields: {
    code: '事项编码',
    name: '事项名称',
    document: '政策文件',
    docNumber: '文号',
    level: '发布层级',
    department: '发布部门',
    domain: '领域',
    basis: '实施依据',
    target: '适用对象',
    keyPoints: '兑现要点',
    requirements: '申报条件',
    materials: '申报材料',
    process: '申报流程',
    phone: '咨询电话',
    url: '网址',
    platform: '兑现平台',
    mode: '兑现方式',
    benefit: '支持标准',
    amountWan: '最高金额（万元）',
    effective: '实施时间',
    effectiveFrom: '生效日期',
    effectiveTo: '失效日期',
    apply: '申报时间',
    applyFrom: '申报开始',
    applyTo: '申报截止',
    updated: '最近修改',
  },
  openEnded: '长期',
  notSet: '—',
  dateRange: (from: string, to: string) => `${from || '—'} 至 ${to || '长期'}`,
  updatedBy: (name: string, when: string) => `${name} · ${when}`,

  edit: '编辑',
  withdraw: '撤回事项',
  restore: '恢复事项',
  withdrawConfirm: '撤回后该事项不再出现在列表和匹配中（记录保留，可恢复）。确定撤回？',
  editTitle: '编辑事项',
  newTitle: '新增事项',
  save: '保存',
  saving: '正在保存…',
  cancel: '取消',
  saved: '已保存到本机，联网后同步',
  addCondition: '添加条件',
  removeCondition: '删除',
  conditionKind: '条件',
  conditionValues: '取值（用顿号或逗号分隔）',
  kinds: {
    industry: '行业属于',
    town: '镇街属于',
    tagsAny: '企业标签含任一',
    tagsAll: '企业标签含全部',
    tagsNone: '企业标签不含',
    scale: '企业规模为',
    before: '成立日期早于',
    after: '成立日期晚于',
    gte: '从业人数不少于',
    lte: '从业人数不多于',
  },
  editorForbidden: '只有营转办协调员和管理员可以编辑政策库',
  errors: {
    code: '请填写事项编码（不含空格，最多 100 个字符）',
    name: '请填写事项名称（最多 500 个字符）',
    codeTaken: '这个事项编码已被使用',
    mode: '请选择兑现方式',
    date: '日期格式应为 YYYY-MM-DD',
    range: '失效日期不能早于生效日期',
    applyRange: '申报截止不能早于申报开始',
    amount: '金额应为不小于 0 的数字',
    values: '请至少填写一个取值',
    number: '请填写不小于 0 的整数',
    url: '网址应以 http:// 或 https:// 开头',
    fix: (n: number) => `有 ${n} 处需要修改`,
  },

  // import
  importTitle: '导入政策清单',
  importForbidden: '只有营转办协调员和管理员可以导入政策清单',
  pickFile: '选择 Excel（.xlsx）或 CSV 文件',
  pickHint: '每行一个事项；“事项编码”相同的行会更新已有事项。条件列的多个取值用顿号、逗号或分号分隔。',
  reading: '正在读取文件…',
  readFailed: (why: string) => `无法读取该文件：${why}`,
  emptyFile: '文件里没有数据行',
  mappingTitle: '核对列对应关系',
  mappingHint: (rows: number) => `共 ${rows} 行数据。请确认每个字段对应的列，带 * 的为必填。`,
  unknownColumns: (names: string) => `未识别的列（不导入）：${names}`,
  notMapped: '（不导入）',
  missingRequired: (labels: string) => `请为必填字段选择列：${labels}`,
  preview: '前几行预览',
  start: '开始导入',
  phaseCheck: '正在检查',
  phaseWrite: '正在写入政策库',
  progress: (done: number, total: number) => `${done} / ${total} 行`,
  summaryTitle: '导入完成',
  added: '新增',
  updated: '更新',
  unchanged: '未变',
  errorRows: '错误',
  noErrors: '没有错误行',
  downloadReport: '下载错误报告',
  reportTitle: '错误行',
  importAnother: '继续导入其他文件',
  toList: '查看政策库',
  duplicateCode: '与前面的行事项编码重复（已按最后一行导入）',
  reportRow: '行号',
  reportColumn: '列',
  reportReason: '原因',
  reportFileName: (fileName: string) => `政策导入错误报告-${fileName.replace(/\.[^.]+$/, '')}.csv`,
  templateFileName: '惠企政策导入模板.xlsx',
  templateSheet: '政策清单',
};

const list = (values: readonly string[]) => values.join('、');

/** A condition in words, as a commissioner would say it (also used for the 差一项 reason). */
export function describeCondition(c: PolicyCondition): string {
  switch (c.field) {
    case 'industry':
      return `行业属于：${list(c.values)}`;
    case 'town':
      return `所属镇街：${list(c.values)}`;
    case 'tags':
      if (c.op === 'any') return `企业标签含以下任一：${list(c.values)}`;
      if (c.op === 'all') return `企业标签含全部：${list(c.values)}`;
      return `企业标签不含：${list(c.values)}`;
    case 'scale':
      return `企业规模为${c.value}`;
    case 'establishedOn':
      return c.op === 'before' ? `成立日期早于 ${c.value}` : `成立日期晚于 ${c.value}`;
    case 'employees':
      return c.op === 'gte' ? `从业人数不少于 ${c.value} 人` : `从业人数不多于 ${c.value} 人`;
  }
}

/** Why an import row was refused (shared reason codes → Chinese, in one place). */
export const ROW_ERRORS: Record<PolicyRowError | 'invalid', string> = {
  required: '必填，不能为空',
  code: '事项编码不能含空格，最多 100 个字符',
  date: '不是有效日期（如 2026-03-01）',
  number: '应为不小于 0 的数字（人数为整数）',
  level: '发布层级应为 国家、省、市 或 县区',
  mode: '兑现方式应为 免申即享 或 申报',
  scale: '企业规模应为 规上 或 规下',
  flag: '应为 是 或 否',
  range: '结束早于开始（或下限大于上限）',
  long: '内容过长',
  duplicate: '事项编码与前面的行重复（只导入第一行）',
  invalid: '事项数据不完整，未能写入',
};

export const pi = {
  exportLibrary: '导出政策库',
  exportHint: '导出的表格可修改后重新导入（按事项编码更新）',
  sheetName: '政策清单',
  exportFileName: (today: string) => `惠企政策库-${today.replaceAll('-', '')}.xlsx`,
  headerLine: (line: number) => `表头在第 ${line} 行`,
  keptHint: '未选择列的字段在更新已有事项时保留原值。',
  levelError: '错误',
  writing: (done: number, total: number) => `已写入 ${done} / ${total} 项`,
  checking: (rows: number) => `正在检查 ${rows} 行…`,
  moreLines: (n: number) => `另有 ${n} 条，请下载错误报告查看`,
};
