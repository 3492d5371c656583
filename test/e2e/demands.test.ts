/**
 * 诉求闭环 with three devices — commissioner 张伟, department handler 赵敏 (人社局), coordinator 刘洋:
 * a demand item of a visit recorded OFFLINE becomes a demand (转为诉求, still offline); back online the
 * coordinator 交办 it to 人社局 (and a second demand to 税务局, which the handler never receives), the
 * handler 办理 → 办结, the coordinator's 回访 不满意 sends it back to 办理, 办结 again (the handler offline),
 * 回访 满意, 销号.
 * The second demand carries an attachment added offline (the coordinator's device fetches it) and is
 * escalated by hand (督办). An overdue demand (raised on a fourth device whose clock is 30 days behind —
 * its 受理 time is in the past) is listed under 督办 for the coordinator, the commissioner and, once
 * dispatched, the department; an approved 申请延期 takes it off again.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_USERS, generateDemoEnterprises, canReadEnterprise, principalFor, DEMO_TEAMS } from '@bangqi/shared';
import { newDevice } from '../support/browser.ts';
import { REPO_ROOT } from '../support/relay-process.ts';
import { byTestId, goOffline, goOnlineAndSettle, openFile, pendingCount, signIn, submitLogin, syncState, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();
const SHOTS = join(REPO_ROOT, '.tmp/shots-demands');
const contexts: BrowserContext[] = [];
afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
});

async function device(): Promise<BrowserContext> {
  const c = await newDevice(env.browser, env.relay.url);
  contexts.push(c);
  return c;
}

/** The first demo enterprise in 张伟's portfolio (the coordinator reads it too). */
function zhangweiEnterprise() {
  const org = { users: DEMO_USERS.map((u) => ({ ...u, teamIds: [...u.teamIds], disabled: false })), teams: [...DEMO_TEAMS] };
  const p = principalFor(org, 'u-zhangwei')!;
  return generateDemoEnterprises().filter((e) => canReadEnterprise(p, e))[0]!;
}

/** A handler has no files: after sign-in the app lands on the department's demands. */
async function signInHandler(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (err) => console.error(`[pageerror] ${err.message}`));
  await page.goto('/');
  await submitLogin(page, 'zhaomin');
  await expect.poll(() => byTestId(page, 'current-user').getAttribute('data-user-id'), { timeout: 15_000 }).toBe('u-zhaomin');
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.swReady), { timeout: 30_000 }).toBe('1');
  await expect.poll(() => syncState(page), { timeout: 30_000 }).toBe('online');
  await expect.poll(() => byTestId(page, 'demands-page').getAttribute('data-tab'), { timeout: 15_000 }).toBe('department');
  return page;
}

async function openDemand(page: Page, id: string): Promise<void> {
  await page.goto(`/demands/${id}`);
  await expect.poll(() => byTestId(page, 'demand-page').getAttribute('data-id'), { timeout: 20_000 }).toBe(id);
}

const stateOf = (page: Page) => byTestId(page, 'demand-page').getAttribute('data-state');

/** Opens an action's form, types the note (and what else `fill` does), submits, waits for the state. */
async function act(page: Page, action: string, note: string, expected: string, fill?: () => Promise<void>): Promise<void> {
  await byTestId(page, `demand-action-${action}`).click();
  await fill?.();
  if (note) await byTestId(page, 'demand-action-note').fill(note);
  await byTestId(page, 'demand-action-submit').click();
  await expect.poll(() => stateOf(page), { timeout: 15_000 }).toBe(expected);
}

/** Ids of the demand cards the list shows now. */
const cardIds = (page: Page) => page.locator('[data-testid="demand-card"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

/** A small real PNG, drawn by the page itself. */
async function pngBytes(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 48;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = '#155eaa';
    ctx.fillRect(0, 0, 64, 48);
    return canvas.toDataURL('image/png').split(',')[1]!;
  });
  return Buffer.from(base64, 'base64');
}

async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 420, height: 860 });
}

describe('诉求闭环', () => {
  it('a demand raised on an offline visit goes through 交办, 办理, 办结, 回访 不满意 → 办理, 办结, 回访 满意, 销号; the department sees only its own; an overdue demand is under 督办', async () => {
    const ent = zhangweiEnterprise();
    const [zhangCtx, zhaoCtx, liuCtx] = [await device(), await device(), await device()];
    const zhang = await signIn(zhangCtx, 'zhangwei');
    const handler = await signInHandler(zhaoCtx);
    const liu = await signIn(liuCtx, 'liuyang');

    // — 张伟, offline at the enterprise: records a visit with a demand item and turns it into a demand.
    await openFile(zhang, ent.id);
    await goOffline(zhangCtx, zhang);
    await byTestId(zhang, 'visit-new').click();
    await byTestId(zhang, 'visit-purpose').fill('了解企业用工情况');
    await byTestId(zhang, 'visit-demand-add').click();
    await byTestId(zhang, 'visit-demand').fill('招工难，急需 20 名持证焊工');
    await byTestId(zhang, 'visit-save').click();
    await expect.poll(() => zhang.locator('[data-testid="visit-item"]').count(), { timeout: 10_000 }).toBe(1);
    await byTestId(zhang, 'visit-toggle').click();
    await byTestId(zhang, 'convert-demand').click();
    await expect.poll(() => byTestId(zhang, 'converted-demand').getAttribute('data-id'), { timeout: 10_000 }).toMatch(/^dem-/);
    const first = (await byTestId(zhang, 'converted-demand').getAttribute('data-id'))!;
    // A second demand, straight from the file (still offline), for another department.
    await byTestId(zhang, 'raise-demand').click();
    await byTestId(zhang, 'raise-submit').click();
    await expect.poll(() => byTestId(zhang, 'demand-title-error').isVisible()).toBe(true); // title and category required
    await shoot(zhang, 'raise-dialog');
    await byTestId(zhang, 'demand-field-title').fill('增值税留抵退税咨询');
    // A reload (still offline) loses nothing: 提诉求 becomes 继续填写 with the title typed.
    await zhang.reload();
    await expect.poll(() => byTestId(zhang, 'raise-demand').getAttribute('data-draft'), { timeout: 15_000 }).toBe('1');
    await byTestId(zhang, 'raise-demand').click();
    expect(await byTestId(zhang, 'demand-field-title').inputValue()).toBe('增值税留抵退税咨询');
    await zhang.selectOption('[data-testid="demand-field-category"]', '纳税');
    await byTestId(zhang, 'raise-submit').click();
    await expect.poll(() => byTestId(zhang, 'demand-page').getAttribute('data-id'), { timeout: 10_000 }).toMatch(/^dem-/);
    const second = (await byTestId(zhang, 'demand-page').getAttribute('data-id'))!;
    expect(await stateOf(zhang)).toBe('received');
    // An attachment, offline: stored on the device, uploaded later, fetched by the coordinator's device.
    await byTestId(zhang, 'demand-attachment-input').setInputFiles({ name: '留抵退税申请表.png', mimeType: 'image/png', buffer: await pngBytes(zhang) });
    await expect.poll(() => zhang.locator('[data-testid="demand-attachment"]').count(), { timeout: 10_000 }).toBe(1);
    expect(await pendingCount(zhang)).toBeGreaterThan(0);
    await zhang.goto('/demands');
    await expect.poll(() => cardIds(zhang)).toEqual(expect.arrayContaining([first, second]));
    await goOnlineAndSettle(zhangCtx, zhang);

    // — 刘洋: both arrive in 待交办; 交办 the first to 人社局, the second to 税务局 (typed).
    await liu.goto('/demands?tab=intake');
    await expect.poll(() => cardIds(liu), { timeout: 20_000 }).toEqual(expect.arrayContaining([first, second]));
    await openDemand(liu, first);
    expect(await byTestId(liu, 'demand-title').textContent()).toContain('招工难');
    await act(liu, 'dispatch', '请人社局对接招聘会', 'dispatched', () => liu.locator('[data-testid="dispatch-department"][value="人社局"]').check());
    await openDemand(liu, second);
    await act(liu, 'dispatch', '', 'dispatched', () => byTestId(liu, 'dispatch-other').fill('税务局'));
    expect(await byTestId(liu, 'demand-departments').textContent()).toBe('税务局');
    await expect
      .poll(() => liu.locator('[data-testid="demand-attachment"] img').evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 20_000 })
      .toBeGreaterThan(0);

    // — 赵敏 (人社局): exactly the demand dispatched to 人社局.
    await handler.goto('/demands');
    await expect.poll(() => cardIds(handler), { timeout: 20_000 }).toEqual([first]);
    await shoot(handler, 'handler-list');
    await openDemand(handler, first);
    expect(await handler.locator('[data-testid="demand-action-dispatch"]').count()).toBe(0); // not a handler's action
    // What the handler types survives a reload (the form opens again with the text).
    await byTestId(handler, 'demand-action-progress').click();
    await byTestId(handler, 'demand-action-note').fill('已联系企业，推荐参加下周专场招聘会');
    await handler.reload();
    await expect.poll(() => byTestId(handler, 'demand-action-note').inputValue(), { timeout: 15_000 }).toBe('已联系企业，推荐参加下周专场招聘会');
    await byTestId(handler, 'demand-action-submit').click();
    await expect.poll(() => stateOf(handler), { timeout: 15_000 }).toBe('handling');
    await act(handler, 'resolve', '招聘会上企业已招到 12 人，另 8 人由职业学校定向培养', 'resolved');

    // — 刘洋: the review queue, 回访 不满意 → back to 办理.
    await liu.goto('/demands?tab=review');
    await expect.poll(() => cardIds(liu), { timeout: 20_000 }).toEqual([first]);
    // One screen: the oldest resolved demand is open beside the queue with its whole history.
    const pane = byTestId(liu, 'demand-pane');
    await expect.poll(() => pane.getAttribute('data-id'), { timeout: 15_000 }).toBe(first);
    await expect.poll(() => pane.locator('[data-testid="demand-event"]').count()).toBe(4);
    await shoot(liu, 'review-queue');
    await byTestId(liu, 'demand-action-callback').click();
    await byTestId(liu, 'callback-不满意').check();
    await byTestId(liu, 'demand-action-submit').click();
    await expect.poll(() => byTestId(liu, 'demand-action-error').isVisible()).toBe(true); // 不满意 needs a reason
    await byTestId(liu, 'demand-action-note').fill('企业反映持证焊工仍缺 8 人');
    await byTestId(liu, 'demand-action-submit').click();
    await expect.poll(() => pane.getAttribute('data-state'), { timeout: 15_000 }).toBe('handling');
    await expect.poll(() => cardIds(liu)).toEqual([]); // back to 办理: out of the queue

    // — 赵敏: sees it back in 办理 and resolves it again — offline, in the field.
    await openDemand(handler, first);
    await expect.poll(() => stateOf(handler), { timeout: 20_000 }).toBe('handling');
    await goOffline(zhaoCtx, handler);
    await openDemand(handler, first);
    await act(handler, 'resolve', '职业学校定向班已开班，8 人 3 月到岗', 'resolved');
    await goOnlineAndSettle(zhaoCtx, handler);

    // — 刘洋: 回访 满意, 销号.
    await openDemand(liu, first);
    await expect.poll(() => stateOf(liu), { timeout: 20_000 }).toBe('resolved');
    await act(liu, 'callback', '企业表示满意', 'called-back', () => byTestId(liu, 'callback-满意').check());
    await act(liu, 'close', '', 'closed');
    expect(await byTestId(liu, 'demand-stepper').getAttribute('data-state')).toBe('closed');
    const history = await liu.locator('[data-testid="demand-event"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(history).toEqual(['raise', 'dispatch', 'progress', 'resolve', 'callback', 'resolve', 'callback', 'close']);
    await shoot(liu, 'demand-page');

    // — 张伟 sees it closed; the handler still never got the 税务局 demand.
    await zhang.goto('/demands');
    await expect.poll(() => zhang.locator(`[data-testid="demand-card"][data-id="${first}"]`).getAttribute('data-state'), { timeout: 20_000 }).toBe('closed');
    await handler.goto('/demands');
    await expect.poll(() => cardIds(handler)).toEqual([first]);

    // — 督办 by hand: 刘洋 escalates the 税务局 demand; 张伟 sees it under 督办 (the handler never sees it).
    await openDemand(liu, second);
    await act(liu, 'escalate', '请税务局三个工作日内答复企业', 'dispatched');
    await expect.poll(() => byTestId(liu, 'demand-escalations').textContent()).toContain('三个工作日内');

    // — Overdue: 刘洋 on a second device whose clock is 30 days behind raises a demand for the same
    //   enterprise (its 受理 is 30 days ago: past any tier), then 交办 it to 人社局 on his own device.
    const lateCtx = await device();
    const late = await signIn(lateCtx, 'liuyang');
    await lateCtx.clock.setFixedTime(new Date(Date.now() - 30 * 86_400_000));
    await openFile(late, ent.id);
    await byTestId(late, 'raise-demand').click();
    await byTestId(late, 'demand-field-title').fill('厂区周边道路破损影响货车通行');
    await late.selectOption('[data-testid="demand-field-category"]', '其他');
    await byTestId(late, 'raise-submit').click();
    await expect.poll(() => byTestId(late, 'demand-page').getAttribute('data-id'), { timeout: 10_000 }).toMatch(/^dem-/);
    const overdue = (await byTestId(late, 'demand-page').getAttribute('data-id'))!;
    await expect.poll(() => pendingCount(late), { timeout: 20_000 }).toBe(0);
    await lateCtx.close();

    // Most overdue first, then the escalated one.
    await liu.goto('/demands?tab=supervise');
    await expect.poll(() => cardIds(liu), { timeout: 20_000 }).toEqual([overdue, second]);
    expect(await liu.locator(`[data-testid="demand-card"][data-id="${overdue}"] [data-testid="demand-timing"]`).getAttribute('data-kind')).toBe('overdue');
    await zhang.goto('/demands?tab=supervise');
    await expect.poll(() => cardIds(zhang), { timeout: 20_000 }).toEqual([overdue, second]);
    await shoot(zhang, 'supervise-commissioner');
    await openFile(zhang, ent.id);
    await expect.poll(() => byTestId(zhang, 'file-demands').getAttribute('data-count'), { timeout: 20_000 }).toBe('3');
    await byTestId(zhang, 'file-demands').scrollIntoViewIfNeeded();
    await zhang.screenshot({ path: join(SHOTS, 'file-section-420.png') });
    await openDemand(liu, overdue);
    await act(liu, 'dispatch', '', 'dispatched', () => liu.locator('[data-testid="dispatch-department"][value="人社局"]').check());
    await handler.goto('/demands?tab=supervise');
    await expect.poll(() => cardIds(handler), { timeout: 20_000 }).toEqual([overdue]);

    // — 申请延期: the handler asks for 20 more working days, the coordinator approves: no longer overdue.
    await openDemand(handler, overdue);
    await act(handler, 'extend-request', '道路属市政管网改造范围，需协调住建部门', 'dispatched', () => byTestId(handler, 'extend-days').fill('20'));
    await openDemand(liu, overdue);
    await expect.poll(() => byTestId(liu, 'demand-extension').isVisible(), { timeout: 20_000 }).toBe(true);
    await byTestId(liu, 'extension-approve').click();
    await expect.poll(() => byTestId(liu, 'demand-timing').getAttribute('data-kind'), { timeout: 15_000 }).toBe('ok');
    await handler.goto('/demands?tab=supervise');
    await expect.poll(() => cardIds(handler), { timeout: 20_000 }).toEqual([]);
  });
  it('two coordinators act on the same demand offline (销号 vs 退回): both events kept, the conflict is shown, 以此为准 settles it on every device; a deadline in 2027 is flagged', async () => {
    const ent = zhangweiEnterprise();
    const [liuCtx, adminCtx] = [await device(), await device()];
    const liu = await signIn(liuCtx, 'liuyang');
    const admin = await signIn(adminCtx, 'admin');
    await openFile(liu, ent.id);
    await byTestId(liu, 'raise-demand').click();
    await byTestId(liu, 'demand-field-title').fill('申请稳岗补贴');
    await liu.selectOption('[data-testid="demand-field-category"]', '参保');
    await byTestId(liu, 'raise-submit').click();
    await expect.poll(() => byTestId(liu, 'demand-page').getAttribute('data-id'), { timeout: 10_000 }).toMatch(/^dem-/);
    const id = (await byTestId(liu, 'demand-page').getAttribute('data-id'))!;
    await act(liu, 'dispatch', '', 'dispatched', () => liu.locator('[data-testid="dispatch-department"][value="人社局"]').check());
    await act(liu, 'resolve', '补贴已拨付', 'resolved');
    await act(liu, 'callback', '', 'called-back', () => byTestId(liu, 'callback-满意').check());
    await openDemand(admin, id);
    await expect.poll(() => stateOf(admin), { timeout: 20_000 }).toBe('called-back');

    await goOffline(liuCtx, liu);
    await goOffline(adminCtx, admin);
    await act(liu, 'close', '', 'closed');
    await act(admin, 'reject', '企业称补贴金额有误，需核实', 'handling');
    await goOnlineAndSettle(liuCtx, liu);
    await goOnlineAndSettle(adminCtx, admin);

    // Both devices derive the same state from the same two events, and list the conflict.
    for (const page of [liu, admin]) {
      await expect.poll(() => page.locator('[data-testid="demand-conflict-event"]').count(), { timeout: 20_000 }).toBe(2);
    }
    expect(await stateOf(liu)).toBe(await stateOf(admin));
    await shoot(liu, 'demand-conflict');
    await liu.locator('[data-testid="demand-conflict-event"]', { hasText: '销号' }).locator('[data-testid="demand-keep"]').click();
    for (const page of [liu, admin]) {
      await expect.poll(() => stateOf(page), { timeout: 20_000 }).toBe('closed');
      await expect.poll(() => page.locator('[data-testid="demand-conflict"]').count(), { timeout: 20_000 }).toBe(0);
    }
    const types = await admin.locator('[data-testid="demand-event"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
    expect(types.slice(-3).sort()).toEqual(['close', 'decide', 'reject']);

    // A deadline in a year the district calendar does not have yet (the official table ends with 2026):
    // the admin's device, 30 days ahead, raises a 复杂 demand; its page warns that the count is Mon–Fri.
    await adminCtx.clock.setFixedTime(new Date(Date.now() + 30 * 86_400_000));
    await openFile(admin, ent.id);
    await byTestId(admin, 'raise-demand').click();
    await byTestId(admin, 'demand-field-title').fill('新厂房规划许可咨询');
    await admin.selectOption('[data-testid="demand-field-category"]', '审批');
    await admin.selectOption('[data-testid="demand-field-urgency"]', 'complex');
    await byTestId(admin, 'raise-submit').click();
    await expect.poll(() => byTestId(admin, 'demand-uncalendared').textContent(), { timeout: 10_000 }).toContain('2027');
  });
});
