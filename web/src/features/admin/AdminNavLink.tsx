/** The 管理 link in the top nav, for admins (users, teams, audit) and coordinators (teams, read-only). */
import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { Role } from '@bangqi/shared';
import { useRoot } from '../../state/app.tsx';
import { ad } from './strings.ts';

const HOME: Partial<Record<Role, string>> = { admin: '/admin/users', coordinator: '/admin/teams' };

export function AdminNavLink() {
  const { auth } = useRoot();
  const home = () => {
    const role = auth.user()?.role;
    return role ? HOME[role] : undefined;
  };
  return (
    <Show when={home()}>
      {(href) => (
        <A href={href()} data-testid="nav-admin">
          {ad.nav}
        </A>
      )}
    </Show>
  );
}
