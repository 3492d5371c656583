/** The 诉求 nav link and the home route: department handlers have no files, so they land on their demands. */
import { Show } from 'solid-js';
import { A, Navigate } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import { ListPage } from '../enterprises/ListPage.tsx';
import { d } from './strings.ts';

export function DemandsNavLink() {
  return <A href="/demands">{d.nav}</A>;
}

export function HomeRoute() {
  const { auth } = useApp();
  return (
    <Show when={auth.principal()?.role === 'handler'} fallback={<ListPage />}>
      <Navigate href="/demands" />
    </Show>
  );
}
