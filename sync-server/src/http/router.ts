/**
 * The relay's HTTP API under /api/ (types in shared/src/org/api.ts):
 *
 *   POST /api/auth/login     {username, password, deviceId?} → LoginResponse
 *   POST /api/auth/refresh   {refreshToken} → LoginResponse (the old refresh token is consumed)
 *   POST /api/auth/logout    {refreshToken} → 204
 *   POST /api/auth/password  bearer, {oldPassword, newPassword} → LoginResponse (every other session ends)
 *   GET  /api/me             bearer → OrgUser
 *   GET  /api/org            bearer → Org (phones only for admins)
 *   GET  /api/admin/users · POST /api/admin/users · PATCH /api/admin/users/:id        admin
 *   GET  /api/admin/teams · POST /api/admin/teams · PATCH /api/admin/teams/:id        admin
 *   GET  /api/audit?actor&action&docId&from&to&before&limit → AuditPage               admin
 *   GET  /api/audit/export?(same filters) → CSV                                        admin
 *   /api/directory/*  market-entity directory: imports, deltas, stats (../directory/http.ts, served before this router)
 *
 * Errors are `{reason, message}` (+ `retryAfterSec` and a Retry-After header on 429).
 */
import { type Principal, Reason, ApiError } from '@bangqi/shared';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Accounts } from '../accounts/service.ts';
import { AUDIT_CSV_HEADER, auditCsvRow, CSV_BOM, csvRow } from './csv.ts';
import { API_HEADERS, readJson, sendError, sendJson, sendNoContent } from './json.ts';
import {
  parseAuditFilter,
  parseLogin,
  parsePasswordChange,
  parseRefreshToken,
  parseTeamCreate,
  parseTeamUpdate,
  parseUserCreate,
  parseUserUpdate,
} from './validate.ts';

interface Call {
  accounts: Accounts;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** the `:id` of the route, decoded */
  id: string;
  ip: string;
}

type Access = 'public' | 'user' | 'admin';
type Handler = (call: Call, principal: Principal) => Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  access: Access;
  run: Handler;
}

const routes: Route[] = [];
const route = (method: string, path: string, access: Access, run: Handler) =>
  routes.push({ method, pattern: new RegExp(`^${path.replace(':id', '([^/]+)')}$`), access, run });

route('POST', '/api/auth/login', 'public', async ({ accounts, req, res, ip }) => {
  sendJson(res, 200, await accounts.login(parseLogin(await readJson(req)), ip));
});
route('POST', '/api/auth/refresh', 'public', async ({ accounts, req, res, ip }) => {
  sendJson(res, 200, await accounts.refresh(parseRefreshToken(await readJson(req)), ip));
});
route('POST', '/api/auth/logout', 'public', async ({ accounts, req, res, ip }) => {
  await accounts.logout(parseRefreshToken(await readJson(req)), ip);
  sendNoContent(res);
});
route('POST', '/api/auth/password', 'user', async ({ accounts, req, res, ip }, principal) => {
  const { oldPassword, newPassword } = parsePasswordChange(await readJson(req));
  sendJson(res, 200, await accounts.changePassword(principal, oldPassword, newPassword, ip));
});
route('GET', '/api/me', 'user', async ({ accounts, res }, principal) => sendJson(res, 200, accounts.me(principal)));
route('GET', '/api/org', 'user', async ({ accounts, res }, principal) => sendJson(res, 200, accounts.orgFor(principal)));

route('GET', '/api/admin/users', 'admin', async ({ accounts, res }) => sendJson(res, 200, accounts.listUsers()));
route('POST', '/api/admin/users', 'admin', async ({ accounts, req, res }, principal) => {
  sendJson(res, 201, await accounts.createUser(principal, parseUserCreate(await readJson(req))));
});
route('PATCH', '/api/admin/users/:id', 'admin', async ({ accounts, req, res, id }, principal) => {
  sendJson(res, 200, await accounts.updateUser(principal, id, parseUserUpdate(await readJson(req))));
});
route('GET', '/api/admin/teams', 'admin', async ({ accounts, res }) => sendJson(res, 200, accounts.listTeams()));
route('POST', '/api/admin/teams', 'admin', async ({ accounts, req, res }, principal) => {
  sendJson(res, 201, await accounts.createTeam(principal, parseTeamCreate(await readJson(req))));
});
route('PATCH', '/api/admin/teams/:id', 'admin', async ({ accounts, req, res, id }, principal) => {
  sendJson(res, 200, await accounts.updateTeam(principal, id, parseTeamUpdate(await readJson(req))));
});

route('GET', '/api/audit', 'admin', async ({ accounts, res, url }) => {
  const filter = parseAuditFilter(url.searchParams);
  await accounts.flushAudit(); // what happened just before the request is part of the answer
  sendJson(res, 200, await accounts.store.queryAudit(filter));
});
route('GET', '/api/audit/export', 'admin', async ({ accounts, res, url }) => {
  const { limit: _pageSize, ...filter } = parseAuditFilter(url.searchParams);
  await accounts.flushAudit();
  const day = new Date().toISOString().slice(0, 10);
  res.writeHead(200, {
    ...API_HEADERS,
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="audit-${day}.csv"`,
  });
  res.write(CSV_BOM + csvRow(AUDIT_CSV_HEADER));
  // newest first like the screen, a page at a time so a long log never sits in memory whole
  let before = filter.before;
  for (;;) {
    const page = await accounts.store.queryAudit({ ...filter, ...(before !== undefined ? { before } : {}), limit: 1000 });
    const chunk = page.entries.map((e) => auditCsvRow(e, accounts.nameOf(e.actor))).join('');
    if (chunk && !res.write(chunk)) await new Promise((resolve) => res.once('drain', resolve));
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  res.end();
});

/** The client's address: the socket's, or behind a trusted proxy the last X-Forwarded-For entry (the one it added). */
function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') {
    const last = forwarded.split(',').at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress ?? '';
}

function bearer(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

export async function authorize(accounts: Pick<Accounts, 'authenticate'>, req: IncomingMessage, access: Access): Promise<Principal | null> {
  if (access === 'public') return null;
  const result = await accounts.authenticate(bearer(req));
  if (!result.ok) {
    if (result.why === 'disabled') throw new ApiError(403, Reason.AccountDisabled, 'the account is disabled');
    throw new ApiError(401, Reason.Unauthenticated, `access token ${result.why}`);
  }
  if (access === 'admin' && result.principal.role !== 'admin') throw new ApiError(403, Reason.Forbidden, 'admins only');
  return result.principal;
}

/** Serves /api/*; resolves false for any other path. */
export async function handleApi(accounts: Accounts, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const url = new URL(req.url ?? '/', 'http://x');
  if (!url.pathname.startsWith('/api/')) return false;
  try {
    let pathMatched = false;
    for (const candidate of routes) {
      const match = candidate.pattern.exec(url.pathname);
      if (!match) continue;
      pathMatched = true;
      if (candidate.method !== req.method) continue;
      let id = '';
      try {
        id = decodeURIComponent(match[1] ?? '');
      } catch {
        throw new ApiError(404, Reason.NotFound, 'malformed id');
      }
      const principal = await authorize(accounts, req, candidate.access);
      const call: Call = { accounts, req, res, url, id, ip: clientIp(req, accounts.config.trustProxy) };
      // public routes never read the principal; the cast only spares them a parameter type of their own
      await candidate.run(call, principal as Principal);
      return true;
    }
    throw pathMatched ? new ApiError(405, Reason.NotFound, `${req.method} not allowed here`) : new ApiError(404, Reason.NotFound, 'no such API');
  } catch (err) {
    const failure = err instanceof ApiError ? err : new ApiError(500, Reason.ServerError, 'internal error');
    if (failure.status === 500) accounts.log.error({ err, url: url.pathname }, 'api request failed');
    if (res.headersSent) {
      res.destroy(); // e.g. the database failed mid-export: a cut response, never a truncated file that looks whole
      return true;
    }
    // an unread oversized body is not worth draining: close the connection after the answer
    if (failure.status === 413) res.setHeader('Connection', 'close');
    sendError(res, failure);
    return true;
  }
}
