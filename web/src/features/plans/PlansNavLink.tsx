/** The nav entry of 走访计划, for every role that sees enterprise files (not department handlers). */
import { Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import { p } from './strings.ts';

export function PlansNavLink(): JSX.Element {
  const { auth } = useApp();
  return (
    <Show when={auth.principal()?.role !== 'handler'}>
      <A href="/plans" data-testid="nav-plans">
        {p.nav}
      </A>
    </Show>
  );
}
