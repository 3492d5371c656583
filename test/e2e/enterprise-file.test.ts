/**
 * The complete enterprise file in the browser: every field filled (with the Chinese validation messages
 * for a bad USCC, phone, coordinates and employee count), "use my location", licences with days left;
 * two devices creating the same USCC offline end up with one file holding both users' fields and the
 * 合并提示 for the field both typed (and one commissioner's two devices end up with one file in his
 * portfolio); creating a USCC that already has a file opens that file.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enterpriseDocIdForUscc, generateDemoEnterprises, orgCodeCheckChar, usccCheckChar } from '@bangqi/shared';
import { newDevice, screenshot } from '../support/browser.ts';
import { byTestId, editField, fieldValue, goOffline, goOnlineAndSettle, pendingCount, signIn, useRelayAndBrowser } from './app.ts';

const env = useRelayAndBrowser();
/** Files the tests created so far (the coordinator and the admin see every file of the district). */
let created = 0;
const allFiles = () => generateDemoEnterprises().length + created;

/** A valid USCC with the given 8-character organisation-code body (both check characters computed). */
function uscc(body: string): string {
  const first17 = `91371302${body}${orgCodeCheckChar(body)}`;
  return first17 + usccCheckChar(first17);
}

const isoDay = (offsetDays: number) => new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

async function startCreate(page: Page, name: string, code: string): Promise<void> {
  await page.goto('/');
  await byTestId(page, 'enterprise-new').click();
  await byTestId(page, 'create-name').fill(name);
  await byTestId(page, 'create-uscc').fill(code);
  await byTestId(page, 'create-submit').click();
}

async function openedFile(page: Page): Promise<string> {
  await expect.poll(() => byTestId(page, 'file-page').isVisible(), { timeout: 15_000 }).toBe(true);
  return (await byTestId(page, 'file-page').getAttribute('data-id'))!;
}

async function addContact(page: Page, name: string, role: string, phone: string): Promise<void> {
  await byTestId(page, 'contact-new-name').fill(name);
  await byTestId(page, 'contact-new-role').fill(role);
  await byTestId(page, 'contact-new-phone').fill(phone);
  await byTestId(page, 'contact-add').click();
}

async function addLicence(page: Page, type: string, number: string, expiresOn: string): Promise<void> {
  await byTestId(page, 'licence-new-type').fill(type);
  await byTestId(page, 'licence-new-number').fill(number);
  await byTestId(page, 'licence-new-expires').fill(expiresOn);
  await byTestId(page, 'licence-add').click();
}

/** The file page scrolls inside its container: one screenshot per section. */
async function screenshotSections(page: Page, name: string): Promise<void> {
  await byTestId(page, 'file-page').evaluate((el) => el.scrollTo(0, 0));
  await screenshot(page, `${name}-profile`);
  for (const section of ['field-lat', 'contacts-section', 'licences-section', 'timeline']) {
    await byTestId(page, section).scrollIntoViewIfNeeded();
    await screenshot(page, `${name}-${section}`);
  }
}

async function deviceWithLocation(): Promise<BrowserContext> {
  const device = await newDevice(env.browser, env.relay.url);
  await device.grantPermissions(['geolocation']);
  await device.setGeolocation({ latitude: 35.066123, longitude: 118.342987 });
  return device;
}

describe('the enterprise file', () => {
  it('fills every field, with validation messages for bad input', async () => {
    const device = await deviceWithLocation();
    const page = await signIn(device, 'liuyang', allFiles());

    // The create dialog: name required, the USCC checked before anything is created.
    await page.goto('/');
    await byTestId(page, 'enterprise-new').click();
    await byTestId(page, 'create-submit').click();
    expect(await byTestId(page, 'create-name-error').textContent()).toBe('请填写企业名称');
    await byTestId(page, 'create-name').fill('临河瑞丰新材料有限公司');
    const code = uscc('MA7XR1F2');
    await byTestId(page, 'create-uscc').fill(code.slice(0, 17) + (code[17] === '0' ? '1' : '0'));
    expect(await byTestId(page, 'create-uscc-error').textContent()).toContain('校验位应为');
    await byTestId(page, 'create-uscc').fill(code.slice(0, 10) + 'I' + code.slice(11));
    expect(await byTestId(page, 'create-uscc-error').textContent()).toContain('第11位字符I不合法');
    await byTestId(page, 'create-uscc').fill(code.toLowerCase());
    expect(await byTestId(page, 'create-uscc-error').count()).toBe(0);
    await byTestId(page, 'create-submit').click();
    const id = await openedFile(page);
    created++;
    expect(id).toBe(enterpriseDocIdForUscc(code));
    expect(await fieldValue(page, 'field-uscc')).toBe(code);

    // Profile.
    await byTestId(page, 'former-name-new').fill('临河瑞丰化工厂');
    await byTestId(page, 'former-name-add').click();
    await editField(page, 'field-legalRep', '周建华');
    await editField(page, 'field-address', '临河区经济开发区纬二路18号');
    await editField(page, 'field-park', '临河化工产业园');
    await page.selectOption('[data-testid="field-town"]', '经济开发区');
    await page.selectOption('[data-testid="field-industry"]', '新材料');
    await page.selectOption('[data-testid="field-scale"]', '规上');
    await editField(page, 'field-employees', '-5');
    expect(await byTestId(page, 'employees-error').textContent()).toBe('员工人数应为不小于 0 的整数');
    await editField(page, 'field-employees', '236');
    expect(await byTestId(page, 'employees-error').count()).toBe(0);
    await byTestId(page, 'tag-专精特新').click();
    await byTestId(page, 'tag-规上').click();

    // Location: typed (range checked, a point abroad warned about), then "use my location".
    await editField(page, 'field-lat', '95');
    await editField(page, 'field-lng', '118.3');
    expect(await byTestId(page, 'location-error').textContent()).toBe('纬度应在 -90 到 90 之间');
    await editField(page, 'field-lat', '48.85');
    await editField(page, 'field-lng', '2.35');
    expect(await byTestId(page, 'location-error').count()).toBe(0);
    expect(await byTestId(page, 'location-warning').textContent()).toContain('不在中国境内');
    await byTestId(page, 'use-my-location').click();
    await expect.poll(() => fieldValue(page, 'field-lat')).toBe('35.066123');
    expect(await fieldValue(page, 'field-lng')).toBe('118.342987');
    expect(await byTestId(page, 'location-warning').count()).toBe(0);

    // Contacts: a bad phone is refused with its message; mobile and landline accepted; edit, remove.
    await addContact(page, '周建华', '董事长', '12345');
    expect(await byTestId(page, 'contact-error').textContent()).toContain('电话号码格式不正确');
    expect(await byTestId(page, 'contact').count()).toBe(0);
    await byTestId(page, 'contact-new-phone').fill('138 1234 5678');
    await byTestId(page, 'contact-add').click();
    await addContact(page, '钱芳', '财务', '0539-8123456');
    await addContact(page, '临时联系人', '', '');
    await expect.poll(() => byTestId(page, 'contact').count()).toBe(3);
    await byTestId(page, 'contact').nth(2).locator('[data-testid="contact-remove"]').click();
    await expect.poll(() => byTestId(page, 'contact').count()).toBe(2);
    const qian = byTestId(page, 'contact').nth(1);
    await qian.locator('[data-testid="contact-role"]').fill('财务总监');
    await qian.locator('[data-testid="contact-role"]').blur();
    await qian.locator('[data-testid="contact-phone"]').fill('8123');
    await qian.locator('[data-testid="contact-phone"]').blur();
    expect(await byTestId(page, 'contact-phone-error').textContent()).toContain('电话号码格式不正确');
    await qian.locator('[data-testid="contact-phone"]').fill('0539-8123457');
    await qian.locator('[data-testid="contact-phone"]').blur();
    expect(await byTestId(page, 'contact-phone-error').count()).toBe(0);

    // Licences: days left, an expired one in red.
    await addLicence(page, '排污许可证', '91371302MA7XR1F2001P', isoDay(12));
    await addLicence(page, '安全生产许可证', '(鲁)WH安许证字[2023]000123', isoDay(-3));
    await expect.poll(() => byTestId(page, 'licence').count()).toBe(2);
    const days = byTestId(page, 'licence-days');
    expect(await days.nth(0).textContent()).toBe('剩余 12 天');
    expect(await days.nth(1).textContent()).toBe('已过期 3 天');
    expect(await days.nth(1).evaluate((el) => getComputedStyle(el).color)).toBe('rgb(198, 40, 40)');

    await editField(page, 'field-note', '2026年新上一条改性材料生产线。');
    await expect.poll(() => pendingCount(page), { timeout: 20_000 }).toBe(0);

    // Timeline: creation and today's edits in one entry.
    expect(await byTestId(page, 'timeline-event').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind))).toEqual(['edits', 'created']);
    expect(await byTestId(page, 'timeline-event').first().textContent()).toContain('刘洋 修改了');
    await screenshotSections(page, 'enterprise-file');

    // Everything is in the doc: a reload shows it all, and the list row carries the new fields.
    await page.reload();
    await expect.poll(() => fieldValue(page, 'field-legalRep'), { timeout: 15_000 }).toBe('周建华');
    expect(await fieldValue(page, 'field-address')).toBe('临河区经济开发区纬二路18号');
    expect(await fieldValue(page, 'field-park')).toBe('临河化工产业园');
    expect(await fieldValue(page, 'field-scale')).toBe('规上');
    expect(await fieldValue(page, 'field-employees')).toBe('236');
    expect(await byTestId(page, 'former-name').textContent()).toContain('临河瑞丰化工厂');
    expect(await byTestId(page, 'contact').nth(0).locator('[data-testid="contact-phone"]').inputValue()).toBe('13812345678');
    expect(await byTestId(page, 'contact').nth(1).locator('[data-testid="contact-role"]').inputValue()).toBe('财务总监');
    expect(await byTestId(page, 'contact').nth(1).locator('[data-testid="contact-phone"]').inputValue()).toBe('0539-8123457');
    const row = await page.evaluate(async (docId) => {
      const open = indexedDB.open('bangqi-u-liuyang');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const get = db.transaction('enterprises').objectStore('enterprises').get(docId);
      return new Promise<Record<string, unknown>>((resolve) => (get.onsuccess = () => resolve(get.result as Record<string, unknown>)));
    }, id);
    expect(row).toMatchObject({ legalRep: '周建华', scale: '规上', employees: 236, lat: 35.066123, lng: 118.342987, contactsCount: 2, formerNames: ['临河瑞丰化工厂'] });
    expect((row.licences as unknown[]).length).toBe(2);
    await device.close();
  });

  it('two devices create the same USCC offline: one file with both users’ fields and the merge notice', async () => {
    const deviceA = await newDevice(env.browser, env.relay.url);
    const deviceB = await newDevice(env.browser, env.relay.url);
    const [a, b] = await Promise.all([signIn(deviceA, 'liuyang', allFiles()), signIn(deviceB, 'admin', allFiles())]);
    const code = uscc('MA9KT3W5');
    await goOffline(deviceA, a);
    await goOffline(deviceB, b);

    await startCreate(a, '临河恒通物流有限公司', code);
    const idA = await openedFile(a);
    await editField(a, 'field-legalRep', '孟庆国');
    await addContact(a, '孟庆国', '总经理', '13905391234');
    await startCreate(b, '临河恒通现代物流有限公司', code);
    const idB = await openedFile(b);
    expect(idB).toBe(idA);
    created++;
    await editField(b, 'field-address', '临河区滨河街道物流园3号');
    await addLicence(b, '道路运输经营许可证', '鲁交运管许可临字371302001234号', isoDay(200));
    expect(await pendingCount(a)).toBeGreaterThan(0);
    expect(await pendingCount(b)).toBeGreaterThan(0);

    await goOnlineAndSettle(deviceA, a);
    await goOnlineAndSettle(deviceB, b);
    for (const page of [a, b]) {
      await expect.poll(() => fieldValue(page, 'field-address'), { timeout: 20_000 }).toBe('临河区滨河街道物流园3号');
      await expect.poll(() => fieldValue(page, 'field-legalRep'), { timeout: 20_000 }).toBe('孟庆国');
      await expect.poll(() => byTestId(page, 'contact').count()).toBe(1);
      await expect.poll(() => byTestId(page, 'licence').count()).toBe(1);
      await expect.poll(() => byTestId(page, 'merge-field').count()).toBe(1);
      expect(await byTestId(page, 'merge-field').getAttribute('data-field')).toBe('name');
    }
    // One name was kept; the notice shows the other one and who typed it.
    const kept = await fieldValue(a, 'field-name');
    const other = kept === '临河恒通物流有限公司' ? '临河恒通现代物流有限公司' : '临河恒通物流有限公司';
    expect(await byTestId(a, 'merge-lost').textContent()).toContain(other);
    expect(await byTestId(a, 'merge-lost').textContent()).toContain(kept === '临河恒通物流有限公司' ? '系统管理员' : '刘洋');
    expect(await byTestId(a, 'refused-link').count()).toBe(0);
    expect(await byTestId(b, 'refused-link').count()).toBe(0);
    await byTestId(a, 'file-page').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(a, 'enterprise-file-merge-notice');

    // 改用此值 on one device: the other name is written and the notice closes on both devices.
    await byTestId(a, 'merge-use').click();
    for (const page of [a, b]) {
      await expect.poll(() => fieldValue(page, 'field-name'), { timeout: 20_000 }).toBe(other);
      await expect.poll(() => byTestId(page, 'merge-notice').count(), { timeout: 20_000 }).toBe(0);
    }
    // One file in both lists.
    for (const page of [a, b]) {
      await page.goto('/');
      await expect.poll(async () => Number(await byTestId(page, 'enterprise-count').getAttribute('data-count')), { timeout: 20_000 }).toBe(allFiles());
    }
    await deviceA.close();
    await deviceB.close();
  });

  it('one commissioner on two devices creates the same USCC offline: one file in his portfolio, nothing refused', async () => {
    const own = generateDemoEnterprises().filter((e) => e.responsibleId === 'u-zhangwei').length;
    const phone = await newDevice(env.browser, env.relay.url);
    const laptop = await newDevice(env.browser, env.relay.url);
    const [p, l] = await Promise.all([signIn(phone, 'zhangwei', own), signIn(laptop, 'zhangwei', own)]);
    const code = uscc('MA5BN8C1');
    await goOffline(phone, p);
    await goOffline(laptop, l);
    await startCreate(p, '临河博纳精工有限公司', code);
    await openedFile(p);
    await editField(p, 'field-legalRep', '刘博');
    await startCreate(l, '临河博纳精工有限公司', code);
    await openedFile(l);
    await addContact(l, '陈晨', '办公室主任', '13705391111');
    await goOnlineAndSettle(phone, p);
    await goOnlineAndSettle(laptop, l);
    created++;
    for (const page of [p, l]) {
      await expect.poll(() => fieldValue(page, 'field-legalRep'), { timeout: 20_000 }).toBe('刘博');
      await expect.poll(() => byTestId(page, 'contact').count(), { timeout: 20_000 }).toBe(1);
      expect(await byTestId(page, 'file-summary').getAttribute('data-user-id')).toBe('u-zhangwei');
      expect(await byTestId(page, 'merge-notice').count()).toBe(0);
      expect(await byTestId(page, 'refused-link').count()).toBe(0);
      await page.goto('/');
      await expect.poll(async () => Number(await byTestId(page, 'enterprise-count').getAttribute('data-count')), { timeout: 20_000 }).toBe(own + 1);
    }
    await phone.close();
    await laptop.close();
  });

  it('creating a USCC that already has a file opens that file', async () => {
    const device = await newDevice(env.browser, env.relay.url);
    const page = await signIn(device, 'liuyang', allFiles());
    const existing = generateDemoEnterprises()[3]!;
    await startCreate(page, '随便起的名字', existing.uscc.toLowerCase());
    expect(await openedFile(page)).toBe(existing.id);
    expect(await byTestId(page, 'file-existed').textContent()).toContain('已有档案');
    expect(await fieldValue(page, 'field-name')).toBe(existing.name);
    // Typing an existing USCC into another file links to the file that has it.
    await startCreate(page, '另一家企业', '');
    expect(await openedFile(page)).toMatch(/^ent-[0-9a-f]{32}$/);
    await editField(page, 'field-uscc', existing.uscc);
    expect(await byTestId(page, 'uscc-duplicate').textContent()).toContain(existing.name);
    await device.close();
  });
});
