/**
 * 市场主体库 end to end: a coordinator imports a generated 100,000-row XLSX with ~1 % bad rows (progress
 * shown, the downloadable report lists exactly the bad rows); a commissioner's device pulls the directory
 * by deltas, goes offline, finds entities by 汉字 and by initials, and 纳入服务 turns one into a file.
 * Prints the import time and the page's longest main-thread task during the import.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import writeXlsxFile from 'write-excel-file/node';
import { enterpriseDocIdForUscc, orgCodeCheckChar, usccCheckChar, type DirectoryStats } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { apiToken, byTestId, goOffline, goOnlineAndSettle, signIn, useRelayAndBrowser } from './app.ts';

const ROWS = 100_000;
const env = useRelayAndBrowser();
const dir = mkdtempSync(join(tmpdir(), 'bangqi-directory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function uscc(n: number): string {
  const body = String(n).padStart(8, '0');
  const first17 = `91371300${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

const TOWNS = ['城关街道', '石岭镇', '白塔镇', '新桥镇', '东城街道'];
const WORDS = ['华盛', '鲁信', '泰和', '金源', '宏达', '恒泰', '瑞丰', '鑫隆', '永安', '兴业', '德润', '天成'];
const TRADES = ['机械', '化工', '纺织', '食品', '建材', '物流', '电子', '医药', '农业', '商贸'];
/** two entities the commissioner looks for */
const TARGET = { n: 77_777, name: '沂蒙晟昊新材料科技有限公司', initials: 'ymshxcl' };
const OTHER = { n: 88_888, name: '费县翟氏精密仪器有限公司' };

/** 0-based data row i → its cells; every 100th row (from the 50th) is bad in one of three ways. */
function dataRow(i: number): (string | number | null)[] {
  const n = i + 1;
  let name = i === TARGET.n ? TARGET.name : i === OTHER.n ? OTHER.name : `${WORDS[i % 12]}${TRADES[Math.floor(i / 12) % 10]}${WORDS[Math.floor(i / 120) % 12]}${n}号有限公司`;
  let code = uscc(n);
  if (i % 100 === 50) {
    const kind = Math.floor(i / 100) % 3;
    if (kind === 0) code = code.slice(0, 17) + (code[17] === '0' ? '1' : '0'); // wrong check character
    else if (kind === 1) name = ''; // no name
    else code = code.slice(0, 17); // 17 characters
  }
  return [n, name, code, '张三', `山东省临沂市费县${TOWNS[i % 5]}${n}号`, `2019年3月${(i % 28) + 1}日`, '500万元人民币', '制造业', TOWNS[i % 5]!, '存续'];
}

/** Starts recording the page's long tasks (> 50 ms, the Long Tasks API). */
async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.longTasks.push(Math.round(e.duration));
    }).observe({ type: 'longtask' });
  });
}

async function longTasks(page: Page): Promise<string> {
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  return tasks.length === 0 ? 'none' : `${tasks.length}, longest ${Math.max(...tasks)} ms (${tasks.join(', ')})`;
}

const isBad = (i: number) => i % 100 === 50;
const BAD = Array.from({ length: ROWS }, (_, i) => i).filter(isBad).length;

describe('市场主体库', () => {
  it('a GBK CSV whose upload breaks can be abandoned, or resumed after a reload; importing it again updates by USCC instead of duplicating', async () => {
    const rows = 4_500; // three chunks
    const csv = (changedName: string) =>
      [
        '统一社会信用代码,企业名称,所属镇街',
        ...Array.from({ length: rows }, (_, i) => `${uscc(500_000 + i)},"${i === 10 ? changedName : `临沂恒丰${i}号商贸有限公司`}",石岭镇`),
      ].join('\r\n');
    const first = join(dir, '名录-gbk.csv');
    writeFileSync(first, gbk(csv('临沂恒丰10号商贸有限公司')));
    const device = await newDevice(env.browser, env.relay.url);
    const page = await signIn(device, 'admin');
    await page.goto('/directory/import');
    await page.route('**/api/directory/imports/*/chunks/1', (route) => route.abort());
    const startBrokenUpload = async () => {
      await byTestId(page, 'import-file').setInputFiles(first);
      await expect.poll(() => byTestId(page, 'import-mapping').isVisible(), { timeout: 30_000 }).toBe(true);
      // decoded as GB18030: the preview shows the Chinese names
      expect(await byTestId(page, 'import-mapping').textContent()).toContain('临沂恒丰0号商贸有限公司');
      await byTestId(page, 'import-start').click();
      await expect.poll(() => byTestId(page, 'import-error').isVisible(), { timeout: 30_000 }).toBe(true);
    };
    const importStatus = async (importId: string) =>
      (await fetch(`${env.relay.url}/api/directory/imports/${importId}`, { headers: { authorization: `Bearer ${await apiToken(env.relay.url, 'admin')}` } })).status;

    // 放弃 after a reload: the relay drops the staged chunk, the directory is as it was
    await startBrokenUpload();
    await page.reload();
    await expect.poll(() => byTestId(page, 'import-resume').isVisible(), { timeout: 15_000 }).toBe(true);
    const abandoned = await page.evaluate(() => JSON.parse(localStorage.getItem('bangqi-directory-import:u-admin') ?? '{}').importId as string);
    expect(await importStatus(abandoned)).toBe(200);
    await byTestId(page, 'import-resume-abandon').click();
    await expect.poll(() => byTestId(page, 'import-notice').isVisible()).toBe(true);
    expect(await byTestId(page, 'import-resume').count()).toBe(0);
    expect(await importStatus(abandoned)).toBe(404);

    // 继续导入 after a reload: only the missing chunks are sent, then the commit
    await startBrokenUpload();
    await page.unroute('**/api/directory/imports/*/chunks/1');

    await page.reload();
    await expect.poll(() => byTestId(page, 'import-resume').isVisible(), { timeout: 15_000 }).toBe(true);
    await byTestId(page, 'import-resume-continue').click();
    await expect.poll(() => byTestId(page, 'import-summary').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(Number(await byTestId(page, 'import-inserted').getAttribute('data-count'))).toBe(rows);
    expect(await byTestId(page, 'import-report').count()).toBe(0);

    const second = join(dir, '名录-gbk-2.csv');
    writeFileSync(second, gbk(csv('临沂恒丰10号商贸股份有限公司')));
    await byTestId(page, 'import-again').click();
    await byTestId(page, 'import-file').setInputFiles(second);
    await expect.poll(() => byTestId(page, 'import-mapping').isVisible(), { timeout: 30_000 }).toBe(true);
    await byTestId(page, 'import-start').click();
    await expect.poll(() => byTestId(page, 'import-summary').isVisible(), { timeout: 60_000 }).toBe(true);
    expect(Number(await byTestId(page, 'import-inserted').getAttribute('data-count'))).toBe(0);
    expect(Number(await byTestId(page, 'import-updated').getAttribute('data-count'))).toBe(1);
    expect(Number(await byTestId(page, 'import-unchanged').getAttribute('data-count'))).toBe(rows - 1);
    await device.close();
  }, 300_000);

  it('imports 100k rows with a report of the bad ones; another device searches offline and 纳入服务 creates the file', async () => {
    const started = Date.now();
    const header = ['序号', '企业名称', '统一社会信用代码', '法定代表人', '注册地址', '成立日期', '注册资本', '所属行业', '所属镇街', '登记状态'];
    const sheet = [['费县市场主体名录（测试）'], header, ...Array.from({ length: ROWS }, (_, i) => dataRow(i))];
    const file = join(dir, '市场主体名录.xlsx');
    await writeXlsxFile(sheet as never).toFile(file);
    console.log(`[directory] generated ${ROWS} rows (${BAD} bad) in ${Date.now() - started} ms`);

    // --- the coordinator imports ---
    const deviceA = await newDevice(env.browser, env.relay.url);
    const a = await signIn(deviceA, 'liuyang');
    await byTestId(a, 'nav-directory').click();
    await byTestId(a, 'directory-import-link').click();
    await byTestId(a, 'import-file').setInputFiles(file);
    await expect.poll(() => byTestId(a, 'import-mapping').isVisible(), { timeout: 30_000 }).toBe(true);
    expect(await a.locator('[data-testid="map-uscc"]').inputValue()).toBe('2');
    expect(await a.locator('[data-testid="map-name"]').inputValue()).toBe('1');
    expect(await a.locator('[data-testid="map-town"]').inputValue()).toBe('8');
    await screenshot(a, 'directory-import-mapping');

    await watchLongTasks(a);
    const importStart = Date.now();
    await byTestId(a, 'import-start').click();
    await expect.poll(() => byTestId(a, 'import-progress').getAttribute('data-phase'), { timeout: 30_000 }).toBe('upload');
    await screenshot(a, 'directory-import-progress');
    await expect.poll(() => byTestId(a, 'import-summary').isVisible(), { timeout: 180_000 }).toBe(true);
    const importMs = Date.now() - importStart;
    console.log(`[directory] import of ${ROWS} rows: ${importMs} ms (check + upload + commit); main-thread tasks over 50 ms: ${await longTasks(a)}`);
    await screenshot(a, 'directory-import-summary');
    expect(Number(await byTestId(a, 'import-inserted').getAttribute('data-count'))).toBe(ROWS - BAD);
    expect(Number(await byTestId(a, 'import-errors').getAttribute('data-count'))).toBe(BAD);

    const [download] = await Promise.all([a.waitForEvent('download'), byTestId(a, 'import-report').click()]);
    const report = readFileSync(await download.path(), 'utf8');
    expect(report.startsWith('\ufeff行号,')).toBe(true);
    const lines = report.trim().split('\r\n').slice(1);
    // data row i is on line i + 3 (title, header)
    const errorLines = lines.filter((l) => l.includes('错误（未导入）')).map((l) => Number(l.split(',')[0]));
    expect(new Set(errorLines)).toEqual(new Set(Array.from({ length: ROWS }, (_, i) => i).filter(isBad).map((i) => i + 3)));
    expect(lines.find((l) => l.startsWith('53,'))).toContain('校验位'); // row 50: wrong check character
    expect(lines.find((l) => l.startsWith('153,'))).toContain('企业名称为空'); // row 150: no name

    // --- a commissioner's device pulls the directory, then searches offline ---
    const deviceB = await newDevice(env.browser, env.relay.url);
    const b = await signIn(deviceB, 'zhangwei');
    await b.goto('/directory');
    await watchLongTasks(b);
    const pullStart = Date.now();
    // everything the relay holds (this file's other test may have imported rows before)
    const stats = await fetch(`${env.relay.url}/api/directory/stats`, { headers: { authorization: `Bearer ${await apiToken(env.relay.url, 'zhangwei')}` } });
    const relayRows = ((await stats.json()) as DirectoryStats).rows;
    expect(relayRows).toBeGreaterThanOrEqual(ROWS - BAD);
    await expect
      .poll(async () => Number(await byTestId(b, 'directory-status').getAttribute('data-count')), { timeout: 180_000, interval: 1000 })
      .toBe(relayRows);
    await expect.poll(() => byTestId(b, 'directory-status').getAttribute('data-phase'), { timeout: 30_000 }).toBe('idle');
    console.log(`[directory] second device pulled ${relayRows} rows by deltas in ~${Date.now() - pullStart} ms; main-thread tasks over 50 ms: ${await longTasks(b)}`);
    await goOffline(deviceB, b);
    // a reload offline: the index is rebuilt from the local table
    await b.reload();
    await expect.poll(() => byTestId(b, 'directory-status').getAttribute('data-indexed'), { timeout: 60_000 }).toBe('1');

    await byTestId(b, 'directory-search').fill('翟氏精密');
    await expect.poll(() => byTestId(b, 'directory-row').first().getAttribute('data-uscc'), { timeout: 10_000 }).toBe(uscc(OTHER.n + 1));
    await byTestId(b, 'directory-search').fill(TARGET.initials);
    await expect.poll(() => byTestId(b, 'directory-row').first().getAttribute('data-uscc'), { timeout: 10_000 }).toBe(uscc(TARGET.n + 1));
    expect(await byTestId(b, 'directory-row').first().getAttribute('data-kind')).toBe('initials');
    await byTestId(b, 'directory-search').fill(uscc(TARGET.n + 1).slice(0, 14));
    await expect.poll(() => byTestId(b, 'directory-row').first().getAttribute('data-uscc'), { timeout: 10_000 }).toBe(uscc(TARGET.n + 1));
    await byTestId(b, 'directory-search').fill('ymsh');
    await byTestId(b, 'directory-row').first().click();
    await expect.poll(() => byTestId(b, 'directory-detail').getAttribute('data-uscc')).toBe(uscc(TARGET.n + 1));
    await screenshot(b, 'directory-search-offline');

    // 纳入服务 (still offline): the file is created with the directory's fields and opened
    await byTestId(b, 'directory-promote').click();
    const docId = enterpriseDocIdForUscc(uscc(TARGET.n + 1));
    await expect.poll(() => new URL(b.url()).pathname, { timeout: 15_000 }).toBe(`/enterprises/${docId}`);
    await expect.poll(() => byTestId(b, 'field-name').inputValue(), { timeout: 15_000 }).toBe(TARGET.name);
    expect(await byTestId(b, 'field-uscc').inputValue()).toBe(uscc(TARGET.n + 1));
    await screenshot(b, 'directory-promoted-file');
    // back in the directory, the entity shows as a file
    await b.goBack();
    await byTestId(b, 'directory-search').fill(TARGET.initials);
    await expect.poll(() => byTestId(b, 'directory-is-file').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // and the one search box lists the new file above the directory
    await expect.poll(() => byTestId(b, 'directory-file-row').first().getAttribute('data-id'), { timeout: 10_000 }).toBe(docId);
    await screenshot(b, 'directory-search-file-and-entity');
    // back online, the relay accepts the new file (assigned to its creator as the rules require)
    await goOnlineAndSettle(deviceB, b);
    await b.waitForTimeout(500);
    expect(await byTestId(b, 'refused-link').count()).toBe(0);
    await deviceA.close();
    await deviceB.close();
  }, 600_000);
});

describe('市场主体库 and handlers', () => {
  it('a department handler gets no directory: no nav entry, the page says so, no directory request', async () => {
    const device = await newDevice(env.browser, env.relay.url);
    const page = await signIn(device, 'zhaomin');
    const requests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/directory')) requests.push(r.url());
    });
    expect(await byTestId(page, 'nav-directory').count()).toBe(0);
    await page.goto('/directory');
    await expect.poll(() => byTestId(page, 'directory-page').textContent()).toContain('无权查看市场主体库');
    expect(await byTestId(page, 'directory-search').count()).toBe(0);
    await page.goto('/directory/import');
    await expect.poll(() => byTestId(page, 'import-page').textContent()).toContain('只有营转办协调员和管理员可以导入');
    expect(requests).toEqual([]);
    await device.close();
  });
});

/** Text → GBK bytes (how Excel in China saves CSV), from a reverse table of the GB18030 decoder's two-byte codes. */
function gbk(text: string): Uint8Array {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (!table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GBK code for ${ch}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}
