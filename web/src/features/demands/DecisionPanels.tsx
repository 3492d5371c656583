/**
 * Things a coordinator answers: concurrent offline transitions that contradict each other (以此为准 →
 * a `decide` event) and an extension request (批准 / 驳回 → `extend-decision`). Everyone else sees them
 * read-only, so nobody wonders why the state looks odd.
 */
import { For, Show, createSignal } from 'solid-js';
import type { DemandEvent, DemandEventInput, DemandRow } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { dateTime } from '../../ui/strings.ts';
import { eventSummary, eventText } from './EventHistory.tsx';
import { d } from './strings.ts';

export function ConflictPanel(props: { row: DemandRow; events: DemandEvent[]; canDecide: boolean; onAct: (input: DemandEventInput) => Promise<void> }) {
  const { org } = useApp();
  const [busy, setBusy] = createSignal(false);
  const byId = () => new Map(props.events.map((e) => [e.id, e]));
  const keep = async (conflictIds: string[], id: string) => {
    if (busy()) return;
    setBusy(true);
    try {
      await props.onAct({ type: 'decide', conflictIds, keep: id, note: '' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <For each={props.row.conflicts}>
      {(c) => (
        <section class="dem-section dem-conflict" data-testid="demand-conflict" role="alert">
          <h2>{d.decideTitle}</h2>
          <p class="small">{d.decideHint}</p>
          <ul class="dem-conflict-list">
            <For each={c.eventIds}>
              {(id) => {
                const e = () => byId().get(id);
                return (
                  <li class="dem-conflict-item" data-testid="demand-conflict-event" data-event-id={id}>
                    <span>
                      <strong>{e() ? eventSummary(e()!) : id}</strong>
                      <span class="muted small">
                        {' '}
                        {e() ? `${org.userName(e()!.by)} · ${dateTime(e()!.at)}` : ''}
                      </span>
                      <Show when={c.applied === id}>
                        <span class="badge"> {d.applied}</span>
                      </Show>
                      <Show when={e() && eventText(e()!)}>
                        <span class="dem-event-text small">{eventText(e()!)}</span>
                      </Show>
                    </span>
                    <Show when={props.canDecide}>
                      <button type="button" data-testid="demand-keep" disabled={busy()} onClick={() => void keep(c.eventIds, id)}>
                        {d.keepThis}
                      </button>
                    </Show>
                  </li>
                );
              }}
            </For>
          </ul>
        </section>
      )}
    </For>
  );
}

export function ExtensionPanel(props: { row: DemandRow; canDecide: boolean; onAct: (input: DemandEventInput) => Promise<void> }) {
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const decide = async (requestId: string, approved: boolean) => {
    if (busy()) return;
    setBusy(true);
    try {
      await props.onAct({ type: 'extend-decision', requestId, approved, note: note().trim() });
      setNote('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={props.row.pendingExtension}>
      {(p) => (
        <section class="dem-section dem-extension" data-testid="demand-extension">
          <p>{d.extendPending(p().workingDays, p().reason)}</p>
          <Show when={props.canDecide}>
            <label class="dem-label">
              {d.noteOptional}
              <input type="text" value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
            </label>
            <div class="dialog-actions">
              <button type="button" data-testid="extension-deny" disabled={busy()} onClick={() => void decide(p().requestId, false)}>
                {d.deny}
              </button>
              <button type="button" class="primary" data-testid="extension-approve" disabled={busy()} onClick={() => void decide(p().requestId, true)}>
                {d.approve}
              </button>
            </div>
          </Show>
        </section>
      )}
    </Show>
  );
}
