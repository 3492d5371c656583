/** Reading JSON request bodies (size-limited) and writing JSON responses for the HTTP API. */
import { Reason, ApiError } from '@bangqi/shared';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 64 * 1024;

/** Every /api response: never cached (tokens, personal data), never sniffed. */
export const API_HEADERS = {
  'Cache-Control': 'no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...API_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export function sendNoContent(res: ServerResponse): void {
  res.writeHead(204, API_HEADERS);
  res.end();
}

export function sendError(res: ServerResponse, err: ApiError): void {
  const retry = err.retryAfterSec;
  sendJson(
    res,
    err.status,
    { reason: err.reason, message: err.message, ...(retry !== undefined ? { retryAfterSec: retry } : {}) },
    retry !== undefined ? { 'Retry-After': String(retry) } : {},
  );
}

/**
 * The parsed JSON body. Only `application/json` is accepted: a cross-site HTML form can only send
 * urlencoded, multipart or text/plain, so this also keeps forms on other sites from posting here.
 * `maxBytes` is 64 KB unless a route needs more (directory import chunks).
 */
export async function readJson(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new ApiError(400, Reason.InvalidRequest, 'Content-Type must be application/json');
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new ApiError(413, Reason.TooBig, `body larger than ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new ApiError(413, Reason.TooBig, `body larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new ApiError(400, Reason.InvalidRequest, 'body is not valid JSON');
  }
}
