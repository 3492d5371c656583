/** The demand's full history: every event, oldest first, who and when, with its note. */
import { For, Show } from 'solid-js';
import type { DemandEvent } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { dateTime } from '../../ui/strings.ts';
import { EVENT_LABELS, d } from './strings.ts';

/** One line saying what the event did (without who/when). */
export function eventSummary(e: DemandEvent): string {
  switch (e.type) {
    case 'dispatch':
      return d.eventLine.dispatch(e.departments.join('、'));
    case 'progress':
    case 'resolve':
      return e.department ? `${EVENT_LABELS[e.type]}（${e.department}）` : EVENT_LABELS[e.type];
    case 'callback':
      return `${EVENT_LABELS.callback}：${e.satisfaction}`;
    case 'escalate':
      return `${EVENT_LABELS.escalate}${e.automatic ? d.eventLine.automatic : ''}`;
    case 'extend-request':
      return d.eventLine.extendRequest(e.workingDays);
    case 'extend-decision':
      return d.eventLine.extendDecision(e.approved);
    default:
      return EVENT_LABELS[e.type];
  }
}

/** The free text an event carries. */
export function eventText(e: DemandEvent): string {
  switch (e.type) {
    case 'dispatch':
    case 'progress':
    case 'resolve':
    case 'close':
    case 'reject':
    case 'extend-decision':
    case 'decide':
      return e.note;
    case 'callback':
      return e.comment;
    case 'escalate':
      return e.instruction;
    case 'extend-request':
      return e.reason;
    default:
      return '';
  }
}

export function EventHistory(props: { events: DemandEvent[] }) {
  const { org } = useApp();
  return (
    <section class="dem-section" data-testid="demand-history">
      <h2>{d.history}</h2>
      <Show when={props.events.length > 0} fallback={<p class="muted small">{d.noHistory}</p>}>
        <ol class="dem-history">
          <For each={props.events}>
            {(e) => (
              <li class={`dem-event dem-event-${e.type}`} data-testid="demand-event" data-type={e.type}>
                <span class="dem-event-head">
                  <strong>{eventSummary(e)}</strong>
                  <span class="muted small">
                    {org.userName(e.by)} · {dateTime(e.at)}
                  </span>
                </span>
                <Show when={eventText(e)}>
                  <span class="dem-event-text">{eventText(e)}</span>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  );
}
