/** The 申报截止 tab of 提醒: items closing soon for qualifying enterprises that have not applied; each opens the file. */
import { For, Show, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import type { EnterpriseRow, PolicyItem } from '@bangqi/shared';
import { CLOSING_WINDOW_DAYS } from '../../../state/policyMatch.ts';
import { pm, pr } from '../match/strings.ts';

export function ClosingReminders(props: { items: { item: PolicyItem; row: EnterpriseRow; daysLeft: number }[] }): JSX.Element {
  return (
    <>
      <p class="muted small">{pr.hint(CLOSING_WINDOW_DAYS)}</p>
      <Show when={props.items.length > 0} fallback={<p class="empty" data-testid="closing-empty">{pr.none}</p>}>
        <ul class="reminder-list">
          <For each={props.items}>
            {(x) => (
              <li>
                <A href={`/enterprises/${x.row.id}`} class="reminder" classList={{ 'reminder-today': x.daysLeft === 0 }} data-testid="closing-reminder" data-id={x.row.id} data-code={x.item.code}>
                  <span class="reminder-top">
                    <span class="reminder-name">{x.row.name}</span>
                    <span class="reminder-days">{pr.daysLeft(x.daysLeft)}</span>
                  </span>
                  <span class="reminder-meta">
                    <span>{x.item.name}</span>
                    <span>{pm.applyBy(x.item.applyTo)}</span>
                  </span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
