/**
 * Photo preparation off the main thread (OffscreenCanvas): decoding a 12-megapixel JPEG, scaling and
 * encoding take hundreds of ms on a cheap phone, which would freeze the visit form. One request per
 * worker (prepare.ts starts one per photo and ends it, so the decoded bitmap's memory goes with it).
 */
import { decodeUpright, PhotoUnreadableError } from './decode.ts';
import type { PhotoRequest, PhotoResponse } from './protocol.ts';
import { renderWithin, type Surface } from './render.ts';

const offscreen: Surface<OffscreenCanvas> = {
  canvas(width, height) {
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context on OffscreenCanvas');
    return { canvas, ctx };
  },
  encode: (canvas, quality) => canvas.convertToBlob({ type: 'image/jpeg', quality }),
};

const post = (msg: PhotoResponse) => (self as unknown as Worker).postMessage(msg);

self.onmessage = async (e: MessageEvent<PhotoRequest>) => {
  const { file, mark } = e.data;
  let bitmap: ImageBitmap | null = null;
  try {
    bitmap = await decodeUpright(file);
    const out = await renderWithin(offscreen, bitmap, bitmap.width, bitmap.height, mark);
    post({ ok: true, ...out });
  } catch (err) {
    post({ ok: false, error: err instanceof PhotoUnreadableError ? 'unreadable' : 'failed', message: String(err) });
  } finally {
    bitmap?.close();
  }
};
