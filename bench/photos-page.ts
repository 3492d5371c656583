/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The photo benchmark's code inside the page (bundled by bench/photos.ts with esbuild, exposed as
 * `window.BenchPhotos`): the app's own preparePhoto (worker and main-thread paths), BlobService and
 * DocStore + addVisit, run in real Chromium on the relay's origin.
 */
import { createRoot, createSignal } from 'solid-js';
import type { PhotoRef, VisitInput } from '@bangqi/shared';
import { addVisit } from '@bangqi/shared/visits/visits';
import { prepareWith } from '../web/src/photos/prepare.ts';
import type { PhotoMark } from '../web/src/photos/render.ts';
import { createBlobService, type BlobService } from '../web/src/blobs/service.ts';
import { AppDb } from '../web/src/storage/db.ts';
import { DocStore } from '../web/src/domain/docStore.ts';

/** generated and prepared JPEGs by key */
const stored = { blobs: new Map<string, Blob>() };
let workerUrl = '';

const mark = (): PhotoMark => ({ at: Date.now(), enterpriseName: '临河精密机械制造有限公司', place: '临河区城关街道 工业园路 18 号' });

/**
 * A 4000×3000 "photo": sky-to-ground gradient, a few hundred soft shapes (buildings, machines) and
 * per-pixel sensor noise of ±10 — detail and noise like a phone photo, so JPEG sizes are realistic
 * (a uniform or purely random image would compress far better or far worse than a photo).
 */
async function makeJpeg(key: string, seed: number, width = 4000, height = 3000): Promise<{ bytes: number; ms: number }> {
  const started = performance.now();
  let x = seed >>> 0 || 1;
  const rnd = () => ((x = (x * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext('2d')!;
  const sky = ctx.createLinearGradient(0, 0, 0, height);
  sky.addColorStop(0, `hsl(${200 + rnd() * 20}, 60%, 75%)`);
  sky.addColorStop(0.55, '#dfe7ee');
  sky.addColorStop(0.56, '#7a7564');
  sky.addColorStop(1, '#4b4639');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 400; i++) {
    ctx.fillStyle = `hsla(${rnd() * 360}, ${20 + rnd() * 50}%, ${25 + rnd() * 50}%, ${0.4 + rnd() * 0.6})`;
    const w = 40 + rnd() * 600;
    const h = 40 + rnd() * 500;
    if (rnd() < 0.5) ctx.fillRect(rnd() * width, height * 0.3 + rnd() * height * 0.7 - h, w, h);
    else {
      ctx.beginPath();
      ctx.ellipse(rnd() * width, rnd() * height, w / 2, h / 2, rnd() * Math.PI, 0, 2 * Math.PI);
      ctx.fill();
    }
  }
  ctx.font = '120px sans-serif';
  ctx.fillStyle = '#b91c1c';
  ctx.fillText('临河精密机械 安全生产 人人有责', 300, height * 0.5);
  const img = ctx.getImageData(0, 0, width, height);
  const d = img.data;
  for (let i = 0; i < d.length; i += 4) {
    const n = (rnd() - 0.5) * 20;
    d[i] = d[i]! + n;
    d[i + 1] = d[i + 1]! + n;
    d[i + 2] = d[i + 2]! + n;
  }
  ctx.putImageData(img, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  stored.blobs.set(key, blob);
  return { bytes: blob.size, ms: performance.now() - started };
}

const spawn = () => new Worker(workerUrl);

/** The baseline: the photo re-encoded as it is (no resize), canvas.toBlob at quality 0.92. */
async function baseline(key: string): Promise<{ bytes: number; ms: number; width: number; height: number }> {
  const started = performance.now();
  const bitmap = await createImageBitmap(stored.blobs.get(key)!);
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  const blob = await new Promise<Blob>((resolve) => canvas.toBlob((b) => resolve(b!), 'image/jpeg', 0.92));
  bitmap.close();
  return { bytes: blob.size, ms: performance.now() - started, width: canvas.width, height: canvas.height };
}

/** Main-thread tasks over 50 ms (Long Tasks API) while `work` runs: what the form's user would feel. */
async function longestTask<T>(work: () => Promise<T>): Promise<{ result: T; longTaskMs: number }> {
  const tasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push(e.duration);
  });
  observer.observe({ type: 'longtask' });
  const result = await work();
  // entries are delivered asynchronously: let the last ones arrive
  await new Promise((r) => setTimeout(r, 50));
  observer.disconnect();
  return { result, longTaskMs: tasks.length === 0 ? 0 : Math.round(Math.max(...tasks)) };
}

async function compress(key: string, where: 'worker' | 'main'): Promise<{ bytes: number; ms: number; width: number; height: number; longTaskMs: number }> {
  const { result: out, longTaskMs } = await longestTask(() => prepareWith(where === 'worker' ? spawn : null, stored.blobs.get(key)!, mark()));
  stored.blobs.set(`${key}:prepared`, out.blob);
  return { bytes: out.blob.size, ms: out.ms, width: out.width, height: out.height, longTaskMs };
}

let db: AppDb | null = null;
let docs: DocStore | null = null;
let service: BlobService | null = null;

function open(dbName: string, token: string): void {
  db = new AppDb(dbName);
  docs = new DocStore({ db });
  service = createRoot(() => {
    // offline until the upload is timed separately
    const [online, setOnline] = createSignal(false);
    const s = createBlobService({ db: db!, token: () => token, baseUrl: location.origin, online });
    (window as unknown as { benchGoOnline: () => void }).benchGoOnline = () => {
      setOnline(true);
      s.kick();
    };
    return s;
  });
}

/** What the visit form does on 保存 with three photos taken: prepare + put each, then one doc write. */
async function saveVisit(keys: string[], docId: string): Promise<{ ms: number; prepareMs: number[]; putMs: number[]; writeMs: number; bytes: number[] }> {
  const started = performance.now();
  const prepareMs: number[] = [];
  const putMs: number[] = [];
  const photos: PhotoRef[] = [];
  for (const key of keys) {
    const p = await prepareWith(spawn, stored.blobs.get(key)!, mark());
    prepareMs.push(p.ms);
    const t = performance.now();
    const { hash, bytes } = await service!.put(p.blob, 'image/jpeg');
    putMs.push(performance.now() - t);
    photos.push({ hash, bytes, width: p.width, height: p.height, mime: 'image/jpeg', takenAt: Date.now(), caption: '' });
  }
  const t = performance.now();
  const handle = docs!.acquire(docId);
  await handle.ready;
  const now = Date.now();
  const visit: VisitInput = {
    type: '日常走访',
    visitedAt: now,
    visitors: ['u-zhangwei'],
    companions: '',
    purpose: '了解生产经营情况',
    findings: '订单稳定，用工缺口约 20 人',
    situation: '',
    figures: { outputWan: null, revenueWan: null, taxWan: null, employees: null },
    demandItems: [],
    demandIds: [],
    policies: '',
    nextVisitOn: '',
    checkIn: null,
    checkOut: null,
    photos,
    planId: '',
  };
  addVisit(handle.doc, visit, 'u-zhangwei', now);
  await handle.flush();
  handle.release();
  const writeMs = performance.now() - t;
  return { ms: performance.now() - started, prepareMs, putMs, writeMs, bytes: photos.map((p) => p.bytes) };
}

/** Uploads everything put so far; resolves with the time until nothing is pending. */
async function uploadAll(): Promise<{ ms: number; pending: number }> {
  const started = performance.now();
  (window as unknown as { benchGoOnline: () => void }).benchGoOnline();
  const deadline = started + 60_000;
  while (service!.pending() > 0 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return { ms: performance.now() - started, pending: service!.pending() };
}

(window as unknown as { BenchPhotos: unknown }).BenchPhotos = {
  setWorker: (code: string) => (workerUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }))),
  makeJpeg,
  baseline,
  compress,
  open,
  saveVisit,
  uploadAll,
};
