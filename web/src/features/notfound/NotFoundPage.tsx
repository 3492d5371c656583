/** Any path the app does not know (a mistyped or outdated link): say so instead of showing the list. */
import type { JSX } from 'solid-js';
import { NotFound } from '../../ui/NotFound.tsx';
import { t } from '../../ui/strings.ts';

export function NotFoundPage(): JSX.Element {
  return <NotFound testId="page-not-found" title={t.pageNotFound} hint={t.pageNotFoundHint} />;
}
