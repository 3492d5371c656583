/** Small displays shared by the 诉求 list, page and file section: timing badge, state stepper, card. */
import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { DEMAND_STATES, type DemandRow, type DemandState } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import type { DemandTiming } from '../../state/demands.ts';
import { isOpen } from './queues.ts';
import { STATE_LABELS, STATE_STATUS, URGENCY_LABELS, d } from './strings.ts';

/** Remaining working days (open), overdue, or on-time/late once resolved. */
export function TimingBadge(props: { row: DemandRow; timing: DemandTiming }) {
  const text = () => {
    const t = props.timing;
    if (!isOpen(props.row.state)) return t.onTime === null ? '' : t.onTime ? d.onTime : d.late;
    if (t.overdue) return d.overdue(-t.remaining);
    return t.remaining === 0 ? d.dueToday : d.remaining(t.remaining);
  };
  const kind = () => {
    const t = props.timing;
    if (!isOpen(props.row.state)) return t.onTime === false ? 'late' : 'done';
    return t.overdue ? 'overdue' : t.nearDue ? 'near' : 'ok';
  };
  return (
    <Show when={text()}>
      <span class={`dem-timing dem-timing-${kind()}`} data-testid="demand-timing" data-kind={kind()} data-remaining={props.timing.remaining}>
        {text()}
      </span>
    </Show>
  );
}

/** 受理 → 交办 → 办理 → 办结 → 回访 → 销号, the current step highlighted. */
export function StateStepper(props: { state: DemandState }) {
  // 销号 is the end: every step done, none pending.
  const index = () => (props.state === 'closed' ? DEMAND_STATES.length : DEMAND_STATES.indexOf(props.state));
  return (
    <ol class="dem-stepper" data-testid="demand-stepper" data-state={props.state} aria-label={STATE_STATUS[props.state]}>
      <For each={DEMAND_STATES}>
        {(s, i) => (
          <li
            classList={{ 'dem-step': true, 'dem-step-done': i() < index(), 'dem-step-current': i() === index() }}
            aria-current={i() === index() ? 'step' : undefined}
          >
            <span class="dem-step-dot">{i() < index() ? '✓' : i() + 1}</span>
            <span class="dem-step-label">{STATE_LABELS[s]}</span>
          </li>
        )}
      </For>
    </ol>
  );
}

export function StateBadge(props: { state: DemandState }) {
  return (
    <span class={`dem-state dem-state-${props.state}`} data-testid="demand-state" data-state={props.state}>
      {STATE_STATUS[props.state]}
    </span>
  );
}

/** One demand in a list: title, enterprise, state, departments, timing, 督办/冲突 marks. */
export function DemandCard(props: { row: DemandRow; showEnterprise?: boolean; href?: string; selected?: boolean }) {
  const { demands } = useApp();
  const r = () => props.row;
  const timing = () => demands.timing(r());
  return (
    <A
      href={props.href ?? `/demands/${r().id}`}
      class="dem-card"
      classList={{ 'dem-card-selected': props.selected }}
      aria-current={props.selected ? 'true' : undefined}
      data-testid="demand-card"
      data-id={r().id}
      data-state={r().state}
    >
      <span class="dem-card-top">
        <span class="dem-card-title">{r().title}</span>
        <TimingBadge row={r()} timing={timing()} />
      </span>
      <span class="dem-card-meta">
        <StateBadge state={r().state} />
        <span class="badge">{r().category}</span>
        <span class="badge">{URGENCY_LABELS[r().urgency]}</span>
        <Show when={r().escalations.length > 0 || (isOpen(r().state) && timing().overdue)}>
          <span class="badge badge-warn" data-testid="demand-escalated">
            {r().escalations.length > 0 ? d.escalated : d.autoEscalated}
          </span>
        </Show>
        <Show when={r().conflicts.length > 0}>
          <span class="badge badge-warn">{d.conflictBadge}</span>
        </Show>
      </span>
      <span class="dem-card-meta muted">
        <Show when={props.showEnterprise !== false}>
          <span>{r().enterpriseName}</span>
        </Show>
        <span>{r().departments.length > 0 ? r().departments.join('、') : d.noDepartments}</span>
        <span>{d.dueOn(timing().dueDay)}</span>
      </span>
    </A>
  );
}
