/** "Nothing here" with a way back to the list: an unknown file, an unknown page. */
import { A } from '@solidjs/router';
import type { JSX } from 'solid-js';
import { t } from './strings.ts';

export function NotFound(props: { testId: string; title: string; hint: string }): JSX.Element {
  return (
    <section class="file-page" data-testid={props.testId}>
      <h1>{props.title}</h1>
      <p class="muted">{props.hint}</p>
      <A href="/">{t.back}</A>
    </section>
  );
}
