/**
 * A photo from the camera or the gallery made fit for a visit record (see render.ts for what that is).
 * Runs in a Web Worker with OffscreenCanvas where the browser has both, so the form stays responsive;
 * elsewhere (older Safari) — or when the worker cannot start — on the page's own canvas.
 */
import { decodeUpright, PhotoUnreadableError } from './decode.ts';
import type { PhotoRequest, PhotoResponse } from './protocol.ts';
import { renderWithin, type PhotoMark, type Surface } from './render.ts';

export type { PhotoMark } from './render.ts';
export { PhotoUnreadableError } from './decode.ts';

export interface PreparedPhoto {
  /** image/jpeg, ≤ 300 KB (except a scene too detailed even at 480 px: then the smallest encoding) */
  blob: Blob;
  width: number;
  height: number;
  /** wall time of the whole preparation */
  ms: number;
}

/** Decodes (respecting EXIF orientation), scales so the long edge ≤ 1600 px (shrinks further if needed), draws a
 *  watermark strip (time YYYY-MM-DD HH:mm China time, enterprise name, place), re-encodes JPEG (EXIF gone with the
 *  re-encode) with quality stepping down until ≤ 300 KB. Throws PhotoUnreadableError for a file that is no image. */
export async function preparePhoto(file: Blob, mark: PhotoMark): Promise<PreparedPhoto> {
  return prepareWith(workerSupported() ? spawnPhotoWorker : null, file, mark);
}

function workerSupported(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined';
}

function spawnPhotoWorker(): Worker {
  return new Worker(new URL('./photoWorker.ts', import.meta.url), { type: 'module' });
}

/** preparePhoto with a given worker (null = on the main thread); the benchmark compares both. */
export async function prepareWith(spawn: (() => Worker) | null, file: Blob, mark: PhotoMark): Promise<PreparedPhoto> {
  const started = performance.now();
  let out: { blob: Blob; width: number; height: number } | null = null;
  if (spawn) {
    try {
      out = await inWorker(spawn, { file, mark });
    } catch (err) {
      if (err instanceof PhotoUnreadableError) throw err;
      console.warn('[photos] worker failed, preparing on the main thread', err);
    }
  }
  out ??= await onMainThread(file, mark);
  return { ...out, ms: Math.round(performance.now() - started) };
}

function inWorker(spawn: () => Worker, request: PhotoRequest): Promise<{ blob: Blob; width: number; height: number }> {
  return new Promise((resolve, reject) => {
    const worker = spawn();
    worker.onmessage = (e: MessageEvent<PhotoResponse>) => {
      worker.terminate();
      const r = e.data;
      if (r.ok) resolve({ blob: r.blob, width: r.width, height: r.height });
      else reject(r.error === 'unreadable' ? new PhotoUnreadableError(r.message) : new Error(r.message));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'photo worker failed to start'));
    };
    worker.postMessage(request);
  });
}

const pageCanvas: Surface<HTMLCanvasElement> = {
  canvas(width, height) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    return { canvas, ctx };
  },
  encode: (canvas, quality) =>
    new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob gave nothing'))), 'image/jpeg', quality)),
};

/** An <img> decode for browsers without createImageBitmap (img elements follow EXIF orientation by default). */
async function decodeWithImg(file: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    return img;
  } catch (err) {
    throw new PhotoUnreadableError(err);
  } finally {
    // decoded pixels stay with the element; the URL is no longer needed
    URL.revokeObjectURL(url);
  }
}

async function onMainThread(file: Blob, mark: PhotoMark): Promise<{ blob: Blob; width: number; height: number }> {
  if (typeof createImageBitmap === 'function') {
    const bitmap = await decodeUpright(file);
    try {
      return await renderWithin(pageCanvas, bitmap, bitmap.width, bitmap.height, mark);
    } finally {
      bitmap.close();
    }
  }
  const img = await decodeWithImg(file);
  return renderWithin(pageCanvas, img, img.naturalWidth, img.naturalHeight, mark);
}
