/**
 * The 管理 link in the top nav, for admins (users, teams, audit) and coordinators (teams, read-only);
 * highlighted on every admin page, not only the one it points to.
 */
import { Show } from 'solid-js';
import { useLocation } from '@solidjs/router';
import type { Role } from '@bangqi/shared';
import { useRoot } from '../../state/app.tsx';
import { ad } from './strings.ts';

const HOME: Partial<Record<Role, string>> = { admin: '/admin/users', coordinator: '/admin/teams' };

export function AdminNavLink() {
  const { auth } = useRoot();
  const location = useLocation();
  const home = () => {
    const role = auth.user()?.role;
    return role ? HOME[role] : undefined;
  };
  // A plain anchor: the router handles the click, and `active` follows the whole /admin area.
  return (
    <Show when={home()}>
      {(href) => (
        <a href={href()} data-testid="nav-admin" classList={{ active: location.pathname.startsWith('/admin/') }}>
          {ad.nav}
        </a>
      )}
    </Show>
  );
}
