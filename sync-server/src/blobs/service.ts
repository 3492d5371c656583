/**
 * What the blob routes do, apart from HTTP: take one chunk of an upload, finish the upload when its last
 * byte arrived (the store verifies the SHA-256), and sweep uploads abandoned for a day. The size limit
 * (BLOB_MAX_BYTES) is checked here, before anything is stored.
 */
import type { Logger } from '../log.ts';
import type { BlobHead, BlobMeta, BlobStore, StoredBlob } from './types.ts';

/** An upload nobody continued for this long is dropped (its client would start again from HEAD). */
export const STALE_PART_MS = 24 * 3_600_000;
const SWEEP_EVERY_MS = 3_600_000;

export interface UploadChunk {
  hash: string;
  offset: number;
  total: number;
  mime: string;
  data: Uint8Array;
}

export type UploadOutcome =
  | { status: 'partial'; offset: number }
  | { status: 'created'; blob: BlobMeta }
  | { status: 'existed'; blob: BlobMeta }
  | { status: 'bad-offset'; offset: number }
  | { status: 'mismatch' };

export interface BlobServiceOptions {
  store: BlobStore;
  maxBytes: number;
  log: Logger;
  /** epoch ms; tests move it */
  now?: () => number;
  /** false: no hourly sweep (tests call sweep() themselves) */
  sweep?: boolean;
}

export class BlobService {
  readonly maxBytes: number;
  private readonly store: BlobStore;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout | null;

  constructor(options: BlobServiceOptions) {
    this.store = options.store;
    this.maxBytes = options.maxBytes;
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.timer = options.sweep === false ? null : setInterval(() => void this.sweepLogged(), SWEEP_EVERY_MS);
    this.timer?.unref();
  }

  /** Opens the service and drops the uploads that went stale while the relay was down. */
  static async open(options: BlobServiceOptions): Promise<BlobService> {
    const service = new BlobService(options);
    await service.sweep();
    return service;
  }

  head(hash: string): Promise<BlobHead> {
    return this.store.head(hash);
  }

  read(hash: string): Promise<StoredBlob | null> {
    return this.store.read(hash);
  }

  tooLarge(total: number): boolean {
    return total > this.maxBytes;
  }

  /** Stores one chunk; the chunk that completes the bytes also verifies and publishes the blob. */
  async upload(chunk: UploadChunk): Promise<UploadOutcome> {
    if (this.tooLarge(chunk.total)) throw new RangeError(`blob of ${chunk.total} bytes exceeds ${this.maxBytes}`);
    const { hash, ...rest } = chunk;
    const stored = await this.store.append(hash, { ...rest, at: this.now() });
    if (stored.status !== 'stored') return stored;
    // an upload whose last chunk was stored but not completed (relay stopped in between) completes on the next chunk, even an empty one
    if (stored.received < stored.total) return { status: 'partial', offset: stored.received };
    const done = await this.store.complete(hash, this.now());
    if (done.status === 'created') this.log.info({ hash, bytes: done.blob.bytes, mime: done.blob.mime }, 'blob stored');
    if (done.status === 'mismatch') this.log.warn({ hash, bytes: stored.total }, 'blob upload did not match its hash; dropped');
    // a concurrent upload of other bytes for this address restarted the part in between
    if (done.status === 'incomplete') return { status: 'bad-offset', offset: done.received };
    return done;
  }

  /** Drops uploads untouched for STALE_PART_MS; returns how many. */
  async sweep(): Promise<number> {
    const dropped = await this.store.dropPartsBefore(this.now() - STALE_PART_MS);
    if (dropped > 0) this.log.info({ dropped }, 'dropped stale blob uploads');
    return dropped;
  }

  private async sweepLogged(): Promise<void> {
    try {
      await this.sweep();
    } catch (err) {
      this.log.warn({ err }, 'sweeping stale blob uploads failed');
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.store.close();
  }
}
