/**
 * QA6 walk-through: 张伟 on a 390×844 phone signs in online, goes offline, records a visit on a file the
 * builders' tests did not use (check-in with 500 m accuracy, check-out 2 km away), 3 JPEGs carrying an EXIF
 * APP1 + the same JPEG a second time, captions, figures, demand items, next date; the tab crashes
 * mid-typing → reopened offline the draft is offered with every field; saved, online: PUTs counted, device
 * B (王强, team lead) sees visit, flags, distance, dwell, photos; blobs fetched from the relay ≤ 300 KB,
 * no Exif, the relay's doc holds hashes only.
 * Usage: QA_PORT=8860 npx tsx test/qa/6-visit.ts
 */
import { generateDemoEnterprises } from '@bangqi/shared';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { check, login, RawSync, sleep, summary } from './lib.ts';
import { pending, poll, tid } from './page.ts';

const port = Number(process.env.QA_PORT ?? 8860);
const http = `http://127.0.0.1:${port}`;
const shots = join(process.cwd(), '.tmp/qa-qa6');
mkdirSync(shots, { recursive: true });
const used = new Set(['ent-demo0011', 'ent-demo0051', 'ent-demo0044']);
const file = generateDemoEnterprises().filter((e) => e.responsibleId === 'u-zhangwei' && !used.has(e.id))[Number(process.env.QA_FILE_INDEX ?? 3)]!;
console.log('file', file.id, file.name);
const FACTORY = { latitude: 35.2, longitude: 118.5 };

const shot = (p: Page, name: string, full = false) => p.screenshot({ path: join(shots, `${name}.png`), fullPage: full });

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

/** Camera-like noisy JPEGs from the page's canvas, 2400×1800. */
async function jpegs(p: Page, n: number): Promise<Buffer[]> {
  const b64 = await p.evaluate(async (n) => {
    const out: string[] = [];
    for (let k = 0; k < n; k++) {
      const c = document.createElement('canvas');
      c.width = 2400;
      c.height = 1800;
      const g = c.getContext('2d')!;
      const img = g.createImageData(c.width, c.height);
      let s = 99 + k * 7;
      for (let i = 0; i < img.data.length; i += 4) {
        s = (s * 1664525 + 1013904223) >>> 0;
        const z = s % 80;
        img.data[i] = (30 + k * 70 + z) % 256;
        img.data[i + 1] = (90 + z) % 256;
        img.data[i + 2] = (200 - k * 50 + z) % 256;
        img.data[i + 3] = 255;
      }
      g.putImageData(img, 0, 0);
      g.fillStyle = '#000';
      g.font = '200px sans-serif';
      g.fillText(`QA6 设备 ${k + 1}`, 200, 900);
      const blob = await new Promise<Blob>((r) => c.toBlob((b) => r(b!), 'image/jpeg', 0.95));
      const u = new Uint8Array(await blob.arrayBuffer());
      let str = '';
      for (let i = 0; i < u.length; i += 0x8000) str += String.fromCharCode(...u.subarray(i, i + 0x8000));
      out.push(btoa(str));
    }
    return out;
  }, n);
  return b64.map((s) => withExif(Buffer.from(s, 'base64')));
}
/** Inserts an APP1 Exif segment (TIFF header + marker text) right after SOI, like a phone camera does. */
function withExif(jpeg: Buffer): Buffer {
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8, 0, 0]), Buffer.from('QA6-SECRET-GPS-35.2N', 'latin1')]);
  const len = Buffer.alloc(2);
  len.writeUInt16BE(payload.length + 2);
  return Buffer.concat([jpeg.subarray(0, 2), Buffer.from([0xff, 0xe1]), len, payload, jpeg.subarray(2)]);
}

const browser = await launchChromium();
const phone = { baseURL: http, locale: 'zh-CN', viewport: { width: 390, height: 844 }, serviceWorkers: 'allow' as const };
const devA = await browser.newContext({ ...phone, permissions: ['geolocation'], geolocation: { latitude: 35.2005, longitude: 118.5, accuracy: 500 } });
const puts: string[] = [];
devA.on('request', (r) => {
  // a request a service worker forwards is reported twice (page + worker): count the page's own only
  if (r.method() === 'PUT' && r.url().includes('/api/blobs/') && !r.serviceWorker()) puts.push(`${r.url().split('/api/blobs/')[1]!}@${r.headers()['upload-offset'] ?? '?'}`);
});
const putLog: string[] = [];
devA.on('requestfinished', (r) => {
  if (r.url().includes('/api/blobs/') && r.method() !== 'GET')
    void r.response().then((res) => putLog.push(`${r.method()} ${r.url().slice(-8)} sw=${!!r.serviceWorker()} off=${r.headers()['upload-offset'] ?? '-'} len=${r.postDataBuffer()?.length ?? 0} → ${res?.status()}`));
});
let a = await signIn(devA, 'zhangwei');
await a.goto(`/enterprises/${file.id}`);
await poll(() => tid(a, 'field-name').isVisible(), (v) => v === true);
await tid(a, 'field-lat').fill(String(FACTORY.latitude));
await tid(a, 'field-lng').fill(String(FACTORY.longitude));
await tid(a, 'field-lng').blur();
await poll(() => pending(a), (v) => v === 0);
const photos = await jpegs(a, 3);
console.log('input sizes', photos.map((b) => b.length));
check('input JPEGs carry Exif', photos.every((b) => b.includes(Buffer.from('Exif\0\0', 'latin1'))));

await devA.setOffline(true);
await poll(() => tid(a, 'sync-online').getAttribute('data-state', { timeout: 1000 }), (v) => v === 'offline');
await tid(a, 'visit-new').click();
await tid(a, 'visit-checkin').click();
const inFlags = await poll(() => tid(a, 'visit-checkin-stamp').getAttribute('data-flags', { timeout: 1000 }), (v) => v !== null && v !== undefined, 30_000);
const inDist = Number(await tid(a, 'visit-checkin-stamp').getAttribute('data-distance'));
check('check-in 55 m away with accuracy 500 m → poor-accuracy only', inFlags === 'poor-accuracy' && inDist > 45 && inDist < 65, { inFlags, inDist });
await a.selectOption('[data-testid="visit-type"]', '政策宣讲');
await tid(a, 'visit-companions').fill('镇经发办 周主任');
await tid(a, 'visit-purpose').fill('宣讲技改补贴申报');
await tid(a, 'visit-situation').fill('二号车间停产检修');
await tid(a, 'visit-figure-employees').fill('88');
await tid(a, 'visit-figure-revenueWan').fill('456.7');
await tid(a, 'visit-demand-add').click();
await tid(a, 'visit-demand').nth(0).fill('申请技改补贴辅导');
await tid(a, 'visit-demand-add').click();
await tid(a, 'visit-demand').nth(1).fill('道路破损需修复');
await tid(a, 'visit-policies').fill('技改补贴 30%');
const next = await a.evaluate(() => new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10));
await tid(a, 'visit-next').fill(next);
await tid(a, 'visit-files').setInputFiles(photos.map((buffer, i) => ({ name: `IMG_${i}.jpg`, mimeType: 'image/jpeg', buffer })));
await poll(async () => Number(await tid(a, 'visit-form-photos').getAttribute('data-count', { timeout: 1000 })), (v) => v === 3, 90_000);
// the first photo picked a second time
await tid(a, 'visit-files').setInputFiles({ name: 'IMG_0-again.jpg', mimeType: 'image/jpeg', buffer: photos[0]! });
await sleep(4000);
const afterDup = Number(await tid(a, 'visit-form-photos').getAttribute('data-count'));
console.log('photos after picking photo 1 again:', afterDup);
const captions = a.locator('[data-testid="visit-form-photos"] input[type="text"]');
const nCap = await captions.count();
for (let i = 0; i < nCap; i++) await captions.nth(i).fill(`说明${i + 1}`);
await devA.setGeolocation({ latitude: 35.22, longitude: 118.5, accuracy: 12 });
await tid(a, 'visit-checkout').click();
const outFlags = await poll(() => tid(a, 'visit-checkout-stamp').getAttribute('data-flags', { timeout: 1000 }), (v) => v === 'far', 30_000);
check('check-out 2.2 km away → far', outFlags === 'far', outFlags);
// mid-typing crash
await tid(a, 'visit-findings').pressSequentially('厂区东门围墙裂缝', { delay: 30 });
const cdp = await devA.newCDPSession(a);
const crashed = new Promise<void>((r) => a.once('crash', () => r()));
void cdp.send('Page.crash').catch(() => {});
await crashed;
const dead = a;
a = await devA.newPage();
a.on('pageerror', (e) => console.log(`[pageerror A2] ${e.message}`));
await a.goto(`/enterprises/${file.id}`);
const offered = await poll(() => tid(a, 'visit-draft-offer').isVisible(), (v) => v === true);
check('after crash, reopened offline: draft offered', offered === true);
await shot(a, '01-draft-offer');
await tid(a, 'visit-draft-resume').click();
const val = (id: string) => tid(a, id).inputValue();
const restored = {
  type: await val('visit-type'),
  companions: await val('visit-companions'),
  purpose: await val('visit-purpose'),
  findings: await val('visit-findings'),
  situation: await val('visit-situation'),
  policies: await val('visit-policies'),
  next: await val('visit-next'),
  emp: await val('visit-figure-employees'),
  rev: await val('visit-figure-revenueWan'),
  demands: await tid(a, 'visit-demand').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
  photos: Number(await tid(a, 'visit-form-photos').getAttribute('data-count')),
  captions: await a.locator('[data-testid="visit-form-photos"] input[type="text"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)),
  inFlags: await tid(a, 'visit-checkin-stamp').getAttribute('data-flags'),
  outFlags: await tid(a, 'visit-checkout-stamp').getAttribute('data-flags'),
};
const expected = {
  type: '政策宣讲', companions: '镇经发办 周主任', purpose: '宣讲技改补贴申报', findings: '厂区东门围墙裂缝', situation: '二号车间停产检修',
  policies: '技改补贴 30%', next, emp: '88', rev: '456.7', demands: ['申请技改补贴辅导', '道路破损需修复'], photos: afterDup,
  captions: Array.from({ length: nCap }, (_, i) => `说明${i + 1}`), inFlags: 'poor-accuracy', outFlags: 'far',
};
check('every field intact after crash', JSON.stringify(restored) === JSON.stringify(expected), restored);
await tid(a, 'visit-form').evaluate((el) => el.scrollIntoView());
await shot(a, '02-form-restored', true);
await tid(a, 'visit-save').click();
await poll(() => tid(a, 'visit-saved').isVisible(), (v) => v === true);
const visitId = (await tid(a, 'visit-item').first().getAttribute('data-id'))!;
check('visit saved offline, pending > 0', (await pending(a)) > 0);
check('no PUT while offline', puts.length === 0, puts.length);
await dead.close().catch(() => {}); // setOffline fails on a context holding a crashed page
await devA.setOffline(false);
await poll(() => pending(a), (v) => v === 0, 60_000);
await poll(async () => Number(await tid(a, 'blob-pending').getAttribute('data-count', { timeout: 1000 })), (v) => v === 0, 90_000);
await sleep(2000);
const hashes = await a.locator('[data-testid="visit-item"] [data-testid="photo-thumb"], [data-testid="photo-thumb"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-hash')))]);
const uniquePut = new Set(puts);
console.log(putLog.join('\n'));
// uploads go in 256 KiB chunks: each (hash, offset) must be sent once, and 3 distinct hashes in all
const putHashes = new Set(puts.map((x) => x.split('@')[0]));
check('each photo chunk PUT once, 3 blobs (duplicate pick not uploaded)', uniquePut.size === puts.length && putHashes.size === 3, { puts, distinctHashes: putHashes.size });

// device B
const devB = await browser.newContext(phone);
const b = await signIn(devB, 'wangqiang');
await b.goto(`/enterprises/${file.id}?visit=${visitId}`);
const bPurpose = await poll(() => tid(b, 'visit-d-purpose').textContent({ timeout: 1000 }), (v) => v === '宣讲技改补贴申报');
check('B sees the visit', bPurpose === '宣讲技改补贴申报');
const bIn = await tid(b, 'visit-d-checkin').getAttribute('data-flags');
const bOut = await tid(b, 'visit-d-checkout').getAttribute('data-flags');
const bDist = await tid(b, 'visit-d-checkout').getAttribute('data-distance');
const dwell = await tid(b, 'visit-d-dwell').textContent().catch(() => null);
check('B sees flags, distance, dwell', bIn === 'poor-accuracy' && bOut === 'far' && Number(bDist) > 2000 && !!dwell, { bIn, bOut, bDist, dwell });
const imgs = await poll(
  () => b.locator('[data-testid="visit-detail"] [data-testid="photo-img"]').evaluateAll((els) => els.map((i) => (i as HTMLImageElement).naturalWidth)),
  (v) => Array.isArray(v) && v.length === afterDup && v.every((w) => w > 0),
  60_000,
);
check('B photos load (naturalWidth>0)', Array.isArray(imgs) && imgs.every((w) => w > 0), imgs);
const capB = await b.locator('[data-testid="visit-detail"]').textContent();
check('B sees captions', (capB ?? '').includes('说明1'), '');
await tid(b, 'visit-detail').evaluate((el) => el.scrollIntoView());
await shot(b, '03-detail-b', true);

// blobs on the relay
const token = (await login(http, 'wangqiang', 'bangqi2026', 'qa6-tool')).body.accessToken;
const photoHashes = (await b.locator('[data-testid="visit-detail"] [data-testid="photo-thumb"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-hash')!)));
console.log('hashes', photoHashes, 'form hashes', hashes);
for (const [i, h] of photoHashes.entries()) {
  const r = await fetch(`${http}/api/blobs/${h}`, { headers: { Authorization: `Bearer ${token}` } });
  const buf = Buffer.from(await r.arrayBuffer());
  writeFileSync(join(shots, `blob-${i}.jpg`), buf);
  const exif = buf.includes(Buffer.from('Exif', 'latin1'));
  const secret = buf.includes(Buffer.from('QA6-SECRET', 'latin1'));
  check(`blob ${i}: ${buf.length} B ≤ 300 KB, no Exif`, r.status === 200 && buf.length <= 300 * 1024 && !exif && !secret, { status: r.status, bytes: buf.length, exif, secret });
}
// relay doc holds hashes only
const raw = await RawSync.open(`ws://127.0.0.1:${port}`, token, 'qa6-raw');
await raw.caughtUp();
await sleep(3000);
const doc = raw.doc(file.id);
void doc;
const all = Buffer.concat(raw.feeds(file.id).map((f) => Buffer.from(f.update)));
const json = all.toString('latin1');
const docBytes = all.length;
check('relay doc mentions the photo hashes and is small (no bytes)', photoHashes.every((h) => json.includes(h)) && docBytes < 50_000, { docBytes, hasHashes: photoHashes.map((h) => json.includes(h)) });
raw.close();

// history + team
await a.goto('/visits');
const expectVisits = Number(process.env.QA_EXPECT_VISITS ?? 1); // 张伟's visits this month on the relay after this run
const hc = await poll(() => tid(a, 'history-item').count(), (v) => v === expectVisits);
check('我的走访 lists the visit', hc === expectVisits, hc);
await shot(a, '04-history');
await b.goto('/team');
const tv = await poll(() => b.locator('[data-testid="team-member"][data-id="u-zhangwei"]').getAttribute('data-visits', { timeout: 1000 }), (v) => v === String(expectVisits));
check(`队伍走访 counts 张伟 ${expectVisits}`, tv === String(expectVisits), tv);
await shot(b, '05-team');
writeFileSync(join(shots, 'visit.json'), JSON.stringify({ file: file.id, visitId, puts }));
await browser.close();
summary();
