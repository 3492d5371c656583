/** One planned visit or inspection filing in a list: enterprise, day and state, type, people, lateness. */
import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import { t } from '../../ui/strings.ts';
import type { PlanItem } from './planList.ts';
import { p } from './strings.ts';

export function stateText(item: Pick<PlanItem, 'state' | 'daysLeft'>): string {
  if (item.state === 'cancelled') return p.cancelled;
  if (item.state === 'done') return p.done;
  if (item.state === 'overdue') return p.overdue(-item.daysLeft);
  return item.daysLeft === 0 ? p.today : p.inDays(item.daysLeft);
}

export function PlanCard(props: { item: PlanItem; onCancel?(): void; onReschedule?(): void }) {
  const { org } = useApp();
  const plan = () => props.item.plan;
  const open = () => props.item.state === 'open' || props.item.state === 'overdue';
  return (
    <li
      class={`plan-card plan-${props.item.state}`}
      data-testid="plan-item"
      data-plan-id={plan().id}
      data-state={props.item.state}
      data-late={String(plan().late)}
    >
      <div class="plan-card-top">
        <A href={`/enterprises/${props.item.row.id}`} class="plan-card-name">
          {props.item.row.name || t.unnamed}
        </A>
        <span class="plan-card-state">{stateText(props.item)}</span>
      </div>
      <div class="plan-card-meta">
        <span class="mono">{plan().plannedOn}</span>
        <span class="plan-type">{plan().type}</span>
        <Show when={plan().department}>
          <span>{plan().department}</span>
        </Show>
        <Show when={plan().late}>
          <span class="badge badge-late" data-testid="plan-late" title={p.filedLate(plan().noticeDays)}>
            {p.late}
          </span>
        </Show>
        <span>
          <For each={plan().assignees}>{(id, i) => <>{(i() > 0 ? '、' : '') + org.userName(id)}</>}</For>
        </span>
      </div>
      <Show when={open() && (props.onCancel || props.onReschedule)}>
        <div class="plan-card-actions">
          <Show when={props.onReschedule}>
            <button type="button" class="small-button" data-testid="plan-reschedule" onClick={() => props.onReschedule?.()}>
              {p.reschedule}
            </button>
          </Show>
          <Show when={props.onCancel}>
            <button type="button" class="small-button" data-testid="plan-cancel" onClick={() => props.onCancel?.()}>
              {p.cancelPlan}
            </button>
          </Show>
        </div>
      </Show>
    </li>
  );
}
