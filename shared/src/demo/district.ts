/**
 * Reference lists of the demo district. The accounts and enterprise-file issues make these
 * configurable district data; until then they are the defaults the UI offers.
 */
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

/** Until the accounts issue lands, a device picks one of these in "我是谁". */
export const DEMO_USERS = [
  { id: 'u-zhangwei', name: '张伟', role: '服务专员' },
  { id: 'u-lina', name: '李娜', role: '服务专员' },
  { id: 'u-wangqiang', name: '王强', role: '服务队队长' },
  { id: 'u-liuyang', name: '刘洋', role: '营转办协调员' },
] as const;
