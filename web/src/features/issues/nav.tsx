/** Nav links: 共性问题 (coordinators, admins, department handlers) and 诉求统计 (coordinators, team leads, admins). */
import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import { f } from '../figures/strings.ts';
import { s } from './strings.ts';

export function IssuesNavLinks() {
  const { session } = useApp();
  const role = () => session.user()?.role;
  return (
    <>
      <Show when={role() === 'coordinator' || role() === 'admin' || role() === 'handler'}>
        <A href="/issues">{s.nav}</A>
      </Show>
      <Show when={role() === 'coordinator' || role() === 'admin' || role() === 'team-lead'}>
        <A href="/figures">{f.nav}</A>
      </Show>
    </>
  );
}
