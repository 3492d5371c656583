/**
 * The part of bench/policies.bench.ts that runs inside Chromium (bundled by esbuild as global
 * `BenchPolicies`): generates a library of N items and M enterprise rows from a seed, then times
 * what the app runs on the device — the file page's matching (each enterprise against every item,
 * ranked; state/policyMatch.ts fileMatches) and the item page's list (each item against every row) —
 * and the naive baseline: the full per-condition evaluation for every pair, then the same ranking.
 */
import {
  COMMON_TAGS,
  INDUSTRIES,
  TOWNS,
  comparePolicyMatches,
  enterpriseFacts,
  enterprisesForItem,
  evaluateEligibility,
  isPolicyShown,
  matchItemsForEnterprise,
  seededRandom,
  type MatchableRow,
  type PolicyCondition,
  type PolicyItem,
  type PolicyMatch,
} from '@bangqi/shared';

type Row = MatchableRow & { id: string; name: string };

function generate(items: number, rows: number, seed: number): { items: PolicyItem[]; rows: Row[] } {
  const rand = seededRandom(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const some = <T,>(xs: readonly T[], n: number): T[] => [...new Set(Array.from({ length: n }, () => pick(xs)))];
  const out: PolicyItem[] = [];
  for (let i = 0; i < items; i++) {
    const conditions: PolicyCondition[] = [];
    if (rand() < 0.5) conditions.push({ field: 'industry', op: 'in', values: some(INDUSTRIES, 1 + Math.floor(rand() * 3)) });
    if (rand() < 0.3) conditions.push({ field: 'town', op: 'in', values: some(TOWNS, 1 + Math.floor(rand() * 4)) });
    if (rand() < 0.5) conditions.push({ field: 'tags', op: pick(['any', 'all', 'none'] as const), values: some(COMMON_TAGS, 1 + Math.floor(rand() * 2)) });
    if (rand() < 0.3) conditions.push({ field: 'scale', op: 'eq', value: pick(['规上', '规下'] as const) });
    if (rand() < 0.3) conditions.push({ field: 'establishedOn', op: pick(['before', 'after'] as const), value: `20${String(5 + Math.floor(rand() * 20)).padStart(2, '0')}-01-01` });
    if (rand() < 0.3) conditions.push({ field: 'employees', op: pick(['gte', 'lte'] as const), value: 10 + Math.floor(rand() * 300) });
    out.push({
      code: `B-${String(i).padStart(4, '0')}`, name: `事项${i}`, document: '', docNumber: '', level: '县区', department: '', domain: '工业',
      basis: '', target: '', keyPoints: '', requirements: '', materials: '', process: '', phone: '', url: '', platform: '',
      mode: rand() < 0.15 ? '免申即享' : '申报', benefit: '', amountWan: rand() < 0.7 ? Math.floor(rand() * 100) : null,
      effectiveFrom: '2025-01-01', effectiveTo: rand() < 0.1 ? '2026-01-01' : '2027-12-31',
      applyFrom: '', applyTo: rand() < 0.4 ? `2027-0${1 + Math.floor(rand() * 9)}-15` : '',
      conditions, withdrawn: rand() < 0.03, updatedAt: 0, updatedBy: 'bench',
    });
  }
  const rowsOut: Row[] = [];
  for (let i = 0; i < rows; i++) {
    rowsOut.push({
      id: `ent-b${i}`, name: `企业${i}`,
      industry: rand() < 0.95 ? pick(INDUSTRIES) : '', town: rand() < 0.97 ? pick(TOWNS) : '',
      tags: some(COMMON_TAGS, Math.floor(rand() * 3)), scale: rand() < 0.8 ? pick(['规上', '规下'] as const) : '',
      employees: rand() < 0.7 ? Math.floor(rand() * 500) : null,
      establishedOn: rand() < 0.6 ? `20${String(Math.floor(rand() * 26)).padStart(2, '0')}-0${1 + Math.floor(rand() * 9)}-10` : '',
    });
  }
  return { items: out, rows: rowsOut };
}

const TODAY = '2026-12-04';

function timeIt(fn: () => number, runs: number): { medianMs: number; kept: number } {
  fn(); // warm-up (JIT)
  const times: number[] = [];
  let kept = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    kept = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, kept };
}

export function run(itemCount: number, rowCount: number, runs: number) {
  const { items, rows } = generate(itemCount, rowCount, 20261204);
  // The file page, for every enterprise: its ranked matches (what the app computes per open file).
  const perEnterprise = timeIt(() => {
    let n = 0;
    for (const row of rows) n += matchItemsForEnterprise(items, enterpriseFacts(row), TODAY).length;
    return n;
  }, runs);
  // The item page, for every item: the qualifying / nearly / unknown rows of the district.
  const perItem = timeIt(() => {
    let n = 0;
    for (const item of items) {
      const r = enterprisesForItem(item, rows, TODAY);
      n += r.eligible.length + r.nearly.length + r.unknown.length;
    }
    return n;
  }, runs);
  // Baseline: full evaluation of every pair (every condition, result objects), then ranking.
  const baseline = timeIt(() => {
    let n = 0;
    for (const row of rows) {
      const facts = enterpriseFacts(row);
      const all: PolicyMatch[] = [];
      for (const item of items) {
        if (!isPolicyShown(item, TODAY)) continue;
        const result = evaluateEligibility(item.conditions, facts);
        if (result.verdict !== 'ineligible') all.push({ item, result });
      }
      n += all.sort(comparePolicyMatches).length;
    }
    return n;
  }, runs);
  return { items: itemCount, rows: rowCount, perEnterprise, perItem, baseline, ua: navigator.userAgent };
}
