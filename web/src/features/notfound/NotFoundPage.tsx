/** Any path the app does not know (a mistyped or outdated link): say so instead of showing the list. */
import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { t } from '../../ui/strings.ts';

export function NotFoundPage(): JSX.Element {
  return (
    <section class="file-page" data-testid="page-not-found">
      <h1>{t.pageNotFound}</h1>
      <p class="muted">{t.pageNotFoundHint}</p>
      <A href="/">{t.back}</A>
    </section>
  );
}
