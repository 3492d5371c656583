/**
 * 走访计划与检查报备 on the file page: every plan and inspection filing of the enterprise (open ones
 * first), with purpose, department, the notice given and the recorded lateness and its reason, so the
 * enterprise's commissioner sees inspections others filed. Reads the file's doc (shared with the page,
 * the store is ref-counted) and follows its changes, local or synced.
 */
import { For, Show, createMemo, createSignal, onCleanup } from 'solid-js';
import {
  chinaDay,
  daysLeft,
  readAssignment,
  readEnterprise,
  readPlanTrail,
  readPlans,
  summarizePlan,
  type PlanRecord,
  type PlanSummary,
} from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { dateTime } from '../../ui/strings.ts';
import { actorName } from '../assignment/strings.ts';
import { PlanActionDialog } from './PlanActionDialog.tsx';
import { PlanDialog } from './PlanDialog.tsx';
import { planState } from './planList.ts';
import { stateText } from './PlanCard.tsx';
import { p } from './strings.ts';
import './plans.css';

interface Shown {
  record: PlanRecord;
  summary: PlanSummary;
  state: ReturnType<typeof planState>;
  daysLeft: number;
  movedFrom: string;
  cancelledBy: string;
}

export function FilePlansSection(props: { id: string }) {
  const { docs, org } = useApp();
  const handle = docs.acquire(props.id);
  const [version, setVersion] = createSignal(0);
  const bump = () => setVersion((v) => v + 1);
  handle.doc.on('update', bump);
  void handle.ready.then(bump);
  onCleanup(() => {
    handle.doc.off('update', bump);
    handle.release();
  });
  const [dialog, setDialog] = createSignal<'plan' | 'inspection' | null>(null);
  const [action, setAction] = createSignal<{ mode: 'cancel' | 'reschedule'; plan: PlanSummary } | null>(null);
  const today = chinaDay(Date.now());

  const plans = createMemo<Shown[]>(() => {
    version();
    const shown = readPlans(handle.doc).map((record) => {
      const summary = summarizePlan(record);
      const left = daysLeft(record.plannedOn, today) ?? 0;
      const trail = readPlanTrail(handle.doc, record.id);
      return { record, summary, state: planState(summary, left), daysLeft: left, movedFrom: trail.rescheduledFrom, cancelledBy: trail.cancelledBy };
    });
    const closed = (s: Shown) => (s.state === 'done' || s.state === 'cancelled' ? 1 : 0);
    return shown.sort((a, b) => closed(a) - closed(b) || (closed(a) ? b.record.plannedOn.localeCompare(a.record.plannedOn) : 0));
  });
  const row = () => {
    version();
    const a = readAssignment(handle.doc);
    return { id: props.id, name: readEnterprise(handle.doc).name, teamId: a.teamId, responsibleId: a.responsibleId };
  };
  const who = (id: string) => actorName(id, org.userName);

  return (
    <section class="file-plans" data-testid="file-plans" aria-labelledby="file-plans-title">
      <div class="file-plans-head">
        <h2 id="file-plans-title">{p.section}</h2>
        <div class="plans-buttons">
          <button type="button" data-testid="file-plan-add" onClick={() => setDialog('plan')}>
            {p.addPlan}
          </button>
          <button type="button" data-testid="file-inspection-add" onClick={() => setDialog('inspection')}>
            {p.fileInspection}
          </button>
        </div>
      </div>
      <Show when={plans().length > 0} fallback={<p class="muted small">{p.sectionEmpty}</p>}>
        <ul class="plans-list">
          <For each={plans()}>
            {(s) => (
              <li
                class={`plan-card plan-${s.state}`}
                data-testid="file-plan"
                data-plan-id={s.record.id}
                data-state={s.state}
                data-late={String(s.record.late)}
              >
                <div class="plan-card-top">
                  <span class="plan-card-name">
                    <span class="mono">{s.record.plannedOn}</span> {s.record.type}
                    <Show when={s.record.department}> · {s.record.department}</Show>
                  </span>
                  <span class="plan-card-state">{stateText(s)}</span>
                </div>
                <Show when={s.record.purpose}>
                  <p class="plan-purpose">{s.record.purpose}</p>
                </Show>
                <Show when={s.record.type === '执法检查'}>
                  <p
                    class={s.record.late ? 'plan-notice plan-notice-late' : 'plan-notice'}
                    data-testid="file-plan-notice"
                  >
                    <Show when={s.record.late} fallback={p.noticeGiven(s.record.noticeDays)}>
                      <strong>{p.filedLate(s.record.noticeDays)}</strong>
                      <Show when={s.record.lateReason}>
                        {'：'}
                        <span data-testid="file-plan-late-reason">{s.record.lateReason}</span>
                      </Show>
                    </Show>
                  </p>
                </Show>
                <div class="plan-card-meta">
                  <span>
                    {(s.record.type === '执法检查' ? p.filedBy : p.plannedBy)(who(s.record.createdBy), dateTime(s.record.createdAt))}
                  </span>
                  <span>{s.record.assignees.map((id) => org.userName(id)).join('、')}</span>
                  <Show when={s.movedFrom}>
                    <span>{p.movedFrom(s.movedFrom)}</span>
                  </Show>
                  <Show when={s.record.cancelReason}>
                    <span>
                      {p.cancelledBecause(s.record.cancelReason)}
                      <Show when={s.cancelledBy}>（{who(s.cancelledBy)}）</Show>
                    </span>
                  </Show>
                </div>
                <Show when={s.state === 'open' || s.state === 'overdue'}>
                  <div class="plan-card-actions">
                    <button type="button" class="small-button" data-testid="plan-reschedule" onClick={() => setAction({ mode: 'reschedule', plan: s.summary })}>
                      {p.reschedule}
                    </button>
                    <button type="button" class="small-button" data-testid="plan-cancel" onClick={() => setAction({ mode: 'cancel', plan: s.summary })}>
                      {p.cancelPlan}
                    </button>
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={dialog()}>{(mode) => <PlanDialog mode={mode()} row={row()} onClose={() => setDialog(null)} />}</Show>
      <Show when={action()}>
        {(a) => <PlanActionDialog mode={a().mode} enterpriseId={props.id} plan={a().plan} onClose={() => setAction(null)} />}
      </Show>
    </section>
  );
}
