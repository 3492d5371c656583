/**
 * /api/directory/* (types in shared/src/directory/types.ts; see docs/protocol.md):
 *
 *   POST   /api/directory/imports                {fileName, totalRows, totalChunks} → 201 {importId}   coordinator, admin
 *   GET    /api/directory/imports/:id            → DirectoryImportState                                  coordinator, admin
 *   PUT    /api/directory/imports/:id/chunks/:n  {rows} → 204 (n from 0; re-sending replaces; ≤ 4 MB)   coordinator, admin
 *   POST   /api/directory/imports/:id/commit     → DirectoryCommitResult                                 coordinator, admin
 *   DELETE /api/directory/imports/:id            → 204 (abandons: the staging is dropped)                coordinator, admin
 *   GET    /api/directory/delta?since&after&limit → DirectoryDelta                                       every role but handler
 *   GET    /api/directory/stats                  → DirectoryStats                                        every role but handler
 *
 * Errors are `{reason, message}` like the rest of /api.
 */
import { DIRECTORY_CHUNK_MAX_ROWS, DIRECTORY_DELTA_MAX_LIMIT, DIRECTORY_IMPORT_MAX_CHUNKS, type DirectoryImportBegin, type Principal, Reason, ApiError } from '@bangqi/shared';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AccountsService } from '../accounts/service-types.ts';
import type { Logger } from '../log.ts';
import { readJson, sendError, sendJson, sendNoContent } from '../http/json.ts';
import { authorize } from '../http/router.ts';
import { invalid } from '../http/validate.ts';
import type { DirectoryService } from './service.ts';

/** A chunk of 2,000 rows is ≈ 0.6 MB of JSON; 5,000 long rows stay under this. */
const CHUNK_BODY_BYTES = 4 * 1024 * 1024;
const IMPORT_ID = /^imp-[0-9a-f]{18}$/;

type Body = Record<string, unknown>;

function object(value: unknown): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('body must be a JSON object');
  return value as Body;
}

function int(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw invalid(`${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function parseBegin(raw: unknown): DirectoryImportBegin {
  const body = object(raw);
  const fileName = body.fileName;
  if (typeof fileName !== 'string' || fileName.trim() === '' || fileName.length > 200) throw invalid('fileName must be 1–200 characters');
  return {
    fileName: fileName.trim(),
    totalRows: int(body.totalRows, 'totalRows', 0, Number.MAX_SAFE_INTEGER),
    totalChunks: int(body.totalChunks, 'totalChunks', 1, DIRECTORY_IMPORT_MAX_CHUNKS),
  };
}

function parseChunk(raw: unknown): unknown[] {
  const rows = object(raw).rows;
  if (!Array.isArray(rows) || rows.length > DIRECTORY_CHUNK_MAX_ROWS) throw invalid(`rows must be an array of at most ${DIRECTORY_CHUNK_MAX_ROWS} rows`);
  return rows;
}

function query(params: URLSearchParams, name: string, min: number, max: number, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') return fallback;
  return int(Number(raw), name, min, max);
}

function parseDelta(params: URLSearchParams): { since: number; after: string | null; limit: number } {
  const after = params.get('after') || null;
  if (after !== null && !/^[0-9A-Z]{1,18}$/.test(after)) throw invalid('after must be a USCC');
  return {
    since: query(params, 'since', 0, Number.MAX_SAFE_INTEGER, 0),
    after,
    limit: query(params, 'limit', 1, DIRECTORY_DELTA_MAX_LIMIT, DIRECTORY_DELTA_MAX_LIMIT),
  };
}

interface Call {
  directory: DirectoryService;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** the import id of the path, when it has one */
  id: string;
  /** the chunk number of the path, when it has one */
  n: number;
}
type Handler = (call: Call, principal: Principal) => Promise<void>;

const routes: { method: string; pattern: RegExp; run: Handler }[] = [
  {
    method: 'POST',
    pattern: /^\/api\/directory\/imports$/,
    run: async ({ directory, req, res }, principal) => {
      const importId = await directory.begin(principal, parseBegin(await readJson(req)));
      sendJson(res, 201, { importId });
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/directory\/imports\/([^/]+)$/,
    run: async ({ directory, res, id }, principal) => sendJson(res, 200, await directory.state(principal, id)),
  },
  {
    method: 'DELETE',
    pattern: /^\/api\/directory\/imports\/([^/]+)$/,
    run: async ({ directory, res, id }, principal) => {
      await directory.abandon(principal, id);
      sendNoContent(res);
    },
  },
  {
    method: 'PUT',
    pattern: /^\/api\/directory\/imports\/([^/]+)\/chunks\/(\d{1,4})$/,
    run: async ({ directory, req, res, id, n }, principal) => {
      await directory.putChunk(principal, id, n, async () => parseChunk(await readJson(req, CHUNK_BODY_BYTES)));
      sendNoContent(res);
    },
  },
  {
    method: 'POST',
    pattern: /^\/api\/directory\/imports\/([^/]+)\/commit$/,
    run: async ({ directory, res, id }, principal) => sendJson(res, 200, await directory.commit(principal, id)),
  },
  {
    method: 'GET',
    pattern: /^\/api\/directory\/delta$/,
    run: async ({ directory, res, url }, principal) => {
      const { since, after, limit } = parseDelta(url.searchParams);
      sendJson(res, 200, await directory.delta(principal, since, after, limit));
    },
  },
  {
    method: 'GET',
    pattern: /^\/api\/directory\/stats$/,
    run: async ({ directory, res }, principal) => sendJson(res, 200, await directory.stats(principal)),
  },
];

/** Serves /api/directory/*; resolves false for any other path. */
export async function handleDirectoryApi(
  directory: DirectoryService,
  accounts: Pick<AccountsService, 'authenticate'>,
  log: Logger,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!url.pathname.startsWith('/api/directory/')) return false;
  try {
    const matched = routes.map((r) => ({ route: r, match: r.pattern.exec(url.pathname) })).filter((m) => m.match);
    if (matched.length === 0) throw new ApiError(404, Reason.NotFound, 'no such API');
    const hit = matched.find((m) => m.route.method === req.method);
    if (!hit) throw new ApiError(405, Reason.NotFound, `${req.method} not allowed here`);
    const principal = (await authorize(accounts, req, 'user'))!;
    const id = hit.match![1] ?? '';
    if (id && !IMPORT_ID.test(id)) throw new ApiError(404, Reason.NotFound, 'no such import');
    await hit.route.run({ directory, req, res, url, id, n: Number(hit.match![2] ?? 0) }, principal);
  } catch (err) {
    const failure = err instanceof ApiError ? err : new ApiError(500, Reason.ServerError, 'internal error');
    if (failure.status === 500) log.error({ err, url: url.pathname }, 'directory request failed');
    // an unread body (a refused or oversized chunk) is not worth draining: close the connection after the answer
    if (req.method !== 'GET' && !req.readableEnded) res.setHeader('Connection', 'close');
    sendError(res, failure);
  }
  return true;
}
