/**
 * Every Chinese string of the UI, in one place (zh-CN). Reason codes from shared/src/errors.ts and
 * USCC problems are mapped to messages here, so wording changes never touch protocol or domain code.
 */
import { Reason } from '@bangqi/shared';

export const t = {
  appName: '帮企通',
  syncOnline: '在线',
  syncOffline: '离线',
  syncConnecting: '连接中…',
  pending: (n: number) => `待同步 ${n} 条`,
  lastSynced: (hhmmss: string) => `上次同步 ${hhmmss}`,
  neverSynced: '从未同步',
  refused: (n: number) => `${n} 条被拒绝`,
  retryNow: '立即重连',

  loginTitle: '登录帮企通',
  loginHint: '请使用管理员分配的账号登录。登录一次后，本设备在离线时也能打开您的数据。',
  loginUsername: '用户名',
  loginPassword: '密码',
  loginSubmit: '登录',
  loginBusy: '正在登录…',
  loginMissing: '请输入用户名和密码',
  loginFirstNeedsNetwork: '首次登录需要联网，请连接网络后再试',
  loginNeedsNetwork: '登录需要联网，请连接网络后再试',
  loginFailed: '登录失败（服务器暂时无法处理），请稍后再试',
  rateLimited: (minutes: number) => `尝试次数过多，请 ${minutes} 分钟后再试`,
  logout: '退出登录',
  logoutConfirm: (n: number) => `还有 ${n} 条修改尚未同步。退出后它们仍保存在本设备上，您下次登录时会继续同步。确定退出吗？`,
  logoutConfirmYes: '退出',
  cancel: '取消',
  authExpired: '登录已失效（密码可能已修改，或账号已停用）。同步已暂停，本机上的修改都已保存，重新登录后继续同步。',
  authExpiredSubmit: '重新登录',
  passwordTitle: '修改密码',
  passwordOld: '当前密码',
  passwordNew: '新密码',
  passwordNewHint: '至少 8 位',
  passwordTooShort: '新密码至少 8 位',
  passwordSave: '保存新密码',
  passwordSaved: '密码已修改。其他设备需要用新密码重新登录。',
  passwordWrongOld: '当前密码不正确',
  unassigned: '未分配',
  roles: {
    commissioner: '服务专员',
    'team-lead': '服务队队长',
    handler: '承办部门',
    coordinator: '营转办',
    admin: '管理员',
  } as Record<string, string>,
  navList: '企业档案',
  navSettings: '设置',
  navPassword: '修改密码',
  refusedLink: (n: number) => `未同步/被拒 ${n}`,
  refusedTitle: '未同步/被拒修改',
  refusedHint: '这些修改没有被服务器接受（或您已无权查看这家企业），已从档案中撤回，但内容保存在这里，可复制后重新录入或交给负责人处理。',
  refusedEmpty: '没有被拒绝的修改。',
  refusedWhen: (made: string, refused: string) => `修改于 ${made} · 被拒于 ${refused}`,
  refusedCopy: '复制内容',
  refusedCopied: '已复制',
  refusedDismiss: '知道了（删除）',
  refusedNothingReadable: '（此修改不含可显示的文字，例如只是删除了内容）',
  summaryRemoved: (n: number) => `删除了 ${n} 处内容`,
  summaryTagOn: (tag: string) => `添加标签「${tag}」`,
  summaryTagOff: '移除了标签',
  summaryAssignment: '更改了分配（责任人/服务队）',
  summaryHistory: '新增了分配记录',
  fieldStrategy: '一企一策',
  revokedNotice: '这家企业已改派给他人或您的权限已调整，本设备上的档案已移除。未同步的修改保存在“未同步/被拒修改”中。',
  forbiddenNotice: '您没有权限查看这份企业档案（不在您的服务范围内）。',
  dismiss: '关闭',
  dbFailed: (why: string) => `无法打开本地数据：${why}（请确认浏览器允许本地存储）`,

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
  currentUser: '当前用户',
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
  [Reason.QuotaExceeded]: '手机存储空间已满：文字已保存，照片未能保存。请清理空间后重新添加照片',
  [Reason.BlobTooLarge]: '文件过大，服务器拒绝接收',
  [Reason.HashMismatch]: '文件上传时损坏，将自动重新上传',
  [Reason.BadOffset]: '上传进度不一致，将从断点继续',
  'storage-error': '本地存储写入失败（空间可能已满）',
  'socket-error': '无法建立连接',
};

export function reasonText(code: string): string {
  return REASONS[code] ?? `同步错误（${code}）`;
}

/** Moved to shared: the directory import reports USCC problems from a worker too. */
export { usccProblemText } from '@bangqi/shared';

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
