/**
 * 共性问题 and the demands export: two demands of two enterprises (raised and dispatched to 人社局 by a
 * stock y-websocket client — a third-party tool — in the coordinator's name) are grouped by the
 * coordinator 刘洋 into one common issue; a 联席会议 is recorded; 整体办结 resolves both members, which
 * then still wait for their own 回访 (state 'resolved', no satisfaction); /figures counts them and the
 * XLSX export reads back with read-excel-file: one row per demand and their events.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSheet } from 'read-excel-file/node';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { appendDemandEvent, createDemand, deriveDemand, generateDemoEnterprises, newDocId, readDemandEvents, type DemandCategory } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { apiToken, byTestId, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();
const providers: WebsocketProvider[] = [];
afterAll(() => {
  for (const p of providers) p.destroy();
});

/** Connects `doc` (possibly already holding content) to the relay as `username`. */
async function stockClient(docId: string, username: string, doc = new Y.Doc()): Promise<Y.Doc> {
  const provider = new WebsocketProvider(`${env.relay.url.replace('http', 'ws')}/y`, docId, doc, {
    WebSocketPolyfill: WebSocket as never,
    disableBc: true,
    params: { token: await apiToken(env.relay.url, username) },
  });
  providers.push(provider);
  await new Promise<void>((resolve) => (provider.synced ? resolve() : provider.once('sync', () => resolve())));
  return doc;
}

/**
 * Raises a demand for `enterprise` as 刘洋 and dispatches it to 人社局, through a stock client. The doc is
 * written before connecting: the relay then gets it with the client's first sync reply. (Connected to a
 * new, empty demand doc, a stock client's empty sync reply is refused as a creation without content.)
 */
async function raiseDispatched(
  enterprise: { id: string; name: string; town: string },
  title: string,
  more: { category?: DemandCategory; department?: string; daysAgo?: number; then?: (doc: Y.Doc, at: number) => void } = {},
): Promise<{ id: string; doc: Y.Doc }> {
  const id = newDocId('dem');
  const doc = new Y.Doc();
  const now = Date.now() - (more.daysAgo ?? 0) * 86_400_000;
  createDemand(
    doc,
    { enterpriseId: enterprise.id, enterpriseName: enterprise.name, town: enterprise.town, visitId: '', title, description: '招聘不到熟练工', category: more.category ?? '人才', urgency: 'ordinary', contactName: '王经理', contactPhone: '13800000000' },
    'u-liuyang',
    now,
  );
  appendDemandEvent(doc, { type: 'dispatch', departments: [more.department ?? '人社局'], note: '请人社局牵头' }, 'u-liuyang', now + 1);
  more.then?.(doc, now);
  await stockClient(id, 'liuyang', doc);
  return { id, doc };
}

describe('共性问题', () => {
  it('coordinator groups two enterprises’ demands, records a joint meeting, resolves them together; the export reads back', async () => {
    const [e1, e2] = generateDemoEnterprises();
    const a = await raiseDispatched(e1!, '招工难：缺焊工');
    const b = await raiseDispatched(e2!, '招工难：缺数控操作工');
    // older demands (before this month) for the year's figures: one open past its deadline, one resolved
    // on time and 满意, one resolved late and sent back by 不满意 (open and overdue again)
    const day = 86_400_000;
    await raiseDispatched(e1!, '流动资金贷款', { category: '融资', department: '金融办', daysAgo: 40 });
    await raiseDispatched(e2!, '项目立项审批', {
      category: '审批',
      department: '发改局',
      daysAgo: 45,
      then: (doc, at) => {
        appendDemandEvent(doc, { type: 'resolve', department: '', note: '已批复' }, 'u-liuyang', at + 2 * day);
        appendDemandEvent(doc, { type: 'callback', satisfaction: '满意', comment: '' }, 'u-liuyang', at + 3 * day);
      },
    });
    await raiseDispatched(e1!, '厂房用地指标', {
      category: '土地',
      department: '自然资源局',
      daysAgo: 60,
      then: (doc, at) => {
        appendDemandEvent(doc, { type: 'resolve', department: '', note: '已答复' }, 'u-liuyang', at + 20 * day);
        appendDemandEvent(doc, { type: 'callback', satisfaction: '不满意', comment: '没有解决' }, 'u-liuyang', at + 21 * day);
      },
    });

    const context = await newDevice(env.browser, env.relay.url);
    const page = await signIn(context, 'liuyang');

    // create the issue from the two demands
    await page.goto('/issues');
    await expect.poll(() => byTestId(page, 'issues-empty').isVisible(), { timeout: 15_000 }).toBe(true);
    await byTestId(page, 'issue-new').click();
    await expect.poll(() => byTestId(page, 'picker-row').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await byTestId(page, 'issue-create').click(); // nothing filled: both problems shown, nothing created
    await expect.poll(() => byTestId(page, 'issue-title-error').isVisible()).toBe(true);
    await expect.poll(() => byTestId(page, 'issue-members-error').textContent()).toContain('至少选择两项');
    await byTestId(page, 'issue-title').fill('园区企业普遍招工难');
    await byTestId(page, 'issue-description').fill('两家机械企业同时反映技术工人短缺');
    await page.locator(`[data-testid="picker-row"][data-id="${a.id}"]`).click();
    await page.locator(`[data-testid="picker-row"][data-id="${b.id}"]`).click();
    await expect.poll(() => byTestId(page, 'issue-selected').getAttribute('data-count')).toBe('2');
    // a reload keeps what was typed and picked (a draft on the device)
    await page.reload();
    await expect.poll(() => byTestId(page, 'issue-selected').getAttribute('data-count'), { timeout: 20_000 }).toBe('2');
    expect(await byTestId(page, 'issue-title').inputValue()).toBe('园区企业普遍招工难');
    await screenshot(page, 'issues-new');
    await byTestId(page, 'issue-create').click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 15_000 }).toMatch(/^\/issues\/iss-/);
    const issueId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => byTestId(page, 'issue-heading').textContent(), { timeout: 15_000 }).toBe('园区企业普遍招工难');
    await expect.poll(() => byTestId(page, 'issue-member').count()).toBe(2);

    // each demand records the link (seen by the stock clients through the relay)
    await expect.poll(() => deriveDemand(readDemandEvents(a.doc)).issueId, { timeout: 15_000 }).toBe(issueId);
    await expect.poll(() => deriveDemand(readDemandEvents(b.doc)).issueId, { timeout: 15_000 }).toBe(issueId);

    // 联席会议
    await byTestId(page, 'meeting-new').click();
    await byTestId(page, 'meeting-save').click();
    await expect.poll(() => byTestId(page, 'meeting-departments-error').isVisible()).toBe(true);
    await byTestId(page, 'meeting-dept-人社局').check();
    await byTestId(page, 'meeting-other-depts').fill('工信局');
    await byTestId(page, 'meeting-attendees').fill('刘洋、赵敏、工信局李科长');
    await byTestId(page, 'meeting-minutes').fill('研究两家企业的用工缺口，人社局牵头组织专场招聘会。');
    // a reload keeps the record being typed: the form opens again with it
    await page.reload();
    await expect.poll(() => byTestId(page, 'meeting-minutes').inputValue(), { timeout: 20_000 }).toBe('研究两家企业的用工缺口，人社局牵头组织专场招聘会。');
    expect(await byTestId(page, 'meeting-dept-人社局').isChecked()).toBe(true);
    await byTestId(page, 'meeting-decisions').fill('本月底前举办专场招聘会；工信局对接职业院校定向培养。');
    await byTestId(page, 'meeting-save').click();
    await expect.poll(() => byTestId(page, 'meeting').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => byTestId(page, 'meeting').textContent()).toContain('人社局、工信局');

    // 整体办结: the plan lists both members, the coordinator confirms
    await byTestId(page, 'issue-resolve').click();
    await expect.poll(() => byTestId(page, 'plan-will').count()).toBe(2);
    await screenshot(page, 'issues-resolve-plan');
    await byTestId(page, 'resolve-confirm').click();
    await expect.poll(() => byTestId(page, 'issue-state').getAttribute('data-resolved'), { timeout: 15_000 }).toBe('1');
    await expect.poll(() => byTestId(page, 'issue-resolve-done').isVisible()).toBe(true);
    await expect
      .poll(async () => (await byTestId(page, 'issue-member').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).join(), { timeout: 15_000 })
      .toBe('resolved,resolved');
    await screenshot(page, 'issues-resolved');

    // both members are 办结 and still wait for their own 回访
    for (const d of [a, b]) {
      await expect.poll(() => deriveDemand(readDemandEvents(d.doc)).state, { timeout: 15_000 }).toBe('resolved');
      const status = deriveDemand(readDemandEvents(d.doc));
      expect(status.satisfaction).toBe('');
      expect(readDemandEvents(d.doc).at(-1)).toMatchObject({ type: 'resolve', department: '', by: 'u-liuyang' });
    }

    // the demand's own page links to the issue
    await page.goto(`/demands/${a.id}`);
    await expect.poll(() => byTestId(page, 'issue-badge').getAttribute('data-issue-id'), { timeout: 15_000 }).toBe(issueId);
    await expect.poll(() => byTestId(page, 'issue-badge').textContent()).toBe('共性问题：园区企业普遍招工难');
    await screenshot(page, 'issues-demand-badge');

    // the list shows it resolved
    await page.goto('/issues');
    await expect.poll(() => byTestId(page, 'issue-row').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => byTestId(page, 'issue-row').textContent()).toContain('已整体办结');
    await screenshot(page, 'issues-list');

    // figures count them (this month), and the export reads back
    await page.goto('/figures');
    await expect.poll(() => byTestId(page, 'headline-received').getAttribute('data-value'), { timeout: 15_000 }).toBe('2');
    await expect.poll(() => byTestId(page, 'headline-ontime').getAttribute('data-value')).toBe('1');
    await expect.poll(() => byTestId(page, 'figures-row').count()).toBe(1);
    await screenshot(page, 'figures');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), byTestId(page, 'demands-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^诉求-\d{8}-\d{8}\.xlsx$/);
    const file = join(mkdtempSync(join(tmpdir(), 'bangqi-issues-')), 'demands.xlsx');
    await download.saveAs(file);
    const demands = await readSheet(file, '诉求');
    const header = demands[0] as string[];
    const col = (name: string) => header.indexOf(name);
    expect(demands).toHaveLength(3);
    const byId = new Map(demands.slice(1).map((r) => [r[col('诉求编号')] as string, r]));
    for (const [d, enterprise] of [[a, e1!], [b, e2!]] as const) {
      const r = byId.get(d.id)!;
      expect(r[col('企业名称')]).toBe(enterprise.name);
      expect(r[col('当前状态')]).toBe('已办结');
      expect(r[col('承办部门')]).toBe('人社局');
      expect(r[col('是否按时办结')]).toBe('是');
      expect(r[col('共性问题')]).toBe('园区企业普遍招工难');
      expect(r[col('办理记录条数')]).toBe(4);
    }
    const events = await readSheet(file, '办理记录');
    expect(events[0]).toEqual(['诉求编号', '诉求标题', '企业名称', '时间', '环节', '操作人', '内容']);
    const stepsOf = (id: string) => events.filter((r) => r[0] === id).map((r) => r[4]);
    expect(stepsOf(a.id)).toEqual(['受理', '交办', '归入共性问题', '办结']);
    expect(stepsOf(b.id)).toEqual(['受理', '交办', '归入共性问题', '办结']);
    expect(events.find((r) => r[0] === a.id && r[4] === '交办')?.[6]).toBe('交办至 人社局：请人社局牵头');

    // the last 12 months by department, on a wide screen: all five; 2 overdue; 1 of 2 回访 satisfied
    await page.setViewportSize({ width: 1280, height: 900 });
    await byTestId(page, 'period-custom').click();
    const yearAgo = new Date(Date.now() + 8 * 3_600_000 - 360 * 86_400_000).toISOString().slice(0, 10);
    await byTestId(page, 'period-from').fill(yearAgo);
    await byTestId(page, 'figures-group-by').selectOption('department');
    await expect.poll(() => byTestId(page, 'headline-received').getAttribute('data-value'), { timeout: 10_000 }).toBe('5');
    await expect.poll(() => byTestId(page, 'headline-overdue').getAttribute('data-value')).toBe('2');
    await expect.poll(() => byTestId(page, 'headline-satisfaction').getAttribute('data-value')).toBe('0.5');
    await expect.poll(() => byTestId(page, 'figures-row').count()).toBe(4);
    await screenshot(page, 'figures-wide');
    await context.close();
  });
});
