/** zh-CN strings of the admin screens (users, teams, audit log). */
import { Reason, type AuditAction, type Role, type TeamKind } from '@bangqi/shared';

export const ad = {
  nav: '管理',
  tabUsers: '用户',
  tabTeams: '服务队',
  tabAudit: '审计日志',
  loading: '正在加载…',
  offline: '当前离线：管理功能需要联网使用，恢复网络后自动加载。',
  noAccess: '您没有权限访问此页面',
  retry: '重试',
  readOnly: '只读：只有管理员可以修改',

  usersTitle: '用户管理',
  usersEmpty: '还没有用户',
  userCount: (n: number) => `共 ${n} 人`,
  userNew: '新建用户',
  userEdit: '编辑',
  userDisable: '停用',
  userEnable: '启用',
  userDisabled: '已停用',
  userActive: '正常',
  userFormNew: '新建用户',
  userFormEdit: (name: string) => `编辑用户：${name}`,
  name: '姓名',
  username: '用户名（登录名）',
  usernameShort: '用户名',
  phone: '手机号',
  role: '角色',
  teams: '所属服务队',
  department: '承办部门',
  departmentPlaceholder: '例如：人社局',
  password: '初始密码',
  passwordReset: '重置密码（留空则不修改）',
  passwordHint: '至少 8 位，不能全是数字',
  status: '状态',
  save: '保存',
  saving: '保存中…',
  cancel: '取消',
  saved: '已保存',
  confirmDisable: (name: string) => `停用后 ${name} 将无法登录，已登录的设备也会立即失效。确定停用吗？`,
  noTeams: '—',

  teamsTitle: '服务队',
  teamsEmpty: '还没有服务队',
  teamCount: (n: number) => `共 ${n} 支服务队`,
  teamEdit: '编辑',
  teamNew: '新建服务队',
  teamFormNew: '新建服务队',
  teamFormEdit: (name: string) => `编辑服务队：${name}`,
  teamName: '名称',
  teamKind: '类型',
  teamScope: '服务范围',
  teamScopeIndustry: '行业',
  teamScopeTown: '镇街',
  teamLead: '队长',
  noLead: '（暂无队长）',
  members: '成员',

  auditTitle: '审计日志',
  auditEmpty: '没有符合条件的记录',
  auditActor: '人员',
  auditAction: '操作',
  auditDoc: '企业 / 档案编号',
  auditDocShort: '档案',
  auditFrom: '开始日期',
  auditTo: '结束日期',
  auditAll: '全部',
  auditMore: '加载更多',
  auditEnd: '已显示全部记录',
  auditExport: '导出 CSV',
  auditExporting: '正在导出…',
  auditTime: '时间',
  auditDevice: '设备',
  auditDetail: '详情',
  auditRelay: '系统',
  auditChain: (id: number) => `#${id}`,
  /** a list of names / values in one cell */
  list: (items: readonly string[]) => items.join('、'),
  detail: (pairs: readonly string[]) => pairs.join('，'),
  detailPair: (key: string, value: string) => `${key}: ${value}`,
  /** a file's place: 服务队 · 责任人 */
  assignmentPlace: (parts: readonly string[]) => parts.join(' · '),
  none: '—',
  userOption: (name: string, username: string) => `${name}（${username}）`,
  inParens: (text: string) => `（${text}）`,
} as const;

export const ROLE_LABELS: Record<Role, string> = {
  commissioner: '服务专员',
  'team-lead': '服务队队长',
  handler: '承办部门',
  coordinator: '营转办',
  admin: '管理员',
};

export const TEAM_KIND_LABELS: Record<TeamKind, string> = {
  industry: '专项服务队',
  town: '街镇服务队',
};

export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  login: '登录',
  'login-failed': '登录失败',
  logout: '退出登录',
  refresh: '刷新令牌',
  'password-changed': '修改密码',
  'update-accepted': '修改已接收',
  'update-refused': '修改被拒绝',
  'assignment-changed': '分配变更',
  'access-revoked': '收回访问权限',
  'user-created': '新建用户',
  'user-updated': '修改用户',
  'team-created': '新建服务队',
  'team-updated': '修改服务队',
  'directory-import': '市场主体库导入',
};

/** Form checks, the same rules the relay applies (sync-server/src/http/validate.ts), said in Chinese. */
export const fieldProblems = {
  nameRequired: '请填写姓名',
  nameTooLong: '姓名最多 40 个字',
  usernameFormat: '用户名需为 2–32 位小写字母、数字或 . _ -，以字母或数字开头',
  phoneFormat: '手机号应为以 1 开头的 11 位数字（可不填）',
  passwordShort: '密码至少 8 位',
  passwordDigits: '密码不能全是数字',
  departmentRequired: '承办部门用户请填写所属部门',
  teamNameRequired: '请填写服务队名称',
  scopeRequired: '请选择服务范围',
} as const;

/** Relay field names (in its English InvalidRequest messages) in Chinese. */
const FIELD_LABELS: Record<string, string> = {
  username: ad.username,
  name: ad.name,
  phone: ad.phone,
  role: ad.role,
  teamIds: ad.teams,
  department: ad.department,
  password: '密码',
  newPassword: '新密码',
  leadId: ad.teamLead,
  kind: ad.teamKind,
  scope: ad.teamScope,
};

/**
 * What to tell the admin when the relay refused a request: the reason in Chinese, and for an invalid
 * request which field (its message names the field first).
 */
export function apiErrorText(err: unknown, what: 'user' | 'team' | 'other' = 'other'): string {
  const e = err as { status?: number; reason?: string; message?: string };
  if (e.status === 0) return ad.offline;
  switch (e.reason) {
    case Reason.InvalidRequest: {
      const field = /^(\w+)/.exec(e.message ?? '')?.[1] ?? '';
      const label = FIELD_LABELS[field];
      return label ? `「${label}」填写有误（${e.message}）` : `填写的内容有误（${e.message ?? ''}）`;
    }
    case Reason.Conflict:
      return what === 'team' ? '服务队名称已被占用' : what === 'user' ? '用户名已被占用' : '名称已被占用';
    case Reason.NotFound:
      return '记录不存在（可能已被删除），请刷新';
    case Reason.Forbidden:
      return ad.noAccess;
    case Reason.Unauthenticated:
      return '登录已失效，请重新登录';
    case Reason.RateLimited:
      return '操作过于频繁，请稍后再试';
    default:
      return `操作失败（${e.reason ?? e.message ?? '未知错误'}）`;
  }
}
