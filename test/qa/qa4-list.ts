/**
 * QA4: search ranking on the demo district, complete-file validation, create with an existing USCC,
 * list filters and counts against the demo generator, saved filter across reload, XLSX export read back
 * with read-excel-file (formula neutralising), map with tiles blocked, reminders. liuyang (district).
 * Usage: QA_PORT=18764 npx tsx test/qa/qa4-list.ts   (relay as in qa4-directory.ts)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { pinyin } from 'pinyin-pro';
import { generateDemoEnterprises, orgCodeCheckChar, usccCheckChar } from '@bangqi/shared';
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
const demo = generateDemoEnterprises();
const step = process.argv[2] ?? 'all';

async function login(page: Page, user: string) {
  await page.goto('/');
  await tid(page, 'login-username').fill(user);
  await tid(page, 'login-password').fill('bangqi2026');
  await tid(page, 'login-submit').click();
  await poll(() => tid(page, 'current-user').getAttribute('data-user-id', { timeout: 1000 }), (v) => !!v);
  await poll(() => page.evaluate(() => document.documentElement.dataset.swReady), (v) => v === '1');
  await poll(async () => Number(await tid(page, 'enterprise-count').getAttribute('data-count', { timeout: 1000 })), (v) => v === 300, 30_000);
}
const rowIds = (p: Page) => tid(p, 'enterprise-row').evaluateAll((els) => els.slice(0, 5).map((e) => `${e.getAttribute('data-id')}:${(e.textContent ?? '').slice(0, 20)}`));
const count = async (p: Page) => Number(await tid(p, 'enterprise-count').getAttribute('data-count'));

const browser = await launchChromium();
try {
  const dev = await newDevice(browser, base);
  const a = await dev.newPage();
  a.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await login(a, 'liuyang');

  if (step === 'all' || step === 'search') {
    const target = demo[41]!;
    const initials = pinyin(target.name, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
    const qs: [string, string][] = [
      [target.name, target.id], [initials, target.id], [initials.slice(0, 4), ''],
      ['changqing', 'ent-demo0102'], ['zhanggqing', ''], ['zhangqing', 'ent-demo0102'], ['shengshizhonggong', 'ent-demo0111'], ['shengshichonggong', 'ent-demo0111'], ['sszg', 'ent-demo0111'], ['sscg', 'ent-demo0111'],
      [target.uscc.slice(0, 10), target.id], [target.name.slice(2, 6), target.id],
    ];
    for (const [q, want] of qs) {
      await tid(a, 'enterprise-search').fill(q);
      await sleep(600);
      const rows = await rowIds(a);
      const n = await count(a);
      check(want === '' ? true : rows[0]?.startsWith(want) ?? false, `list search "${q}"${want ? ` → first ${want}` : ' (info)'} count=${n}`, rows.slice(0, 3));
    }
    await tid(a, 'enterprise-search').fill('长青');
    await sleep(600);
    await a.screenshot({ path: join(out, '6-search.png') });
    await tid(a, 'enterprise-search').fill('');
  }

  if (step === 'all' || step === 'file') {
    await tid(a, 'enterprise-new').click();
    await poll(() => tid(a, 'create-dialog').isVisible(), (v) => v === true);
    for (const bad of ['91371302', '9137130238840351I5', demo[0]!.uscc.slice(0, 17) + (demo[0]!.uscc[17] === '0' ? '1' : '0'), '91371302 3884C35135']) {
      await tid(a, 'create-uscc').fill(bad);
      await tid(a, 'create-uscc').blur();
      await sleep(300);
      const err = await tid(a, 'create-uscc-error').innerText().catch(() => '');
      check(/[\u4e00-\u9fa5]/.test(err), `create: invalid USCC "${bad}" → Chinese error`, err);
    }
    await tid(a, 'create-uscc').fill(demo[5]!.uscc.toLowerCase());
    await tid(a, 'create-uscc').blur();
    await sleep(500);
    const dup = await tid(a, 'uscc-duplicate').innerText().catch(() => '');
    await a.screenshot({ path: join(out, '7-create-dup.png') });
    results.push(`INFO create dialog shows before submit for an existing USCC: "${dup}"`);
    await tid(a, 'create-name').fill('随便一个名字');
    await tid(a, 'create-submit').click();
    await sleep(1000);
    const existed = await tid(a, 'file-existed').innerText().catch(() => '');
    await a.screenshot({ path: join(out, '7b-existed.png') });
    check(a.url().includes(demo[5]!.id) && /[\u4e00-\u9fa5]/.test(existed), 'create with existing USCC (typed lowercase) opens the existing file with a notice', { url: a.url(), existed });

    // file page validation on demo[7]
    await a.goto(`/enterprises/${demo[7]!.id}`);
    await poll(() => tid(a, 'field-name').isVisible(), (v) => v === true);
    const tryField = async (input: string, value: string, errId: string) => {
      await tid(a, input).fill(value);
      await tid(a, input).blur();
      await sleep(300);
      return tid(a, errId).innerText().catch(() => '');
    };
    for (const v of ['-3', 'abc', '1.5', '99999999999']) check(/[\u4e00-\u9fa5]/.test(await tryField('field-employees', v, 'employees-error')), `employees "${v}" → Chinese error`, await tid(a, 'employees-error').innerText().catch(() => ''));
    for (const v of ['12345', '1381234567', '1381234567a', '+86 138 1234 5678', '0539-5012345']) {
      await tid(a, 'contact-new-name').fill('测试'); await tid(a, 'contact-new-phone').fill(v); await tid(a, 'contact-add').click(); await sleep(300);
      const e = await tid(a, 'contact-error').innerText().catch(() => '');
      console.log(`phone "${v}" → ${e || '(no error)'}`);
      results.push(`INFO phone "${v}" → ${e || '(no error)'}`);
    }
    for (const [lat, lng] of [['200', '117'], ['35.2', '500'], ['abc', '117'], ['35.26', '117.97'], ['0', '0']]) {
      console.log('coords', lat, lng, a.url(), a.isClosed());
      await tid(a, 'field-lat').fill(lat!); await tid(a, 'field-lng').fill(lng!); await tid(a, 'field-lng').blur(); await sleep(300);
      const e = await tid(a, 'location-error').innerText().catch(() => '');
      const w = await tid(a, 'location-warning').innerText().catch(() => '');
      results.push(`INFO coords ${lat},${lng} → error "${e}" warning "${w}"`); console.log(`coords ${lat},${lng} → error "${e}" warning "${w}"`);
    }
    await a.goto(`/enterprises/${demo[7]!.id}`); await poll(() => tid(a, 'field-name').isVisible(), (v) => v === true);
    await tid(a, 'field-name').fill('=HYPERLINK("http://x","点我")');
    await tid(a, 'field-name').blur();
    await a.screenshot({ path: join(out, '8-file.png'), fullPage: true });
    await sleep(1000);
  }

  if (step === 'all' || step === 'list') {
    await a.goto('/');
    await poll(() => count(a), (v) => v === 300);
    await tid(a, 'filters-toggle').click();
    await sleep(300);
    const town = '马庄镇';
    await tid(a, 'filter-town').selectOption(town);
    await sleep(600);
    const expTown = demo.filter((e) => e.town === town).length;
    check((await count(a)) === expTown, `filter 镇街=${town} count`, { ui: await count(a), expected: expTown });
    const chips = await tid(a, 'filter-tag').allInnerTexts();
    const expChips = ['规上', '小微', '高新技术'].map((t) => `${t}:${demo.filter((e) => e.town === town && e.tags.includes(t)).length}/${demo.filter((e) => e.tags.includes(t)).length}`);
    results.push(`INFO tag chips with 镇街=${town}: ${chips.join(' ')}; expected (in town/overall) ${expChips.join(' ')}`); console.log(chips, expChips);
    await a.locator('[data-testid="filter-tag"][data-tag="小微"]').click();
    await sleep(600);
    const expTag = demo.filter((e) => e.town === town && e.tags.includes('小微')).length;
    check((await count(a)) === expTag, `filter 镇街+小微 count`, { ui: await count(a), expected: expTag });
    await a.screenshot({ path: join(out, '9-filters.png'), fullPage: false });
    await tid(a, 'save-filter').click().catch(() => {});
    await tid(a, 'save-filter-name').fill('马庄小微');
    await tid(a, 'save-filter-submit').click();
    await sleep(500);
    await a.reload();
    await poll(() => count(a), (v) => v > 0);
    const saved = await tid(a, 'saved-filter').allInnerTexts().catch(() => []);
    check(saved.some((s) => s.includes('马庄小微')), 'saved filter survives reload', saved);
    await tid(a, 'saved-filter').filter({ hasText: '马庄小微' }).first().click().catch(() => {});
    await sleep(600);
    check((await count(a)) === expTag, 'saved filter re-applies', { ui: await count(a), expected: expTag });
    await tid(a, 'filters-clear').click().catch(() => {});
    await sleep(500);
    // export all (includes demo[7] with the formula name)
    const [dl] = await Promise.all([a.waitForEvent('download', { timeout: 30_000 }), tid(a, 'export-xlsx').click()]);
    const path = await dl.path();
    const rows = ((await readXlsxFile(path)) as unknown as { data: unknown[][] }[])[0]!.data;
    writeFileSync(join(out, 'export.json'), JSON.stringify(rows.slice(0, 5), null, 1));
    check(rows.length - 1 === (await count(a)) || rows.length - 2 === (await count(a)), 'export row count = list count', { rows: rows.length, list: await count(a), header: rows[0] });
    await tid(a, 'filters-toggle').click().catch(() => {}); await tid(a, 'filters-clear').click({ timeout: 3000 }).catch(() => {});
    await tid(a, 'enterprise-search').fill('HYPERLINK'); await sleep(800);
    results.push(`INFO list count for search HYPERLINK: ${await count(a)}`);
    const [dl2] = await Promise.all([a.waitForEvent('download', { timeout: 30_000 }), tid(a, 'export-xlsx').click()]);
    const rows2 = ((await readXlsxFile(await dl2.path())) as unknown as { data: unknown[][] }[])[0]!.data;
    writeFileSync(join(out, 'export2.json'), JSON.stringify(rows2, null, 1));
    const f = rows2.find((r) => r.some((c) => typeof c === 'string' && c.includes('HYPERLINK')));
    check(!!f && f.every((c) => typeof c !== 'string' || !/^[=+\-@]/.test(c)), 'formula-looking name neutralised in XLSX', f?.filter((c) => typeof c === 'string' && c.includes('HYPERLINK')));
    const starting = [...rows, ...rows2].flat().filter((c) => typeof c === 'string' && /^[=+\-@]/.test(c));
    check(starting.length === 0, 'no exported cell starts with = + - @', starting.slice(0, 5));
  }

  if (step === 'all' || step === 'map') {
    await a.route(/tile|openstreetmap|\.png$/, (r) => r.request().url().startsWith(base) && !/tile/.test(r.request().url()) ? r.continue() : r.abort());
    await a.goto('/');
    await poll(() => count(a), (v) => v === 300);
    await tid(a, 'view-map').click();
    await poll(() => tid(a, 'map').isVisible(), (v) => v === true);
    await sleep(2000);
    await a.screenshot({ path: join(out, '10-map.png') });
    const mc = await tid(a, 'map-counts').innerText().catch(() => '');
    const paths = await a.locator('[data-testid="map"] path.leaflet-interactive').count();
    check(paths > 0, 'map with tiles blocked shows points', { counts: mc, points: paths });
    // click a single point (not a cluster)
    const single = a.locator('[data-testid="map"] path.leaflet-interactive:not(.map-cluster)').first();
    if (await single.count()) {
      await single.click({ force: true });
      await sleep(1000);
      check(/\/enterprises\//.test(a.url()), 'click on a point opens its file', a.url());
    } else {
      const cl = a.locator('[data-testid="map"] path.map-cluster').first();
      await cl.click({ force: true }); await sleep(1000);
      await a.screenshot({ path: join(out, '10b-map-zoomed.png') });
      const s2 = a.locator('[data-testid="map"] path.leaflet-interactive:not(.map-cluster)').first();
      if (await s2.count()) { await s2.click({ force: true }); await sleep(1000); }
      check(/\/enterprises\//.test(a.url()), 'click cluster then point opens its file', a.url());
    }
  }

  if (step === 'all' || step === 'reminders') {
    await a.goto('/reminders');
    await sleep(1500);
    await a.screenshot({ path: join(out, '11-reminders.png'), fullPage: true });
    const rc = await tid(a, 'reminder-count').innerText().catch(() => '');
    const items = await tid(a, 'reminder').allInnerTexts().catch(() => []);
    results.push(`INFO reminders: ${rc} ${JSON.stringify(items.slice(0, 3))}`); console.log('reminders', rc, items.slice(0, 3));
  }
} finally {
  await browser.close();
  writeFileSync(join(out, `list-results-${step}.txt`), results.join('\n') + '\n');
}
