/**
 * The demo district's policy library (惠企政策, doc `pol-library`): 30 claimable items in the shape the
 * county lists publish them (费县 items with every field; 莱芜's 区级 免申即享 items; 崂山-style 政策清单
 * by domain; 枣庄 政策超市 departments and platforms), with conditions written against the demo district's
 * industries, towns and tags (district.ts) so matching has something to find. Validity is set around the
 * demo's "today" (2026-12-04): three items have expired, four application windows close within 30 days,
 * the rest later or all year. Seeded once with the demo district (sync-server/src/seed.ts).
 */
import type * as Y from 'yjs';
import { upsertPolicyItem, type PolicyItemInput } from '../policies/library.ts';
import type { PolicyCondition } from '../policies/conditions.ts';
import type { PolicyLevel, PolicyMode } from '../policies/types.ts';

/** Who the seeded items are written by (the relay's seeding, not a person). */
export const DEMO_POLICY_AUTHOR = 'seed';

interface Spec {
  code: string;
  name: string;
  document: string;
  docNumber: string;
  level: PolicyLevel;
  department: string;
  domain: string;
  target: string;
  keyPoints: string;
  requirements: string;
  benefit: string;
  amountWan: number | null;
  mode?: PolicyMode;
  effective: [string, string];
  apply?: [string, string];
  conditions: PolicyCondition[];
  materials?: string;
  platform?: string;
}

const industry = (...values: string[]): PolicyCondition => ({ field: 'industry', op: 'in', values });
const town = (...values: string[]): PolicyCondition => ({ field: 'town', op: 'in', values });
const anyTag = (...values: string[]): PolicyCondition => ({ field: 'tags', op: 'any', values });
const noTag = (...values: string[]): PolicyCondition => ({ field: 'tags', op: 'none', values });
const scale = (value: '规上' | '规下'): PolicyCondition => ({ field: 'scale', op: 'eq', value });
const before = (value: string): PolicyCondition => ({ field: 'establishedOn', op: 'before', value });
const after = (value: string): PolicyCondition => ({ field: 'establishedOn', op: 'after', value });
const staffAtLeast = (value: number): PolicyCondition => ({ field: 'employees', op: 'gte', value });
const staffAtMost = (value: number): PolicyCondition => ({ field: 'employees', op: 'lte', value });

const SCI = '临河区促进科技创新若干政策';
const IND = '临河区推动制造业高质量发展若干措施';
const FIN = '临河区金融支持实体经济发展十条';
const TAL = '临河区“临才惠”人才新政';
const JOB = '临河区稳就业促发展若干措施';
const TRADE = '临河区促进商贸物流业发展扶持办法';

const SPECS: Spec[] = [
  // 科技 (区科技局)
  { code: 'LH-KJ-001', name: '高新技术企业首次认定奖励', document: SCI, docNumber: '临政发〔2025〕6号', level: '县区', department: '区科技局', domain: '科技',
    target: '首次通过高新技术企业认定的企业', keyPoints: '首次认定一次性奖励20万元，重新认定奖励10万元', requirements: '当年度首次通过国家高新技术企业认定，注册地在本区',
    benefit: '最高奖励20万元', amountWan: 20, effective: ['2025-03-01', '2027-12-31'], apply: ['2026-11-01', '2026-12-20'],
    conditions: [anyTag('高新技术')], materials: '认定证书复印件；申请表；营业执照复印件' },
  { code: 'LH-KJ-002', name: '研发费用后补助', document: SCI, docNumber: '临政发〔2025〕6号', level: '县区', department: '区科技局', domain: '科技',
    target: '有研发投入的规上工业企业', keyPoints: '按上年度研发费用增量的10%给予补助', requirements: '上年度研发费用加计扣除备案，研发投入较前一年增长',
    benefit: '最高补助100万元', amountWan: 100, effective: ['2025-03-01', '2027-12-31'], apply: ['2027-03-01', '2027-04-30'],
    conditions: [scale('规上'), industry('高端装备制造', '新材料', '新能源', '生物医药', '新一代信息技术', '绿色化工')] },
  { code: 'LH-KJ-003', name: '科技型中小企业入库奖励（免申即享）', document: SCI, docNumber: '临政发〔2025〕6号', level: '县区', department: '区科技局', domain: '科技',
    target: '入库国家科技型中小企业库的企业', keyPoints: '比对入库名单直接兑现，无需申报', requirements: '当年入库国家科技型中小企业信息库',
    benefit: '奖励2万元', amountWan: 2, mode: '免申即享', effective: ['2025-01-01', '2026-12-31'],
    conditions: [anyTag('高新技术', '专精特新', '瞪羚'), staffAtMost(500)], platform: '泉惠企' },
  { code: 'LH-KJ-004', name: '企业研发平台建设奖励', document: SCI, docNumber: '临政发〔2025〕6号', level: '县区', department: '区科技局', domain: '科技',
    target: '新认定省级以上工程技术研究中心、重点实验室的企业', keyPoints: '国家级奖励100万元，省级奖励30万元', requirements: '当年新获批国家级或省级研发平台',
    benefit: '最高奖励100万元', amountWan: 100, effective: ['2025-03-01', '2027-12-31'], apply: ['2027-01-01', '2027-06-30'],
    conditions: [scale('规上'), anyTag('高新技术', '专精特新')] },
  { code: 'SD-KJ-005', name: '山东省科技成果转化贷款风险补偿', document: '山东省科技成果转化贷款风险补偿资金管理办法', docNumber: '鲁科字〔2024〕12号', level: '省', department: '省科技厅', domain: '科技',
    target: '获得科技成果转化贷款的科技型企业', keyPoints: '合作银行发生损失的，风险补偿资金按比例补偿', requirements: '纳入科技成果转化贷款项目库',
    benefit: '贷款损失补偿最高40%', amountWan: null, effective: ['2024-06-01', '2026-06-30'],
    conditions: [anyTag('高新技术')] },
  // 工业 (区工信局)
  { code: 'LH-GX-001', name: '专精特新中小企业奖励', document: IND, docNumber: '临政办发〔2025〕11号', level: '县区', department: '区工信局', domain: '工业',
    target: '新认定的省级、国家级专精特新中小企业', keyPoints: '省级奖励10万元，国家级“小巨人”奖励50万元', requirements: '当年新认定，且上年度营业收入不低于1000万元',
    benefit: '最高奖励50万元', amountWan: 50, effective: ['2025-04-01', '2027-12-31'], apply: ['2026-11-15', '2026-12-31'],
    conditions: [anyTag('专精特新')] },
  { code: 'LH-GX-002', name: '技术改造项目设备投资补助', document: IND, docNumber: '临政办发〔2025〕11号', level: '县区', department: '区工信局', domain: '工业',
    target: '实施技术改造的规上工业企业', keyPoints: '按设备投资额的8%给予补助', requirements: '项目设备投资500万元以上，已在投资项目平台备案并竣工',
    benefit: '最高补助300万元', amountWan: 300, effective: ['2025-04-01', '2027-12-31'], apply: ['2027-02-01', '2027-03-31'],
    conditions: [scale('规上'), industry('高端装备制造', '新材料', '绿色化工', '食品加工', '新能源')], materials: '项目备案证明；设备发票；竣工验收报告' },
  { code: 'LH-GX-003', name: '首次进规工业企业奖励（免申即享）', document: IND, docNumber: '临政办发〔2025〕11号', level: '县区', department: '区工信局', domain: '工业',
    target: '首次纳入规模以上统计的工业企业', keyPoints: '依据统计部门名单直接兑现', requirements: '当年首次纳统，且成立满一年',
    benefit: '奖励10万元', amountWan: 10, mode: '免申即享', effective: ['2025-01-01', '2027-12-31'],
    conditions: [scale('规上'), before('2025-12-31')], platform: '泉惠企' },
  { code: 'LH-GX-004', name: '智能工厂和数字化车间认定奖励', document: IND, docNumber: '临政办发〔2025〕11号', level: '县区', department: '区工信局', domain: '工业',
    target: '新认定省级以上智能工厂、数字化车间的企业', keyPoints: '智能工厂奖励50万元，数字化车间奖励20万元', requirements: '当年获省级以上认定',
    benefit: '最高奖励50万元', amountWan: 50, effective: ['2025-04-01', '2027-12-31'], apply: ['2027-05-01', '2027-06-30'],
    conditions: [scale('规上'), industry('高端装备制造', '新材料', '新能源', '生物医药', '食品加工'), staffAtLeast(100)] },
  { code: 'LH-GX-005', name: '绿色工厂奖励', document: IND, docNumber: '临政办发〔2025〕11号', level: '县区', department: '区工信局', domain: '工业',
    target: '新认定国家级、省级绿色工厂的企业', keyPoints: '国家级奖励30万元，省级奖励10万元', requirements: '当年获认定，近三年无环保处罚',
    benefit: '最高奖励30万元', amountWan: 30, effective: ['2025-04-01', '2027-12-31'], apply: ['2026-10-08', '2026-12-10'],
    conditions: [scale('规上'), industry('绿色化工', '新材料', '新能源', '食品加工')] },
  { code: 'LH-GX-006', name: '2025年度工业企业“上云用数赋智”补贴', document: '临河区2025年度数字化转型专项资金申报指南', docNumber: '临工信字〔2025〕21号', level: '县区', department: '区工信局', domain: '工业',
    target: '购买云服务、工业软件的中小工业企业', keyPoints: '按实际支出的30%补贴', requirements: '2025年度签订上云合同并付款',
    benefit: '最高补贴5万元', amountWan: 5, effective: ['2025-05-01', '2026-06-30'], apply: ['2025-05-01', '2025-11-30'],
    conditions: [scale('规下'), industry('高端装备制造', '新材料', '食品加工', '绿色化工')] },
  { code: 'SD-GX-007', name: '山东省首台（套）技术装备保险补偿', document: '山东省首台（套）技术装备及关键核心零部件推广应用办法', docNumber: '鲁工信装〔2024〕58号', level: '省', department: '省工信厅', domain: '工业',
    target: '生产首台（套）装备并投保的企业', keyPoints: '按年度保费的80%给予补偿', requirements: '产品列入省首台（套）技术装备目录',
    benefit: '保费补偿最高500万元', amountWan: 500, effective: ['2024-07-01', '2028-06-30'], apply: ['2027-03-01', '2027-04-15'],
    conditions: [industry('高端装备制造')] },
  // 金融 (区金融服务中心)
  { code: 'LH-JR-001', name: '小微企业贷款贴息', document: FIN, docNumber: '临政办发〔2025〕15号', level: '县区', department: '区金融服务中心', domain: '金融',
    target: '在区内银行取得流动资金贷款的小微企业', keyPoints: '按贷款市场报价利率的50%贴息', requirements: '贷款用于生产经营，按期付息无逾期',
    benefit: '每户最高贴息20万元', amountWan: 20, effective: ['2025-06-01', '2027-05-31'], apply: ['2026-12-01', '2026-12-25'],
    conditions: [anyTag('小微'), staffAtMost(100)], materials: '借款合同；付息凭证；申请表' },
  { code: 'LH-JR-002', name: '企业上市挂牌奖励', document: FIN, docNumber: '临政办发〔2025〕15号', level: '县区', department: '区金融服务中心', domain: '金融',
    target: '完成股改、辅导备案、上市或新三板挂牌的企业', keyPoints: '分阶段奖励，累计最高500万元', requirements: '注册地和纳税地在本区',
    benefit: '累计最高奖励500万元', amountWan: 500, effective: ['2025-06-01', '2028-12-31'],
    conditions: [scale('规上'), anyTag('专精特新', '瞪羚', '高新技术')] },
  { code: 'LH-JR-003', name: '应急转贷资金支持', document: FIN, docNumber: '临政办发〔2025〕15号', level: '县区', department: '区金融服务中心', domain: '金融',
    target: '贷款到期还款暂时困难的中小企业', keyPoints: '提供过桥资金，日费率万分之一', requirements: '银行已出具续贷意见，无不良信用记录',
    benefit: '单笔最高1000万元过桥资金', amountWan: null, effective: ['2025-06-01', '2027-05-31'],
    conditions: [noTag('重点监测')] },
  { code: 'SD-JR-004', name: '“鲁担惠企贷”担保费补贴', document: '山东省政策性融资担保降费奖补办法', docNumber: '鲁财金〔2024〕9号', level: '省', department: '省财政厅', domain: '金融',
    target: '通过政府性融资担保机构融资的小微企业', keyPoints: '担保费率降至1%以下，省财政给予补贴', requirements: '单户担保金额1000万元以下',
    benefit: '担保费率不高于1%', amountWan: null, mode: '免申即享', effective: ['2024-01-01', '2026-12-31'],
    conditions: [anyTag('小微')], platform: '鲁担惠企通' },
  // 人才 (区委人才办, 区人社局)
  { code: 'LH-RC-001', name: '高层次人才安家补贴', document: TAL, docNumber: '临人才发〔2025〕2号', level: '县区', department: '区委人才办', domain: '人才',
    target: '企业全职引进的博士及以上高层次人才', keyPoints: '博士安家补贴20万元，分三年发放', requirements: '与区内企业签订三年以上劳动合同并缴纳社保',
    benefit: '最高安家补贴20万元', amountWan: 20, effective: ['2025-03-15', '2028-03-14'], apply: ['2027-03-01', '2027-03-31'],
    conditions: [industry('高端装备制造', '新材料', '新能源', '生物医药', '新一代信息技术')] },
  { code: 'LH-RC-002', name: '企业引进高校毕业生生活补贴', document: TAL, docNumber: '临人才发〔2025〕2号', level: '县区', department: '区人社局', domain: '人才',
    target: '新引进全日制本科及以上毕业生的企业', keyPoints: '本科每人每月500元、硕士1000元，最长三年', requirements: '毕业三年内，在区内企业就业并缴纳社保',
    benefit: '每人最高3.6万元', amountWan: 3.6, effective: ['2025-03-15', '2028-03-14'],
    conditions: [staffAtLeast(10)] },
  { code: 'LH-RC-003', name: '技能人才培训补贴', document: TAL, docNumber: '临人才发〔2025〕2号', level: '县区', department: '区人社局', domain: '人才',
    target: '组织职工参加职业技能等级认定的企业', keyPoints: '按取得证书等级给予每人1000–3000元补贴', requirements: '培训备案，取得职业技能等级证书',
    benefit: '每人最高3000元', amountWan: 0.3, effective: ['2025-01-01', '2026-12-31'], apply: ['2026-11-20', '2026-12-15'],
    conditions: [scale('规上'), staffAtLeast(50)] },
  // 就业 (区人社局)
  { code: 'LH-JY-001', name: '稳岗返还（免申即享）', document: JOB, docNumber: '临政办字〔2025〕30号', level: '县区', department: '区人社局', domain: '就业',
    target: '不裁员或少裁员的参保企业', keyPoints: '大型企业按上年度实缴失业保险费的30%返还，中小微企业60%', requirements: '上年度裁员率不高于城镇调查失业率控制目标',
    benefit: '返还失业保险费30%–60%', amountWan: null, mode: '免申即享', effective: ['2025-01-01', '2026-12-31'],
    conditions: [staffAtLeast(1), noTag('重点监测')], platform: '人社“免申即享”系统' },
  { code: 'LH-JY-002', name: '一次性扩岗补助', document: JOB, docNumber: '临政办字〔2025〕30号', level: '县区', department: '区人社局', domain: '就业',
    target: '招用毕业年度及离校两年内高校毕业生的企业', keyPoints: '每招用一人补助1500元', requirements: '签订一年以上劳动合同并连续缴纳社保3个月以上',
    benefit: '每人1500元', amountWan: 0.15, effective: ['2025-01-01', '2025-12-31'],
    conditions: [] },
  { code: 'LH-JY-003', name: '创业担保贷款贴息', document: JOB, docNumber: '临政办字〔2025〕30号', level: '县区', department: '区人社局', domain: '就业',
    target: '新成立的小微企业', keyPoints: '贷款额度最高300万元，按LPR减150个基点以上部分贴息', requirements: '成立不满三年，当年新招用符合条件人员达到职工总数15%',
    benefit: '最高贷款300万元', amountWan: 300, effective: ['2025-01-01', '2027-12-31'],
    conditions: [anyTag('小微'), after('2023-12-31'), staffAtMost(100)] },
  // 商贸 (区商务局)
  { code: 'LH-SM-001', name: '限上商贸企业首次入库奖励', document: TRADE, docNumber: '临政办发〔2025〕19号', level: '县区', department: '区商务局', domain: '商贸',
    target: '首次纳入限额以上统计的批零住餐企业', keyPoints: '一次性奖励5万元', requirements: '当年首次纳统，全年在库',
    benefit: '奖励5万元', amountWan: 5, mode: '免申即享', effective: ['2025-05-01', '2027-12-31'],
    conditions: [industry('现代物流', '食品加工')] },
  { code: 'LH-SM-002', name: '物流企业冷链设施建设补助', document: TRADE, docNumber: '临政办发〔2025〕19号', level: '县区', department: '区商务局', domain: '商贸',
    target: '新建冷库、购置冷链运输车辆的物流企业', keyPoints: '按投资额的20%补助', requirements: '设施投资200万元以上且已投入运营',
    benefit: '最高补助80万元', amountWan: 80, effective: ['2025-05-01', '2027-12-31'], apply: ['2027-04-01', '2027-05-31'],
    conditions: [industry('现代物流', '食品加工'), town('经济开发区', '柳林镇', '河阳镇', '马庄镇')] },
  { code: 'LH-SM-003', name: '外贸企业出口信用保险保费补贴', document: TRADE, docNumber: '临政办发〔2025〕19号', level: '县区', department: '区商务局', domain: '商贸',
    target: '投保短期出口信用保险的外贸企业', keyPoints: '按实缴保费的50%补贴', requirements: '上年度有出口实绩',
    benefit: '每户最高20万元', amountWan: 20, effective: ['2025-05-01', '2027-12-31'], apply: ['2027-01-10', '2027-02-28'],
    conditions: [industry('高端装备制造', '新材料', '食品加工', '绿色化工', '生物医药')] },
  // 农业 (区农业农村局)
  { code: 'LH-NY-001', name: '农产品加工龙头企业奖励', document: '临河区推进农业产业化发展实施意见', docNumber: '临政发〔2024〕18号', level: '县区', department: '区农业农村局', domain: '农业',
    target: '新认定市级以上农业产业化龙头企业', keyPoints: '国家级奖励50万元，省级20万元，市级10万元', requirements: '当年新获认定',
    benefit: '最高奖励50万元', amountWan: 50, effective: ['2024-09-01', '2027-08-31'], apply: ['2027-06-01', '2027-07-31'],
    conditions: [industry('食品加工'), town('柳林镇', '石岭镇', '青山镇', '河阳镇', '白塔镇', '马庄镇', '新桥镇')] },
  // 税费 (区税务局)
  { code: 'GJ-SF-001', name: '先进制造业企业增值税加计抵减', document: '关于先进制造业企业增值税加计抵减政策的公告', docNumber: '财政部 税务总局公告2023年第43号', level: '国家', department: '国家税务总局', domain: '税费',
    target: '高新技术企业中的制造业一般纳税人', keyPoints: '按当期可抵扣进项税额加计5%抵减应纳增值税', requirements: '属于高新技术企业，且为制造业一般纳税人',
    benefit: '进项税额加计5%抵减', amountWan: null, mode: '免申即享', effective: ['2023-01-01', '2027-12-31'],
    conditions: [anyTag('高新技术'), industry('高端装备制造', '新材料', '新能源', '生物医药', '绿色化工', '食品加工')], platform: '电子税务局' },
  { code: 'GJ-SF-002', name: '小型微利企业所得税优惠', document: '关于进一步支持小微企业和个体工商户发展有关税费政策的公告', docNumber: '财政部 税务总局公告2023年第12号', level: '国家', department: '国家税务总局', domain: '税费',
    target: '符合条件的小型微利企业', keyPoints: '减按25%计入应纳税所得额，按20%税率缴纳', requirements: '从业人数不超过300人，资产总额不超过5000万元，应纳税所得额不超过300万元',
    benefit: '实际税负5%', amountWan: null, mode: '免申即享', effective: ['2023-01-01', '2027-12-31'],
    conditions: [staffAtMost(300), noTag('规上')], platform: '电子税务局' },
  { code: 'GJ-SF-003', name: '研发费用税前加计扣除', document: '关于进一步完善研发费用税前加计扣除政策的公告', docNumber: '财政部 税务总局公告2023年第7号', level: '国家', department: '国家税务总局', domain: '税费',
    target: '开展研发活动的企业', keyPoints: '研发费用按实际发生额的100%在税前加计扣除', requirements: '会计核算健全，研发费用单独归集',
    benefit: '研发费用100%加计扣除', amountWan: null, effective: ['2023-01-01', '2027-12-31'], apply: ['2027-01-01', '2027-05-31'],
    conditions: [industry('高端装备制造', '新材料', '新能源', '生物医药', '新一代信息技术', '绿色化工')] },
  // 其他 / 重点项目
  { code: 'LH-QT-001', name: '重点项目建设要素保障“绿色通道”', document: '临河区重点项目全生命周期服务办法', docNumber: '临办发〔2025〕7号', level: '县区', department: '区发改局', domain: '其他',
    target: '列入省、市、区重点项目的企业', keyPoints: '用地、用能、环评指标优先保障，审批并联办理', requirements: '列入当年重点项目名单',
    benefit: '要素优先保障', amountWan: null, effective: ['2025-02-01', '2027-12-31'],
    conditions: [anyTag('重点项目')] },
  { code: 'LH-QT-002', name: '经济开发区入园企业厂房租金补贴', document: '临河经济开发区招商引资优惠办法', docNumber: '临开管发〔2024〕3号', level: '县区', department: '经济开发区管委会', domain: '其他',
    target: '新入驻开发区标准厂房的工业企业', keyPoints: '前两年租金全额补贴，第三年补贴50%', requirements: '入园协议约定投资强度达标',
    benefit: '最高补贴三年租金', amountWan: null, effective: ['2024-01-01', '2026-10-31'],
    conditions: [town('经济开发区'), after('2023-01-01')] },
];

/** Every demo item, in code order, ready for upsertPolicyItem. */
export function demoPolicyItems(): PolicyItemInput[] {
  return SPECS.map((s) => ({
    code: s.code,
    name: s.name,
    document: s.document,
    docNumber: s.docNumber,
    level: s.level,
    department: s.department,
    domain: s.domain,
    basis: `${s.document}（${s.docNumber}）`,
    target: s.target,
    keyPoints: s.keyPoints,
    requirements: s.requirements,
    materials: s.materials ?? '申请表；营业执照复印件；相关证明材料',
    process: s.mode === '免申即享' ? '部门数据比对，无需企业申报，资金直达企业账户' : '企业网上申报 → 主管部门审核 → 公示 → 资金拨付',
    phone: '0539-' + String(8_100_000 + Number(s.code.slice(-3)) * 37 + s.domain.length * 1_001),
    url: `https://www.linhe.gov.cn/zcjd/${s.code.toLowerCase()}.html`,
    platform: s.platform ?? '爱山东·惠企政策',
    mode: s.mode ?? '申报',
    benefit: s.benefit,
    amountWan: s.amountWan,
    effectiveFrom: s.effective[0],
    effectiveTo: s.effective[1],
    applyFrom: s.apply?.[0] ?? '',
    applyTo: s.apply?.[1] ?? '',
    conditions: s.conditions,
    withdrawn: false,
  })).sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

/** Writes the demo library into an (empty) `pol-library` doc; returns how many items were added. */
export function seedDemoPolicies(doc: Y.Doc, now: number): number {
  let added = 0;
  doc.transact(() => {
    for (const item of demoPolicyItems()) if (upsertPolicyItem(doc, item, DEMO_POLICY_AUTHOR, now) === 'added') added++;
  });
  return added;
}
