/**
 * The one assign dialog, for one file (file page) and for a selection (bulk, list page): team, responsible
 * person (only people the relay would accept: `assignableUsers` of the team), reason. It offers only
 * teams the principal may assign to, and says in Chinese why a choice cannot be saved.
 */
import { For, Show, createMemo, createSignal, onMount } from 'solid-js';
import type { Org, Principal } from '@bangqi/shared';
import { assignTargetTeams, assignmentProblem, responsibleChoices, type AssignmentTarget } from '../../state/assignment.ts';
import { Field } from '../../ui/Field.tsx';
import { a, problemText } from './strings.ts';
import './assignment.css';

export interface AssignDialogProps {
  title: string;
  principal: Principal;
  org: Org;
  /** the current assignment of every file the dialog changes */
  prevs: readonly AssignmentTarget[];
  onSave(next: AssignmentTarget & { reason: string }): void;
  onClose(): void;
}

export function AssignDialog(props: AssignDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  const teams = createMemo(() => assignTargetTeams(props.org, props.principal));
  const first = props.prevs[0];
  const startTeam = first && teams().some((t) => t.id === first.teamId) ? first.teamId : (teams()[0]?.id ?? '');
  const [teamId, setTeamId] = createSignal(startTeam);
  const people = createMemo(() => responsibleChoices(props.org, teamId()));
  const startPerson =
    props.prevs.length === 1 && first && people().some((u) => u.id === first.responsibleId) ? first.responsibleId : '';
  const [responsibleId, setResponsibleId] = createSignal(startPerson);
  const [reason, setReason] = createSignal('');
  const [tried, setTried] = createSignal(false);
  const problem = createMemo(() =>
    assignmentProblem(props.principal, props.org, props.prevs, { teamId: teamId(), responsibleId: responsibleId(), reason: reason() }),
  );
  onMount(() => dialog?.showModal());

  const changeTeam = (next: string) => {
    setTeamId(next);
    if (!responsibleChoices(props.org, next).some((u) => u.id === responsibleId())) setResponsibleId('');
  };
  const save = (e: SubmitEvent) => {
    e.preventDefault();
    setTried(true);
    if (problem() !== null) return;
    props.onSave({ teamId: teamId(), responsibleId: responsibleId(), reason: reason().trim() });
    dialog?.close();
  };

  return (
    <dialog ref={dialog} class="assign-dialog" data-testid="assign-dialog" aria-labelledby="assign-title" onClose={() => props.onClose()}>
      <form onSubmit={save} novalidate>
        <h2 id="assign-title">{props.title}</h2>
        <Field label={a.team} for="assign-team">
          <select id="assign-team" data-testid="assign-team" value={teamId()} onChange={(e) => changeTeam(e.currentTarget.value)}>
            <Show when={teamId() === ''}>
              <option value="">{a.chooseTeam}</option>
            </Show>
            <For each={teams()}>{(t) => <option value={t.id} selected={t.id === teamId()}>{t.name}</option>}</For>
          </select>
        </Field>
        <Field label={a.responsible} for="assign-responsible">
          <select
            id="assign-responsible"
            data-testid="assign-responsible"
            value={responsibleId()}
            onChange={(e) => setResponsibleId(e.currentTarget.value)}
          >
            <option value="" selected={responsibleId() === ''}>
              {a.unassigned}
            </option>
            <For each={people()}>{(u) => <option value={u.id} selected={u.id === responsibleId()}>{u.name}</option>}</For>
          </select>
        </Field>
        <Field label={a.reason} for="assign-reason" hint={<p class="muted small">{a.reasonHint}</p>}>
          <input
            id="assign-reason"
            data-testid="assign-reason"
            type="text"
            autocomplete="off"
            placeholder={a.reasonPlaceholder}
            value={reason()}
            aria-invalid={tried() && problem() === 'reason-required' ? 'true' : undefined}
            aria-describedby="assign-error"
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </Field>
        <Show when={tried() && problem()}>
          {(p) => (
            <p class="field-error" id="assign-error" data-testid="assign-error" role="alert">
              {problemText(p())}
            </p>
          )}
        </Show>
        <div class="dialog-actions">
          <button type="button" onClick={() => dialog?.close()}>
            {a.cancel}
          </button>
          <button type="submit" class="primary" data-testid="assign-save">
            {a.save}
          </button>
        </div>
      </form>
    </dialog>
  );
}
