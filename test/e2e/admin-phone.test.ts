/**
 * The admin and assignment screens at phone width (QA5 findings 6, 7, 11): the list's team filter offers
 * only the teams of the user's own files; a lead's reassignment reads in the audit log with team and
 * person names; at 420 px the users, teams and audit rows are cards (short texts on one line, actions on
 * screen), at 1280 px tables whose short columns do not wrap.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_TEAMS, DEMO_USERS, canReadEnterprise, generateDemoEnterprises, principalFor } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { byTestId, pendingCount, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();

const demo = generateDemoEnterprises();
const org = { users: DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })), teams: [...DEMO_TEAMS] };
const userId = (username: string) => DEMO_USERS.find((u) => u.username === username)!.id;
const teamName = (id: string) => DEMO_TEAMS.find((t) => t.id === id)!.name;

/** The team filter's option values `username` should be offered: '' (all), the teams of their files, 'none' if some have no team. */
function expectedTeamOptions(username: string): string[] {
  const principal = principalFor(org, userId(username))!;
  const held = new Set(demo.filter((e) => canReadEnterprise(principal, e)).map((e) => e.teamId));
  const teams = DEMO_TEAMS.filter((t) => held.has(t.id)).map((t) => t.id);
  return ['', ...teams, ...(held.has('') ? ['none'] : [])];
}

const teamOptions = (page: Page) => page.locator('[data-testid="filter-team"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));

/** Each cell's height in lines of its own text (1 = no wrapping). */
const lineCounts = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((cells) =>
    cells.map((c) => {
      const range = document.createRange();
      range.selectNodeContents(c);
      const lineHeight = parseFloat(getComputedStyle(c).lineHeight) || parseFloat(getComputedStyle(c).fontSize) * 1.5;
      return Math.round(range.getBoundingClientRect().height / lineHeight);
    }),
  );

/** Right edges of the elements (px), to check they are on a screen `width` wide. */
const rightEdges = (page: Page, selector: string) => page.locator(selector).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().right));

describe('admin and assignment screens on a phone', () => {
  it('team filter of the own files; the audit names a reassignment; cards at 420 px, one-line columns at 1280 px', async () => {
    const leadDevice = await newDevice(env.browser, env.relay.url);
    const linaDevice = await newDevice(env.browser, env.relay.url);
    const [lead, lina] = await Promise.all([signIn(leadDevice, 'wangqiang'), signIn(linaDevice, 'lina')]);

    // 李娜 is offered her team only (no 城关街道服务队（0）, no 未分配服务队（0）); the lead his team's.
    expect(await teamOptions(lina)).toEqual(expectedTeamOptions('lina'));
    expect(await teamOptions(lina)).toEqual(['', 't-equip']);
    expect(await teamOptions(lead)).toEqual(expectedTeamOptions('wangqiang'));
    const equipCount = demo.filter((e) => e.teamId === 't-equip' && canReadEnterprise(principalFor(org, userId('lina'))!, e)).length;
    expect(await lina.locator('[data-testid="filter-team"] option[value="t-equip"]').textContent()).toBe(`${teamName('t-equip')}（${equipCount}）`);
    await screenshot(lina, 'admin-phone-team-filter');

    // The lead gives one of 张伟's files to 李娜.
    const target = demo.find((e) => e.responsibleId === userId('zhangwei'))!;
    await lead.goto(`/enterprises/${target.id}`);
    await expect.poll(() => byTestId(lead, 'assign-open').isVisible(), { timeout: 15_000 }).toBe(true);
    await byTestId(lead, 'assign-open').click();
    await lead.selectOption('[data-testid="assign-responsible"]', userId('lina'));
    await byTestId(lead, 'assign-reason').fill('片区调整');
    await byTestId(lead, 'assign-save').click();
    await expect.poll(() => byTestId(lead, 'file-responsible').getAttribute('data-user-id')).toBe(userId('lina'));
    await expect.poll(() => pendingCount(lead), { timeout: 30_000 }).toBe(0);

    // The admin, on a phone.
    const adminDevice = await newDevice(env.browser, env.relay.url);
    const admin = await signIn(adminDevice, 'admin', demo.length);
    await byTestId(admin, 'nav-admin').click();
    await expect.poll(() => byTestId(admin, 'user-row').count(), { timeout: 15_000 }).toBe(DEMO_USERS.length);
    const oneLine = async (selector: string) => expect(new Set(await lineCounts(admin, selector))).toEqual(new Set([1]));
    const onScreen = async (selector: string, width: number) => {
      const edges = await rightEdges(admin, selector);
      expect(edges.length).toBeGreaterThan(0);
      expect(Math.max(...edges)).toBeLessThanOrEqual(width);
    };
    await oneLine('[data-testid="user-row"] td.card-title');
    await oneLine('[data-testid="user-row"] td.card-head');
    await onScreen('[data-testid="user-edit"], [data-testid="user-disable"]', 420);
    await onScreen('[data-testid="user-row"] td', 420);
    await screenshot(admin, 'admin-phone-users-420');

    await admin.getByRole('link', { name: '服务队', exact: true }).click();
    await expect.poll(() => byTestId(admin, 'team-row').count(), { timeout: 15_000 }).toBe(DEMO_TEAMS.length);
    await onScreen('[data-testid="team-edit"]', 420);
    await oneLine('[data-testid="team-row"] td.card-head');
    await screenshot(admin, 'admin-phone-teams-420');

    await admin.getByRole('link', { name: '审计日志', exact: true }).click();
    await expect.poll(() => byTestId(admin, 'audit-row').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await oneLine('[data-testid="audit-row"] td.card-title');
    await oneLine('[data-testid="audit-row"] td.card-head');
    await onScreen('[data-testid="audit-row"] td', 420);
    await admin.selectOption('[data-testid="audit-filter-action"]', 'assignment-changed');
    const change = admin.locator(`[data-testid="audit-row"][data-action="assignment-changed"][data-actor="${userId('wangqiang')}"]`);
    await expect.poll(() => change.count(), { timeout: 15_000 }).toBe(1);
    const detail = await change.locator('[data-testid="audit-detail"]').textContent();
    expect(detail).toBe(`from: ${teamName('t-equip')} · 张伟，to: ${teamName('t-equip')} · 李娜，reason: 片区调整，seq: ${detail!.match(/seq: (\d+)$/)?.[1]}`);
    expect(detail).not.toMatch(/[{"]|u-|t-equip/);
    await screenshot(admin, 'admin-phone-audit-420');

    // On a wide screen: a table, names, roles and actions on one line each.
    await admin.setViewportSize({ width: 1280, height: 860 });
    await admin.selectOption('[data-testid="audit-filter-action"]', '');
    await expect.poll(() => byTestId(admin, 'audit-row').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    await oneLine('[data-testid="audit-row"] td.card-title');
    await oneLine('[data-testid="audit-row"] td.card-head');
    await onScreen('[data-testid="audit-row"] td', 1280);
    await screenshot(admin, 'admin-phone-audit-1280');
    await admin.getByRole('link', { name: '用户', exact: true }).click();
    await expect.poll(() => byTestId(admin, 'user-row').count(), { timeout: 15_000 }).toBe(DEMO_USERS.length);
    await oneLine('[data-testid="user-row"] td.card-title');
    await oneLine('[data-testid="user-row"] td.card-head');
    await onScreen('[data-testid="user-edit"], [data-testid="user-disable"]', 1280);
    await screenshot(admin, 'admin-phone-users-1280');
  });
});
