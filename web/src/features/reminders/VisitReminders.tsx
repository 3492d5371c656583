/**
 * 走访提醒 (one tab of the reminders page each): planned visits due or overdue, visit-rule reminders
 * (per-tag quotas and "not visited for N days") and 无事不扰 flags. Computed on the device from the rows
 * and the district settings (shared/src/visits/rules.ts); each opens its file.
 */
import { For, Show, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import type { EnterpriseRow, VisitReminder } from '@bangqi/shared';
import { t } from '../../ui/strings.ts';
import { PERIOD_NAMES } from '../plans/strings.ts';
import { vrem } from './strings.ts';

/** Rendered at first; a long list (a coordinator's 90-day rule over the district) grows on request. */
const PAGE = 100;

function Item(props: { item: VisitReminder<EnterpriseRow> }) {
  const it = props.item;
  const urgent = (it.kind === 'plan' && it.daysLeft < 0) || it.kind === 'too-many' || (it.kind === 'quota' && it.daysLeft <= 14);
  const today = it.kind === 'plan' && it.daysLeft === 0;
  const badge = () => {
    switch (it.kind) {
      case 'plan':
        return it.daysLeft < 0 ? vrem.overdue(-it.daysLeft) : it.daysLeft === 0 ? vrem.today : vrem.inDays(it.daysLeft);
      case 'quota':
        return `${it.visits}/${it.rule.minVisits}`;
      case 'idle':
        return it.never ? vrem.neverVisited(it.days) : vrem.idleDays(it.days);
      case 'too-many':
        return vrem.calmState(it.visits);
    }
  };
  return (
    <li>
      <A
        href={`/enterprises/${it.row.id}`}
        class="reminder"
        classList={{ 'reminder-expired': urgent, 'reminder-today': today }}
        data-testid="visit-reminder"
        data-kind={it.kind}
        data-id={it.row.id}
        data-plan-id={it.kind === 'plan' ? it.plan.id : undefined}
      >
        <span class="reminder-top">
          <span class="reminder-name">{it.row.name || t.unnamed}</span>
          <span class="reminder-days">{badge()}</span>
        </span>
        <span class="reminder-meta">
          {it.kind === 'plan' ? (
            <>
              <span>{it.plan.type}</span>
              <span class="mono">{vrem.plannedOn(it.plan.plannedOn)}</span>
              <Show when={it.plan.department}>
                <span>{it.plan.department}</span>
              </Show>
              <Show when={it.plan.late}>
                <span class="badge badge-warn">{vrem.late}</span>
              </Show>
            </>
          ) : it.kind === 'quota' ? (
            <>
              <span>{vrem.quotaTitle(it.rule.tag, PERIOD_NAMES[it.rule.period], it.rule.minVisits)}</span>
              <span>{vrem.quotaState(it.visits, PERIOD_NAMES[it.rule.period], it.daysLeft)}</span>
            </>
          ) : it.kind === 'idle' ? (
            <span>{vrem.idleTitle(it.rule.tag, it.rule.maxDaysWithoutVisit)}</span>
          ) : (
            <span>{vrem.calmTitle(it.month, it.visits, it.max)}</span>
          )}
        </span>
      </A>
    </li>
  );
}

export function VisitReminderList(props: { items: VisitReminder<EnterpriseRow>[]; empty: string }) {
  const [shown, setShown] = createSignal(PAGE);
  return (
    <Show when={props.items.length > 0} fallback={<p class="empty" data-testid="visit-reminders-empty">{props.empty}</p>}>
      <ul class="reminder-list" data-testid="visit-reminders">
        <For each={props.items.slice(0, shown())}>{(item) => <Item item={item} />}</For>
      </ul>
      <Show when={props.items.length > shown()}>
        <button type="button" class="reminders-more" onClick={() => setShown((n) => n + PAGE)}>
          {vrem.more(Math.min(PAGE, props.items.length - shown()))}
        </button>
      </Show>
    </Show>
  );
}
