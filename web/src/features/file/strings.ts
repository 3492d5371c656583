/** zh-CN strings of the enterprise file's sections (profile extras, contacts, licences, merge notice, timeline, create). */
import type { CoordProblem } from '@bangqi/shared';

/** Labels of the logged fields and parts (merge notice, timeline). */
export const FIELD_LABELS: Record<string, string> = {
  name: '企业名称',
  uscc: '统一社会信用代码',
  town: '所属镇街',
  industry: '行业',
  legalRep: '法定代表人',
  address: '注册地址',
  park: '所属园区',
  scale: '企业规模',
  employees: '员工人数',
  establishedOn: '成立日期',
  location: '位置',
  contacts: '联系人',
  licences: '许可证照',
  tags: '标签',
  formerNames: '曾用名',
  note: '备注',
};

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;

export const f = {
  formerNames: '曾用名',
  formerNameAdd: '添加曾用名',
  formerNamePlaceholder: '输入曾用名后点“添加”',
  remove: '删除',
  removeNamed: (what: string) => `删除 ${what}`,
  legalRep: '法定代表人',
  address: '注册地址',
  park: '所属园区',
  scale: '企业规模',
  employees: '员工人数',
  employeesInvalid: '员工人数应为不小于 0 的整数',
  establishedOn: '成立日期',
  establishedOnHint: '惠企政策按成立日期判断是否符合条件',
  establishedOnInvalid: '请填写有效日期（年-月-日），且不晚于今天',
  location: '位置（经纬度）',
  lat: '纬度',
  lng: '经度',
  useMyLocation: '使用我的位置',
  locating: '正在定位…',
  clearLocation: '清除位置',
  locationFailed: (why: string) => `无法获取位置：${why}`,
  locationDenied: '未获准使用定位，请在浏览器设置中允许，或直接输入经纬度',
  outsideChina: '该位置不在中国境内，请核对经纬度（已保存）',
  coordProblem: (p: CoordProblem) =>
    p.code === 'coord.pair'
      ? '纬度和经度需同时填写'
      : p.code === 'coord.number'
        ? `${p.axis === 'lat' ? '纬度' : '经度'}应为数字`
        : p.axis === 'lat'
          ? '纬度应在 -90 到 90 之间'
          : '经度应在 -180 到 180 之间',

  contacts: '联系人',
  contactsEmpty: '暂无联系人',
  contactName: '姓名',
  contactRole: '职务',
  contactPhone: '电话',
  contactAdd: '添加联系人',
  call: '拨打',
  callNamed: (name: string) => `拨打 ${name} 的电话`,
  contactNameRequired: '请填写联系人姓名',
  phoneInvalid: '电话号码格式不正确（手机 11 位，座机如 0539-8123456）',

  licences: '许可证照',
  licencesEmpty: '暂无许可证照',
  licenceType: '证照类型',
  licenceNumber: '证照编号',
  licenceExpires: '有效期至',
  licenceAdd: '添加证照',
  licenceTypeRequired: '请填写证照类型',
  dateInvalid: '日期格式应为 年-月-日，例如 2027-01-31',
  daysLeft: (n: number) => (n === 0 ? '今天到期' : n > 0 ? `剩余 ${n} 天` : `已过期 ${-n} 天`),
  noExpiry: '未填有效期',

  timelineVisit: (type: string, who: string, purpose: string) => `${type}：${who}${purpose ? `（${purpose}）` : ''}`,

  mergeTitle: '合并提示',
  mergeHint: '这些内容在两台设备上被同时修改，档案保留了其中一个值；另一台设备填写的值列在下面，没有丢失。',
  mergeKept: (v: string) => `当前保留：${v || '（空）'}`,
  mergeLost: (v: string, who: string, when: string) => `${who} 于 ${when} 填写：${v || '（空）'}`,
  mergeUse: '改用此值',
  mergeConfirm: '保留当前值',

  timeline: '时间线',
  timelineEmpty: '暂无记录',
  timelineCreated: (who: string) => `${who} 建立档案`,
  timelineEdits: (who: string, fields: string, count: number) => `${who} 修改了 ${fields}（${count} 次）`,
  timelineAssigned: (who: string, to: string) => `${who} 分配给 ${to}`,
  timelineUnassigned: (who: string) => `${who} 取消了分配`,

  createTitle: '新建企业档案',
  createName: '企业名称',
  createUscc: '统一社会信用代码（选填）',
  createUsccHint: '填写信用代码可避免重复建档：已有档案时会直接打开',
  createNameRequired: '请填写企业名称',
  createSubmit: '建档',
  createCancel: '取消',
  existedNotice: '该统一社会信用代码已有档案，已为你打开',
  duplicateUscc: '该信用代码已有档案：',
} as const;

