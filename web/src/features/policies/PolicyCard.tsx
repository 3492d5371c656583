/** One item in the library list: name, benefit, mode, level, department, validity and the application deadline. */
import { Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import type { PolicyItem } from '@bangqi/shared';
import { ValidityBadge } from './ValidityBadge.tsx';
import { p } from './strings.ts';

export function PolicyCard(props: { item: PolicyItem; today: string }): JSX.Element {
  return (
    <A href={`/policies/${encodeURIComponent(props.item.code)}`} class="pol-card" data-testid="policy-row" data-code={props.item.code}>
      <span class="pol-card-head">
        <span class="pol-card-name">{props.item.name}</span>
        <span class="pol-mode" classList={{ 'pol-mode-auto': props.item.mode === '免申即享' }}>
          {props.item.mode}
        </span>
      </span>
      <Show when={props.item.benefit}>
        <span class="pol-card-benefit">{props.item.benefit}</span>
      </Show>
      <span class="pol-card-meta">
        <span class="mono">{props.item.code}</span>
        <Show when={props.item.level}>
          <span>{props.item.level}</span>
        </Show>
        <Show when={props.item.department}>
          <span>{props.item.department}</span>
        </Show>
        <Show when={props.item.domain}>
          <span class="badge">{props.item.domain}</span>
        </Show>
        <ValidityBadge item={props.item} today={props.today} />
        <Show when={props.item.applyTo && props.item.applyTo >= props.today}>
          <span>{p.applyUntil(props.item.applyTo)}</span>
        </Show>
      </span>
    </A>
  );
}
