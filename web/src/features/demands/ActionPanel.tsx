/**
 * The actions on one demand: exactly the event types `demandActions` allows this user now (the relay
 * accepts the same ones), each a button that opens its small form. 批准/驳回 of an extension and 以此为准
 * of a conflict live in their own panels (ExtensionPanel, ConflictPanel) since they answer something.
 */
import { For, Match, Show, Switch, createMemo, createSignal } from 'solid-js';
import { SATISFACTION, URGENCY_TIERS, type DemandEventInput, type DemandEventType, type DemandRow, type Satisfaction } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { EVENT_LABELS, d } from './strings.ts';
import { departmentChoices, validateAction, type ActionDraft } from './actions.ts';

/** Actions with a form here (raise/link/decide/extend-decision are answered elsewhere). */
const FORM_ACTIONS: DemandEventType[] = ['dispatch', 'progress', 'resolve', 'callback', 'reject', 'close', 'escalate', 'extend-request'];

export function ActionPanel(props: { row: DemandRow; allowed: DemandEventType[]; onAct: (input: DemandEventInput) => Promise<void> }) {
  const { org, auth, demands, drafts } = useApp();
  // What is typed into an action's form survives a reload or crash (kept per demand and action).
  const saved = (type: DemandEventType) => drafts.draft(`act:${props.row.id}:${type}`);
  // After a reload, the form that was being filled in opens again with its text.
  // eslint-disable-next-line solid/reactivity
  const resumed = FORM_ACTIONS.find((a) => props.allowed.includes(a) && saved(a).peek() !== null) ?? null;
  const [open, setOpen] = createSignal<DemandEventType | null>(resumed);
  const [draft, setDraft] = createSignal<ActionDraft>(resumed ? readDraft(saved(resumed).peek()) : emptyDraft());
  const offered = createMemo(() => FORM_ACTIONS.filter((a) => props.allowed.includes(a)));

  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const myDepartment = () => auth.principal()?.department ?? '';
  const choices = createMemo(() => departmentChoices(org.org()?.users ?? [], props.row.departments));
  // Shandong: a deadline may grow to maxDeadlineDays working days in total (tier + every extension).
  const maxExtension = () => {
    const s = demands.settings();
    const tier = s.deadlineTiers[URGENCY_TIERS.indexOf(props.row.urgency)] ?? s.deadlineTiers[1];
    return Math.max(0, s.maxDeadlineDays - tier - props.row.extensionDays);
  };
  const start = (a: DemandEventType) => {
    setOpen(open() === a ? null : a);
    setDraft(readDraft(saved(a).peek()));
    setError(null);
  };
  const patch = (p: Partial<ActionDraft>) => {
    const next = { ...draft(), ...p };
    setDraft(next);
    const type = open();
    if (type) saved(type).save(JSON.stringify(next));
  };
  const cancel = () => {
    const type = open();
    if (type) saved(type).clear();
    setOpen(null);
  };
  const submit = async () => {
    const type = open();
    if (!type || busy()) return;
    const result = validateAction(type, draft(), { department: myDepartment(), maxExtensionDays: maxExtension() });
    if ('error' in result) {
      setError(result.error);
      return;
    }
    setBusy(true);
    try {
      await props.onAct(result.input);
      saved(type).clear();
      setOpen(null);
      setDraft(emptyDraft());
      setError(null);
    } catch (err) {
      console.error('[demand] act failed', err);
      setError(d.actionFailed);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="dem-section" data-testid="demand-actions">
      <h2>{d.actions}</h2>
      <Show when={offered().length > 0} fallback={<p class="muted small">{d.noActions}</p>}>
        <div class="dem-action-buttons">
          <For each={offered()}>
            {(a) => (
              <button
                type="button"
                class="dem-action"
                classList={{ 'dem-action-on': open() === a, primary: a === 'dispatch' || a === 'resolve' || a === 'close' }}
                data-testid={`demand-action-${a}`}
                aria-expanded={open() === a}
                onClick={() => start(a)}
              >
                {EVENT_LABELS[a]}
              </button>
            )}
          </For>
        </div>
      </Show>
      <Show when={open()}>
        {(type) => (
          <form
            class="dem-action-form"
            data-testid={`demand-form-${type()}`}
            onSubmit={(e) => {
              e.preventDefault();
              void submit();
            }}
          >
            <Switch>
              <Match when={type() === 'dispatch'}>
                <fieldset class="dem-fieldset">
                  <legend>{d.dispatchPick}</legend>
                  <div class="dem-checks">
                    <For each={choices()}>
                      {(dep) => (
                        <label class="dem-check">
                          <input
                            type="checkbox"
                            data-testid="dispatch-department"
                            value={dep}
                            checked={draft().departments.includes(dep)}
                            onChange={(e) =>
                              patch({
                                departments: e.currentTarget.checked ? [...draft().departments, dep] : draft().departments.filter((x) => x !== dep),
                              })
                            }
                          />
                          {dep}
                        </label>
                      )}
                    </For>
                  </div>
                </fieldset>
                <label class="dem-label">
                  {d.dispatchOther}
                  <input type="text" data-testid="dispatch-other" value={draft().other} onInput={(e) => patch({ other: e.currentTarget.value })} />
                </label>
                <NoteField label={d.noteOptional} value={draft().note} onInput={(v) => patch({ note: v })} />
              </Match>
              <Match when={type() === 'callback'}>
                <fieldset class="dem-fieldset">
                  <legend>{d.satisfaction}</legend>
                  <div class="dem-checks">
                    <For each={SATISFACTION}>
                      {(s) => (
                        <label class="dem-check">
                          <input
                            type="radio"
                            name="satisfaction"
                            data-testid={`callback-${s}`}
                            value={s}
                            checked={draft().satisfaction === s}
                            onChange={() => patch({ satisfaction: s as Satisfaction })}
                          />
                          {s}
                        </label>
                      )}
                    </For>
                  </div>
                </fieldset>
                <NoteField label={d.callbackComment} value={draft().note} onInput={(v) => patch({ note: v })} />
              </Match>
              <Match when={type() === 'escalate'}>
                <NoteField label={d.instruction} value={draft().note} onInput={(v) => patch({ note: v })} />
              </Match>
              <Match when={type() === 'extend-request'}>
                <label class="dem-label">
                  {d.extendDays}
                  <input
                    type="number"
                    inputmode="numeric"
                    min={1}
                    max={maxExtension()}
                    data-testid="extend-days"
                    value={draft().days}
                    onInput={(e) => patch({ days: e.currentTarget.value })}
                  />
                </label>
                <NoteField label={d.extendReason} value={draft().note} onInput={(v) => patch({ note: v })} />
              </Match>
              <Match when={true}>
                <NoteField
                  label={type() === 'close' ? d.noteOptional : type() === 'reject' ? d.rejectTitle + d.note : d.note}
                  value={draft().note}
                  onInput={(v) => patch({ note: v })}
                />
              </Match>
            </Switch>
            <Show when={error()}>
              <p class="field-error" role="alert" data-testid="demand-action-error">
                {error()}
              </p>
            </Show>
            <div class="dialog-actions">
              <button type="button" onClick={cancel}>
                {d.cancel}
              </button>
              <button type="submit" class="primary" data-testid="demand-action-submit" disabled={busy()}>
                {busy() ? d.busy : `${d.submit}${EVENT_LABELS[type()]}`}
              </button>
            </div>
          </form>
        )}
      </Show>
    </section>
  );
}

function NoteField(props: { label: string; value: string; onInput: (v: string) => void }) {
  return (
    <label class="dem-label">
      {props.label}
      <textarea rows={3} data-testid="demand-action-note" value={props.value} onInput={(e) => props.onInput(e.currentTarget.value)} />
    </label>
  );
}

function emptyDraft(): ActionDraft {
  return { departments: [], other: '', note: '', satisfaction: '', days: '' };
}

function readDraft(text: string | null): ActionDraft {
  if (!text) return emptyDraft();
  try {
    return { ...emptyDraft(), ...(JSON.parse(text) as Partial<ActionDraft>) };
  } catch {
    return emptyDraft();
  }
}

