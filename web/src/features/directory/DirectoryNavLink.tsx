/** The nav entry of 市场主体库, for every role that gets the directory (not handlers). */
import { Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import { mayReadDirectory } from '../../state/directory.ts';
import { s } from './strings.ts';

export function DirectoryNavLink(): JSX.Element {
  const { auth } = useApp();
  return (
    <Show when={mayReadDirectory(auth.principal())}>
      <A href="/directory" data-testid="nav-directory">
        {s.nav}
      </A>
    </Show>
  );
}
