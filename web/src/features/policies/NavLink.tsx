/** The nav entry of 惠企政策: every role reads the library (handlers too). */
import { type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { p } from './strings.ts';

export function PoliciesNavLink(): JSX.Element {
  return (
    <A href="/policies" data-testid="nav-policies">
      {p.nav}
    </A>
  );
}
