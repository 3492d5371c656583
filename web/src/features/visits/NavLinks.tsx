/** 我的走访 for everyone who visits enterprises; 队伍走访 for team leads and coordinators. */
import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { useRoot } from '../../state/app.tsx';
import { v } from './strings.ts';

export function VisitsNavLinks() {
  const { auth } = useRoot();
  const role = () => auth.user()?.role;
  return (
    <>
      <Show when={role() === 'commissioner' || role() === 'team-lead' || role() === 'coordinator'}>
        <A href="/visits" data-testid="nav-visits">
          {v.historyNav}
        </A>
      </Show>
      <Show when={role() === 'team-lead' || role() === 'coordinator'}>
        <A href="/team" data-testid="nav-team">
          {v.teamNav}
        </A>
      </Show>
    </>
  );
}
