/**
 * One blob's upload against the relay's blob API (docs/protocol.md "Blobs"):
 *  HEAD first — 200: the relay has it (nothing is sent); 404 + Upload-Offset: resume from there.
 *  Then PUT chunks of ≤ 256 KiB with Upload-Offset / Upload-Length: 200 {offset} continue, 201 or
 *  200 {existed} done, 409 {offset} resume from the relay's offset (another tab or a lost answer).
 * Everything else is an outcome for the caller's loop (service.ts) to act on: back off, refresh the
 * token, re-hash, or give up on this blob. The function holds one chunk in memory at a time.
 */
import { Reason, type ReasonCode } from '@bangqi/shared/errors';

export const CHUNK_BYTES = 256 * 1024;
/** consecutive 409s on one blob before the loop backs off (two writers racing would otherwise spin) */
const MAX_CONFLICTS = 8;

export type UploadOutcome =
  | { kind: 'done'; existed: boolean; sent: number }
  /** network error, 5xx, 429, or a confused relay: try again later */
  | { kind: 'retry'; status: number }
  | { kind: 'unauthenticated' }
  /** 422: the relay hashed the complete bytes to something else (its partial is gone) */
  | { kind: 'mismatch' }
  /** will never succeed as it is (too large, refused as malformed) */
  | { kind: 'failed'; reason: ReasonCode };

export interface UploadTarget {
  hash: string;
  data: Blob;
  mime: string;
}

export interface UploadOptions {
  fetch: typeof fetch;
  /** the relay's origin ('' = same origin) */
  baseUrl: string;
  token: string;
  chunkBytes?: number;
  /** after each stored chunk: bytes the relay holds */
  onProgress?: (offset: number) => void;
}

export function blobUrl(baseUrl: string, hash: string): string {
  return `${baseUrl.replace(/\/$/, '')}/api/blobs/${hash}`;
}

async function jsonOf(res: Response): Promise<Record<string, unknown>> {
  try {
    const body = (await res.json()) as unknown;
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const offsetIn = (body: Record<string, unknown>, total: number): number | null => {
  const n = body.offset;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= total ? n : null;
};

/** The outcome for a status the protocol does not continue from. */
function stopFor(status: number): UploadOutcome {
  if (status === 401) return { kind: 'unauthenticated' };
  if (status === 413) return { kind: 'failed', reason: Reason.BlobTooLarge };
  if (status === 422) return { kind: 'mismatch' };
  // 400 (bad hash or headers) is a bug on one side; retrying the same request will not help.
  if (status === 400) return { kind: 'failed', reason: Reason.InvalidRequest };
  return { kind: 'retry', status };
}

export async function uploadBlob(blob: UploadTarget, opts: UploadOptions): Promise<UploadOutcome> {
  const url = blobUrl(opts.baseUrl, blob.hash);
  const auth = { authorization: `Bearer ${opts.token}` };
  const total = blob.data.size;
  const chunk = opts.chunkBytes ?? CHUNK_BYTES;
  const send = async (init: RequestInit): Promise<Response | null> => {
    try {
      return await opts.fetch(url, { ...init, cache: 'no-store' });
    } catch {
      return null; // offline, reset, DNS: the caller backs off
    }
  };

  const head = await send({ method: 'HEAD', headers: auth });
  if (!head) return { kind: 'retry', status: 0 };
  if (head.status === 200) return { kind: 'done', existed: true, sent: 0 };
  if (head.status !== 404) return stopFor(head.status);
  const stored = Number(head.headers.get('upload-offset') ?? '0');
  let offset = Number.isInteger(stored) && stored >= 0 && stored <= total ? stored : 0;
  let sent = 0;
  let conflicts = 0;
  for (;;) {
    const end = Math.min(total, offset + chunk);
    const res = await send({
      method: 'PUT',
      headers: { ...auth, 'upload-offset': String(offset), 'upload-length': String(total), 'content-type': blob.mime },
      body: blob.data.slice(offset, end),
    });
    if (!res) return { kind: 'retry', status: 0 };
    const body = await jsonOf(res);
    if (res.status === 201 || (res.status === 200 && body.existed === true)) {
      sent += end - offset;
      opts.onProgress?.(total);
      return { kind: 'done', existed: body.existed === true, sent };
    }
    if (res.status === 200) {
      const next = offsetIn(body, total);
      if (next === null) return { kind: 'retry', status: 200 };
      sent += end - offset;
      // an answer that does not move forward is treated like a conflict (never loop on it)
      conflicts = next > offset ? 0 : conflicts + 1;
      if (conflicts > MAX_CONFLICTS) return { kind: 'retry', status: 200 };
      offset = next;
      opts.onProgress?.(offset);
      continue;
    }
    if (res.status === 409) {
      const next = offsetIn(body, total);
      if (next === null || ++conflicts > MAX_CONFLICTS) return { kind: 'retry', status: 409 };
      offset = next;
      continue;
    }
    return stopFor(res.status);
  }
}

/** Delay before retry number `failures` (1, 2, …): 1 s doubling, capped at 60 s, ±20 % jitter so devices spread out. */
export function backoffMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(60_000, 1_000 * 2 ** Math.max(0, failures - 1));
  return Math.min(60_000, Math.round(base * (0.8 + 0.4 * random())));
}
