/**
 * 走访 on a phone in a factory yard: device A (张伟, 390×844, geolocation overridden) records a visit
 * OFFLINE — GPS check-in inside the radius, check-out 2 km away (flagged 超出范围), three photos, every
 * field filled — reloads while offline and gets the whole draft back; a full disk (IndexedDB writes to
 * `blobs` throwing QuotaExceededError, injected with addInitScript) shows the message and keeps the text;
 * saved, back online, device B (王强, the team lead) sees the visit and its photos load, and the team view
 * counts it.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { newDevice, screenshot } from '../support/browser.ts';
import { byTestId, editField, goOffline, goOnlineAndSettle, openFile, pendingCount, signIn, useRelayAndBrowser } from './app.ts';

/** In 张伟's portfolio, team 高端装备制造专项服务队 (led by 王强). */
const FILE = 'ent-demo0011';
/** Where we put the factory (demo files have no location). */
const FACTORY = { latitude: 35.06, longitude: 118.34 };
/** ≈110 m north: inside the default 500 m radius. */
const INSIDE = { latitude: 35.061, longitude: 118.34, accuracy: 15 };
/** ≈2.2 km north: outside. */
const OUTSIDE = { latitude: 35.08, longitude: 118.34, accuracy: 20 };

const env = useRelayAndBrowser();

const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../.tmp/shots-visits');

/** What a phone user sees with `testId` scrolled to the top of the screen (viewport only). */
async function phoneShot(page: Page, testId: string, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await byTestId(page, testId)
    .first()
    .evaluate((el) => {
      el.scrollIntoView({ block: 'start' });
      window.scrollTo(0, 0); // only the page's own scroller moves, as a finger would
    });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** Three different noisy JPEGs made by the page's canvas (like camera photos, not flat colour). */
async function makeJpegs(page: Page, count: number, first = 0): Promise<Buffer[]> {
  const b64 = await page.evaluate(async ([count, first]) => {
    const out: string[] = [];
    for (let n = first; n < first + count; n++) {
      const c = document.createElement('canvas');
      c.width = 1600;
      c.height = 1200;
      const g = c.getContext('2d')!;
      const img = g.createImageData(c.width, c.height);
      let seed = 7 + n * 101;
      for (let i = 0; i < img.data.length; i += 4) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        const noise = seed % 60;
        img.data[i] = (60 + n * 60 + noise) % 256;
        img.data[i + 1] = 120 + noise;
        img.data[i + 2] = Math.abs(180 - n * 40 + noise) % 256;
        img.data[i + 3] = 255;
      }
      g.putImageData(img, 0, 0);
      g.fillStyle = '#fff';
      g.font = '120px sans-serif';
      g.fillText(`车间 ${n + 1}`, 200, 600);
      const blob = await new Promise<Blob>((resolve) => c.toBlob((b) => resolve(b!), 'image/jpeg', 0.92));
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out.push(btoa(s));
    }
    return out;
  }, [count, first] as const);
  return b64.map((s) => Buffer.from(s, 'base64'));
}

const TEXT = {
  companions: '区发改局 李科长',
  purpose: '了解二季度用工和订单情况',
  findings: '订单增长 30%，焊工缺口 12 人',
  situation: '生产正常，新厂房 9 月投产',
  policies: '稳岗补贴、研发费用加计扣除',
  demand1: '招聘焊工 12 人',
  demand2: '协调新厂房电力增容',
};
const FIGURES = { outputWan: '1200', revenueWan: '980.5', taxWan: '75', employees: '230' };

async function formValues(page: Page) {
  const val = (id: string) => byTestId(page, id).inputValue();
  return {
    type: await val('visit-type'),
    companions: await val('visit-companions'),
    purpose: await val('visit-purpose'),
    findings: await val('visit-findings'),
    situation: await val('visit-situation'),
    policies: await val('visit-policies'),
    next: await val('visit-next'),
    demands: await byTestId(page, 'visit-demand').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
    figures: {
      outputWan: await val('visit-figure-outputWan'),
      revenueWan: await val('visit-figure-revenueWan'),
      taxWan: await val('visit-figure-taxWan'),
      employees: await val('visit-figure-employees'),
    },
    visitors: await page.locator('[data-testid="visit-visitor"][aria-pressed="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')).sort()),
    photos: Number(await byTestId(page, 'visit-form-photos').getAttribute('data-count')),
    checkInFlags: await byTestId(page, 'visit-checkin-stamp').getAttribute('data-flags'),
    checkOutFlags: await byTestId(page, 'visit-checkout-stamp').getAttribute('data-flags'),
  };
}

describe('visits', () => {
  it('records an offline visit with GPS and photos, survives an offline reload and a full disk, and reaches the team lead', async () => {
    const deviceA = await env.browser.newContext({
      baseURL: env.relay.url,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      serviceWorkers: 'allow',
      permissions: ['geolocation'],
      geolocation: INSIDE,
    });
    // A full disk, on demand: IndexedDB writes to `blobs` throw QuotaExceededError while the flag is set.
    await deviceA.addInitScript(() => {
      for (const m of ['put', 'add'] as const) {
        const orig = IDBObjectStore.prototype[m];
        IDBObjectStore.prototype[m] = function (this: IDBObjectStore, ...args: [unknown, IDBValidKey?]) {
          if (this.name === 'blobs' && localStorage.getItem('e2e-quota-full') === '1') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
          return orig.apply(this, args);
        } as typeof orig;
      }
    });
    const deviceB = await newDevice(env.browser, env.relay.url);
    const a = await signIn(deviceA, 'zhangwei');
    const b = await signIn(deviceB, 'wangqiang');

    // The factory's location (online, so device B has it too).
    await openFile(a, FILE);
    await byTestId(a, 'field-lat').fill(String(FACTORY.latitude));
    await editField(a, 'field-lng', String(FACTORY.longitude));
    await expect.poll(() => pendingCount(a), { timeout: 15_000 }).toBe(0);
    const jpegs = await makeJpegs(a, 3);

    await goOffline(deviceA, a);
    await byTestId(a, 'visit-new').click();
    await expect.poll(() => byTestId(a, 'visit-form').isVisible()).toBe(true);

    // Check-in ≈110 m from the factory: no flags.
    await byTestId(a, 'visit-checkin').click();
    await expect.poll(() => byTestId(a, 'visit-checkin-stamp').getAttribute('data-flags'), { timeout: 30_000 }).toBe('');
    const distanceIn = Number(await byTestId(a, 'visit-checkin-stamp').getAttribute('data-distance'));
    expect(distanceIn).toBeGreaterThan(90);
    expect(distanceIn).toBeLessThan(130);

    await a.selectOption('[data-testid="visit-type"]', '诉求跟进');
    await a.locator('[data-testid="visit-visitor"][data-id="u-lina"]').click();
    await byTestId(a, 'visit-companions').fill(TEXT.companions);
    await byTestId(a, 'visit-purpose').fill(TEXT.purpose);
    await byTestId(a, 'visit-findings').fill(TEXT.findings);
    await byTestId(a, 'visit-situation').fill(TEXT.situation);
    for (const [k, value] of Object.entries(FIGURES)) await byTestId(a, `visit-figure-${k}`).fill(value);
    await byTestId(a, 'visit-demand-add').click();
    await byTestId(a, 'visit-demand').nth(0).fill(TEXT.demand1);
    await byTestId(a, 'visit-demand-add').click();
    await byTestId(a, 'visit-demand').nth(1).fill(TEXT.demand2);
    await byTestId(a, 'visit-policies').fill(TEXT.policies);
    const next = await a.evaluate(() => {
      const d = new Date(Date.now() + 14 * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await byTestId(a, 'visit-next').fill(next);

    // Three photos from the camera input (compressed and stored as blobs at once).
    await byTestId(a, 'visit-files').setInputFiles(jpegs.map((buffer, i) => ({ name: `photo${i + 1}.jpg`, mimeType: 'image/jpeg', buffer })));
    await expect.poll(async () => Number(await byTestId(a, 'visit-form-photos').getAttribute('data-count')), { timeout: 60_000 }).toBe(3);
    await expect.poll(() => a.locator('[data-testid="visit-form"] [data-testid="photo-img"]').count(), { timeout: 15_000 }).toBe(3);
    // The same picture picked again (its watermark time would differ): recognised by the original's hash, not added twice.
    await byTestId(a, 'visit-files').setInputFiles({ name: 'photo1.jpg', mimeType: 'image/jpeg', buffer: jpegs[0]! });
    await expect.poll(() => byTestId(a, 'visit-photo-error').textContent(), { timeout: 30_000 }).toContain('已经添加过');
    expect(Number(await byTestId(a, 'visit-form-photos').getAttribute('data-count'))).toBe(3);

    // Check-out from 2.2 km away: flagged 超出范围; dwell time shown.
    await deviceA.setGeolocation(OUTSIDE);
    await byTestId(a, 'visit-checkout').click();
    await expect.poll(() => byTestId(a, 'visit-checkout-stamp').getAttribute('data-flags'), { timeout: 30_000 }).toBe('far');
    await expect.poll(() => byTestId(a, 'visit-dwell').isVisible()).toBe(true);
    await screenshot(a, 'visits-form-phone');
    for (const [id, name] of [['visit-form', 'form-1-top'], ['visit-visitors', 'form-2-visitors'], ['visit-situation', 'form-3-figures'], ['visit-demands', 'form-4-demands'], ['visit-form-photos', 'form-5-photos']] as const) {
      await phoneShot(a, id, name);
    }
    const before = await formValues(a);
    expect(before).toMatchObject({
      type: '诉求跟进',
      companions: TEXT.companions,
      purpose: TEXT.purpose,
      findings: TEXT.findings,
      situation: TEXT.situation,
      policies: TEXT.policies,
      next,
      demands: [TEXT.demand1, TEXT.demand2],
      figures: FIGURES,
      photos: 3,
      checkInFlags: '',
      checkOutFlags: 'far',
    });
    expect(before.visitors).toEqual(['u-lina', 'u-zhangwei']);

    // Reload while offline: the draft is offered back and every field is intact.
    await a.reload();
    await expect.poll(() => byTestId(a, 'visit-draft-offer').isVisible(), { timeout: 30_000 }).toBe(true);
    await screenshot(a, 'visits-draft-offer');
    await phoneShot(a, 'visits-section', 'draft-offer');
    await byTestId(a, 'visit-draft-resume').click();
    expect(await formValues(a)).toEqual(before);
    await expect.poll(() => a.locator('[data-testid="visit-form"] [data-testid="photo-img"]').count(), { timeout: 15_000 }).toBe(3);

    // A full disk: the fourth photo is refused with the message; the text stays (and survives a reload).
    await a.evaluate(() => localStorage.setItem('e2e-quota-full', '1'));
    const [fourth] = await makeJpegs(a, 1, 3);
    await byTestId(a, 'visit-camera').setInputFiles({ name: 'photo4.jpg', mimeType: 'image/jpeg', buffer: fourth! });
    await expect.poll(() => byTestId(a, 'visit-photo-error').textContent(), { timeout: 30_000 }).toContain('存储空间已满');
    await screenshot(a, 'visits-quota');
    await phoneShot(a, 'visit-photo-error', 'form-6-quota');
    expect(await formValues(a)).toEqual(before);
    await a.evaluate(() => localStorage.removeItem('e2e-quota-full'));

    // Save (still offline): the draft is gone, the visit is listed, the change waits for sync.
    await byTestId(a, 'visit-save').click();
    await expect.poll(() => byTestId(a, 'visit-saved').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => byTestId(a, 'visit-item').count()).toBe(1);
    expect(await byTestId(a, 'visit-draft-offer').count()).toBe(0);
    expect(await pendingCount(a)).toBeGreaterThan(0);
    const visitId = (await byTestId(a, 'visit-item').getAttribute('data-id'))!;
    await byTestId(a, 'visit-toggle').click();
    await expect.poll(() => byTestId(a, 'visit-d-purpose').textContent()).toBe(TEXT.purpose);
    await screenshot(a, 'visits-detail-a');

    // Back online: text and photos upload.
    await goOnlineAndSettle(deviceA, a);
    await expect.poll(async () => Number(await byTestId(a, 'blob-pending').getAttribute('data-count')), { timeout: 60_000 }).toBe(0);

    // Device B (the team lead) sees the visit, its flags and its photos.
    await b.goto(`/enterprises/${FILE}?visit=${visitId}`);
    await expect.poll(() => byTestId(b, 'visit-d-purpose').textContent(), { timeout: 30_000 }).toBe(TEXT.purpose);
    expect(await byTestId(b, 'visit-d-findings').textContent()).toBe(TEXT.findings);
    expect(await byTestId(b, 'visit-d-visitors').textContent()).toBe('张伟、李娜');
    expect(await byTestId(b, 'visit-d-checkout').getAttribute('data-flags')).toBe('far');
    expect(await byTestId(b, 'visit-d-checkin').getAttribute('data-flags')).toBe('');
    await expect
      .poll(
        () => b.locator('[data-testid="visit-detail"] [data-testid="photo-img"]').evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0)),
        { timeout: 60_000 },
      )
      .toEqual([true, true, true]);
    await screenshot(b, 'visits-detail-b');
    await phoneShot(b, 'visit-detail', 'detail-b');
    expect(await b.locator('[data-testid="timeline-event"][data-kind="visit"]').count()).toBe(1);

    // 我的走访 on A, and the team view on B count it.
    await a.goto('/visits');
    await expect.poll(() => byTestId(a, 'history-item').count(), { timeout: 15_000 }).toBe(1);
    await screenshot(a, 'visits-history');
    await phoneShot(a, 'history-page', 'history');
    await b.goto('/team');
    await expect.poll(() => b.locator('[data-testid="team-member"][data-id="u-zhangwei"]').getAttribute('data-visits'), { timeout: 15_000 }).toBe('1');
    expect(await b.locator('[data-testid="team-member"][data-id="u-lina"]').getAttribute('data-visits')).toBe('1');
    await screenshot(b, 'visits-team');
    await phoneShot(b, 'team-page', 'team');

    await deviceA.close();
    await deviceB.close();
  }, 240_000);

  it('saves a visit without location permission (flagged 未授权定位) and explains what is missing in Chinese', async () => {
    // No geolocation permission granted: Chromium refuses the request like a user tapping 拒绝.
    const device = await env.browser.newContext({ baseURL: env.relay.url, locale: 'zh-CN', viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' });
    const page = await signIn(device, 'zhangwei');
    await openFile(page, 'ent-demo0051');
    await byTestId(page, 'visit-new').click();
    await byTestId(page, 'visit-checkin').click();
    await expect.poll(() => byTestId(page, 'visit-checkin-stamp').getAttribute('data-flags'), { timeout: 30_000 }).toBe('denied');
    expect(await byTestId(page, 'visit-checkin-stamp').textContent()).toContain('未授权定位');

    // Nothing typed, a negative figure and a past next-visit day: the form says what to fix.
    await byTestId(page, 'visit-figure-employees').fill('-3');
    await byTestId(page, 'visit-next').fill('2020-01-01');
    await byTestId(page, 'visit-save').click();
    await expect.poll(() => byTestId(page, 'visit-error-purpose').textContent()).toBe('请填写走访目的或发现情况（至少一项）');
    expect(await byTestId(page, 'visit-figure-error').textContent()).toBe('用工（人）应为不小于 0 的数字');
    expect(await byTestId(page, 'visit-error-next').textContent()).toBe('下次走访日期不能早于今天');
    await phoneShot(page, 'visit-form', 'form-7-errors');
    expect(await byTestId(page, 'visit-item').count()).toBe(0);

    await byTestId(page, 'visit-findings').fill('门卫说负责人出差，未见到');
    await byTestId(page, 'visit-figure-employees').fill('');
    await byTestId(page, 'visit-next').fill('');
    await byTestId(page, 'visit-save').click();
    await expect.poll(() => byTestId(page, 'visit-item').count(), { timeout: 15_000 }).toBe(1);
    expect(await byTestId(page, 'visit-item').textContent()).toContain('未授权定位');
    await expect.poll(() => pendingCount(page), { timeout: 30_000 }).toBe(0);

    // Corrected later: only the changed field is written; the check-in stays as it was.
    await byTestId(page, 'visit-toggle').click();
    await byTestId(page, 'visit-edit').click();
    expect(await byTestId(page, 'visit-findings').inputValue()).toBe('门卫说负责人出差，未见到');
    await byTestId(page, 'visit-findings').fill('门卫说负责人出差，约定下周再来');
    await byTestId(page, 'visit-save').click();
    await expect.poll(() => byTestId(page, 'visit-saved').textContent(), { timeout: 15_000 }).toBe('修改已保存');
    await expect.poll(() => byTestId(page, 'visit-d-findings').textContent()).toBe('门卫说负责人出差，约定下周再来');
    expect(await byTestId(page, 'visit-d-checkin').getAttribute('data-flags')).toBe('denied');
    expect(await byTestId(page, 'visit-item').count()).toBe(1);
    await device.close();
  }, 120_000);

  it('keeps the visit being typed when the tab crashes mid-word (no pagehide)', async () => {
    const device = await newDevice(env.browser, env.relay.url);
    const page = await signIn(device, 'lina');
    await openFile(page, 'ent-demo0044');
    await byTestId(page, 'visit-new').click();
    await byTestId(page, 'visit-purpose').pressSequentially('崩溃前刚输入的走访目的');
    const cdp = await device.newCDPSession(page);
    const crashed = new Promise<void>((resolve) => page.once('crash', () => resolve()));
    void cdp.send('Page.crash').catch(() => {});
    await crashed;
    const again = await device.newPage();
    await openFile(again, 'ent-demo0044');
    await expect.poll(() => byTestId(again, 'visit-draft-offer').isVisible(), { timeout: 15_000 }).toBe(true);
    await byTestId(again, 'visit-draft-resume').click();
    expect(await byTestId(again, 'visit-purpose').inputValue()).toBe('崩溃前刚输入的走访目的');
    // 放弃 (confirmed) clears it for good.
    await byTestId(again, 'visit-cancel').click();
    again.once('dialog', (d) => void d.accept());
    await byTestId(again, 'visit-draft-discard').click();
    await expect.poll(() => byTestId(again, 'visit-draft-offer').count()).toBe(0);
    await again.reload();
    await expect.poll(() => byTestId(again, 'visit-new').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await byTestId(again, 'visit-draft-offer').count()).toBe(0);
    await device.close();
  }, 120_000);
});
