import { describe, expect, it } from 'vitest';
import { Reason } from '@bangqi/shared/errors';
import { fakeBlobRelay } from './fakeBlobRelay.ts';
import { sha256Hex } from './hash.ts';
import { backoffMs, CHUNK_BYTES, uploadBlob } from './uploader.ts';

/** Deterministic bytes that do not repeat per chunk (so a chunk sent at the wrong offset breaks the hash). */
function bytesOf(n: number, seed = 1): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** (toEqual on 600 KB arrays takes seconds) */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function target(n: number, seed = 1) {
  const data = bytesOf(n, seed);
  return { hash: await sha256Hex(data), data: new Blob([data]), mime: 'image/jpeg' };
}

describe('uploadBlob', () => {
  it('sends 256 KiB chunks with Upload-Offset and completes with the relay verifying the hash', async () => {
    const relay = fakeBlobRelay();
    const blob = await target(600_000);
    const out = await uploadBlob(blob, { fetch: relay.fetch, baseUrl: '', token: 'good' });
    expect(out).toEqual({ kind: 'done', existed: false, sent: 600_000 });
    const h = blob.hash.slice(0, 8);
    expect(relay.log).toEqual([`HEAD ${h}`, `PUT ${h} 0`, `PUT ${h} ${CHUNK_BYTES}`, `PUT ${h} ${2 * CHUNK_BYTES}`]);
    expect(sameBytes(relay.complete.get(blob.hash)!.data, bytesOf(600_000))).toBe(true);
  });

  it('sends nothing when HEAD says the relay already has the blob', async () => {
    const relay = fakeBlobRelay();
    const blob = await target(1000);
    await uploadBlob(blob, { fetch: relay.fetch, baseUrl: '', token: 'good' });
    const before = relay.received;
    relay.log.length = 0;
    expect(await uploadBlob(blob, { fetch: relay.fetch, baseUrl: '', token: 'good' })).toEqual({ kind: 'done', existed: true, sent: 0 });
    expect(relay.log).toEqual([`HEAD ${blob.hash.slice(0, 8)}`]);
    expect(relay.received).toBe(before);
  });

  it('resumes from the offset HEAD reports after the connection dropped mid-upload', async () => {
    const relay = fakeBlobRelay();
    const blob = await target(700_000);
    // HEAD + first PUT succeed, then the network goes away
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (++calls > 2) throw new TypeError('Failed to fetch');
      return relay.fetch(input, init);
    };
    expect(await uploadBlob(blob, { fetch: flaky, baseUrl: '', token: 'good' })).toEqual({ kind: 'retry', status: 0 });
    expect(relay.partial.get(blob.hash)?.data.length).toBe(CHUNK_BYTES);
    relay.log.length = 0;
    const out = await uploadBlob(blob, { fetch: relay.fetch, baseUrl: '', token: 'good' });
    expect(out).toEqual({ kind: 'done', existed: false, sent: 700_000 - CHUNK_BYTES });
    const h = blob.hash.slice(0, 8);
    expect(relay.log).toEqual([`HEAD ${h}`, `PUT ${h} ${CHUNK_BYTES}`, `PUT ${h} ${2 * CHUNK_BYTES}`]);
    expect(relay.received).toBe(700_000);
  });

  it('on 409 continues from the offset the relay names (a chunk stored whose answer was lost)', async () => {
    const relay = fakeBlobRelay();
    const blob = await target(600_000);
    // the relay's HEAD answer is stale: it claims 0 while a chunk is stored — as when another tab or a lost answer raced
    await relay.fetch(`/api/blobs/${blob.hash}`, {
      method: 'PUT',
      headers: { authorization: 'Bearer good', 'upload-offset': '0', 'upload-length': '600000', 'content-type': 'image/jpeg' },
      body: blob.data.slice(0, CHUNK_BYTES),
    });
    const stale: typeof fetch = async (input, init) =>
      init?.method === 'HEAD' ? new Response(null, { status: 404, headers: { 'upload-offset': '0' } }) : relay.fetch(input, init);
    relay.log.length = 0;
    const out = await uploadBlob(blob, { fetch: stale, baseUrl: '', token: 'good' });
    expect(out.kind).toBe('done');
    const h = blob.hash.slice(0, 8);
    expect(relay.log).toEqual([`PUT ${h} 0`, `PUT ${h} ${CHUNK_BYTES}`, `PUT ${h} ${2 * CHUNK_BYTES}`]);
    expect(sameBytes(relay.complete.get(blob.hash)!.data, bytesOf(600_000))).toBe(true);
  });

  it('maps 401, 413, 422 and 5xx to what the loop does next', async () => {
    const blob = await target(1000);
    const relay = fakeBlobRelay();
    expect(await uploadBlob(blob, { fetch: relay.fetch, baseUrl: '', token: 'stale' })).toEqual({ kind: 'unauthenticated' });
    relay.maxBytes = 500;
    expect(await uploadBlob(blob, { fetch: relay.fetch, baseUrl: '', token: 'good' })).toEqual({ kind: 'failed', reason: Reason.BlobTooLarge });
    relay.maxBytes = 10_000;
    relay.corruptNext(1);
    expect(await uploadBlob(blob, { fetch: relay.fetch, baseUrl: '', token: 'good' })).toEqual({ kind: 'mismatch' });
    expect(relay.partial.has(blob.hash)).toBe(false);
    relay.unavailableNext(1);
    expect(await uploadBlob(blob, { fetch: relay.fetch, baseUrl: '', token: 'good' })).toEqual({ kind: 'retry', status: 503 });
  });

  it('uploads an empty blob with one PUT', async () => {
    const relay = fakeBlobRelay();
    const blob = await target(0);
    expect((await uploadBlob(blob, { fetch: relay.fetch, baseUrl: '', token: 'good' })).kind).toBe('done');
    expect(relay.complete.get(blob.hash)?.data.length).toBe(0);
  });
});

describe('backoffMs', () => {
  it('doubles from 1 s, is capped at 60 s, and jitters ±20 %', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20].map((n) => backoffMs(n, mid))).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
    expect(backoffMs(1, () => 0)).toBe(800);
    expect(backoffMs(1, () => 1)).toBe(1200);
    expect(backoffMs(30, () => 1)).toBe(60000);
  });
});
