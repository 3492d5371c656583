/**
 * Page side of photos.test.ts (bundled with esbuild, exposed as `window.PhotoTest`): the app's own
 * preparePhoto and BlobService running in real Chromium on the relay's origin.
 */
import { createRoot, createSignal } from 'solid-js';
import { prepareWith } from '../../web/src/photos/prepare.ts';
import { createBlobService, type BlobService } from '../../web/src/blobs/service.ts';
import { AppDb } from '../../web/src/storage/db.ts';

let workerUrl = '';

// bytes cross page.evaluate as base64 (a JSON array of numbers for megabytes is very slow)
const fromBase64 = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
let service: BlobService | null = null;
let db: AppDb | null = null;
let setOnline: (v: boolean) => void = () => {};

/** A JPEG made by the page: w×h, red block in the top-left quarter, blue elsewhere, light noise. */
async function makeJpeg(w: number, h: number): Promise<string> {
  const canvas = new OffscreenCanvas(w, h);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#1d4ed8';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#dc2626';
  ctx.fillRect(0, 0, w / 2, h / 2);
  const img = ctx.getImageData(0, 0, w, h);
  let x = 7;
  for (let i = 0; i < img.data.length; i += 4) {
    x = (x * 1664525 + 1013904223) >>> 0;
    const n = ((x >>> 24) - 128) / 16;
    img.data[i] = img.data[i]! + n;
    img.data[i + 1] = img.data[i + 1]! + n;
    img.data[i + 2] = img.data[i + 2]! + n;
  }
  ctx.putImageData(img, 0, 0);
  const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
  return toBase64(new Uint8Array(await blob.arrayBuffer()));
}

/** Prepares `bytes` and describes the result: size, bytes, and the colour at a few relative points. */
async function prepare(bytes: string, where: 'worker' | 'main', points: [number, number][]) {
  const file = new Blob([fromBase64(bytes)], { type: 'image/jpeg' });
  const out = await prepareWith(where === 'worker' ? () => new Worker(workerUrl) : null, file, {
    at: Date.UTC(2026, 11, 4, 2, 30),
    enterpriseName: '临河精密机械制造有限公司',
    place: '临河区城关街道',
  });
  const bitmap = await createImageBitmap(out.blob);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(bitmap, 0, 0);
  const colours = points.map(([fx, fy]) => [...ctx.getImageData(Math.floor(fx * bitmap.width), Math.floor(fy * bitmap.height), 1, 1).data.slice(0, 3)]);
  // the bottom strip: how many pixels in the bottom 4 % are near white (watermark text)
  const stripH = Math.max(1, Math.floor(bitmap.height * 0.04));
  const strip = ctx.getImageData(0, bitmap.height - stripH, bitmap.width, stripH).data;
  let white = 0;
  for (let i = 0; i < strip.length; i += 4) if (strip[i]! > 200 && strip[i + 1]! > 200 && strip[i + 2]! > 200) white++;
  return {
    width: out.width,
    height: out.height,
    decodedWidth: bitmap.width,
    decodedHeight: bitmap.height,
    type: out.blob.type,
    bytes: toBase64(new Uint8Array(await out.blob.arrayBuffer())),
    colours,
    whiteInStrip: white,
  };
}

function open(dbName: string, token: string, online: boolean): void {
  db = new AppDb(dbName);
  service = createRoot(() => {
    const [isOnline, set] = createSignal(online);
    setOnline = set;
    return createBlobService({ db: db!, token: () => token, baseUrl: location.origin, online: isOnline, log: () => {} });
  });
}

/** Random (incompressible) bytes, like an attachment: `n` long, stored through the service. */
async function putRandom(n: number, seed: number): Promise<{ hash: string; bytes: number }> {
  const data = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = x >>> 24;
  }
  return service!.put(new Blob([data]), 'application/octet-stream');
}

async function putBytes(bytes: string, mime: string) {
  return service!.put(new Blob([fromBase64(bytes)]), mime);
}

(window as unknown as { PhotoTest: unknown }).PhotoTest = {
  setWorker: (code: string) => (workerUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }))),
  makeJpeg,
  prepare,
  open,
  putRandom,
  putBytes,
  goOnline: () => {
    setOnline(true);
    service!.kick();
  },
  kick: () => service!.kick(),
  pending: () => service!.pending(),
  lastError: () => service!.lastError(),
  rows: async () => (await db!.blobs.toArray()).map((r) => ({ hash: r.hash, uploaded: r.uploaded, bytes: r.bytes, mime: r.mime })),
  /** the object URL's image decoded: its natural size (0 when not an image), or null without a URL */
  show: async (hash: string) => {
    const url = await service!.objectUrl(hash);
    if (!url) return null;
    const img = new Image();
    img.src = url;
    await img.decode().catch(() => {});
    service!.release(hash);
    return { width: img.naturalWidth, height: img.naturalHeight };
  },
};
