/**
 * 一企一策一人 on the file page: team, responsible person (or a clear 未分配), when and by whom, the
 * strategy text (collaborative, like the note; read-only for those who may not assign) and the
 * assignment history, newest first. The 分配 button shows only when the relay would accept the change.
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { useApp } from '../../state/app.tsx';
import { mayAssign } from '../../state/assignment.ts';
import type { EnterpriseFile } from '../../state/enterpriseFile.ts';
import { Field } from '../../ui/Field.tsx';
import { dateTime } from '../../ui/strings.ts';
import { DocTextField } from '../enterprises/DocTextField.tsx';
import { AssignDialog } from './AssignDialog.tsx';
import { a, actorName } from './strings.ts';
import './assignment.css';

/** One line under the file's title: who is responsible (or 未分配) and the team; a tap scrolls to the section. */
export function AssignmentSummary(props: { file: EnterpriseFile }) {
  const { org } = useApp();
  const assignment = () => props.file.assignment();
  return (
    <button
      type="button"
      class="assignment-summary"
      data-testid="file-summary"
      data-user-id={assignment().responsibleId}
      onClick={() => document.getElementById('assignment-title')?.scrollIntoView({ behavior: 'smooth' })}
    >
      <span class="muted">{a.responsible}</span>
      <Show when={assignment().responsibleId !== ''} fallback={<span class="badge badge-warn">{a.unassigned}</span>}>
        <strong>{org.userName(assignment().responsibleId)}</strong>
      </Show>
      <Show when={assignment().teamId !== ''}>
        <span class="muted">· {org.teamName(assignment().teamId)}</span>
      </Show>
    </button>
  );
}

export function AssignmentSection(props: { id: string; file: EnterpriseFile; registerFlush: (f: () => void) => () => void }) {
  const { auth, org, drafts } = useApp();
  const f = props.file;
  const [dialogOpen, setDialogOpen] = createSignal(false);
  const principal = () => auth.principal();
  const canEdit = createMemo(() => mayAssign(principal(), f.assignment().teamId));
  const actor = (id: string) => actorName(id, org.userName);
  const personOrNone = (id: string) => (id === '' ? a.unassigned : org.userName(id));
  const teamOrNone = (id: string) => (id === '' ? a.noTeam : org.teamName(id));
  const historyNewestFirst = createMemo(() => [...f.history()].reverse());

  return (
    <section class="assignment" data-testid="assignment-section" aria-labelledby="assignment-title">
      <div class="assignment-head">
        <h2 id="assignment-title">{a.section}</h2>
        <Show when={canEdit()}>
          <button type="button" data-testid="assign-open" onClick={() => setDialogOpen(true)}>
            {a.assignOpen}
          </button>
        </Show>
      </div>
      <dl class="assignment-facts">
        <dt>{a.team}</dt>
        <dd data-testid="file-team" data-team-id={f.assignment().teamId}>
          <Show when={f.assignment().teamId !== ''} fallback={<span class="badge badge-warn">{a.noTeam}</span>}>
            {org.teamName(f.assignment().teamId)}
          </Show>
        </dd>
        <dt>{a.responsible}</dt>
        <dd data-testid="file-responsible" data-user-id={f.assignment().responsibleId}>
          <Show when={f.assignment().responsibleId !== ''} fallback={<span class="badge badge-warn">{a.unassigned}</span>}>
            <strong>{org.userName(f.assignment().responsibleId)}</strong>
          </Show>
        </dd>
        <dt>{a.assigned}</dt>
        <dd>
          <Show when={f.assignment().assignedAt > 0} fallback={<span class="muted">{a.neverAssigned}</span>}>
            {a.assignedBy(dateTime(f.assignment().assignedAt), actor(f.assignment().assignedBy))}
          </Show>
        </dd>
      </dl>

      <Field label={a.strategy} for="f-strategy">
        <Show
          when={canEdit()}
          fallback={
            <>
              <textarea
                id="f-strategy"
                data-testid="strategy"
                class="strategy-readonly"
                readonly
                rows={4}
                value={f.strategy()}
                placeholder={a.strategyEmpty}
              />
              <p class="muted small">{a.strategyReadOnly}</p>
            </>
          }
        >
          <DocTextField
            id="f-strategy"
            testId="strategy"
            multiline
            value={f.strategy()}
            commit={f.setStrategy}
            registerFlush={props.registerFlush}
            draft={drafts.draft(`${props.id}:strategy`)}
            placeholder={a.strategyPlaceholder}
          />
        </Show>
      </Field>

      <h3 class="assignment-subtitle">{a.history}</h3>
      <Show when={historyNewestFirst().length > 0} fallback={<p class="muted small">{a.historyEmpty}</p>}>
        <ol class="assignment-history" data-testid="assignment-history">
          <For each={historyNewestFirst()}>
            {(r) => (
              <li data-testid="assignment-history-item" data-by={r.by} data-responsible={r.responsibleId}>
                <div class="history-line">
                  <span class="history-when">{dateTime(r.at)}</span>
                  <span class="history-who">{actor(r.by)}</span>
                </div>
                <Show
                  when={r.responsibleId !== r.previousResponsibleId}
                  fallback={<div>{a.historyChange(teamOrNone(r.previousTeamId), teamOrNone(r.teamId))}</div>}
                >
                  <div>
                    {a.historyChange(personOrNone(r.previousResponsibleId), personOrNone(r.responsibleId))}
                    <Show when={r.teamId !== r.previousTeamId}>
                      <span class="muted">{a.historyTeamAside(teamOrNone(r.previousTeamId), teamOrNone(r.teamId))}</span>
                    </Show>
                  </div>
                </Show>
                <Show when={r.reason}>
                  <div class="history-reason">{a.historyReason(r.reason)}</div>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>

      <Show when={dialogOpen() && principal() && org.org()}>
        <AssignDialog
          title={a.dialogTitle}
          principal={principal()!}
          org={org.org()!}
          prevs={[f.assignment()]}
          onSave={(next) => f.assign(next)}
          onClose={() => setDialogOpen(false)}
        />
      </Show>
    </section>
  );
}
