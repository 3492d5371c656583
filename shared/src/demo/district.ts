/**
 * Reference lists of the demo district. The accounts and enterprise-file issues make these
 * configurable district data; until then they are the defaults the UI offers.
 */
import type { OrgUser, Team } from '../org/org.ts';

export const DEMO_DISTRICT = '临河区';

export const TOWNS = [
  '城关街道', '东城街道', '西城街道', '滨河街道', '经济开发区',
  '柳林镇', '石岭镇', '青山镇', '河阳镇', '白塔镇', '马庄镇', '新桥镇',
] as const;

/** 八大支柱产业 style default list. */
export const INDUSTRIES = [
  '高端装备制造', '新材料', '新能源', '生物医药', '新一代信息技术', '绿色化工', '食品加工', '现代物流',
] as const;

export const COMMON_TAGS = ['规上', '专精特新', '瞪羚', '高新技术', '小微', '重点监测', '重点项目'] as const;

/** The demo district's teams (one 专项服务队, one 街镇服务队). */
export const DEMO_TEAMS = [
  { id: 't-equip', name: '高端装备制造专项服务队', kind: 'industry', scope: '高端装备制造', leadId: 'u-wangqiang' },
  { id: 't-chengguan', name: '城关街道服务队', kind: 'town', scope: '城关街道', leadId: 'u-chenjing' },
] as const satisfies readonly Team[];

/** Everyone signs in with this password in the demo district (printed by `npm start`, listed in the README). */
export const DEMO_PASSWORD = 'bangqi2026';

/** Demo accounts, at least one per role; seeded on a relay's first start, disabled by an admin when done. */
export const DEMO_USERS = [
  { id: 'u-admin', username: 'admin', name: '系统管理员', role: 'admin', teamIds: [], department: '' },
  { id: 'u-liuyang', username: 'liuyang', name: '刘洋', role: 'coordinator', teamIds: [], department: '' },
  { id: 'u-wangqiang', username: 'wangqiang', name: '王强', role: 'team-lead', teamIds: ['t-equip'], department: '' },
  { id: 'u-chenjing', username: 'chenjing', name: '陈静', role: 'team-lead', teamIds: ['t-chengguan'], department: '' },
  { id: 'u-zhangwei', username: 'zhangwei', name: '张伟', role: 'commissioner', teamIds: ['t-equip'], department: '' },
  { id: 'u-lina', username: 'lina', name: '李娜', role: 'commissioner', teamIds: ['t-equip'], department: '' },
  { id: 'u-sunlei', username: 'sunlei', name: '孙磊', role: 'commissioner', teamIds: ['t-chengguan'], department: '' },
  { id: 'u-zhaomin', username: 'zhaomin', name: '赵敏', role: 'handler', teamIds: [], department: '人社局' },
] as const satisfies readonly Omit<OrgUser, 'disabled' | 'phone'>[];
