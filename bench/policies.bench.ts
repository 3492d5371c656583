/**
 * `npm run bench` — 惠企政策 matching on the device (issue 8): 500 policy items × 2,000 enterprise rows in
 * headless Chromium (the browser's JS engine, as on the phone; no relay needed: matching reads only the
 * synced library and the list rows). The shared matching code is bundled for the page with esbuild.
 * Timed, median of RUNS after a warm-up, every (item, row) pair evaluated in each:
 *  - per enterprise: every row matched against every item and ranked (the 可享政策 section, all files);
 *  - per item: every item against every row (the item page's 全区 list, all items);
 *  - baseline: the naive way — full per-condition evaluation of every pair, then ranking — which the
 *    app avoids by deciding the verdict first without allocating.
 * Target: < 200 ms for 500 × 2,000.
 */
import { cpus, loadavg } from 'node:os';
import { build } from 'esbuild';
import { REPO_ROOT } from '../test/support/relay-process.ts';
import { launchChromium } from '../test/support/browser.ts';

const ITEMS = Number(process.env.BENCH_POLICY_ITEMS ?? 500);
const ROWS = Number(process.env.BENCH_POLICY_ROWS ?? 2_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_MS = 200;

const bundle = await build({
  entryPoints: [`${REPO_ROOT}/bench/policies-page.ts`],
  bundle: true,
  format: 'iife',
  globalName: 'BenchPolicies',
  minify: true,
  write: false,
  target: 'es2022',
});
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>policies bench</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  type Timing = { medianMs: number; kept: number };
  const r = (await page.evaluate(
    ([items, rows, runs]) => (globalThis as unknown as { BenchPolicies: { run(a: number, b: number, c: number): unknown } }).BenchPolicies.run(items, rows, runs),
    [ITEMS, ROWS, RUNS] as const,
  )) as { perEnterprise: Timing; perItem: Timing; baseline: Timing; ua: string };
  const ms = (t: Timing) => `${t.medianMs.toFixed(1)} ms`;
  console.log(`\npolicy matching in Chromium — ${ITEMS} items × ${ROWS} rows, median of ${RUNS} (${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)})`);
  console.log(`  per enterprise (可享政策, all rows, ranked):  ${ms(r.perEnterprise)}  (${r.perEnterprise.kept} matches kept)`);
  console.log(`  per item (item page 全区 lists, all items):   ${ms(r.perItem)}  (${r.perItem.kept} rows listed)`);
  console.log(`  baseline (full evaluation of every pair):    ${ms(r.baseline)}  → ${(r.baseline.medianMs / r.perEnterprise.medianMs).toFixed(1)}× the per-enterprise time`);
  const worst = Math.max(r.perEnterprise.medianMs, r.perItem.medianMs);
  console.log(`  target < ${TARGET_MS} ms: ${worst < TARGET_MS ? 'met' : 'NOT met'} (worst ${worst.toFixed(1)} ms)`);
  if (r.perEnterprise.kept !== r.baseline.kept) throw new Error(`baseline kept ${r.baseline.kept} matches, matching kept ${r.perEnterprise.kept}`);
} finally {
  await browser.close();
}
