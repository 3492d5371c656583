/**
 * Photos and attachments on the device: content-addressed blobs in IndexedDB (`blobs` table), uploaded
 * to the relay in the background, fetched from it on demand.
 *
 * - put: SHA-256 of the bytes is the address; the same bytes are stored (and uploaded) once. On a full
 *   disk, blobs the relay already holds are evicted (oldest first; shown again they are fetched) and the
 *   write is tried once more; still full → StorageFullError (the caller still saves the text).
 * - upload loop: one blob at a time (oldest first) while the relay is reachable; the table is the
 *   state (`uploaded` 0/1), so a reload or crash resumes where it was — the relay keeps partial uploads
 *   and HEAD says how far they got. Network errors and 5xx back off exponentially (1 s … 60 s); a 401
 *   asks for a fresh token; a 422 re-hashes the local bytes; 413 / 400 and local corruption are given up
 *   for good (kept in meta `blobFailed`, so a reload does not retry them forever) and reported.
 *   Several tabs of one user take turns through a Web Lock, so they never upload the same blob together.
 * - objectUrl: the local copy, else GET from the relay (verified against its hash, then kept with
 *   uploaded = 1); URLs are ref-counted and revoked by `release` (or use createBlobUrl in Solid).
 */
import { createEffect, createSignal, getOwner, on, type Accessor } from 'solid-js';
import { Reason, type ReasonCode } from '@bangqi/shared/errors';
import { getMeta, observeTable, setMeta, type AppDb, type BlobRecord } from '../storage/db.ts';
import { StorageFullError, guardQuota, isQuotaError } from '../storage/quota.ts';
import { BLOB_HASH, sha256Hex } from './hash.ts';
import { backoffMs, blobUrl, uploadBlob, type UploadOutcome } from './uploader.ts';

export interface BlobService {
  /** hashes (SHA-256, crypto.subtle), stores in IndexedDB, queues the upload; same bytes → same hash, stored once.
   *  Throws StorageFullError (web/src/storage/quota.ts, `reason = Reason.QuotaExceeded`) when IndexedDB is full. */
  put(data: Blob, mime: string): Promise<{ hash: string; bytes: number }>;
  /** an object URL for the blob: local, or fetched from the relay on demand (then kept); null when unavailable (offline, not local) */
  objectUrl(hash: string): Promise<string | null>;
  /** lets go of one `objectUrl` result; the URL is revoked when nobody holds it any more */
  release(hash: string): void;
  /** blobs waiting for upload (reactive) */
  pending: Accessor<number>;
  /** the last upload problem (reason code) until the next successful upload; null when none */
  lastError: Accessor<ReasonCode | null>;
  /** start/continue uploading now (also runs when the relay becomes reachable and after each put) */
  kick(): void;
  /** what the device holds (shown in 设置): blobs, their bytes, waiting for upload, given up */
  stats(): Promise<BlobStats>;
  /** stops the loop and timers, revokes every URL (the user's services are torn down) */
  stop(): void;
}

export interface BlobStats {
  count: number;
  bytes: number;
  pending: number;
  /** refused by the relay for good (too large) or corrupt on this device */
  failed: number;
}

export interface BlobServiceOptions {
  db: AppDb;
  /** the current access token (may be async, like the sync engine's); null when there is none */
  token: () => string | null | Promise<string | null>;
  /** the relay's origin; '' = this page's origin */
  baseUrl: string;
  /** whether the relay is reachable (uploads and fetches wait while false) */
  online: Accessor<boolean>;
  /** after a 401: obtain a fresh token; true when it worked */
  onUnauthenticated?: () => Promise<boolean>;
  fetch?: typeof fetch;
  /** delay before retry number n (1, 2, …); default backoffMs: 1 s doubling to 60 s with jitter */
  retryDelay?: (failures: number) => number;
  log?: (msg: string, extra?: unknown) => void;
}

/** meta key: hash → reason of blobs the relay will never take as they are */
const FAILED_KEY = 'blobFailed';
/** when the disk is full, free at least this much by evicting blobs the relay holds */
const EVICT_AT_LEAST = 4 * 1024 * 1024;
/** 422s in a row with intact local bytes before giving up (the bytes were mangled in transit) */
const MAX_MISMATCHES = 3;

interface HeldUrl {
  url: string;
  refs: number;
}

export function createBlobService(opts: BlobServiceOptions): BlobService {
  const { db } = opts;
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const log = opts.log ?? ((msg, extra) => console.warn(`[blobs] ${msg}`, extra ?? ''));
  const [pending, setPending] = createSignal(0);
  const [lastError, setLastError] = createSignal<ReasonCode | null>(null);
  const urls = new Map<string, HeldUrl>();
  const fetching = new Map<string, Promise<Blob | null>>();
  const mismatches = new Map<string, number>();
  let failed: Record<string, ReasonCode> | null = null;
  let running = false;
  let again = false;
  let stopped = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const failedSet = async () => (failed ??= await getMeta<Record<string, ReasonCode>>(db, FAILED_KEY, {}));

  const refreshPending = async () => {
    if (stopped) return;
    try {
      const waiting = await db.blobs.where('uploaded').equals(0).primaryKeys();
      const given = await failedSet();
      setPending(waiting.filter((h) => given[h] === undefined).length);
    } catch (err) {
      log('count failed', err);
    }
  };

  const giveUp = async (hash: string, reason: ReasonCode) => {
    const given = await failedSet();
    given[hash] = reason;
    await setMeta(db, FAILED_KEY, given).catch((err) => log('could not record a failed upload', err));
    setLastError(reason);
    log(`upload of ${hash} given up: ${reason}`);
  };

  const retryLater = (reason: ReasonCode) => {
    if (stopped) return; // torn down mid-upload (logout): the next sign-in resumes from the table
    failures++;
    setLastError(reason);
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      kick();
    }, (opts.retryDelay ?? backoffMs)(failures));
  };

  /** The oldest blob still to upload, or null. */
  const nextBlob = async (): Promise<BlobRecord | null> => {
    const given = await failedSet();
    const waiting = (await db.blobs.where('uploaded').equals(0).toArray()).filter((r) => given[r.hash] === undefined);
    waiting.sort((a, b) => a.createdAt - b.createdAt);
    return waiting[0] ?? null;
  };

  /**
   * Deletes uploaded blobs, oldest first, until `want` bytes are freed (or none is left); returns the
   * bytes freed. Blobs waiting for upload are never touched: they exist nowhere else.
   */
  const evictUploaded = async (want: number): Promise<number> => {
    try {
      const done = await db.blobs.where('uploaded').equals(1).toArray();
      done.sort((a, b) => a.createdAt - b.createdAt);
      const victims: string[] = [];
      let freed = 0;
      for (const r of done) {
        if (freed >= want) break;
        victims.push(r.hash);
        freed += r.bytes;
      }
      if (victims.length > 0) await db.blobs.bulkDelete(victims);
      return freed;
    } catch (err) {
      log('eviction failed', err);
      return 0;
    }
  };

  /** Several tabs of this user: one uploads at a time (the others then find the blob done by HEAD). */
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const locks = (globalThis.navigator as Navigator | undefined)?.locks;
    return locks ? (locks.request(`bangqi-blob-upload:${db.name}`, work) as Promise<T>) : work();
  };

  /** Uploads until nothing is left, the relay is unreachable, or a retry is scheduled. */
  const runLoop = async () => {
    let refreshedFor: string | null = null;
    while (!stopped && opts.online()) {
      const blob = await nextBlob();
      if (!blob) {
        failures = 0;
        return;
      }
      const token = await opts.token();
      if (!token) return retryLater(Reason.Unauthenticated);
      const outcome: UploadOutcome = await exclusive(async () => {
        // another tab may have finished it while this one waited for the lock
        const current = await db.blobs.get(blob.hash);
        if (!current || current.uploaded === 1) return { kind: 'done', existed: true, sent: 0 } as const;
        return uploadBlob(blob, { fetch: doFetch, baseUrl: opts.baseUrl, token });
      });
      switch (outcome.kind) {
        case 'done':
          await db.blobs.update(blob.hash, { uploaded: 1 });
          mismatches.delete(blob.hash);
          failures = 0;
          refreshedFor = null;
          setLastError(null);
          await refreshPending();
          break;
        case 'retry':
          return retryLater(Reason.ServerError);
        case 'unauthenticated':
          // one refresh per blob; a second 401 (or no refresh possible) waits like a network error
          if (refreshedFor !== blob.hash && opts.onUnauthenticated && (await opts.onUnauthenticated())) {
            refreshedFor = blob.hash;
            break;
          }
          return retryLater(Reason.Unauthenticated);
        case 'mismatch': {
          const actual = await sha256Hex(blob.data);
          if (actual !== blob.hash) {
            // the bytes on this device changed since they were stored: nothing can upload them as this hash
            await giveUp(blob.hash, Reason.HashMismatch);
          } else {
            const n = (mismatches.get(blob.hash) ?? 0) + 1;
            mismatches.set(blob.hash, n);
            setLastError(Reason.HashMismatch);
            if (n >= MAX_MISMATCHES) await giveUp(blob.hash, Reason.HashMismatch);
          }
          await refreshPending();
          break;
        }
        case 'failed':
          await giveUp(blob.hash, outcome.reason);
          await refreshPending();
          break;
      }
    }
  };

  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await runLoop();
      } while (again && timer === null && !stopped);
    } catch (err) {
      log('upload loop failed', err);
      retryLater(Reason.ServerError);
    } finally {
      running = false;
    }
  };

  function kick(): void {
    if (stopped) return;
    if (timer !== null) {
      clearTimeout(timer);
      timer = null;
    }
    void run();
  }

  const download = async (hash: string): Promise<Blob | null> => {
    if (!opts.online()) return null;
    const request = async (token: string | null) => {
      try {
        return await doFetch(blobUrl(opts.baseUrl, hash), { headers: token ? { authorization: `Bearer ${token}` } : {} });
      } catch {
        return null;
      }
    };
    let res = await request(await opts.token());
    if (res?.status === 401 && opts.onUnauthenticated && (await opts.onUnauthenticated())) res = await request(await opts.token());
    if (!res || !res.ok) return null;
    const bytes = await res.arrayBuffer();
    if ((await sha256Hex(bytes)) !== hash) {
      log(`download of ${hash} did not match its hash`);
      return null;
    }
    const mime = res.headers.get('content-type') ?? 'application/octet-stream';
    const data = new Blob([bytes], { type: mime });
    try {
      await db.blobs.put({ hash, data, mime, bytes: data.size, uploaded: 1, createdAt: Date.now() });
    } catch (err) {
      // a full disk only means it is not kept: it is shown anyway, and fetched again next time
      if (!isQuotaError(err)) log('could not keep a fetched blob', err);
    }
    return data;
  };

  const localOrRemote = async (hash: string): Promise<Blob | null> => {
    const local = await db.blobs.get(hash);
    if (local) return local.data.type ? local.data : new Blob([local.data], { type: local.mime });
    let inFlight = fetching.get(hash);
    if (!inFlight) {
      inFlight = download(hash).finally(() => fetching.delete(hash));
      fetching.set(hash, inFlight);
    }
    return inFlight;
  };

  // Other tabs of this user add and upload blobs too: keep the count current.
  const unobserve = observeTable(db.blobs, () => void refreshPending(), 500);
  // Reachable again → continue (inside a reactive owner, i.e. in the app; tests call kick()).
  if (getOwner()) createEffect(on(opts.online, (isOnline) => isOnline && kick(), { defer: true }));
  kick();

  return {
    async put(data, mime) {
      const hash = await sha256Hex(data);
      const bytes = data.size;
      const store = () =>
        guardQuota(() =>
          db.transaction('rw', db.blobs, async () => {
            if ((await db.blobs.get(hash)) !== undefined) return;
            await db.blobs.add({ hash, data, mime, bytes, uploaded: 0, createdAt: Date.now() });
          }),
        );
      try {
        await store();
      } catch (err) {
        // A full disk: blobs the relay already holds can be fetched again when shown; make room once.
        if (!(err instanceof StorageFullError) || (await evictUploaded(Math.max(2 * bytes, EVICT_AT_LEAST))) === 0) throw err;
        log(`storage full: evicted uploaded blobs to store ${hash}`);
        await store();
      }
      await refreshPending();
      kick();
      return { hash, bytes };
    },
    async objectUrl(hash) {
      if (!BLOB_HASH.test(hash)) return null;
      const held = urls.get(hash);
      if (held) {
        held.refs++;
        return held.url;
      }
      const data = await localOrRemote(hash);
      if (!data || stopped) return null;
      // a concurrent call may have made one meanwhile
      const raced = urls.get(hash);
      if (raced) {
        raced.refs++;
        return raced.url;
      }
      const url = URL.createObjectURL(data);
      urls.set(hash, { url, refs: 1 });
      return url;
    },
    release(hash) {
      const held = urls.get(hash);
      if (!held) return;
      if (--held.refs > 0) return;
      URL.revokeObjectURL(held.url);
      urls.delete(hash);
    },
    pending,
    lastError,
    kick,
    async stats() {
      let count = 0;
      let bytes = 0;
      let waiting = 0;
      const given = await failedSet();
      // reads the small fields only; the Blob bodies stay on disk
      await db.blobs.each((r) => {
        count++;
        bytes += r.bytes;
        if (r.uploaded === 0 && given[r.hash] === undefined) waiting++;
      });
      return { count, bytes, pending: waiting, failed: Object.keys(given).length };
    },
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      timer = null;
      unobserve();
      for (const held of urls.values()) URL.revokeObjectURL(held.url);
      urls.clear();
    },
  };
}
