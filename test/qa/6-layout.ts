/**
 * QA6: on a 390 px phone the plan cards of 走访计划与检查报备 on the file page stay inside their section
 * (a long 执法检查 · 部门 line must ellipsize, not widen the grid column). Needs a file with plans
 * (6-plans.ts files them on QA_PLAN_FILE). Usage: QA_PORT=8860 QA_PLAN_FILE=ent-demo0231 npx tsx test/qa/6-layout.ts
 */
import { join } from 'node:path';
import { launchChromium } from '../support/browser.ts';
import { check, sleep, summary } from './lib.ts';

const http = `http://127.0.0.1:${process.env.QA_PORT ?? 8860}`;
const file = process.env.QA_PLAN_FILE ?? 'ent-demo0231';
const browser = await launchChromium();
const ctx = await browser.newContext({ baseURL: http, locale: 'zh-CN', viewport: { width: 390, height: 844 } });
const p = await ctx.newPage();
await p.goto('/');
await p.locator('[data-testid="login-username"]').fill('zhangwei');
await p.locator('[data-testid="login-password"]').fill('bangqi2026');
await p.locator('[data-testid="login-submit"]').click();
await p.locator('[data-testid="current-user"]').waitFor();
await p.goto(`/enterprises/${file}`);
await p.locator('[data-testid="file-plan"]').first().waitFor({ timeout: 30_000 });
await sleep(1000);
const m = await p.evaluate(() => {
  const s = document.querySelector('[data-testid="file-plans"]')!.getBoundingClientRect();
  const cards = Array.from(document.querySelectorAll('[data-testid="file-plan"]')).map((c) => c.getBoundingClientRect().right);
  return { sectionRight: s.right, cardsRight: cards, pageScrollWidth: document.documentElement.scrollWidth };
});
check('plan cards inside the section on a 390 px phone', m.cardsRight.every((r) => r <= m.sectionRight - 1), m);
await p.locator('[data-testid="file-plans"]').scrollIntoViewIfNeeded();
await p.screenshot({ path: join(process.cwd(), '.tmp/qa-qa6/18-file-plans-layout.png') });
await browser.close();
summary();
