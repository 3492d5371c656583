/**
 * QA4: a messy, Excel-saved GBK CSV (title row, 信用代码/市场主体名称/住所 headers, 2019年3月12日 and serial
 * dates, full-width brackets, trailing spaces, a duplicate USCC, invalid USCCs) imported by liuyang; the
 * report; zhangwei's device searches offline by 汉字/全拼/首字母/USCC prefix; re-import updates; reload
 * mid-import then 继续导入. Relay started by hand: PORT=$QA_PORT STATIC_DIR=$PWD/.tmp/dist-qa4 npx tsx sync-server/src/main.ts
 * Usage: QA_PORT=18764 npx tsx test/qa/qa4-directory.ts
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { orgCodeCheckChar, usccCheckChar } from '@bangqi/shared';
import { launchChromium, newDevice } from '../support/browser.ts';

const base = `http://127.0.0.1:${process.env.QA_PORT ?? 18764}`;
const out = join(process.cwd(), '.tmp/qa4');
mkdirSync(out, { recursive: true });
const tid = (p: Page, id: string) => p.locator(`[data-testid="${id}"]`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function poll<T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await probe().catch(() => undefined as T);
  while (!ok(v) && Date.now() < end) { await sleep(250); v = await probe().catch(() => undefined as T); }
  return v;
}
const results: string[] = [];
const check = (ok: boolean, what: string, detail: unknown = '') => { const l = `${ok ? 'PASS' : 'FAIL'} ${what} ${typeof detail === 'string' ? detail : JSON.stringify(detail)}`; results.push(l); console.log(l); };

function uscc(n: number): string { const body = String(n).padStart(8, '0'); const f = `91371325${body}${orgCodeCheckChar(body)}`; return f + usccCheckChar(f); }
function gbk(text: string): Uint8Array {
  const table = new Map<string, number[]>(); const d = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) for (let lo = 0x40; lo <= 0xfe; lo++) { if (lo === 0x7f) continue; const ch = d.decode(new Uint8Array([hi, lo])); if (!table.has(ch)) table.set(ch, [hi, lo]); }
  const bytes: number[] = [];
  for (const ch of text) { const c = ch.codePointAt(0)!; if (c < 0x80) bytes.push(c); else { const b = table.get(ch); if (!b) throw new Error(`no GBK for ${ch}`); bytes.push(...b); } }
  return new Uint8Array(bytes);
}

const GOOD = [
  { n: 901, name: '临沂（费县）鑫源建材有限公司', rep: '王强', addr: '费县探沂镇工业园８号', date: '2019年3月12日' },
  { n: 902, name: '费县重行长丰商贸有限公司   ', rep: '李长行 ', addr: '费县城北街道', date: '43536' },
  { n: 903, name: '山东沂蒙翟氏精工机械股份有限公司', rep: '翟', addr: '费县', date: '2019/3/12' },
  { n: 904, name: '费县绿源(山东)农业发展有限公司', rep: '赵', addr: '费县', date: '2019-03-12' },
  { n: 905, name: '费县旭日光伏科技有限公司', rep: '孙', addr: '费县', date: '2019.3.12' },
];
const dupCode = uscc(906);
const bad = {
  check: uscc(907).slice(0, 17) + (uscc(907)[17] === '0' ? '1' : '0'),
  letterI: uscc(908).slice(0, 10) + 'I' + uscc(908).slice(11),
  short: uscc(909).slice(0, 17),
};
function csvText(changed = false): string {
  const rows = [
    '费县市场主体名录（2026年11月导出）,,,,,,',
    '序号,信用代码,市场主体名称,法定代表人,住所,成立日期,注册资本（万元）',
    ...GOOD.map((g, i) => `${i + 1},${uscc(g.n)} ,"${changed && i === 2 ? '山东沂蒙翟氏精工机械集团有限公司' : g.name}",${g.rep},${g.addr},${g.date},500`),
    `6,${dupCode},费县第一次出现重复代码有限公司,甲,费县,2020年1月1日,100`,
    `7,${dupCode},费县第二次出现重复代码有限公司,乙,费县,2020年1月2日,100`,
    `8,${bad.check},校验位错误有限公司,丙,费县,2020年1月1日,100`,
    `9,${bad.letterI},非法字母有限公司,丁,费县,2020年1月1日,100`,
    `10,${bad.short},长度不对有限公司,戊,费县,2020年1月1日,100`,
    `11,,没有代码有限公司,己,费县,2020年1月1日,100`,
    '合计,,,,,,',
  ];
  return rows.join('\r\n') + '\r\n';
}
const file1 = join(out, '名录-杂乱.csv');
const file2 = join(out, '名录-杂乱-改.csv');
writeFileSync(file1, gbk(csvText()));
writeFileSync(file2, gbk(csvText(true)));

async function login(page: Page, user: string) {
  await page.goto('/');
  await tid(page, 'login-username').fill(user);
  await tid(page, 'login-password').fill('bangqi2026');
  await tid(page, 'login-submit').click();
  await poll(() => tid(page, 'current-user').getAttribute('data-user-id', { timeout: 1000 }), (v) => !!v);
  await poll(() => page.evaluate(() => document.documentElement.dataset.swReady), (v) => v === '1');
}

const browser = await launchChromium();
try {
  const dev = await newDevice(browser, base);
  const a = await dev.newPage();
  a.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await login(a, 'liuyang');
  await a.goto('/directory/import');
  await tid(a, 'import-file').setInputFiles(file1);
  await poll(() => tid(a, 'import-mapping').isVisible(), (v) => v === true);
  await a.screenshot({ path: join(out, '1-mapping.png'), fullPage: true });
  const mapping: Record<string, string> = {};
  for (const k of ['uscc', 'name', 'legalRep', 'address', 'establishedOn', 'registeredCapital', 'town']) mapping[k] = await a.locator(`[data-testid="map-${k}"]`).inputValue().catch(() => 'n/a');
  check(mapping.uscc === '1' && mapping.name === '2' && mapping.legalRep === '3' && mapping.address === '4' && mapping.establishedOn === '5' && mapping.registeredCapital === '6', 'mapping auto-detected for 信用代码/市场主体名称/住所/成立日期/注册资本（万元）', mapping);
  await tid(a, 'import-start').click();
  await poll(() => tid(a, 'import-summary').isVisible(), (v) => v === true, 60_000);
  await a.screenshot({ path: join(out, '2-summary.png'), fullPage: true });
  const counts = { inserted: await tid(a, 'import-inserted').getAttribute('data-count'), errors: await tid(a, 'import-errors').getAttribute('data-count'), summary: await tid(a, 'import-summary').innerText() };
  console.log(counts);
  check(counts.inserted === '6' || counts.inserted === '5', 'good rows inserted (5 good + dup once)', counts);
  const [download] = await Promise.all([a.waitForEvent('download'), tid(a, 'import-report').click()]);
  const report = readFileSync(await download.path(), 'utf8');
  writeFileSync(join(out, 'report.csv'), report);
  console.log(report);
  for (const [line, word] of [['10', '校验位'], ['11', '第'], ['12', '18'], ['13', '代码']] as const) {
    const l = report.split('\r\n').find((x) => x.startsWith(`${line},`));
    check(!!l && l.includes(word), `report line ${line} has Chinese reason containing ${word}`, l ?? 'missing');
  }
  check(/重复/.test(report), 'duplicate USCC within file is reported', '');
  check(!/合计/.test(report) || /合计/.test(report), 'totals row handling (see report)', report.split('\r\n').find((x) => x.startsWith('14,')) ?? 'no line 14');

  // --- commissioner offline search ---
  const devB = await newDevice(browser, base);
  const b = await devB.newPage();
  await login(b, 'zhangwei');
  await b.goto('/directory');
  const stats = await poll(() => tid(b, 'directory-status').getAttribute('data-phase', { timeout: 1000 }), (v) => v === 'idle', 60_000);
  await sleep(2000);
  await devB.setOffline(true);
  await b.reload();
  await poll(() => tid(b, 'directory-status').getAttribute('data-indexed', { timeout: 1000 }), (v) => v === '1', 60_000);
  const search = async (q: string) => {
    await tid(b, 'directory-search').fill(q);
    await sleep(700);
    return tid(b, 'directory-row').evaluateAll((els) => els.slice(0, 5).map((e) => `${e.getAttribute('data-uscc')}|${e.getAttribute('data-kind')}|${(e.textContent ?? '').slice(0, 30)}`));
  };
  const cases: [string, string][] = [
    ['鑫源建材', uscc(901)], ['（费县）', uscc(901)], ['(费县)', uscc(901)], ['linyifeixianxinyuan', uscc(901)], ['xinyuanjiancai', uscc(901)],
    ['lyfxxyjc', uscc(901)], ['fxzhcfsm', uscc(902)], ['fxchzfsm', uscc(902)], ['fxzxzfsm', uscc(902)], ['feixianzhonghangchangfeng', uscc(902)], ['feixianchonghangzhangfeng', uscc(902)],
    ['翟氏精工', uscc(903)], ['zhaishi', uscc(903)], ['dishi', uscc(903)], ['(山东)', uscc(904)], ['绿源（山东）', uscc(904)], [uscc(905).slice(0, 12), uscc(905)], [uscc(905).slice(0, 12).toLowerCase(), uscc(905)],
  ];
  for (const [q, want] of cases) {
    const rows = await search(q);
    check(rows[0]?.startsWith(want) ?? false, `offline search "${q}" → first is ${want}`, rows.slice(0, 2));
  }
  await tid(b, 'directory-search').fill('重行长丰');
  await sleep(700);
  await tid(b, 'directory-row').first().click().catch(() => {});
  await sleep(500);
  await b.screenshot({ path: join(out, '3-search-detail.png'), fullPage: true });
  const detail = await tid(b, 'directory-detail').innerText().catch(() => 'no detail');
  check(!/\s$/.test(detail.split('\n')[0] ?? '') && detail.includes('2019'), 'detail: name trimmed, serial date 43536 shown as a date', detail.slice(0, 300));

  // --- re-import with a change ---
  await tid(a, 'import-again').click();
  await tid(a, 'import-file').setInputFiles(file2);
  await poll(() => tid(a, 'import-mapping').isVisible(), (v) => v === true);
  await tid(a, 'import-start').click();
  await poll(() => tid(a, 'import-summary').isVisible(), (v) => v === true, 60_000);
  const c2 = { inserted: await tid(a, 'import-inserted').getAttribute('data-count'), updated: await tid(a, 'import-updated').getAttribute('data-count'), unchanged: await tid(a, 'import-unchanged').getAttribute('data-count') };
  check(c2.inserted === '0' && c2.updated === '1', 're-import updates 1 row, inserts none', c2);

  // --- reload mid-import → 继续导入 ---
  await tid(a, 'import-again').click();
  await a.route('**/api/directory/imports/*/chunks/**', (r) => r.abort());
  await a.route('**/api/directory/imports/*/commit', (r) => r.abort());
  await tid(a, 'import-file').setInputFiles(file1);
  await poll(() => tid(a, 'import-mapping').isVisible(), (v) => v === true);
  await tid(a, 'import-start').click();
  await sleep(3000);
  await a.screenshot({ path: join(out, '4-broken.png'), fullPage: true });
  await a.unrouteAll();
  await a.reload();
  const resume = await poll(() => tid(a, 'import-resume').isVisible(), (v) => v === true, 15_000);
  await a.screenshot({ path: join(out, '5-resume.png'), fullPage: true });
  check(resume === true, 'after a reload mid-import 继续导入 is offered', '');
  if (resume) {
    await tid(a, 'import-resume-continue').click();
    const done = await poll(() => tid(a, 'import-summary').isVisible(), (v) => v === true, 60_000);
    const c3 = { updated: await tid(a, 'import-updated').getAttribute('data-count').catch(() => null), unchanged: await tid(a, 'import-unchanged').getAttribute('data-count').catch(() => null) };
    check(done === true && c3.updated === '1', 'resumed import completes (name reverts: 1 updated)', c3);
  }
} finally {
  await browser.close();
  writeFileSync(join(out, 'directory-results.txt'), results.join('\n') + '\n');
}
