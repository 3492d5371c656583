/** Messages between prepare.ts (the page) and photoWorker.ts. */
import type { PhotoMark } from './render.ts';

export interface PhotoRequest {
  file: Blob;
  mark: PhotoMark;
}

export type PhotoResponse =
  | { ok: true; blob: Blob; width: number; height: number }
  /** `unreadable`: the bytes are not an image this browser decodes; `failed`: the worker itself could not draw */
  | { ok: false; error: 'unreadable' | 'failed'; message: string };
