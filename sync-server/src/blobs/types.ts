/**
 * Where the relay keeps blobs (photos, attachments), addressed by the SHA-256 of their bytes
 * (implemented on SQLite and PostgreSQL, both held to ./store-suite.ts). A blob arrives in chunks: the
 * chunks of an unfinished upload ("part") are stored as they come, so an upload survives a relay restart
 * and resumes from the bytes already received; `complete` checks the hash and turns the part into a blob
 * in one transaction, so a blob that exists is always whole and verified.
 */

/** 64 lower-case hex digits: the SHA-256 of the bytes, which is also the blob's address. */
export const BLOB_HASH = /^[0-9a-f]{64}$/;

export interface BlobMeta {
  hash: string;
  mime: string;
  bytes: number;
  /** epoch ms */
  createdAt: number;
}

export interface StoredBlob extends BlobMeta {
  data: Uint8Array;
}

/** What HEAD answers: a complete blob, or how far an upload of it got (0 when none was started). */
export type BlobHead = { complete: true; blob: BlobMeta } | { complete: false; received: number };

export interface BlobChunk {
  /** where the chunk starts in the blob: must equal the bytes received so far */
  offset: number;
  /** the blob's whole size (Upload-Length); the store does not limit it, the service does */
  total: number;
  mime: string;
  data: Uint8Array;
  /** epoch ms: the part's last activity, for the stale-part sweep */
  at: number;
}

export type AppendResult =
  /** the blob is already complete: nothing was stored */
  | { status: 'existed'; blob: BlobMeta }
  /** the chunk does not continue the part: resume from `offset` */
  | { status: 'bad-offset'; offset: number }
  /** the chunk is stored; the part holds `received` of `total` bytes */
  | { status: 'stored'; received: number; total: number };

export type CompleteResult =
  /** the part's bytes hash to the address: the blob now exists, the part is gone */
  | { status: 'created'; blob: BlobMeta }
  /** the blob was already complete (another upload finished first) */
  | { status: 'existed'; blob: BlobMeta }
  /** the bytes hash to something else: the part is dropped */
  | { status: 'mismatch' }
  /** no part, or one still missing bytes: nothing changed */
  | { status: 'incomplete'; received: number };

export interface BlobStore {
  head(hash: string): Promise<BlobHead>;
  /** The complete blob, read whole (blobs are limited to a few MiB), or null. */
  read(hash: string): Promise<StoredBlob | null>;
  /**
   * Appends one chunk to the part of `hash`, atomically with the offset check. With no part, only
   * offset 0 starts one. A part of another `total` (other bytes claiming the same address) is replaced by
   * a chunk at offset 0 and answers bad-offset 0 otherwise. Throws RangeError when the chunk runs past `total`.
   */
  append(hash: string, chunk: BlobChunk): Promise<AppendResult>;
  /** Verifies a part that holds all its bytes and makes it the blob, in one transaction. */
  complete(hash: string, at: number): Promise<CompleteResult>;
  /** Drops the parts (and their chunks) last touched before `cutoff`; returns how many. */
  dropPartsBefore(cutoff: number): Promise<number>;
  close(): Promise<void>;
}

/** Throws RangeError when the chunk would run past the blob's declared size (both stores check it first). */
export function checkChunkFits(chunk: BlobChunk): void {
  if (chunk.offset + chunk.data.byteLength > chunk.total) {
    throw new RangeError(`chunk [${chunk.offset}, ${chunk.offset + chunk.data.byteLength}) runs past the blob's ${chunk.total} bytes`);
  }
}
