import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRoot, createSignal } from 'solid-js';
import { Reason } from '@bangqi/shared/errors';
import { AppDb, getMeta } from '../storage/db.ts';
import { StorageFullError } from '../storage/quota.ts';
import { fakeBlobRelay, type FakeBlobRelay } from './fakeBlobRelay.ts';
import { sha256Hex } from './hash.ts';
import { createBlobService, type BlobService, type BlobServiceOptions } from './service.ts';
import { CHUNK_BYTES } from './uploader.ts';

let dbs = 0;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function photo(n: number, seed = 7): Blob {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1664525 + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return new Blob([out], { type: 'image/jpeg' });
}

interface Setup {
  db: AppDb;
  relay: FakeBlobRelay;
  blobs: BlobService;
  setOnline(v: boolean): void;
  delays: number[];
}

function setup(over: Partial<Omit<BlobServiceOptions, 'online'>> & { db?: AppDb; relay?: FakeBlobRelay; online?: boolean } = {}): Setup {
  const db = over.db ?? new AppDb(`blobs-test-${++dbs}`);
  const relay = over.relay ?? fakeBlobRelay();
  const delays: number[] = [];
  return createRoot((dispose) => {
    const [online, setOnline] = createSignal(over.online ?? true);
    const { online: _initial, relay: _relay, ...rest } = over;
    const blobs = createBlobService({
      token: () => 'good',
      baseUrl: 'http://relay',
      fetch: relay.fetch,
      log: () => {},
      retryDelay: (n) => {
        delays.push(n);
        return 5;
      },
      ...rest,
      db,
      online,
    });
    cleanups.push(() => {
      blobs.stop();
      dispose();
    });
    return { db, relay, blobs, setOnline, delays };
  });
}

const waitFor = (check: () => unknown, timeout = 5000) => vi.waitFor(() => expect(check()).toBeTruthy(), { timeout, interval: 10 });

describe('BlobService.put', () => {
  it('stores by SHA-256; the same bytes twice are one row and one upload', async () => {
    const { db, blobs } = setup({ online: false });
    const data = photo(1000);
    const a = await blobs.put(data, 'image/jpeg');
    const b = await blobs.put(photo(1000), 'image/jpeg');
    expect(a).toEqual({ hash: await sha256Hex(data), bytes: 1000 });
    expect(b).toEqual(a);
    expect(await db.blobs.count()).toBe(1);
    const row = await db.blobs.get(a.hash);
    expect(row).toMatchObject({ mime: 'image/jpeg', bytes: 1000, uploaded: 0 });
    expect(new Uint8Array(await row!.data.arrayBuffer())).toEqual(new Uint8Array(await data.arrayBuffer()));
    expect(blobs.pending()).toBe(1);
  });

  it('a full disk (QuotaExceededError from IndexedDB) becomes StorageFullError with the reason code', async () => {
    const { db, blobs } = setup({ online: false });
    const proto = globalThis.IDBObjectStore.prototype;
    const add = vi.spyOn(proto, 'add').mockImplementation(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    cleanups.push(() => add.mockRestore());
    const err = await blobs.put(photo(10), 'image/jpeg').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageFullError);
    expect((err as StorageFullError).reason).toBe(Reason.QuotaExceeded);
    expect(await db.blobs.count()).toBe(0);
  });
});

describe('BlobService on a full disk', () => {
  it('evicts blobs the relay already holds (never waiting ones) and stores the new one; evicted ones come back from the relay', async () => {
    const { db, relay, blobs, setOnline } = setup();
    const a = await blobs.put(photo(1_000, 21), 'image/jpeg');
    const b = await blobs.put(photo(1_000, 22), 'image/jpeg');
    await waitFor(() => relay.complete.size === 2 && blobs.pending() === 0);
    setOnline(false);
    const waiting = await blobs.put(photo(1_000, 23), 'image/jpeg');
    const add = vi.spyOn(globalThis.IDBObjectStore.prototype, 'add').mockImplementationOnce(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    cleanups.push(() => add.mockRestore());
    const d = await blobs.put(photo(1_000, 24), 'image/jpeg');
    expect((await db.blobs.toCollection().primaryKeys()).sort()).toEqual([waiting.hash, d.hash].sort());
    expect(blobs.pending()).toBe(2);
    // shown again: not here while offline, fetched (and kept) once online
    expect(await blobs.objectUrl(a.hash)).toBe(null);
    setOnline(true);
    expect(await blobs.objectUrl(a.hash)).toMatch(/^blob:/);
    expect((await db.blobs.get(a.hash))?.uploaded).toBe(1);
    expect(await db.blobs.get(b.hash)).toBeUndefined();
  });
});

describe('BlobService upload loop', () => {
  it('uploads what was put, marks it uploaded, and never sends a blob twice', async () => {
    const { db, relay, blobs } = setup();
    const one = await blobs.put(photo(300_000, 1), 'image/jpeg');
    const two = await blobs.put(photo(1_000, 2), 'image/png');
    await blobs.put(photo(300_000, 1), 'image/jpeg');
    blobs.kick();
    blobs.kick();
    await waitFor(() => relay.complete.size === 2 && blobs.pending() === 0);
    expect((await db.blobs.get(one.hash))?.uploaded).toBe(1);
    expect((await db.blobs.get(two.hash))?.uploaded).toBe(1);
    expect(relay.complete.get(two.hash)?.mime).toBe('image/png');
    expect(relay.received).toBe(301_000);
    // kicked again: HEAD is not even needed, the table says done
    const requests = relay.log.length;
    blobs.kick();
    await new Promise((r) => setTimeout(r, 50));
    expect(relay.log.length).toBe(requests);
  });

  it('waits while offline and continues when kicked after the relay is reachable', async () => {
    const s = setup({ online: false });
    await s.blobs.put(photo(500), 'image/jpeg');
    await new Promise((r) => setTimeout(r, 30));
    expect(s.relay.log).toEqual([]);
    s.setOnline(true);
    s.blobs.kick();
    await waitFor(() => s.blobs.pending() === 0);
    expect(s.relay.complete.size).toBe(1);
  });

  it('resumes a half-finished upload after a reload from the offset the relay kept', async () => {
    const relay = fakeBlobRelay();
    const db = new AppDb(`blobs-test-${++dbs}`);
    // first page: the connection drops after the first chunk was stored
    let calls = 0;
    const flaky: typeof fetch = async (input, init) => {
      if (++calls > 2) throw new TypeError('Failed to fetch');
      return relay.fetch(input, init);
    };
    const first = setup({ db, relay, fetch: flaky, retryDelay: () => 60_000 });
    const { hash } = await first.blobs.put(photo(700_000, 3), 'image/jpeg');
    await waitFor(() => calls === 3);
    expect(relay.partial.get(hash)?.data.length).toBe(CHUNK_BYTES);
    expect(first.blobs.lastError()).toBe(Reason.ServerError);
    first.blobs.stop();
    // reload: a new service over the same table
    relay.log.length = 0;
    const second = setup({ db, relay });
    await waitFor(() => second.blobs.pending() === 0 && relay.complete.has(hash));
    const h = hash.slice(0, 8);
    expect(relay.log).toEqual([`HEAD ${h}`, `PUT ${h} ${CHUNK_BYTES}`, `PUT ${h} ${2 * CHUNK_BYTES}`]);
    expect(relay.received).toBe(700_000);
  });

  it('a lost answer is resumed through 409 without resending stored bytes twice', async () => {
    const { relay, blobs } = setup();
    relay.loseNextAnswer();
    const { hash } = await blobs.put(photo(600_000, 4), 'image/jpeg');
    await waitFor(() => relay.complete.has(hash));
    // HEAD, PUT 0 (stored, answer lost) → backoff → HEAD reports 262144 → PUT 262144, PUT 524288
    expect(relay.received).toBe(600_000);
  });

  it('backs off on network errors and 5xx with growing delays, then succeeds', async () => {
    const { relay, blobs, delays } = setup();
    // two requests fail at the network, the third gets a 503
    relay.failNext(2);
    relay.unavailableNext(1);
    await blobs.put(photo(2_000, 5), 'image/jpeg');
    await waitFor(() => relay.complete.size === 1 && blobs.pending() === 0);
    // 1st, 2nd (network), 3rd (503): each retry one step further up the backoff
    expect(delays).toEqual([1, 2, 3]);
    expect(blobs.lastError()).toBe(null);
  });

  it('on 401 refreshes the token once and continues', async () => {
    let token = 'old';
    const onUnauthenticated = vi.fn(async () => {
      token = 'good';
      return true;
    });
    const { relay, blobs } = setup({ token: () => token, onUnauthenticated });
    await blobs.put(photo(1_000, 6), 'image/jpeg');
    await waitFor(() => relay.complete.size === 1);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
  });

  it('without a fresh token it waits (backoff) instead of hammering the relay', async () => {
    const onUnauthenticated = vi.fn(async () => false);
    const { relay, blobs } = setup({ token: () => 'old', onUnauthenticated, retryDelay: () => 60_000 });
    await blobs.put(photo(1_000, 6), 'image/jpeg');
    await waitFor(() => blobs.lastError() === Reason.Unauthenticated);
    await new Promise((r) => setTimeout(r, 30));
    expect(relay.log.length).toBe(1);
    expect(onUnauthenticated).toHaveBeenCalledTimes(1);
    expect(blobs.pending()).toBe(1);
  });

  it('422 with intact local bytes retries; with changed local bytes it is given up and recorded', async () => {
    const { db, relay, blobs } = setup();
    relay.corruptNext(1);
    const a = await blobs.put(photo(1_000, 8), 'image/jpeg');
    await waitFor(() => relay.complete.has(a.hash));
    expect(relay.received).toBe(2_000); // sent twice: once mangled, once intact

    // the stored bytes of b change under its hash (put while offline, then tampered)
    blobs.stop();
    const offline = setup({ db, relay, online: false });
    const b = await offline.blobs.put(photo(1_000, 9), 'image/jpeg');
    offline.blobs.stop();
    await db.blobs.update(b.hash, { data: photo(1_000, 10) });
    const again = setup({ db, relay });
    await waitFor(() => again.blobs.lastError() === Reason.HashMismatch && again.blobs.pending() === 0);
    expect(await getMeta(db, 'blobFailed', {})).toEqual({ [b.hash]: Reason.HashMismatch });
    expect(relay.complete.has(b.hash)).toBe(false);
    // a reload does not try it again
    relay.log.length = 0;
    const third = setup({ db, relay });
    await new Promise((r) => setTimeout(r, 50));
    expect(third.blobs.pending()).toBe(0);
    expect(relay.log).toEqual([]);
  });

  it('413 (larger than the relay takes) is given up, not retried', async () => {
    const { relay, blobs, delays } = setup();
    relay.maxBytes = 100;
    await blobs.put(photo(1_000, 11), 'application/pdf');
    await waitFor(() => blobs.lastError() === Reason.BlobTooLarge);
    expect(blobs.pending()).toBe(0);
    expect(delays).toEqual([]);
  });
});

describe('BlobService.objectUrl', () => {
  it('gives a ref-counted URL for a local blob, revoked after the last release', async () => {
    const { blobs } = setup({ online: false });
    const { hash } = await blobs.put(photo(100, 12), 'image/jpeg');
    const revoke = vi.spyOn(URL, 'revokeObjectURL');
    cleanups.push(() => revoke.mockRestore());
    const u1 = await blobs.objectUrl(hash);
    const u2 = await blobs.objectUrl(hash);
    expect(u1).toMatch(/^blob:/);
    expect(u2).toBe(u1);
    blobs.release(hash);
    expect(revoke).not.toHaveBeenCalled();
    blobs.release(hash);
    expect(revoke).toHaveBeenCalledWith(u1);
  });

  it('fetches a blob it does not have from the relay (verified, then kept), and says null offline', async () => {
    const relay = fakeBlobRelay();
    const other = setup({ relay });
    const { hash } = await other.blobs.put(photo(5_000, 13), 'image/jpeg');
    await waitFor(() => relay.complete.has(hash));

    const device = setup({ relay, online: false });
    expect(await device.blobs.objectUrl(hash)).toBe(null);
    device.setOnline(true);
    const url = await device.blobs.objectUrl(hash);
    expect(url).toMatch(/^blob:/);
    const kept = await device.db.blobs.get(hash);
    expect(kept).toMatchObject({ uploaded: 1, bytes: 5_000, mime: 'image/jpeg' });
    expect(device.blobs.pending()).toBe(0);
    // not on the relay either
    expect(await device.blobs.objectUrl('0'.repeat(64))).toBe(null);
    // bytes that do not match their address are refused
    relay.complete.set('1'.repeat(64), { data: new Uint8Array([1, 2, 3]), mime: 'image/jpeg' });
    expect(await device.blobs.objectUrl('1'.repeat(64))).toBe(null);
    expect(await device.db.blobs.get('1'.repeat(64))).toBeUndefined();
  });
});
