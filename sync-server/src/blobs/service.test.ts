import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobService, STALE_PART_MS } from './service.ts';
import { openSqliteBlobStore } from './sqlite-store.ts';
import type { BlobStore } from './types.ts';

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const T0 = Date.UTC(2026, 5, 1);

describe('BlobService', () => {
  let dir: string;
  let store: BlobStore;
  let now: number;
  let service: BlobService;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bangqi-blob-service-'));
    store = openSqliteBlobStore(dir);
    now = T0;
    service = new BlobService({ store, maxBytes: 1000, log: pino({ level: 'silent' }), now: () => now, sweep: false });
  });
  afterEach(async () => {
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const chunk = (data: Uint8Array, offset: number, size: number) => ({
    hash: sha256(data),
    offset,
    total: data.byteLength,
    mime: 'image/jpeg',
    data: data.subarray(offset, offset + size),
  });

  it('answers partial until the last chunk, which publishes the verified blob', async () => {
    const data = new Uint8Array(randomBytes(900));
    expect(await service.upload(chunk(data, 0, 400))).toEqual({ status: 'partial', offset: 400 });
    expect(await service.upload(chunk(data, 0, 400))).toEqual({ status: 'bad-offset', offset: 400 });
    expect(await service.upload(chunk(data, 400, 500))).toMatchObject({ status: 'created', blob: { bytes: 900, createdAt: T0 } });
    expect(await service.upload(chunk(data, 0, 400))).toMatchObject({ status: 'existed' });
  });

  it('refuses a declared size over the limit before storing anything', async () => {
    const data = new Uint8Array(randomBytes(1001));
    expect(service.tooLarge(1001)).toBe(true);
    await expect(service.upload(chunk(data, 0, 10))).rejects.toBeInstanceOf(RangeError);
    expect(await service.head(sha256(data))).toEqual({ complete: false, received: 0 });
  });

  it('completes an upload whose last chunk was stored before the relay stopped, on an empty chunk at the end', async () => {
    const data = new Uint8Array(randomBytes(600));
    const hash = sha256(data);
    // what a relay killed between storing the last chunk and completing leaves behind
    await store.append(hash, { offset: 0, total: 600, mime: 'image/png', data, at: T0 });
    expect(await service.head(hash)).toEqual({ complete: false, received: 600 });
    expect(await service.upload({ hash, offset: 600, total: 600, mime: 'image/png', data: new Uint8Array(0) })).toMatchObject({
      status: 'created',
      blob: { mime: 'image/png', bytes: 600 },
    });
  });

  it('sweeps uploads idle for more than 24 h, and only those', async () => {
    const idle = new Uint8Array(randomBytes(500));
    const active = new Uint8Array(randomBytes(500));
    await service.upload(chunk(idle, 0, 100));
    await service.upload(chunk(active, 0, 100));
    now = T0 + STALE_PART_MS - 1000;
    await service.upload(chunk(active, 100, 100)); // keeps `active` fresh
    expect(await service.sweep()).toBe(0);
    now = T0 + STALE_PART_MS + 1;
    expect(await service.sweep()).toBe(1);
    expect(await service.head(sha256(idle))).toEqual({ complete: false, received: 0 });
    expect(await service.head(sha256(active))).toEqual({ complete: false, received: 200 });
  });

  it('open() sweeps what went stale while the relay was down', async () => {
    const data = new Uint8Array(randomBytes(500));
    await service.upload(chunk(data, 0, 100));
    const later = await BlobService.open({ store: openSqliteBlobStore(dir), maxBytes: 1000, log: pino({ level: 'silent' }), now: () => T0 + STALE_PART_MS + 1, sweep: false });
    try {
      expect(await later.head(sha256(data))).toEqual({ complete: false, received: 0 });
    } finally {
      await later.close();
    }
  });
});
