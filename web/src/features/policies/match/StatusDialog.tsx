/**
 * The small dialog recording an item's status for one enterprise (已告知 / 已申报 / 已兑现 with amount and
 * date / 不符合, with a note). 已兑现 needs its date; 未到账 is a note on a status (the check of a 免申即享 item).
 */
import { For, Show, createSignal, type JSX } from 'solid-js';
import { POLICY_STATUSES, type PolicyStatus } from '@bangqi/shared';
import { pm } from './strings.ts';

export interface StatusDraft {
  status: PolicyStatus;
  amount: string;
  date: string;
  note: string;
}

export function StatusDialog(props: {
  name: string;
  initial: StatusDraft;
  onSave: (d: StatusDraft) => void;
  onClose: () => void;
}): JSX.Element {
  const [status, setStatus] = createSignal<PolicyStatus>(props.initial.status);
  const [amount, setAmount] = createSignal(props.initial.amount);
  const [date, setDate] = createSignal(props.initial.date);
  const [note, setNote] = createSignal(props.initial.note);
  const [error, setError] = createSignal('');
  const save = (e: Event) => {
    e.preventDefault();
    const paid = status() === '已兑现';
    if (paid && date() === '') return setError(pm.dateRequired);
    props.onSave({ status: status(), amount: paid ? amount().trim() : '', date: paid ? date() : '', note: note().trim() });
  };
  return (
    <div class="pm-dialog-backdrop" onClick={(e) => e.target === e.currentTarget && props.onClose()}>
      <form class="pm-dialog" role="dialog" aria-modal="true" aria-label={pm.dialogTitle(props.name)} data-testid="policy-status-dialog" onSubmit={save} onKeyDown={(e) => e.key === 'Escape' && props.onClose()}>
        <h3>{pm.dialogTitle(props.name)}</h3>
        <fieldset class="pm-status-choice">
          <legend>{pm.status}</legend>
          <For each={POLICY_STATUSES}>
            {(s) => (
              <label>
                <input type="radio" name="pm-status" value={s} checked={status() === s} data-testid={`policy-status-${s}`} onChange={() => setStatus(s)} />
                {s}
              </label>
            )}
          </For>
        </fieldset>
        <Show when={status() === '已兑现'}>
          <label class="pm-field">
            {pm.amount}
            <input data-testid="policy-status-amount" value={amount()} placeholder={pm.amountPlaceholder} maxLength={200} onInput={(e) => setAmount(e.currentTarget.value)} />
          </label>
          <label class="pm-field">
            {pm.date}
            <input type="date" data-testid="policy-status-date" value={date()} onInput={(e) => (setDate(e.currentTarget.value), setError(''))} />
          </label>
        </Show>
        <label class="pm-field">
          {pm.note}
          <textarea data-testid="policy-status-note" value={note()} rows={2} maxLength={20_000} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <Show when={error()}>
          <p class="field-error" role="alert" data-testid="policy-status-error">
            {error()}
          </p>
        </Show>
        <div class="pm-dialog-actions">
          <button type="button" onClick={() => props.onClose()}>
            {pm.cancel}
          </button>
          <button type="submit" class="primary" data-testid="policy-status-save">
            {pm.save}
          </button>
        </div>
      </form>
    </div>
  );
}
