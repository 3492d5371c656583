/**
 * 取消计划 (with a reason) or 改期 (a new day; moving an inspection so close that it gives less notice
 * than required warns and asks why, like filing it late). Nothing is deleted: the plan keeps who/why.
 */
import { Show, createMemo, createSignal, onMount } from 'solid-js';
import { INSPECTION_TYPE, PlanInputError, cancelPlan, chinaDay, inspectionNotice, reschedulePlan, type PlanSummary } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { Field } from '../../ui/Field.tsx';
import { reasonText } from '../../ui/strings.ts';
import { writeFileDoc } from './actions.ts';
import { p, problemText } from './strings.ts';

export function PlanActionDialog(props: { mode: 'cancel' | 'reschedule'; enterpriseId: string; plan: PlanSummary; onClose(): void }) {
  const { docs, auth, config } = useApp();
  let dialog: HTMLDialogElement | undefined;
  const today = chinaDay(Date.now());
  const [text, setText] = createSignal('');
  const [day, setDay] = createSignal(props.plan.plannedOn >= today ? props.plan.plannedOn : today);
  const [error, setError] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const notice = createMemo(() =>
    props.mode === 'reschedule' && props.plan.type === INSPECTION_TYPE ? inspectionNotice(day(), today, config.settings().inspectionNoticeDays) : null,
  );
  // A lateness already recorded stays; a reason is asked only when the move makes it late.
  const needsReason = () => props.mode === 'cancel' || (notice()?.late === true && !props.plan.late);
  onMount(() => dialog?.showModal());

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const by = auth.user()?.id ?? '';
    if (props.mode === 'cancel' && text().trim() === '') return setError(problemText('reason', 'required'));
    if (props.mode === 'reschedule' && needsReason() && text().trim() === '') return setError(problemText('lateReason', 'required'));
    setSaving(true);
    try {
      await writeFileDoc(docs, props.enterpriseId, (doc) =>
        props.mode === 'cancel'
          ? cancelPlan(doc, props.plan.id, text(), by, Date.now())
          : reschedulePlan(doc, props.plan.id, day(), by, Date.now(), config.settings(), text()),
      );
      dialog?.close();
    } catch (err) {
      if (err instanceof PlanInputError) {
        const [field, problem] = Object.entries(err.problems)[0] as [keyof PlanInputError['problems'], NonNullable<PlanInputError['problems'][keyof PlanInputError['problems']]>];
        setError(problemText(field, problem));
      } else {
        console.warn('[plans] change failed', err);
        setError(reasonText('storage-error'));
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <dialog ref={dialog} class="plan-dialog" data-testid="plan-action-dialog" aria-labelledby="plan-action-title" onClose={() => props.onClose()}>
      <form onSubmit={(e) => void save(e)} novalidate>
        <h2 id="plan-action-title">{props.mode === 'cancel' ? p.cancelTitle : p.rescheduleTitle}</h2>
        <Show when={props.mode === 'reschedule'}>
          <Field label={p.newDate} for="plan-new-date">
            <input id="plan-new-date" data-testid="plan-new-date" type="date" min={today} value={day()} onInput={(e) => setDay(e.currentTarget.value)} />
          </Field>
          <Show when={notice()}>
            {(n) => (
              <p class={n().late ? 'plan-notice plan-notice-late' : 'plan-notice'} data-testid="plan-notice" role={n().late ? 'alert' : 'status'}>
                {n().late ? p.noticeLate(n().noticeDays, config.settings().inspectionNoticeDays) : p.noticeOk(n().noticeDays, config.settings().inspectionNoticeDays)}
              </p>
            )}
          </Show>
        </Show>
        <Show when={needsReason()}>
          <Field label={props.mode === 'cancel' ? p.cancelReason : p.lateReason} for="plan-action-text">
            <textarea
              id="plan-action-text"
              data-testid="plan-action-text"
              rows="2"
              placeholder={props.mode === 'cancel' ? p.cancelReasonPlaceholder : p.lateReasonPlaceholder}
              value={text()}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </Field>
        </Show>
        <Show when={error()}>
          <p class="field-error" role="alert" data-testid="plan-action-error">
            {error()}
          </p>
        </Show>
        <div class="dialog-actions">
          <button type="button" onClick={() => dialog?.close()}>
            {p.back}
          </button>
          <button type="submit" class="primary" data-testid="plan-action-save" disabled={saving()}>
            {props.mode === 'cancel' ? p.confirmCancel : p.confirmReschedule}
          </button>
        </div>
      </form>
    </dialog>
  );
}
