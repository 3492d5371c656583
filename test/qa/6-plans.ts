/**
 * QA6 plans, reminders, rules, list filter, history/team figures and a two-device offline edit of one visit.
 * Runs after 6-visit.ts on the same relay (张伟 already has 1 visit on that run's file).
 * Usage: QA_PORT=8860 npx tsx test/qa/6-plans.ts
 */
import { chinaDay, generateDemoEnterprises } from '@bangqi/shared';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { check, sleep, summary } from './lib.ts';
import { pending, poll, tid } from './page.ts';

const port = Number(process.env.QA_PORT ?? 8860);
const http = `http://127.0.0.1:${port}`;
const shots = join(process.cwd(), '.tmp/qa-qa6');
const KEY = 'ent-demo0111'; // 张伟's only 重点项目 file
const zwFiles = generateDemoEnterprises().filter((e) => e.responsibleId === 'u-zhangwei');
const planFile = zwFiles.filter((e) => !['ent-demo0011', 'ent-demo0051', KEY, 'ent-demo0123'].includes(e.id))[6]!;
const shot = (p: Page, name: string) => p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
async function signIn(ctx: BrowserContext, user: string): Promise<Page> {
  const p = await ctx.newPage();
  p.on('pageerror', (e) => console.log(`[pageerror ${user}] ${e.message}`));
  await p.goto('/');
  await poll(() => tid(p, 'login-username').isVisible(), (v) => v === true);
  await tid(p, 'login-username').fill(user);
  await tid(p, 'login-password').fill('bangqi2026');
  await tid(p, 'login-submit').click();
  await poll(() => tid(p, 'current-user').getAttribute('data-user-id', { timeout: 1000 }), (v) => !!v);
  await poll(() => p.evaluate(() => document.documentElement.dataset.swReady), (v) => v === '1');
  await poll(() => tid(p, 'sync-online').getAttribute('data-state', { timeout: 1000 }), (v) => v === 'online');
  await poll(async () => Number(await tid(p, 'enterprise-count').getAttribute('data-count', { timeout: 1000 })), (v) => v > 0);
  return p;
}
const reminderIds = async (p: Page, tab: string) => {
  await p.goto(`/reminders?tab=${tab}`);
  await poll(() => tid(p, 'reminders-page').isVisible(), (v) => v === true);
  await sleep(1500);
  return { count: Number(await tid(p, `reminder-tab-${tab}`).getAttribute('data-count')), ids: await tid(p, 'visit-reminder').evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))) };
};
const listCount = async (p: Page, nv: number) => {
  await p.goto(`/?nv=${nv}`);
  await sleep(1500);
  return Number(await poll(() => tid(p, 'enterprise-count').getAttribute('data-count', { timeout: 1000 }), (v) => v !== null));
};

const browser = await launchChromium();
const phone = { baseURL: http, locale: 'zh-CN', viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' as const };
const devZ = await browser.newContext(phone);
const z = await signIn(devZ, 'zhangwei');

// --- rules before
const rulesBefore = await reminderIds(z, 'rules');
const calmBefore = await reminderIds(z, 'calm');
const nvBefore = await listCount(z, 90);
const nvAllBefore = await listCount(z, 0);
console.log({ rulesBefore: rulesBefore.count, keyInRules: rulesBefore.ids.includes(KEY), calmBefore, nvBefore, nvAllBefore });
check('重点项目 file not visited this quarter is in 走访规则', rulesBefore.ids.includes(KEY));

// --- 5 visits on the 重点项目 file
await z.goto(`/enterprises/${KEY}`);
await poll(() => tid(z, 'visit-new').isVisible(), (v) => v === true);
for (let i = 1; i <= 5; i++) {
  await tid(z, 'visit-new').click();
  await tid(z, 'visit-purpose').fill(`第${i}次回访`);
  await tid(z, 'visit-save').click();
  await poll(() => tid(z, 'visit-item').count(), (v) => v === i, 15_000);
}
check('5 visits listed on the file', (await tid(z, 'visit-item').count()) === 5);
await poll(() => pending(z), (v) => v === 0);
const rulesAfter = await reminderIds(z, 'rules');
check('visited 重点项目 file leaves 走访规则', !rulesAfter.ids.includes(KEY), { before: rulesBefore.count, after: rulesAfter.count });
const calmAfter = await reminderIds(z, 'calm');
check('5 visits in a month → 无事不扰 flags it (max 4)', calmAfter.ids.includes(KEY), calmAfter);
await shot(z, '10-calm');
const nvAfter = await listCount(z, 90);
check('未走访90天 list drops the freshly visited file', nvAfter === nvBefore - 1, { nvBefore, nvAfter });
await shot(z, '11-list-nv90');

// --- plans: inspection 1 day ahead (late), exactly 3 days ahead (on time), visit plan today
const today = chinaDay(Date.now());
const shift = (d: string, n: number) => new Date(Date.parse(d) + n * 86_400_000).toISOString().slice(0, 10);
await z.goto(`/enterprises/${planFile.id}`);
await poll(() => tid(z, 'file-plans').isVisible(), (v) => v === true);
await tid(z, 'file-inspection-add').click();
await tid(z, 'plan-date').fill(shift(today, 1));
await tid(z, 'plan-department').fill('区市场监管局');
await tid(z, 'plan-purpose').fill('食品安全抽检');
const lateAttr = await poll(() => tid(z, 'plan-notice').getAttribute('data-late', { timeout: 1000 }), (v) => v === 'true');
const lateText = await tid(z, 'plan-notice').textContent();
check('1 day ahead → late warning', lateAttr === 'true', lateText);
await tid(z, 'plan-save').click();
const reasonErr = await poll(() => tid(z, 'plan-late-reason-error').textContent({ timeout: 1000 }), (v) => !!v);
check('no reason → refused', !!reasonErr, reasonErr);
await tid(z, 'plan-late-reason').fill('上级临时部署专项抽检');
await tid(z, 'plan-save').click();
await poll(() => tid(z, 'plan-dialog').count(), (v) => v === 0);
await tid(z, 'file-inspection-add').click();
await tid(z, 'plan-date').fill(shift(today, 3));
await tid(z, 'plan-department').fill('区消防救援大队');
await tid(z, 'plan-purpose').fill('消防年度检查');
const okAttr = await poll(() => tid(z, 'plan-notice').getAttribute('data-late', { timeout: 1000 }), (v) => v === 'false');
check('exactly 3 days ahead → on time', okAttr === 'false', await tid(z, 'plan-notice').textContent());
await tid(z, 'plan-save').click();
await poll(() => tid(z, 'plan-dialog').count(), (v) => v === 0);
await tid(z, 'file-plan-add').click();
await tid(z, 'plan-date').fill(today);
await tid(z, 'plan-purpose').fill('跟进用工需求');
await tid(z, 'plan-save').click();
await poll(() => tid(z, 'plan-dialog').count(), (v) => v === 0);
const filePlans = await poll(() => tid(z, 'file-plan').evaluateAll((els) => els.map((e) => e.getAttribute('data-late'))), (v) => v?.length === 3);
check('3 plans on the file, one late', filePlans?.filter((x) => x === 'true').length === 1, filePlans);
await tid(z, 'file-plans').scrollIntoViewIfNeeded();
await z.screenshot({ path: join(shots, '12-file-plans.png') });
await poll(() => pending(z), (v) => v === 0);
const due = await reminderIds(z, 'plans');
check('提醒 › 计划走访 lists the due plans (today + tomorrow + 3 days = 3)', due.count === 3 && due.ids.every((i) => i === planFile.id), due);
await shot(z, '13-reminders-plans');

// --- coordinator raises 无事不扰 to 6 → commissioner follows
const devC = await browser.newContext(phone);
const c = await signIn(devC, 'liuyang');
await c.goto('/settings');
await poll(() => tid(c, 'rules-maxVisitsPerMonth').isVisible(), (v) => v === true);
await tid(c, 'rules-maxVisitsPerMonth').fill('6');
await tid(c, 'visit-rules-save').click();
await poll(() => tid(c, 'visit-rules-saved').isVisible(), (v) => v === true);
await poll(() => pending(c), (v) => v === 0);
await shot(c, '14-settings-coord');
const calmFollow = await poll(() => reminderIds(z, 'calm'), (v) => !!v && !v.ids.includes(KEY), 30_000);
check('commissioner device follows: 5 visits ≤ 6 → no longer 无事不扰', !!calmFollow && !calmFollow.ids.includes(KEY), calmFollow);
// reset
await tid(c, 'rules-maxVisitsPerMonth').fill('4');
await tid(c, 'visit-rules-save').click();
await poll(() => pending(c), (v) => v === 0);

// --- two devices of 张伟 edit the same visit offline
const devZ2 = await browser.newContext(phone);
const z2 = await signIn(devZ2, 'zhangwei');
for (const [p, ctx] of [[z, devZ], [z2, devZ2]] as const) {
  await p.goto(`/enterprises/${KEY}`);
  await poll(() => tid(p, 'visit-item').count(), (v) => v === 5);
  await ctx.setOffline(true);
}
const editOne = async (p: Page, field: string, value: string) => {
  const item = p.locator('[data-testid="visit-item"]').filter({ hasText: '第1次回访' });
  await item.locator('[data-testid="visit-toggle"]').click();
  await tid(p, 'visit-edit').click();
  await tid(p, `visit-${field}`).fill(value);
  await tid(p, 'visit-save').click();
  await poll(() => tid(p, 'visit-saved').textContent({ timeout: 1000 }), (v) => v === '修改已保存');
};
await editOne(z, 'findings', '设备一写的发现');
await editOne(z2, 'situation', '设备二写的经营情况');
await devZ.setOffline(false);
await devZ2.setOffline(false);
await poll(() => pending(z), (v) => v === 0);
await poll(() => pending(z2), (v) => v === 0);
await sleep(3000);
const devL = await browser.newContext(phone);
const l = await signIn(devL, 'wangqiang');
await l.goto(`/enterprises/${KEY}`);
const item = l.locator('[data-testid="visit-item"]').filter({ hasText: '第1次回访' });
await poll(() => item.count(), (v) => v === 1);
await item.locator('[data-testid="visit-toggle"]').click();
const merged = await poll(
  async () => ({ f: await tid(l, 'visit-d-findings').textContent({ timeout: 1000 }), s: await tid(l, 'visit-d-situation').textContent({ timeout: 1000 }).catch(() => null) }),
  (v) => v?.f === '设备一写的发现' && v?.s === '设备二写的经营情况',
);
check('both offline edits of one visit kept', merged?.f === '设备一写的发现' && merged?.s === '设备二写的经营情况', merged);
await shot(l, '15-merged');

// --- history / team figures: 张伟 has 1 (6-visit.ts) + 5 = 6 visits this month on 2 files
await z.goto('/visits');
const hist = await poll(() => tid(z, 'history-item').count(), (v) => v === 6);
check('我的走访 shows 6', hist === 6, { hist, count: await tid(z, 'history-count').textContent().catch(() => null) });
await shot(z, '16-history');
await l.goto('/team');
const row = l.locator('[data-testid="team-member"][data-id="u-zhangwei"]');
const tv = await poll(() => row.getAttribute('data-visits', { timeout: 1000 }), (v) => v === '6');
check('队伍走访 张伟 = 6 visits', tv === '6', { tv, text: await row.textContent() });
await shot(l, '17-team');
await browser.close();
summary();
