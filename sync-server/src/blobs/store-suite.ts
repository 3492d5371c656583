/**
 * The contract every BlobStore adapter must pass. Call it from the adapter's own test file:
 *   runBlobStoreSuite('sqlite', () => ({ open, cleanup }))
 * where `open()` opens the adapter on the same underlying database each time and `cleanup()` deletes it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobChunk, BlobStore } from './types.ts';

export interface BlobStoreFactory {
  open(): BlobStore | Promise<BlobStore>;
  cleanup(): void | Promise<void>;
}

const T0 = Date.UTC(2026, 2, 1);
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** `data` cut into chunks of `size` bytes, as a client sends them. */
function chunksOf(data: Uint8Array, size: number, mime = 'image/jpeg', at = T0): BlobChunk[] {
  const out: BlobChunk[] = [];
  for (let offset = 0; offset < data.byteLength; offset += size) {
    out.push({ offset, total: data.byteLength, mime, data: data.subarray(offset, offset + size), at });
  }
  return out;
}

async function upload(store: BlobStore, data: Uint8Array, size = 64 * 1024, mime = 'image/jpeg', at = T0) {
  const hash = sha256(data);
  for (const chunk of chunksOf(data, size, mime, at)) expect(await store.append(hash, chunk)).toMatchObject({ status: 'stored' });
  return { hash, result: await store.complete(hash, at) };
}

export function runBlobStoreSuite(label: string, factory: () => BlobStoreFactory): void {
  describe(`BlobStore contract: ${label}`, () => {
    let f: BlobStoreFactory;
    let store: BlobStore;
    beforeEach(async () => {
      f = factory();
      store = await f.open();
    });
    afterEach(async () => {
      await store.close();
      await f.cleanup();
    });

    it('knows nothing at first', async () => {
      const hash = sha256(new Uint8Array([1]));
      expect(await store.head(hash)).toEqual({ complete: false, received: 0 });
      expect(await store.read(hash)).toBeNull();
      expect(await store.complete(hash, T0)).toEqual({ status: 'incomplete', received: 0 });
    });

    it('assembles chunks into the exact bytes (every byte value, 1 MiB in 37 uneven chunks) and keeps the mime', async () => {
      const data = new Uint8Array(randomBytes(1024 * 1024 + 7));
      data.set([0, 0, 0xff, 0xfe, 0xc3, 0x28], 1000); // NULs and invalid UTF-8 must survive the assembly
      const { hash, result } = await upload(store, data, 28_371, 'image/png', T0 + 5);
      const meta = { hash, mime: 'image/png', bytes: data.byteLength, createdAt: T0 + 5 };
      expect(result).toEqual({ status: 'created', blob: meta });
      expect(await store.head(hash)).toEqual({ complete: true, blob: meta });
      const blob = await store.read(hash);
      expect(blob && { ...blob, data: undefined }).toEqual({ ...meta, data: undefined });
      expect(Buffer.from(blob!.data).equals(Buffer.from(data))).toBe(true);
    });

    it('tracks the bytes received; a chunk that does not continue them answers the offset to resume from', async () => {
      const data = new Uint8Array(randomBytes(3000));
      const hash = sha256(data);
      const [c0, c1, c2] = chunksOf(data, 1000);
      expect(await store.append(hash, c1!)).toEqual({ status: 'bad-offset', offset: 0 });
      expect(await store.head(hash)).toEqual({ complete: false, received: 0 });
      expect(await store.append(hash, c0!)).toEqual({ status: 'stored', received: 1000, total: 3000 });
      expect(await store.append(hash, c0!)).toEqual({ status: 'bad-offset', offset: 1000 });
      expect(await store.append(hash, c2!)).toEqual({ status: 'bad-offset', offset: 1000 });
      expect(await store.complete(hash, T0)).toEqual({ status: 'incomplete', received: 1000 });
      expect(await store.head(hash)).toEqual({ complete: false, received: 1000 });
      // an empty chunk at the offset stores nothing and is not an error
      expect(await store.append(hash, { ...c1!, data: new Uint8Array(0) })).toEqual({ status: 'stored', received: 1000, total: 3000 });
      expect(await store.append(hash, c1!)).toEqual({ status: 'stored', received: 2000, total: 3000 });
      expect(await store.append(hash, c2!)).toEqual({ status: 'stored', received: 3000, total: 3000 });
      expect(await store.complete(hash, T0)).toMatchObject({ status: 'created' });
    });

    it('refuses a chunk that runs past the declared size', async () => {
      const hash = sha256(new Uint8Array(10));
      await expect(store.append(hash, { offset: 0, total: 10, mime: 'image/jpeg', data: new Uint8Array(11), at: T0 })).rejects.toBeInstanceOf(RangeError);
      expect(await store.head(hash)).toEqual({ complete: false, received: 0 });
    });

    it('a complete blob is never stored twice: appends and completions answer existed', async () => {
      const data = new Uint8Array(randomBytes(5000));
      const { hash, result } = await upload(store, data, 2048);
      expect(result.status).toBe('created');
      const [first] = chunksOf(data, 2048, 'image/jpeg', T0 + 99);
      const again = await store.append(hash, first!);
      expect(again).toEqual({ status: 'existed', blob: { hash, mime: 'image/jpeg', bytes: 5000, createdAt: T0 } });
      expect(await store.complete(hash, T0 + 99)).toEqual(again);
      expect(await store.head(hash)).toMatchObject({ complete: true });
    });

    it('bytes that do not hash to the address are dropped, part and all', async () => {
      const data = new Uint8Array(randomBytes(4000));
      const wrong = sha256(new Uint8Array(randomBytes(4000)));
      for (const chunk of chunksOf(data, 1500)) await store.append(wrong, chunk);
      expect(await store.head(wrong)).toEqual({ complete: false, received: 4000 });
      expect(await store.complete(wrong, T0)).toEqual({ status: 'mismatch' });
      expect(await store.head(wrong)).toEqual({ complete: false, received: 0 });
      expect(await store.read(wrong)).toBeNull();
      // the address can be uploaded again from 0 afterwards
      const [c0] = chunksOf(data, 1500);
      expect(await store.append(wrong, c0!)).toEqual({ status: 'stored', received: 1500, total: 4000 });
    });

    it('a part claiming another size is replaced only by a chunk at offset 0', async () => {
      const data = new Uint8Array(randomBytes(3000));
      const hash = sha256(data);
      await store.append(hash, { offset: 0, total: 9999, mime: 'text/plain', data: new Uint8Array(500), at: T0 });
      const [c0, c1, c2] = chunksOf(data, 1000);
      expect(await store.append(hash, c1!)).toEqual({ status: 'bad-offset', offset: 0 });
      expect(await store.head(hash)).toEqual({ complete: false, received: 500 });
      expect(await store.append(hash, c0!)).toEqual({ status: 'stored', received: 1000, total: 3000 });
      await store.append(hash, c1!);
      await store.append(hash, c2!);
      expect(await store.complete(hash, T0)).toMatchObject({ status: 'created', blob: { mime: 'image/jpeg', bytes: 3000 } });
      expect(Buffer.from((await store.read(hash))!.data).equals(Buffer.from(data))).toBe(true);
    });

    it('an empty blob is a blob', async () => {
      const hash = sha256(new Uint8Array(0));
      expect(await store.append(hash, { offset: 0, total: 0, mime: 'text/plain', data: new Uint8Array(0), at: T0 })).toEqual({
        status: 'stored',
        received: 0,
        total: 0,
      });
      expect(await store.complete(hash, T0)).toMatchObject({ status: 'created', blob: { bytes: 0 } });
      expect((await store.read(hash))!.data.byteLength).toBe(0);
    });

    it('drops parts untouched since the cutoff; a chunk keeps its part fresh', async () => {
      const a = new Uint8Array(randomBytes(2000));
      const b = new Uint8Array(randomBytes(2000));
      const [a0] = chunksOf(a, 1000, 'image/jpeg', T0);
      const [b0, b1] = chunksOf(b, 1000, 'image/jpeg', T0);
      await store.append(sha256(a), a0!);
      await store.append(sha256(b), b0!);
      await store.append(sha256(b), { ...b1!, at: T0 + 100 });
      const done = await upload(store, new Uint8Array(randomBytes(100)), 100, 'image/jpeg', T0);
      expect(await store.dropPartsBefore(T0 + 50)).toBe(1);
      expect(await store.head(sha256(a))).toEqual({ complete: false, received: 0 });
      expect(await store.head(sha256(b))).toEqual({ complete: false, received: 2000 });
      expect(await store.head(done.hash)).toMatchObject({ complete: true }); // blobs never expire
      // the dropped address starts over cleanly
      expect(await store.append(sha256(a), a0!)).toEqual({ status: 'stored', received: 1000, total: 2000 });
      expect(await store.dropPartsBefore(T0 + 50)).toBe(1);
      expect(await store.dropPartsBefore(T0 + 50)).toBe(0);
    });

    it('survives a reopen: blobs and the bytes of unfinished uploads are kept', async () => {
      const done = await upload(store, new Uint8Array(randomBytes(3000)), 1000);
      const half = new Uint8Array(randomBytes(3000));
      const hash = sha256(half);
      const [c0, c1, c2] = chunksOf(half, 1000);
      await store.append(hash, c0!);
      await store.append(hash, c1!);
      await store.close();
      store = await f.open();
      expect(await store.head(done.hash)).toMatchObject({ complete: true, blob: { bytes: 3000 } });
      expect(await store.head(hash)).toEqual({ complete: false, received: 2000 });
      expect(await store.append(hash, c2!)).toEqual({ status: 'stored', received: 3000, total: 3000 });
      expect(await store.complete(hash, T0)).toMatchObject({ status: 'created' });
      expect(Buffer.from((await store.read(hash))!.data).equals(Buffer.from(half))).toBe(true);
    });

    it('two stores on one database: the same upload twice at once stores one blob', async () => {
      const other = await f.open();
      try {
        const data = new Uint8Array(randomBytes(8000));
        const hash = sha256(data);
        const chunks = chunksOf(data, 2000);
        // both start at 0: exactly one chunk is taken, the other is told where the part is
        const firsts = await Promise.all([store.append(hash, chunks[0]!), other.append(hash, chunks[0]!)]);
        expect(firsts.map((r) => r.status).sort()).toEqual(['bad-offset', 'stored']);
        for (const chunk of chunks.slice(1)) await other.append(hash, chunk);
        const done = await Promise.all([store.complete(hash, T0), other.complete(hash, T0)]);
        expect(done.map((r) => r.status).sort()).toEqual(['created', 'existed']);
        expect(Buffer.from((await store.read(hash))!.data).equals(Buffer.from(data))).toBe(true);
      } finally {
        await other.close();
      }
    });
  });
}
