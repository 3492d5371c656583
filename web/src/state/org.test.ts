import { describe, expect, it } from 'vitest';
import { createRoot, createSignal } from 'solid-js';
import type { Org, OrgUser } from '@bangqi/shared';
import type { ApiClient } from './api.ts';
import { createOrgStore } from './org.ts';

const user = (id: string, name: string, role: OrgUser['role'] = 'commissioner'): OrgUser => ({
  id,
  username: id.slice(2),
  name,
  role,
  teamIds: ['t-equip'],
  department: '',
  disabled: false,
});

const ORG: Org = {
  users: [user('u-zhangwei', '张伟'), user('u-lina', '李娜')],
  teams: [{ id: 't-equip', name: '高端装备制造专项服务队', kind: 'industry', scope: '高端装备制造', leadId: null }],
  version: 3,
};

function memoryStorage() {
  const map = new Map<string, string>();
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v) };
}

function apiReturning(org: () => Org): ApiClient {
  const fail = () => Promise.reject(new Error('not used'));
  return { get: async <T,>() => org() as T, post: fail, patch: fail, download: fail };
}

describe('org store', () => {
  it('names users and teams, caches the org per user and reads the cache back offline', async () => {
    const storage = memoryStorage();
    const seen: OrgUser[] = [];
    await createRoot(async (dispose) => {
      const [userId] = createSignal<string | null>('u-zhangwei');
      const org = createOrgStore({ api: apiReturning(() => ORG), storage, userId, onSelf: (u) => seen.push(u) });
      expect(org.org()).toBeNull();
      expect(org.userName('u-lina')).toBe('u-lina'); // unknown yet: the id
      await org.refresh();
      expect(org.userName('u-lina')).toBe('李娜');
      expect(org.userName('')).toBe('未分配');
      expect(org.teamName('t-equip')).toBe('高端装备制造专项服务队');
      expect(org.teamName('')).toBe('未分配');
      expect(org.user('u-zhangwei')?.name).toBe('张伟');
      expect(seen.map((u) => u.id)).toEqual(['u-zhangwei']);
      dispose();
    });
    expect([...storage.map.keys()]).toEqual(['bangqi-org:u-zhangwei']);

    // Next start, offline: the cache of this user is there at once; another user has none.
    const offline: ApiClient = { ...apiReturning(() => ORG), get: () => Promise.reject(new Error('offline')) };
    createRoot((dispose) => {
      const org = createOrgStore({ api: offline, storage, userId: () => 'u-zhangwei' });
      expect(org.org()?.version).toBe(3);
      expect(org.userName('u-lina')).toBe('李娜');
      dispose();
    });
    createRoot((dispose) => {
      const org = createOrgStore({ api: offline, storage, userId: () => 'u-lina' });
      expect(org.org()).toBeNull();
      dispose();
    });
  });
});
