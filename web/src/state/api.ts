/**
 * The relay's HTTP API (`/api/*`, JSON; types in shared/src/org/api.ts). Adds the bearer token, retries
 * once with a refreshed token after a 401, and turns every failure into one ApiError, so pages show
 * messages from reason codes (ui/strings.ts) instead of guessing from statuses.
 */
import { ApiError, Reason, type ReasonCode } from '@bangqi/shared';

export { ApiError };

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  /** a file (e.g. the audit export) as a Blob */
  download(path: string): Promise<Blob>;
}

type Fetch = typeof fetch;

const REASONS = new Set<string>(Object.values(Reason));

/** Reads `{ reason, message, retryAfterSec }` from an error response (or derives it from the status). */
async function errorOf(res: Response): Promise<ApiError> {
  let body: { reason?: unknown; message?: unknown; retryAfterSec?: unknown } = {};
  try {
    body = (await res.json()) as typeof body;
  } catch {
    /* not JSON (a proxy's error page) */
  }
  const fallback: ReasonCode =
    res.status === 401 ? Reason.Unauthenticated : res.status === 403 ? Reason.Forbidden : res.status === 404 ? Reason.NotFound : res.status === 429 ? Reason.RateLimited : Reason.ServerError;
  const reason = typeof body.reason === 'string' && REASONS.has(body.reason) ? (body.reason as ReasonCode) : fallback;
  const header = Number(res.headers.get('retry-after'));
  const retryAfterSec = typeof body.retryAfterSec === 'number' ? body.retryAfterSec : Number.isFinite(header) && header > 0 ? header : undefined;
  return new ApiError(res.status, reason, typeof body.message === 'string' ? body.message : res.statusText, retryAfterSec);
}

/** One request; network failures become ApiError(0, server-error, '网络不可用'). */
export async function apiRequest(
  method: string,
  path: string,
  options: { body?: unknown; token?: string | null; fetch?: Fetch } = {},
): Promise<Response> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await (options.fetch ?? fetch)(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, Reason.ServerError, '网络不可用');
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

export async function readJson<T>(res: Response): Promise<T> {
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface ApiAuth {
  /** a valid access token (refreshed when needed), or null when signed out / expired */
  accessToken(): Promise<string | null>;
  /** forces a refresh after the relay said 401; true when a new token was obtained */
  refresh(): Promise<boolean>;
}

export function createApiClient(auth: ApiAuth, fetchImpl?: Fetch): ApiClient {
  const send = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const token = await auth.accessToken();
    try {
      return await apiRequest(method, path, { body, token, fetch: fetchImpl });
    } catch (err) {
      // The token may have been revoked or expired in between: one refresh, one retry.
      if (!(err instanceof ApiError) || err.status !== 401 || !token || !(await auth.refresh())) throw err;
      return apiRequest(method, path, { body, token: await auth.accessToken(), fetch: fetchImpl });
    }
  };
  return {
    get: async (path) => readJson(await send('GET', path)),
    post: async (path, body) => readJson(await send('POST', path, body ?? {})),
    patch: async (path, body) => readJson(await send('PATCH', path, body)),
    download: async (path) => (await send('GET', path)).blob(),
  };
}
