/**
 * Every Chinese string of the UI, in one place (zh-CN). Reason codes from shared/src/errors.ts and
 * USCC problems are mapped to messages here, so wording changes never touch protocol or domain code.
 */
import { Reason, type UsccProblem } from '@bangqi/shared';

export const t = {
  appName: '帮企通',
  syncOnline: '在线',
  syncOffline: '离线',
  syncConnecting: '连接中…',
  syncNotStarted: '选择身份后开始同步',
  pending: (n: number) => `待同步 ${n} 条`,
  lastSynced: (hhmmss: string) => `上次同步 ${hhmmss}`,
  neverSynced: '从未同步',
  refused: (n: number) => `${n} 条被拒绝`,
  retryNow: '立即重连',

  whoamiTitle: '我是谁',
  whoamiHint: '请选择您的身份（保存在本设备上，可随时切换）',
  switchUser: '切换身份',

  navList: '企业档案',
  navSettings: '设置',

  listTitle: '企业档案',
  searchPlaceholder: '搜索企业名称或统一社会信用代码',
  count: (shown: number, total: number) => (shown === total ? `共 ${total} 家` : `找到 ${shown} 家（共 ${total} 家）`),
  listLoading: '正在读取本地数据…',
  listEmpty: '还没有企业档案。联网后会自动同步，也可以点击“新建企业”。',
  listNoMatch: '没有符合条件的企业',
  newEnterprise: '新建企业',
  unnamed: '（未命名企业）',
  usccInvalidBadge: '信用代码有误',

  back: '返回列表',
  fileLoading: '正在打开档案…',
  fileNotFound: '没有找到这份企业档案',
  fileNotFoundHint: '它可能尚未同步到本设备，或链接有误。',
  pageNotFound: '页面不存在',
  pageNotFoundHint: '链接可能有误或已过期。',
  syncSeq: (seq: number) => `同步序号 ${seq}`,
  fieldName: '企业名称',
  fieldUscc: '统一社会信用代码',
  fieldTown: '所属镇街',
  fieldIndustry: '行业',
  fieldTags: '标签',
  fieldNote: '备注',
  choose: '请选择',
  newTagPlaceholder: '添加自定义标签，回车确认',
  addTag: '添加',
  savedLocally: '已保存到本机',
  saving: '保存中…',
  alsoViewing: (names: string) => `${names} 也在查看`,
  updatedBy: (who: string, when: string) => `最后修改：${who} · ${when}`,

  settingsTitle: '设置',
  persist: '持久存储',
  persistGranted: '已获准（浏览器不会自动清除本地数据）',
  persistDenied: '未获准（存储空间紧张时浏览器可能清除本地数据）',
  persistUnknown: '检测中…',
  storageUsage: '本地存储',
  storageEstimate: (used: string, quota: string) => `已用 ${used} / 可用 ${quota}`,
  deviceId: '设备编号',
  currentUser: '当前身份',
  appVersion: '应用版本',
  checkUpdate: '检查更新',
  checking: '正在检查…',
  upToDate: '已是最新版本',
  updateFound: '发现新版本',
  updateCheckFailed: '检查失败（可能处于离线状态）',
  syncSection: '同步',
  refusedSection: '被服务器拒绝的修改',

  updateAvailable: '新版本已就绪',
  updateHint: '更新前会先保存正在编辑的内容。',
  updateNow: '立即更新',
  updateLater: '稍后',
} as const;

const REASONS: Record<string, string> = {
  [Reason.BadFrame]: '数据格式错误，连接已断开',
  [Reason.TooBig]: '单次修改过大，服务器拒绝接收',
  [Reason.Unauthenticated]: '登录已失效，请重新登录',
  [Reason.Forbidden]: '没有权限修改这份档案',
  [Reason.UnsupportedVersion]: '应用版本过旧，请更新后再同步',
  [Reason.InvalidUpdate]: '修改内容不合法，服务器拒绝接收',
  [Reason.ServerError]: '服务器内部错误，稍后自动重试',
  [Reason.ShuttingDown]: '服务器正在重启，稍后自动重连',
  [Reason.ForbiddenAssignment]: '只有服务队队长（或营转办）可以分配责任人、填写一企一策',
  [Reason.WipeRefused]: '不能清空档案（企业名称不能删除）',
  [Reason.HistoryRewrite]: '历史记录只能追加，不能修改或删除',
  [Reason.SchemaViolation]: '修改内容不符合档案格式，服务器拒绝接收',
  [Reason.MissingDependency]: '此修改依赖一条被拒绝的修改，已一并退回',
  [Reason.AccessRevoked]: '这家企业已不在您的服务范围内（已改派或调整权限）',
  [Reason.BadCredentials]: '用户名或密码错误',
  [Reason.RateLimited]: '尝试次数过多，请稍后再试',
  [Reason.AccountDisabled]: '账号已停用，请联系管理员',
  [Reason.InvalidRequest]: '填写的内容有误',
  [Reason.Conflict]: '名称已被占用',
  [Reason.NotFound]: '找不到对应的记录',
  'storage-error': '本地存储写入失败（空间可能已满）',
  'socket-error': '无法建立连接',
};

export function reasonText(code: string): string {
  return REASONS[code] ?? `同步错误（${code}）`;
}

export function usccProblemText(p: UsccProblem): string {
  switch (p.code) {
    case 'uscc.length':
      return `长度应为18位（当前${p.length}位）`;
    case 'uscc.char':
      return `第${p.position}位字符${p.char}不合法`;
    case 'uscc.orgCheck':
      return `组织机构代码校验位（第17位）应为${p.expected}`;
    case 'uscc.check':
      return `校验位应为${p.expected}`;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

export function hhmmss(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function dateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(1)} GB`;
}
