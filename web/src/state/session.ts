/** Who uses this device ("我是谁", until accounts exist) and the device's stable id, kept in `meta`. */
import { createSignal, type Accessor } from 'solid-js';
import { DEMO_USERS } from '@bangqi/shared';
import { getMeta, setMeta, type AppDb } from '../storage/db.ts';

export type AppUser = (typeof DEMO_USERS)[number];

export interface SessionStore {
  deviceId: string;
  user: Accessor<AppUser | null>;
  setUser(id: string): Promise<void>;
  users: readonly AppUser[];
}

export interface StoredSession {
  deviceId: string;
  userId: string;
}

/** Reads (and on first run creates) the device id and the chosen user. */
export async function loadSession(db: AppDb): Promise<StoredSession> {
  let deviceId = await getMeta<string>(db, 'deviceId', '');
  if (!deviceId) {
    deviceId = `dev-${globalThis.crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
    await setMeta(db, 'deviceId', deviceId);
  }
  return { deviceId, userId: await getMeta(db, 'user', '') };
}

const find = (id: string) => DEMO_USERS.find((u) => u.id === id) ?? null;

export function createSessionStore(db: AppDb, stored: StoredSession): SessionStore {
  const { deviceId } = stored;
  const [user, setUserSignal] = createSignal<AppUser | null>(find(stored.userId));
  return {
    deviceId,
    user,
    users: DEMO_USERS,
    async setUser(id) {
      const next = find(id);
      if (!next) return;
      await setMeta(db, 'user', id);
      setUserSignal(next);
    },
  };
}
