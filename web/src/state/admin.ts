/**
 * The admin screens' calls to the relay's HTTP API (shared/src/org/api.ts). Online only: nothing here
 * is cached, since phones and the audit log are personal data that must not sit on devices.
 */
import type {
  AuditAction,
  AuditPage,
  OrgResponse,
  TeamWriteRequest,
  UserCreateRequest,
  UserUpdateRequest,
} from '@bangqi/shared';

/** The part of the app's API client the admin screens use. */
export interface AdminApiPort {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body: unknown): Promise<T>;
  patch<T>(path: string, body: unknown): Promise<T>;
  download(path: string): Promise<Blob>;
}

export interface AuditFilter {
  actor: string;
  action: AuditAction | '';
  docId: string;
  /** yyyy-mm-dd (local day), '' for open-ended */
  fromDay: string;
  toDay: string;
}

export const EMPTY_AUDIT_FILTER: AuditFilter = { actor: '', action: '', docId: '', fromDay: '', toDay: '' };

export const AUDIT_PAGE_SIZE = 50;

/** Local midnight of a yyyy-mm-dd day, in epoch ms (NaN for anything else). */
function dayStart(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime() : Number.NaN;
}

/** The query string of GET /api/audit and /api/audit/export: the day range covers both whole days. */
export function auditQuery(f: AuditFilter, page?: { before?: number | null; limit?: number }): string {
  const q = new URLSearchParams();
  if (f.actor.trim()) q.set('actor', f.actor.trim());
  if (f.action) q.set('action', f.action);
  if (f.docId.trim()) q.set('docId', f.docId.trim());
  const from = dayStart(f.fromDay);
  if (!Number.isNaN(from)) q.set('from', String(from));
  const to = dayStart(f.toDay);
  // `to` is inclusive of its whole day: up to the last millisecond before the next midnight.
  if (!Number.isNaN(to)) q.set('to', String(new Date(to).setDate(new Date(to).getDate() + 1) - 1));
  if (page?.before) q.set('before', String(page.before));
  if (page?.limit) q.set('limit', String(page.limit));
  return q.toString();
}

export function createAdminApi(api: AdminApiPort) {
  return {
    /** The org with phones (admins only). */
    org: () => api.get<OrgResponse>('/api/org'),
    createUser: (req: UserCreateRequest) => api.post<unknown>('/api/admin/users', req),
    updateUser: (id: string, req: UserUpdateRequest) => api.patch<unknown>(`/api/admin/users/${encodeURIComponent(id)}`, req),
    createTeam: (req: TeamWriteRequest) => api.post<unknown>('/api/admin/teams', req),
    updateTeam: (id: string, req: Partial<TeamWriteRequest>) => api.patch<unknown>(`/api/admin/teams/${encodeURIComponent(id)}`, req),
    audit: (f: AuditFilter, before: number | null) => api.get<AuditPage>(`/api/audit?${auditQuery(f, { before, limit: AUDIT_PAGE_SIZE })}`),
    exportAudit: (f: AuditFilter) => api.download(`/api/audit/export?${auditQuery(f)}`),
  };
}

export type AdminApi = ReturnType<typeof createAdminApi>;
