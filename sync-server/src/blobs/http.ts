/**
 * /api/blobs/<hash> (hash = SHA-256 of the bytes, 64 lower-case hex; see docs/protocol.md "Blobs"):
 *
 *   HEAD → 200 Content-Length, Content-Type (complete) | 404 Upload-Offset: <bytes of an unfinished upload, 0 when none>
 *   PUT  Upload-Offset, Upload-Length, Content-Type; body = the bytes from Upload-Offset (≤ 1 MiB)
 *        → 200 {offset} stored, more to come | 201 {hash, bytes} complete and verified
 *        | 200 {hash, bytes, existed: true} (body not read) | 409 {reason: 'bad-offset', offset}
 *        | 413 blob-too-large (Upload-Length > BLOB_MAX_BYTES) or too-big (body > 1 MiB)
 *        | 422 hash-mismatch (the upload is dropped) | 400 invalid-request
 *   GET  → 200 the bytes (immutable, ETag "<hash>", 304 on If-None-Match) | 404 not-found
 *
 * Every signed-in user may read and write any blob: the 256-bit address is the capability. Any token
 * failure (missing, invalid, expired, revoked, disabled user) answers 401 unauthenticated.
 */
import { ApiError, Reason } from '@bangqi/shared';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountsService } from '../accounts/service-types.ts';
import { API_HEADERS, sendError, sendJson } from '../http/json.ts';
import type { Logger } from '../log.ts';
import type { BlobService } from './service.ts';
import { BLOB_HASH } from './types.ts';

/** One PUT carries one chunk; clients send ≤ 256 KiB, so this is generous and still bounds the memory per request. */
export const BLOB_CHUNK_MAX_BYTES = 1024 * 1024;

const PREFIX = '/api/blobs/';
const MIME = /^([a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126})((?:\s*;\s*[a-z0-9!#$&^_.+-]+=(?:[a-z0-9!#$&^_.+-]+|"[^"\\\r\n]*"))*)\s*$/i;
const DEFAULT_MIME = 'application/octet-stream';

const invalid = (message: string) => new ApiError(400, Reason.InvalidRequest, message);

function bearer(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** A non-negative decimal integer header, or 400. */
function sizeHeader(req: IncomingMessage, name: string): number {
  const raw = req.headers[name.toLowerCase()];
  if (typeof raw !== 'string' || !/^\d{1,15}$/.test(raw.trim())) throw invalid(`${name} must be a non-negative integer`);
  return Number(raw.trim());
}

/** The upload's media type, type/subtype lower-cased; none given is application/octet-stream. */
function mimeOf(req: IncomingMessage): string {
  const raw = (req.headers['content-type'] ?? '').trim();
  if (raw === '') return DEFAULT_MIME;
  const match = raw.length <= 200 ? MIME.exec(raw) : null;
  if (!match) throw invalid('Content-Type must be a media type such as image/jpeg');
  return match[1]!.toLowerCase() + match[2]!.trim();
}

/** The chunk, refused with 413 past `max` bytes (before reading when Content-Length says so). */
async function readChunk(req: IncomingMessage, max: number): Promise<Buffer> {
  const tooBig = () => new ApiError(413, Reason.TooBig, `a chunk is at most ${max} bytes`);
  if (Number(req.headers['content-length'] ?? 0) > max) throw tooBig();
  const parts: Buffer[] = [];
  let size = 0;
  try {
    for await (const part of req as AsyncIterable<Buffer>) {
      size += part.byteLength;
      if (size > max) throw tooBig();
      parts.push(part);
    }
  } catch (err) {
    if (err instanceof ApiError) throw err;
    // the client went away mid-chunk: nothing of this chunk is stored, it resumes from the stored offset
    throw new ApiError(400, Reason.InvalidRequest, 'the chunk was cut off');
  }
  return Buffer.concat(parts, size);
}

async function put(blobs: BlobService, hash: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const offset = sizeHeader(req, 'Upload-Offset');
  const total = sizeHeader(req, 'Upload-Length');
  const mime = mimeOf(req);
  if (blobs.tooLarge(total)) throw new ApiError(413, Reason.BlobTooLarge, `a blob is at most ${blobs.maxBytes} bytes`);
  if (offset > total) throw invalid('Upload-Offset is past Upload-Length');
  // answered before the body is read: a duplicate is never uploaded twice, a stale offset costs no transfer
  const head = await blobs.head(hash);
  if (head.complete) return sendJson(res, 200, { hash, bytes: head.blob.bytes, existed: true });
  if (offset !== 0 && offset !== head.received) return sendJson(res, 409, badOffset(head.received));
  const data = await readChunk(req, BLOB_CHUNK_MAX_BYTES);
  if (offset + data.byteLength > total) throw invalid('the chunk runs past Upload-Length');
  const outcome = await blobs.upload({ hash, offset, total, mime, data });
  switch (outcome.status) {
    case 'partial':
      return sendJson(res, 200, { offset: outcome.offset });
    case 'created':
      return sendJson(res, 201, { hash, bytes: outcome.blob.bytes });
    case 'existed':
      return sendJson(res, 200, { hash, bytes: outcome.blob.bytes, existed: true });
    case 'bad-offset':
      return sendJson(res, 409, badOffset(outcome.offset));
    case 'mismatch':
      throw new ApiError(422, Reason.HashMismatch, 'the bytes do not hash to the address; the upload was dropped');
  }
}

const badOffset = (offset: number) => ({ reason: Reason.BadOffset, message: `the upload continues at byte ${offset}`, offset });

async function head(blobs: BlobService, hash: string, res: ServerResponse): Promise<void> {
  const found = await blobs.head(hash);
  if (found.complete) {
    res.writeHead(200, { ...API_HEADERS, 'Content-Type': found.blob.mime, 'Content-Length': String(found.blob.bytes) });
  } else {
    res.writeHead(404, { ...API_HEADERS, 'Upload-Offset': String(found.received) });
  }
  res.end();
}

async function get(blobs: BlobService, hash: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const etag = `"${hash}"`;
  const cache = { 'Cache-Control': 'private, max-age=31536000, immutable', ETag: etag };
  // the bytes behind an address never change: a client that has them needs no transfer
  if ((req.headers['if-none-match'] ?? '').includes(etag) && (await blobs.head(hash)).complete) {
    res.writeHead(304, cache);
    return void res.end();
  }
  const blob = await blobs.read(hash);
  if (!blob) throw new ApiError(404, Reason.NotFound, 'no such blob');
  res.writeHead(200, {
    ...cache,
    'Content-Type': blob.mime,
    'Content-Length': String(blob.data.byteLength),
    'X-Content-Type-Options': 'nosniff',
    // uploaded content is served from the app's origin: if ever opened as a page it runs nothing
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  res.end(blob.data);
}

/** Serves /api/blobs/*; resolves false for any other path. */
export async function handleBlobApi(
  blobs: BlobService,
  accounts: Pick<AccountsService, 'authenticate'>,
  log: Logger,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  if (!path.startsWith(PREFIX)) return false;
  try {
    const auth = await accounts.authenticate(bearer(req));
    if (!auth.ok) throw new ApiError(401, Reason.Unauthenticated, `access token ${auth.why}`);
    const hash = path.slice(PREFIX.length);
    if (!BLOB_HASH.test(hash)) throw invalid('a blob address is the SHA-256 of its bytes in 64 lower-case hex digits');
    if (req.method === 'HEAD') await head(blobs, hash, res);
    else if (req.method === 'GET') await get(blobs, hash, req, res);
    else if (req.method === 'PUT') await put(blobs, hash, req, res);
    else throw new ApiError(405, Reason.NotFound, `${req.method} not allowed here`);
  } catch (err) {
    const failure = err instanceof ApiError ? err : new ApiError(500, Reason.ServerError, 'internal error');
    if (failure.status === 500) log.error({ err, path }, 'blob request failed');
    if (res.headersSent) {
      res.destroy();
      return true;
    }
    // a body past the chunk limit is not worth draining: close the connection after the answer
    const oversized = failure.reason === Reason.TooBig || Number(req.headers['content-length'] ?? 0) > BLOB_CHUNK_MAX_BYTES;
    if (oversized && !req.readableEnded) res.setHeader('Connection', 'close');
    if (req.method === 'HEAD') {
      res.writeHead(failure.status, API_HEADERS);
      res.end();
    } else sendError(res, failure);
  }
  return true;
}
