/**
 * qa8: the mapping screen says fields with no column keep their value on update. Re-import QA8-A from a
 * UTF-8 CSV with only 编码 / 名称 / 支持标准: 更新 1, the benefit changes, the conditions, 申报截止 and 部门 stay.
 * Run after 8-import.ts. QA_PORT=8841 npx tsx test/qa/8-partial.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { check, sleep, summary } from './lib.ts';
import { poll, tid } from './page.ts';

const http = `http://127.0.0.1:${Number(process.env.QA_PORT ?? 8841)}`;
const dir = join(process.cwd(), '.tmp/qa-qa8');
const browser = await launchChromium();
const ctx = await browser.newContext({ baseURL: http, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
const p = await ctx.newPage();
await p.goto('/');
await tid(p, 'login-username').fill('liuyang');
await tid(p, 'login-password').fill('bangqi2026');
await tid(p, 'login-submit').click();
await poll(() => tid(p, 'sync-online').getAttribute('data-state', { timeout: 1000 }), (v) => v === 'online');
await poll(async () => Number(await tid(p, 'enterprise-count').getAttribute('data-count', { timeout: 1000 })), (v) => v > 0);
const file = join(dir, 'partial.csv');
writeFileSync(file, '\ufeff编码,政策事项名称,扶持标准\r\nQA8-A,专精特新装备企业技改奖励,最高奖励90万元\r\n');
await p.goto('/policies/import');
await tid(p, 'policy-import-file').setInputFiles(file);
await poll(() => tid(p, 'policy-import-mapping').isVisible(), (v) => v === true, 15_000);
await tid(p, 'policy-import-start').click();
await poll(() => tid(p, 'policy-import-summary').isVisible(), (v) => v === true, 30_000);
const updated = await tid(p, 'policy-import-updated').getAttribute('data-count');
check('partial re-import: 更新 1', updated === '1', updated);
await p.goto('/policies/QA8-A');
await sleep(1500);
const text = ((await p.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
check('benefit now 90万元', text.includes('最高奖励90万元'), text.slice(0, 200));
check('department 工信局 kept', text.includes('工信局'));
check('申报截止 2026-12-20 kept', text.includes('2026-12-20'));
check('conditions kept (新桥镇、河阳镇; 专精特新)', text.includes('新桥镇、河阳镇') && text.includes('专精特新'), text.slice(0, 500));
await p.screenshot({ path: join(dir, 'partial-item-A.png'), fullPage: true });
summary();
await browser.close();
