/**
 * Deterministic demo district: the same seed gives the same enterprises, ids and Y updates on every
 * machine, so a fresh relay, the tests and the benchmark all see identical data.
 */
import * as Y from 'yjs';
import { assignEnterprise } from '../domain/assignment.ts';
import { createEnterprise, setEnterpriseField, type EnterpriseRow } from '../domain/enterprise.ts';
import { USCC_ALPHABET, orgCodeCheckChar, usccCheckChar } from '../domain/uscc.ts';
import { COMMON_TAGS, INDUSTRIES, TOWNS } from './district.ts';

/** mulberry32: tiny, fast, good enough for demo data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const BRANDS = [
  '华盛', '鑫源', '恒泰', '金鼎', '瑞丰', '宏达', '永兴', '九州', '天元', '汇通', '博远', '中科', '正和', '德隆',
  '鲁信', '沂蒙', '泰和', '新华', '东方', '齐鲁', '海诺', '金禾', '晨光', '百川', '众诚', '同德', '凯瑞', '昊天',
  '润丰', '明珠', '兴业', '长青', '锦程', '华洋', '立信', '弘毅', '远航', '盛世', '银河', '鸿运', '嘉禾', '恒通',
];
const PREFIXES = ['山东', '临河', '临沂', '', '', ''];
const WORDS: Record<(typeof INDUSTRIES)[number], string[]> = {
  高端装备制造: ['机械', '精密机械', '重工', '智能装备', '数控设备', '汽车零部件'],
  新材料: ['新材料', '复合材料', '高分子材料', '特种钢材', '陶瓷材料'],
  新能源: ['新能源', '光伏科技', '储能科技', '风电设备', '氢能科技'],
  生物医药: ['生物科技', '制药', '医疗器械', '生物工程', '药业'],
  新一代信息技术: ['信息技术', '电子科技', '软件', '智能科技', '数据科技'],
  绿色化工: ['化工', '精细化工', '环保科技', '涂料', '新型建材'],
  食品加工: ['食品', '农副产品', '粮油', '饮品', '调味品'],
  现代物流: ['物流', '供应链管理', '仓储', '国际货运代理', '冷链物流'],
};
const SUFFIXES = ['有限公司', '有限公司', '有限公司', '股份有限公司', '集团有限公司'];
/** The name vocabulary, for the search benchmark's 100k directory names. */
export const DEMO_NAME_VOCABULARY = { PREFIXES, BRANDS, WORDS, SUFFIXES } as const;
const NOTES = [
  '企业生产经营正常，近期计划扩大产能。',
  '反映用工紧张，需要技工招聘支持。',
  '正在申报高新技术企业认定。',
  '厂区道路需硬化，已与镇街沟通。',
  '关注研发费用加计扣除政策。',
  '',
  '',
];

export type DemoEnterprise = Pick<
  EnterpriseRow,
  'id' | 'name' | 'uscc' | 'town' | 'industry' | 'tags' | 'note' | 'createdAt' | 'teamId' | 'responsibleId' | 'establishedOn'
>;

/**
 * 成立日期 of the i-th demo enterprise, 1998–2025, from its index alone: it draws nothing from the random
 * sequence, so every other demo field (and the list tests' counts) stays as it was before the field existed.
 */
export function demoEstablishedOn(i: number): string {
  const year = 1998 + ((i * 7 + 3) % 28);
  const month = ((i * 5) % 12) + 1;
  const day = ((i * 11) % 28) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Which demo team serves an enterprise and who is responsible: 高端装备制造 → 专项服务队 (张伟 / 李娜, one
 * in five left unassigned for the team lead to assign), 城关街道 → 街镇服务队 (孙磊, half unassigned), the
 * rest no team yet (the coordinator sees them).
 */
function demoAssignment(industry: string, town: string, i: number): { teamId: string; responsibleId: string } {
  if (industry === '高端装备制造') {
    return { teamId: 't-equip', responsibleId: i % 5 === 4 ? '' : i % 2 === 0 ? 'u-zhangwei' : 'u-lina' };
  }
  if (town === '城关街道') return { teamId: 't-chengguan', responsibleId: i % 2 === 0 ? 'u-sunlei' : '' };
  return { teamId: '', responsibleId: '' };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)]!;
}

function demoUscc(rand: () => number): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += USCC_ALPHABET[Math.floor(rand() * 10 + (rand() < 0.2 ? 10 : 0))]!;
  const first17 = `91371302${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

const BASE_TIME = Date.UTC(2025, 0, 6, 1, 0, 0);

export function generateDemoEnterprises(count = 300, seed = 20261124): DemoEnterprise[] {
  const rand = seededRandom(seed);
  const names = new Set<string>();
  const out: DemoEnterprise[] = [];
  for (let i = 0; i < count; i++) {
    const industry = pick(rand, INDUSTRIES);
    let name = '';
    while (!name || names.has(name)) {
      name = `${pick(rand, PREFIXES)}${pick(rand, BRANDS)}${pick(rand, WORDS[industry])}${pick(rand, SUFFIXES)}`;
    }
    names.add(name);
    const tags = new Set<string>();
    const big = rand() < 0.35;
    tags.add(big ? '规上' : '小微');
    for (const tag of COMMON_TAGS.slice(1)) if (tag !== '小微' && rand() < (big ? 0.18 : 0.05)) tags.add(tag);
    const town = pick(rand, TOWNS); // drawn after the tags, as before assignments existed: same demo data
    out.push({
      id: `ent-demo${String(i + 1).padStart(4, '0')}`,
      name,
      uscc: demoUscc(rand),
      town,
      industry,
      ...demoAssignment(industry, town, i),
      tags: [...tags],
      note: pick(rand, NOTES),
      createdAt: BASE_TIME + i * 3_600_000,
      establishedOn: demoEstablishedOn(i),
    });
  }
  return out;
}

/** The Y update that creates one demo enterprise; deterministic (fixed client id per doc). */
export function demoEnterpriseUpdate(e: DemoEnterprise, index: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = 1_000_000 + index;
  createEnterprise(doc, e, 'demo-seed', e.createdAt);
  if (e.establishedOn) setEnterpriseField(doc, 'establishedOn', e.establishedOn, 'demo-seed', e.createdAt);
  if (e.teamId || e.responsibleId) assignEnterprise(doc, { teamId: e.teamId, responsibleId: e.responsibleId }, 'demo-seed', e.createdAt);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
