/**
 * The signed-in user and the device, as the pages read them (`useApp().session`). A thin view over the
 * auth store: accounts replaced the 我是谁 picker, and the user comes from the relay's login.
 */
import type { Accessor } from 'solid-js';
import type { OrgUser } from '@bangqi/shared';

export type AppUser = OrgUser;

export interface SessionStore {
  deviceId: string;
  user: Accessor<AppUser | null>;
}
