/**
 * `npm run bench` (after the sync bench) — search over the market-entity directory, in one process:
 *  1. search keys for N = 100,000 generated names (the import worker's cost) and their size per row;
 *  2. index build time and heap;
 *  3. per-keystroke query time, p50/p95 per kind (汉字, full pinyin, initials, USCC prefix), every
 *     prefix of each query as it is typed; against the same queries matched without an index — pinyin-pro
 *     `match` over every name — on a 5,000-row subset scaled to N, measured in the same run (ratio).
 * Target (ARCHITECTURE.md, issue 4): p95 < 30 ms at 100k.
 */
import { cpus, loadavg } from 'node:os';
import { match } from 'pinyin-pro';
import {
  DEMO_DISTRICT, DEMO_NAME_VOCABULARY, TOWNS, USCC_ALPHABET, createSearchIndex, orgCodeCheckChar, search,
  seededRandom, usccCheckChar, type SearchRow,
} from '@bangqi/shared';
import { buildSearchKeys } from '@bangqi/shared/search/keys';

const N = Number(process.env.BENCH_DIRECTORY_ROWS ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const BASELINE_ROWS = 5_000;
const BASELINE_QUERIES = 40;
const LIMIT = 50;

const collect = () => (globalThis as { gc?: () => void }).gc?.();
const rand = seededRandom(4_2026);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => `${x.toFixed(2).padStart(7)} ms`;

// --- 100k names: companies from the demo vocabulary, and 个体工商户 (two thirds of a real directory) ---

const { PREFIXES, BRANDS, WORDS, SUFFIXES } = DEMO_NAME_VOCABULARY;
const ALL_WORDS = Object.values(WORDS).flat();
const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国文斌志成海燕长重乐行朝'];
const SHOPS = ['百货店', '超市', '饭店', '五金店', '理发店', '家电维修部', '养殖场', '农资门市部', '小吃部', '水果店', '建材经营部', '汽车修理厂', '服装店', '烟酒店', '种植专业合作社'];

function uscc(kind: '91' | '92'): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += USCC_ALPHABET[Math.floor(rand() * 10 + (rand() < 0.2 ? 10 : 0))]!;
  const first17 = `${kind}371302${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

function generateNames(n: number): { name: string; uscc: string }[] {
  const seen = new Set<string>();
  const out: { name: string; uscc: string }[] = [];
  while (out.length < n) {
    let name: string;
    if (rand() < 0.35) {
      const brand = rand() < 0.6 ? pick(BRANDS) + pick(BRANDS).slice(0, 1) : pick(BRANDS);
      const place = rand() < 0.05 ? '（临沂）' : '';
      const branch = rand() < 0.05 ? `${pick(TOWNS)}分公司` : '';
      name = `${pick(PREFIXES)}${brand}${place}${pick(ALL_WORDS)}${pick(SUFFIXES)}${branch}`;
    } else {
      const given = pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : '');
      name = `${rand() < 0.5 ? DEMO_DISTRICT : pick(TOWNS)}${pick(SURNAMES)}${given}${pick(SHOPS)}`;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    out.push({ name, uscc: uscc(name.endsWith('公司') ? '91' : '92') });
  }
  return out;
}

// --- queries: what a user types to find a given row, keystroke by keystroke ---

type Kind = '汉字' | 'pinyin' | 'initials' | 'USCC';

/** 2–4 consecutive 汉字 of the name, and their first readings (the ones a user would type). */
function slice(row: SearchRow): { han: string; readings: string[] } | null {
  const chars = [...row.name];
  const tokens = row.keys.split(' ');
  if (chars.length !== tokens.length) return null; // brackets in the name: pick another row
  const len = 2 + Math.floor(rand() * 3);
  const start = Math.floor(rand() * (chars.length - len + 1));
  return { han: chars.slice(start, start + len).join(''), readings: tokens.slice(start, start + len).map((t) => t.split('|')[0]!) };
}

const prefixes = (q: string, from: number) => Array.from({ length: q.length - from + 1 }, (_, i) => q.slice(0, from + i));

function queriesFor(rows: SearchRow[], kind: Kind, count: number): string[] {
  const out: string[] = [];
  while (out.length < count) {
    const row = pick(rows);
    if (kind === 'USCC') {
      out.push(...prefixes(row.uscc.slice(0, 6 + Math.floor(rand() * 7)), 4));
      continue;
    }
    const s = slice(row);
    if (!s) continue;
    if (kind === '汉字') out.push(...prefixes(s.han, 1)); // an IME commits 1–2 characters at a time
    else if (kind === 'pinyin') out.push(...prefixes(s.readings.join(''), 1));
    else out.push(...prefixes(s.readings.map((r) => r[0]).join(''), 1));
  }
  return out;
}

function timeEach(queries: string[], run: (q: string) => unknown): number[] {
  return queries.map((q) => {
    const t = performance.now();
    run(q);
    return performance.now() - t;
  });
}

function main(): void {
  console.log(`\nsearch bench: N=${N} directory rows, ${QUERIES} queries a kind (every keystroke), node ${process.version}`);
  const generated = generateNames(N);

  let t = performance.now();
  const rows: SearchRow[] = generated.map((g, i) => ({ id: `d${i}`, name: g.name, uscc: g.uscc, keys: buildSearchKeys(g.name) }));
  const keysMs = performance.now() - t;
  const keyBytes = rows.reduce((sum, r) => sum + r.keys.length, 0); // keys are ASCII: a byte a character
  const nameBytes = rows.reduce((sum, r) => sum + new TextEncoder().encode(r.name).length, 0);
  console.log('\n1. search keys (pinyin-pro, once per row at import)');
  console.log(`   built in ${(keysMs / 1000).toFixed(1)} s (${((keysMs * 1000) / N).toFixed(0)} µs a row)`);
  console.log(`   ${(keyBytes / N).toFixed(1)} bytes a row on average (names: ${(nameBytes / N).toFixed(1)} bytes UTF-8), ${(keyBytes / 1024 / 1024).toFixed(1)} MB for all`);
  console.log(`   e.g. ${rows[0]!.name} → "${rows[0]!.keys}"`);

  collect();
  const heapBefore = process.memoryUsage().heapUsed;
  t = performance.now();
  const index = createSearchIndex(rows);
  const buildMs = performance.now() - t;
  collect();
  const heap = process.memoryUsage().heapUsed - heapBefore;
  console.log('\n2. index');
  console.log(`   built in ${buildMs.toFixed(0)} ms, heap +${(heap / 1024 / 1024).toFixed(1)} MB (${index.syllables.length} distinct syllables)`);

  const kinds: Kind[] = ['汉字', 'pinyin', 'initials', 'USCC'];
  const queries = Object.fromEntries(kinds.map((k) => [k, queriesFor(rows, k, QUERIES)])) as Record<Kind, string[]>;
  for (const q of queries.pinyin.slice(0, 50)) search(index, q, LIMIT); // JIT warm-up, not measured

  const subset = rows.slice(0, BASELINE_ROWS);
  const scale = N / BASELINE_ROWS;
  // Without an index: a 汉字 query is a substring test (what the index does too), anything else also
  // runs pinyin-pro's matcher on every name.
  const baseline = (q: string) => {
    const upper = q.toUpperCase();
    const latin = /[a-z0-9]/i.test(q);
    let found = 0;
    for (const row of subset) {
      if (
        row.name.includes(q) ||
        (latin && (match(row.name, q, { continuous: true, v: true }) || (q.length >= 4 && row.uscc.startsWith(upper))))
      ) {
        found++;
      }
    }
    return found;
  };

  console.log(`\n3. per keystroke, limit ${LIMIT}: index over ${N} rows vs pinyin-pro match over ${BASELINE_ROWS} rows ×${scale}`);
  console.log('   kind       queries   index p50     index p95     max         | no index p50   no index p95  | ratio p50  p95');
  let worstP95 = 0;
  for (const kind of kinds) {
    const times = timeEach(queries[kind], (q) => search(index, q, LIMIT));
    const sample = queries[kind].filter((_, i) => i % Math.ceil(queries[kind].length / BASELINE_QUERIES) === 0);
    const base = timeEach(sample, baseline).map((x) => x * scale);
    const [p50, p95, bp50, bp95] = [percentile(times, 0.5), percentile(times, 0.95), percentile(base, 0.5), percentile(base, 0.95)];
    worstP95 = Math.max(worstP95, p95);
    console.log(
      `   ${kind.padEnd(9)} ${String(times.length).padStart(7)}  ${ms(p50)}  ${ms(p95)}  ${ms(Math.max(...times))}  | ${ms(bp50)}   ${ms(bp95)} | ${(bp50 / p50).toFixed(0).padStart(6)}× ${(bp95 / p95).toFixed(0).padStart(5)}×`,
    );
  }
  console.log(`   worst p95 ${worstP95.toFixed(1)} ms (target < 30 ms at 100k)`);
  // Timings stretch when other processes share the cores: say how busy the machine was.
  console.log(`   load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`);
}

main();
