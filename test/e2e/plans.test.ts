/**
 * 走访计划 and 涉企检查报备 in the browser: a commissioner files an inspection only 2 days ahead — the
 * dialog warns and will not save without a lateness reason — and the plan shows as late (迟报, with the
 * reason) on the file and in /plans (list and month calendar); a plan made from /plans through the
 * enterprise search is due today and listed under 提醒 › 计划走访 with the tab's count; the team lead's
 * device gets both after sync and sees the lateness on the file. A coordinator changes the required
 * notice in 设置 › 走访规则; the commissioner's device follows it at the next filing.
 */
import { describe, expect, it } from 'vitest';
import { chinaDay, daysLeft, generateDemoEnterprises } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { byTestId, demoRowsFor, pendingCount, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();

const demo = generateDemoEnterprises();
// Two of 张伟's files (team 高端装备制造, led by 王强).
const [inspected, visited] = demo.filter((e) => e.responsibleId === 'u-zhangwei');
const shift = (day: string, n: number) => new Date(Date.parse(day) + n * 86_400_000).toISOString().slice(0, 10);

describe('visit plans and inspection filing', () => {
  it('files a late inspection with its reason, plans a visit, shows both on the file, in /plans, in 提醒 and on the lead’s device', async () => {
    const today = chinaDay(Date.now());
    const inTwoDays = shift(today, 2);
    expect(daysLeft(inTwoDays, today)).toBe(2);

    // The team lead is signed in on another device from the start, watching the team's plans.
    const leadDevice = await newDevice(env.browser, env.relay.url);
    const lead = await signIn(leadDevice, 'wangqiang', demoRowsFor('wangqiang'));
    await lead.goto('/plans?all=1');
    await expect.poll(() => byTestId(lead, 'plans-empty').isVisible(), { timeout: 15_000 }).toBe(true);

    const zwDevice = await newDevice(env.browser, env.relay.url);
    const zw = await signIn(zwDevice, 'zhangwei');

    // 涉企检查报备 from the file page, 2 days ahead of a 3-day rule.
    await zw.goto(`/enterprises/${inspected!.id}`);
    await expect.poll(() => byTestId(zw, 'file-plans').isVisible(), { timeout: 15_000 }).toBe(true);
    await byTestId(zw, 'file-inspection-add').click();
    const dialog = byTestId(zw, 'plan-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await byTestId(zw, 'plan-type').inputValue()).toBe('执法检查');
    await byTestId(zw, 'plan-date').fill(inTwoDays);
    await byTestId(zw, 'plan-department').fill('区应急管理局');
    await byTestId(zw, 'plan-purpose').fill('危化品仓储安全检查');
    await expect.poll(() => byTestId(zw, 'plan-notice').getAttribute('data-late')).toBe('true');
    expect(await byTestId(zw, 'plan-notice').textContent()).toContain('只提前 2 天报备，少于规定的 3 天');
    await screenshot(zw, 'plans-inspection-late-dialog');
    // Without a reason it is not filed.
    await byTestId(zw, 'plan-save').click();
    await expect.poll(() => byTestId(zw, 'plan-late-reason-error').textContent()).toBe('迟报须说明原因');
    await byTestId(zw, 'plan-late-reason').fill('群众举报，需尽快核查');
    await byTestId(zw, 'plan-save').click();
    await expect.poll(() => dialog.count()).toBe(0);

    const filePlan = byTestId(zw, 'file-plan');
    await expect.poll(() => filePlan.count(), { timeout: 10_000 }).toBe(1);
    expect(await filePlan.getAttribute('data-late')).toBe('true');
    expect(await byTestId(zw, 'file-plan-notice').textContent()).toContain('迟报（提前 2 天报备）');
    expect(await byTestId(zw, 'file-plan-late-reason').textContent()).toBe('群众举报，需尽快核查');

    // A visit planned for today from /plans, the enterprise found by the search.
    await zw.goto('/plans');
    await byTestId(zw, 'plan-add').click();
    await byTestId(zw, 'plan-enterprise').fill(visited!.name);
    await byTestId(zw, 'plan-enterprise-option').first().click();
    expect(await byTestId(zw, 'plan-enterprise-chosen').textContent()).toBe(visited!.name);
    await byTestId(zw, 'plan-date').fill(today);
    await byTestId(zw, 'plan-purpose').fill('了解用工需求');
    await byTestId(zw, 'plan-save').click();
    await expect.poll(() => byTestId(zw, 'plan-dialog').count()).toBe(0);

    // /plans lists both, soonest first; the inspection is marked late.
    await expect.poll(() => byTestId(zw, 'plans-count').getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    const items = byTestId(zw, 'plan-item');
    expect(await items.nth(0).textContent()).toContain(visited!.name);
    expect(await items.nth(1).textContent()).toContain(inspected!.name);
    expect(await items.nth(1).getAttribute('data-late')).toBe('true');
    expect(await items.nth(1).locator('[data-testid="plan-late"]').textContent()).toBe('迟报');

    // The month calendar puts each on its day (the inspection may fall into next month).
    await byTestId(zw, 'plans-view-calendar').click();
    await expect.poll(() => zw.locator(`[data-testid="cal-day"][data-day="${today}"]`).getAttribute('data-count')).toBe('1');
    if (inTwoDays.slice(0, 7) === today.slice(0, 7)) {
      expect(await zw.locator(`[data-testid="cal-day"][data-day="${inTwoDays}"]`).getAttribute('data-count')).toBe('1');
    }
    // Tap the inspection's day (or, when it falls beyond the weeks shown, open that day by its address).
    if ((await zw.locator(`[data-testid="cal-day"][data-day="${inTwoDays}"]`).count()) > 0) {
      await zw.locator(`[data-testid="cal-day"][data-day="${inTwoDays}"]`).click();
    } else {
      await zw.goto(`/plans?view=calendar&month=${inTwoDays.slice(0, 7)}&day=${inTwoDays}`);
    }
    await expect.poll(() => byTestId(zw, 'day-plans').locator('[data-testid="plan-item"]').getAttribute('data-late')).toBe('true');
    await screenshot(zw, 'plans-calendar');

    // 提醒 › 计划走访: both are due (today and in 2 days), with the count in the tab.
    await zw.goto('/reminders?tab=plans');
    await expect.poll(() => byTestId(zw, 'reminder-tab-plans').getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    const due = byTestId(zw, 'visit-reminder');
    expect(await due.nth(0).getAttribute('data-id')).toBe(visited!.id);
    expect(await due.nth(0).textContent()).toContain('今天');
    expect(await due.nth(1).textContent()).toContain('2 天后');
    expect(Number(await byTestId(zw, 'reminder-tab-rules').getAttribute('data-count'))).toBeGreaterThan(0);
    await screenshot(zw, 'plans-reminders');
    // 设置 › 走访规则: the district's defaults, read-only for a commissioner.
    await zw.goto('/settings');
    await expect.poll(() => byTestId(zw, 'visit-rule').count(), { timeout: 10_000 }).toBe(2);
    expect(await byTestId(zw, 'rules-inspectionNoticeDays').inputValue()).toBe('3');
    expect(await byTestId(zw, 'rules-inspectionNoticeDays').isDisabled()).toBe(true);
    expect(await byTestId(zw, 'visit-rules-save').count()).toBe(0);
    await byTestId(zw, 'visit-rules').scrollIntoViewIfNeeded();
    await screenshot(zw, 'plans-settings-readonly');
    await zw.goto('/plans');
    await expect.poll(() => pendingCount(zw), { timeout: 30_000 }).toBe(0);

    // The team lead's device: the plans arrive with the rows; the lateness and its reason show on the file.
    await expect.poll(() => byTestId(lead, 'plans-count').getAttribute('data-count'), { timeout: 20_000 }).toBe('2');
    expect(await lead.locator(`[data-testid="plan-item"][data-late="true"]`).textContent()).toContain(inspected!.name);
    await lead.goto('/reminders?tab=plans');
    await expect.poll(() => byTestId(lead, 'reminder-tab-plans').getAttribute('data-count'), { timeout: 10_000 }).toBe('2');
    await lead.goto(`/enterprises/${inspected!.id}`);
    await expect.poll(() => byTestId(lead, 'file-plan').getAttribute('data-late'), { timeout: 15_000 }).toBe('true');
    expect(await byTestId(lead, 'file-plan-late-reason').textContent()).toBe('群众举报，需尽快核查');
    await byTestId(lead, 'file-plans').scrollIntoViewIfNeeded();
    await screenshot(lead, 'plans-file-lead');

    await zwDevice.close();
    await leadDevice.close();
  });

  it('a coordinator changes the notice rule in 设置 and a commissioner’s next filing follows it', async () => {
    const today = chinaDay(Date.now());
    const coordDevice = await newDevice(env.browser, env.relay.url);
    const coord = await signIn(coordDevice, 'liuyang', demo.length);
    await coord.goto('/settings');
    const notice = byTestId(coord, 'rules-inspectionNoticeDays');
    await expect.poll(() => notice.isDisabled(), { timeout: 15_000 }).toBe(false);
    await notice.fill('x');
    await byTestId(coord, 'visit-rules-save').click();
    expect(await byTestId(coord, 'visit-rules').textContent()).toContain('请输入不小于 0 的整数');
    await notice.fill('1');
    await byTestId(coord, 'visit-rules-save').click();
    await expect.poll(() => byTestId(coord, 'visit-rules-saved').isVisible()).toBe(true);
    await byTestId(coord, 'visit-rules').scrollIntoViewIfNeeded();
    await screenshot(coord, 'plans-settings-coordinator');
    await expect.poll(() => pendingCount(coord), { timeout: 30_000 }).toBe(0);

    // The commissioner's device gets the rule: 2 days ahead is now on time.
    const zwDevice = await newDevice(env.browser, env.relay.url);
    const zw = await signIn(zwDevice, 'zhangwei');
    await zw.goto('/settings');
    await expect.poll(() => byTestId(zw, 'rules-inspectionNoticeDays').inputValue(), { timeout: 20_000 }).toBe('1');
    await zw.goto('/plans');
    await byTestId(zw, 'inspection-add').click();
    await byTestId(zw, 'plan-enterprise').fill(inspected!.name);
    await byTestId(zw, 'plan-enterprise-option').first().click();
    await byTestId(zw, 'plan-date').fill(shift(today, 2));
    await expect.poll(() => byTestId(zw, 'plan-notice').getAttribute('data-late')).toBe('false');
    expect(await byTestId(zw, 'plan-notice').textContent()).toContain('提前 2 天报备，符合“至少提前 1 天”的规定');
    expect(await byTestId(zw, 'plan-late-reason').count()).toBe(0);
    await byTestId(zw, 'plan-purpose').fill('消防通道检查');
    // A reload in the middle loses nothing: the same dialog opens again with what was typed.
    await zw.reload();
    await expect.poll(() => byTestId(zw, 'plans-count').getAttribute('data-count'), { timeout: 15_000 }).toBe('2');
    await byTestId(zw, 'inspection-add').click();
    await expect.poll(() => byTestId(zw, 'plan-draft-restored').isVisible()).toBe(true);
    expect(await byTestId(zw, 'plan-enterprise-chosen').textContent()).toBe(inspected!.name);
    expect(await byTestId(zw, 'plan-date').inputValue()).toBe(shift(today, 2));
    expect(await byTestId(zw, 'plan-purpose').inputValue()).toBe('消防通道检查');
    // Closed on purpose, the draft is gone.
    await byTestId(zw, 'plan-dialog').locator('button', { hasText: '取消' }).click();
    await expect.poll(() => byTestId(zw, 'plan-dialog').count()).toBe(0);
    await byTestId(zw, 'inspection-add').click();
    expect(await byTestId(zw, 'plan-purpose').inputValue()).toBe('');
    expect(await byTestId(zw, 'plan-draft-restored').count()).toBe(0);
    await byTestId(zw, 'plan-dialog').locator('button', { hasText: '取消' }).click();
    await expect.poll(() => byTestId(zw, 'plan-dialog').count()).toBe(0);

    // Cancelling asks why; the cancelled plan leaves the open list and shows among the closed ones.
    const visitPlan = zw.locator(`[data-testid="plan-item"]:has-text("${visited!.name}")`);
    await visitPlan.locator('[data-testid="plan-cancel"]').click();
    await byTestId(zw, 'plan-action-save').click();
    expect(await byTestId(zw, 'plan-action-error').textContent()).toBe('请填写取消原因');
    await byTestId(zw, 'plan-action-text').fill('企业停产检修');
    await byTestId(zw, 'plan-action-save').click();
    await expect.poll(() => byTestId(zw, 'plans-count').getAttribute('data-count')).toBe('1');
    await byTestId(zw, 'plans-closed').check();
    await expect.poll(() => visitPlan.getAttribute('data-state')).toBe('cancelled');
    await screenshot(zw, 'plans-list-closed');

    // Moving the late inspection further out is a new filing with enough notice, but the recorded lateness stays.
    const inspection = zw.locator(`[data-testid="plan-item"]:has-text("${inspected!.name}")`);
    await inspection.locator('[data-testid="plan-reschedule"]').click();
    await byTestId(zw, 'plan-new-date').fill(shift(today, 9));
    await expect.poll(() => byTestId(zw, 'plan-notice').textContent()).toContain('提前 9 天报备');
    await byTestId(zw, 'plan-action-save').click();
    await expect.poll(() => inspection.locator('.mono').textContent()).toBe(shift(today, 9));
    expect(await inspection.getAttribute('data-late')).toBe('true');
    await coordDevice.close();
    await zwDevice.close();
  });
});
