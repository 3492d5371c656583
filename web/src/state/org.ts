/**
 * The org (users and teams) as the signed-in user may see it: GET /api/org, cached in localStorage per
 * user so names, teams and the principal are there offline after one online sign-in.
 */
import { createEffect, createSignal, on, type Accessor } from 'solid-js';
import type { Org, OrgResponse, OrgUser, Team } from '@bangqi/shared';
import type { ApiClient } from './api.ts';
import { t } from '../ui/strings.ts';

export interface OrgStore {
  org: Accessor<Org | null>;
  /** fetches the current org (needs the network); keeps the cached one on failure */
  refresh(): Promise<void>;
  /** '' → 未分配; an id not in the org → the id itself */
  userName(id: string): string;
  teamName(id: string): string;
  user(id: string): OrgUser | undefined;
  team(id: string): Team | undefined;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

const cacheKey = (userId: string) => `bangqi-org:${userId}`;

function readCache(storage: KeyValueStorage, userId: string): Org | null {
  try {
    const raw = storage.getItem(cacheKey(userId));
    const org = raw ? (JSON.parse(raw) as Org) : null;
    return org && Array.isArray(org.users) && Array.isArray(org.teams) ? org : null;
  } catch {
    return null;
  }
}

export interface OrgOptions {
  api: ApiClient;
  storage: KeyValueStorage;
  /** the signed-in user's id (the cache is per user) */
  userId: Accessor<string | null>;
  /** the signed-in user as the relay now sees them (role or teams may have changed) */
  onSelf?: (user: OrgUser) => void;
}

export function createOrgStore(opts: OrgOptions): OrgStore {
  const cached = (id: string | null) => (id ? readCache(opts.storage, id) : null);
  // The org with its look-up maps, replaced together (a list of 2,000 rows asks for names row by row).
  const indexed = (org: Org | null) => ({
    org,
    users: new Map((org?.users ?? []).map((u) => [u.id, u])),
    teams: new Map((org?.teams ?? []).map((x) => [x.id, x])),
  });
  const [state, setState] = createSignal(indexed(cached(opts.userId())));
  const setOrg = (org: Org | null) => setState(indexed(org));
  createEffect(on(opts.userId, (id) => setOrg(cached(id)), { defer: true }));
  const org = () => state().org;
  const users = () => state().users;
  const teams = () => state().teams;

  return {
    org,
    async refresh() {
      const id = opts.userId();
      if (!id) return;
      const next = await opts.api.get<OrgResponse>('/api/org');
      if (opts.userId() !== id) return; // signed out or switched meanwhile
      setOrg(next);
      try {
        opts.storage.setItem(cacheKey(id), JSON.stringify(next));
      } catch {
        /* quota: the org is fetched again next time */
      }
      const self = next.users.find((u) => u.id === id);
      if (self) opts.onSelf?.(self);
    },
    userName: (id) => (id === '' ? t.unassigned : (users().get(id)?.name ?? id)),
    teamName: (id) => (id === '' ? t.unassigned : (teams().get(id)?.name ?? id)),
    user: (id) => users().get(id),
    team: (id) => teams().get(id),
  };
}
