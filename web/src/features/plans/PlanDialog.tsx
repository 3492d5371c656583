/**
 * 计划走访 / 涉企检查报备: one dialog for both. An inspection (执法检查) asks for the inspecting
 * department and shows, as the date is chosen, how many days ahead it is filed; with fewer than the
 * district's required days it warns and asks why (the lateness is recorded with the plan). Opened from
 * the plans page (the enterprise is searched) or a file page (the enterprise is given).
 */
import { For, Show, createEffect, createMemo, createSignal, onMount } from 'solid-js';
import {
  INSPECTION_TYPE,
  VISIT_TYPES,
  addPlan,
  chinaDay,
  inspectionNotice,
  planInputProblems,
  type EnterpriseRow,
  type OrgUser,
  type PlanField,
  type PlanRecord,
  type VisitType,
} from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { Field } from '../../ui/Field.tsx';
import { reasonText, t } from '../../ui/strings.ts';
import { writeFileDoc } from './actions.ts';
import { hasContent, readPlanDraft, type PlanDraft } from './planDraft.ts';
import { p, problemText } from './strings.ts';
import './plans.css';

export interface PlanDialogProps {
  mode: 'plan' | 'inspection';
  /** the enterprise, when opened from its file */
  row?: Pick<EnterpriseRow, 'id' | 'name' | 'teamId' | 'responsibleId'>;
  /** preselected day (the calendar's chosen day) */
  day?: string;
  onSaved?(plan: PlanRecord, enterpriseId: string): void;
  onClose(): void;
}

/** People who may be sent: the file's team members and responsible person, and the user. */
function assigneeChoices(users: readonly OrgUser[], me: string, row: PlanDialogProps['row'] | null): OrgUser[] {
  const visitors = users.filter((u) => !u.disabled && u.role !== 'handler' && u.role !== 'admin');
  const keep = visitors.filter((u) => u.id === me || (row && (u.id === row.responsibleId || (row.teamId !== '' && u.teamIds.includes(row.teamId)))));
  return keep.sort((a, b) => (a.id === me ? -1 : b.id === me ? 1 : a.name.localeCompare(b.name, 'zh-CN')));
}

export function PlanDialog(props: PlanDialogProps) {
  const { docs, auth, org, search, config, drafts, enterprises } = useApp();
  let dialog: HTMLDialogElement | undefined;
  const me = () => auth.user()?.id ?? '';
  const today = chinaDay(Date.now());
  // An unfinished filing (reload, crash) comes back when the same dialog opens again.
  const draft = drafts.draft(`plan:${props.mode}:${props.row?.id ?? ''}`);
  const kept = readPlanDraft(draft.peek());
  const keptRow = kept && !props.row ? (enterprises.rows().find((r) => r.id === kept.enterpriseId) ?? null) : null;
  const [row, setRow] = createSignal<PlanDialogProps['row'] | null>(props.row ?? keptRow);
  const [query, setQuery] = createSignal('');
  const [type, setType] = createSignal<VisitType>(kept?.type ?? (props.mode === 'inspection' ? INSPECTION_TYPE : '日常走访'));
  const [plannedOn, setPlannedOn] = createSignal(kept?.plannedOn ?? (props.day && props.day >= today ? props.day : ''));
  const [purpose, setPurpose] = createSignal(kept?.purpose ?? '');
  const [department, setDepartment] = createSignal(kept?.department ?? '');
  const [lateReason, setLateReason] = createSignal(kept?.lateReason ?? '');
  const [assignees, setAssignees] = createSignal<string[]>(kept && kept.assignees.length > 0 ? kept.assignees : me() ? [me()] : []);
  const restored = kept !== null && hasContent(kept, !!props.row);
  let finished = false;
  const [tried, setTried] = createSignal(false);
  const [saving, setSaving] = createSignal(false);
  const [failure, setFailure] = createSignal('');

  const settings = () => config.settings();
  const inspection = () => type() === INSPECTION_TYPE;
  const matches = createMemo(() => (query().trim() === '' ? [] : search.searchFiles(query().trim(), 8).rows));
  const people = createMemo(() => assigneeChoices(org.org()?.users ?? [], me(), row()));
  const input = () => ({ type: type(), plannedOn: plannedOn(), purpose: purpose(), assignees: assignees(), department: department(), lateReason: lateReason() });
  const problems = createMemo(() => planInputProblems(input(), today, settings()));
  const notice = createMemo(() => (inspection() ? inspectionNotice(plannedOn(), today, settings().inspectionNoticeDays) : null));
  const error = (field: PlanField) => {
    const problem = problems()[field];
    return tried() && problem ? problemText(field, problem) : null;
  };
  createEffect(() => {
    const d: PlanDraft = { enterpriseId: row()?.id ?? '', ...input() };
    if (finished) return;
    if (hasContent(d, !!props.row)) draft.save(JSON.stringify(d));
    else draft.clear();
  });
  onMount(() => dialog?.showModal());
  // Closed on purpose (取消, Esc, saved): the draft has done its job.
  const closed = () => {
    finished = true;
    draft.clear();
    props.onClose();
  };

  const toggle = (id: string, on: boolean) => setAssignees((list) => (on ? [...new Set([...list, id])] : list.filter((x) => x !== id)));
  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    setTried(true);
    const target = row();
    if (!target || Object.keys(problems()).length > 0) return;
    setSaving(true);
    setFailure('');
    try {
      const plan = await writeFileDoc(docs, target.id, (doc) => addPlan(doc, input(), me(), Date.now(), settings()));
      finished = true;
      draft.clear();
      props.onSaved?.(plan, target.id);
      dialog?.close();
    } catch (err) {
      // Validated above, so what fails here is the device's storage.
      console.warn('[plans] save failed', err);
      setFailure(reasonText('storage-error'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <dialog ref={dialog} class="plan-dialog" data-testid="plan-dialog" aria-labelledby="plan-dialog-title" onClose={closed}>
      <form onSubmit={(e) => void save(e)} novalidate>
        <h2 id="plan-dialog-title">{props.mode === 'inspection' ? p.dialogInspection : p.dialogPlan}</h2>
        <Show when={restored}>
          <p class="notice plan-restored" data-testid="plan-draft-restored" role="status">
            {p.draftRestored}
          </p>
        </Show>
        <Field label={p.enterprise} for="plan-enterprise" error={tried() && !row() ? p.enterpriseRequired : null}>
          <Show
            when={row()}
            fallback={
              <div class="plan-picker">
                <input
                  id="plan-enterprise"
                  data-testid="plan-enterprise"
                  type="search"
                  autocomplete="off"
                  placeholder={p.enterpriseSearch}
                  value={query()}
                  onInput={(e) => setQuery(e.currentTarget.value)}
                />
                <Show when={query().trim() !== ''}>
                  <ul class="plan-picker-list" role="listbox">
                    <For each={matches()} fallback={<li class="muted small">{p.enterpriseNone}</li>}>
                      {(r) => (
                        <li>
                          <button type="button" role="option" data-testid="plan-enterprise-option" onClick={() => setRow(r)}>
                            {r.name || t.unnamed}
                            <span class="muted small">{r.town}</span>
                          </button>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </div>
            }
          >
            {(chosen) => (
              <div class="plan-chosen">
                <strong data-testid="plan-enterprise-chosen">{chosen().name || t.unnamed}</strong>
                <Show when={!props.row}>
                  <button type="button" class="link-button" onClick={() => setRow(null)}>
                    {p.change}
                  </button>
                </Show>
              </div>
            )}
          </Show>
        </Field>
        <div class="field-pair">
          <Field label={p.type} for="plan-type">
            <select id="plan-type" data-testid="plan-type" value={type()} onChange={(e) => setType(e.currentTarget.value as VisitType)}>
              <For each={VISIT_TYPES}>{(v) => <option value={v} selected={v === type()}>{v}</option>}</For>
            </select>
          </Field>
          <Field label={inspection() ? p.inspectionOn : p.plannedOn} for="plan-date" error={error('plannedOn')} errorTestId="plan-date-error">
            <input id="plan-date" data-testid="plan-date" type="date" min={today} value={plannedOn()} onInput={(e) => setPlannedOn(e.currentTarget.value)} />
          </Field>
        </div>
        <Show when={inspection()}>
          <Field label={p.department} for="plan-department" error={error('department')}>
            <input
              id="plan-department"
              data-testid="plan-department"
              type="text"
              autocomplete="off"
              placeholder={p.departmentPlaceholder}
              value={department()}
              onInput={(e) => setDepartment(e.currentTarget.value)}
            />
          </Field>
          <Show when={notice()}>
            {(n) => (
              <p
                class={n().late ? 'plan-notice plan-notice-late' : 'plan-notice'}
                data-testid="plan-notice"
                data-late={String(n().late)}
                role={n().late ? 'alert' : 'status'}
              >
                {n().late ? p.noticeLate(n().noticeDays, settings().inspectionNoticeDays) : p.noticeOk(n().noticeDays, settings().inspectionNoticeDays)}
              </p>
            )}
          </Show>
          <Show when={notice()?.late}>
            <Field label={p.lateReason} for="plan-late-reason" error={error('lateReason')} errorTestId="plan-late-reason-error">
              <textarea
                id="plan-late-reason"
                data-testid="plan-late-reason"
                rows="2"
                placeholder={p.lateReasonPlaceholder}
                value={lateReason()}
                onInput={(e) => setLateReason(e.currentTarget.value)}
              />
            </Field>
          </Show>
        </Show>
        <Field label={inspection() ? p.inspectionPurpose : p.purpose} for="plan-purpose" error={error('purpose')}>
          <textarea
            id="plan-purpose"
            data-testid="plan-purpose"
            rows="2"
            placeholder={p.purposePlaceholder}
            value={purpose()}
            onInput={(e) => setPurpose(e.currentTarget.value)}
          />
        </Field>
        <Field label={p.assignees} error={error('assignees')}>
          <div class="plan-people" data-testid="plan-people">
            <For each={people()}>
              {(u) => (
                <label class="plan-person">
                  <input type="checkbox" value={u.id} checked={assignees().includes(u.id)} onChange={(e) => toggle(u.id, e.currentTarget.checked)} />
                  {u.name}
                </label>
              )}
            </For>
          </div>
        </Field>
        <Show when={failure()}>
          <p class="field-error" role="alert">
            {failure()}
          </p>
        </Show>
        <div class="dialog-actions">
          <button type="button" onClick={() => dialog?.close()}>
            {p.cancel}
          </button>
          <button type="submit" class="primary" data-testid="plan-save" disabled={saving()}>
            {inspection() ? p.file : p.save}
          </button>
        </div>
      </form>
    </dialog>
  );
}
