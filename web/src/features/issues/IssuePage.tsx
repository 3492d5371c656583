/**
 * One 共性问题: its members with their current states (from the demand rows), the 联席会议 records, and
 * for coordinators: 添加诉求, 记录联席会议 and 整体办结 — which first shows what it will do to each member
 * (办结 / already resolved / not on this device) and acts only once confirmed.
 */
import { For, Match, Show, Switch, createMemo, createSignal } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { chinaDay, seesWholeDistrict, type DemandRow } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import type { OpenIssue } from '../../state/issues.ts';
import { Field } from '../../ui/Field.tsx';
import { DemandPicker } from './DemandPicker.tsx';
import { MeetingForm } from './MeetingForm.tsx';
import { orgDepartments, resolvePlan } from './rules.ts';
import { STATE_LABELS, s } from './strings.ts';
import './issues.css';

export function IssuePage() {
  const params = useParams<{ id: string }>();
  const { issues, sync } = useApp();
  const settled = () => sync.status().caughtUp || sync.status().connection === 'offline';
  return (
    <Show when={params.id} keyed>
      {(id) => <IssueView id={id} open={(issueId) => issues.open(issueId, settled)} />}
    </Show>
  );
}

function IssueView(props: { id: string; open: (id: string) => OpenIssue }) {
  const { issues, org, session, drafts } = useApp();
  // Opened once for this page (released when it goes away); keyed on the id by the parent.
  // eslint-disable-next-line solid/reactivity
  const opened = props.open(props.id);
  const issue = () => opened;
  const isCoordinator = () => seesWholeDistrict(session.user()?.role ?? 'commissioner');
  const today = () => chinaDay(Date.now());
  const members = createMemo(() => {
    const byId = issues.demandById();
    return issue().memberIds().map((id) => ({ id, row: byId.get(id) }));
  });
  // A meeting record being typed before a reload opens again with what was typed.
  // eslint-disable-next-line solid/reactivity
  const [panel, setPanel] = createSignal<'none' | 'meeting' | 'members' | 'resolve'>(drafts.draft(`${props.id}:meeting`).peek() ? 'meeting' : 'none');
  const [adding, setAdding] = createSignal<ReadonlySet<string>>(new Set());
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal<number | null>(null);
  const [failed, setFailed] = createSignal('');
  const plan = createMemo(() => resolvePlan(issue().memberIds(), issues.demandById()));
  const departments = createMemo(() => orgDepartments(org.org()?.users ?? []));
  const lastEvent = createMemo(() => issue().events().at(-1));

  const openResolve = () => {
    setNote(s.resolveNoteDefault(issue().info()?.title ?? ''));
    setDone(null);
    setFailed('');
    setPanel('resolve');
  };
  const confirmResolve = async () => {
    if (busy()) return;
    setBusy(true);
    try {
      const resolved = await issue().resolveAll(
        plan().will.map((r) => r.id),
        note().trim() || s.resolveNoteDefault(issue().info()?.title ?? ''),
      );
      setDone(resolved.length);
      setPanel('none');
    } catch (err) {
      setFailed(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const confirmAdd = async () => {
    if (adding().size === 0 || busy()) return;
    setBusy(true);
    try {
      await issue().addMembers([...adding()]);
      setAdding(new Set<string>());
      setPanel('none');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page issues-page">
      <A href="/issues" class="back">
        {s.back}
      </A>
      <Switch>
        <Match when={issue().status() === 'loading'}>
          <p class="empty">{s.pageLoading}</p>
        </Match>
        <Match when={issue().status() === 'not-found'}>
          <p class="empty" data-testid="issue-not-found">
            {s.notFound}
          </p>
        </Match>
        <Match when={issue().info()}>
          {(info) => (
            <>
              <div class="issues-head">
                <h1 data-testid="issue-heading">{info().title}</h1>
                <span class="badge" classList={{ 'badge-ok': issue().resolved() }} data-testid="issue-state" data-resolved={issue().resolved() ? '1' : '0'}>
                  {issue().resolved() ? s.resolvedBadge : s.openBadge}
                </span>
              </div>
              <p class="muted small">{s.createdBy(org.userName(info().createdBy), chinaDay(info().createdAt))}</p>
              <p class="issue-description">{info().description || s.noDescription}</p>
              <Show when={lastEvent()}>
                {(e) => (
                  <p class="issue-event muted small" data-testid="issue-last-event">
                    {e().type === 'resolve' ? s.resolvedAt(chinaDay(e().at), org.userName(e().by)) : s.reopenedAt(chinaDay(e().at), org.userName(e().by))}
                    {e().note ? `：${e().note}` : ''}
                  </p>
                )}
              </Show>
              <Show when={done() !== null}>
                <p class="ok-message" role="status" data-testid="issue-resolve-done">
                  {s.resolveDone(done()!)}
                </p>
              </Show>

              <div class="issue-section-head">
                <h2>
                  {s.membersTitle} <span class="muted small">{s.members(members().length)}</span>
                </h2>
                <Show when={isCoordinator() && !issue().resolved()}>
                  <button type="button" onClick={() => setPanel(panel() === 'members' ? 'none' : 'members')} data-testid="issue-add-members">
                    {s.addMembers}
                  </button>
                </Show>
              </div>
              <ul class="member-list" data-testid="issue-members" data-count={members().length}>
                <For each={members()}>{(m) => <MemberItem id={m.id} row={m.row} />}</For>
              </ul>
              <Show when={panel() === 'members'}>
                <div class="issue-panel">
                  <DemandPicker
                    rows={issues.demandRows()}
                    selected={adding()}
                    exclude={new Set(issue().memberIds())}
                    onToggle={(id, on) =>
                      setAdding((prev) => {
                        const next = new Set(prev);
                        if (on) next.add(id);
                        else next.delete(id);
                        return next;
                      })
                    }
                  />
                  <div class="issue-actions">
                    <button type="button" onClick={() => setPanel('none')}>
                      {s.cancel}
                    </button>
                    <button type="button" class="primary" disabled={adding().size === 0 || busy()} onClick={() => void confirmAdd()}>
                      {adding().size === 0 ? s.addMembersNone : s.addMembersConfirm(adding().size)}
                    </button>
                  </div>
                </div>
              </Show>

              <div class="issue-section-head">
                <h2>
                  {s.meetingsTitle} <span class="muted small">{s.meetingsCount(issue().meetings().length)}</span>
                </h2>
                <Show when={isCoordinator() && panel() !== 'meeting'}>
                  <button type="button" onClick={() => setPanel('meeting')} data-testid="meeting-new">
                    {s.newMeeting}
                  </button>
                </Show>
              </div>
              <Show when={panel() === 'meeting'}>
                <div class="issue-panel">
                  <MeetingForm
                    departments={departments()}
                    today={today()}
                    draft={drafts.draft(`${props.id}:meeting`)}
                    onCancel={() => setPanel('none')}
                    onSave={(m) => {
                      issue().addMeeting(m);
                      setPanel('none');
                    }}
                  />
                </div>
              </Show>
              <Show when={issue().meetings().length > 0} fallback={<p class="muted small">{s.meetingsEmpty}</p>}>
                <ol class="meeting-list" data-testid="meetings" data-count={issue().meetings().length}>
                  <For each={issue().meetings()}>
                    {(m) => (
                      <li class="meeting" data-testid="meeting">
                        <div class="meeting-top">
                          <strong>{m.date}</strong>
                          <span>{m.departments.join('、')}</span>
                        </div>
                        <Show when={m.attendees}>
                          <p>
                            <span class="muted">{s.meetingAttendees}：</span>
                            {m.attendees}
                          </p>
                        </Show>
                        <Show when={m.minutes}>
                          <p>
                            <span class="muted">{s.meetingMinutes}：</span>
                            {m.minutes}
                          </p>
                        </Show>
                        <Show when={m.decisions}>
                          <p>
                            <span class="muted">{s.meetingDecisions}：</span>
                            {m.decisions}
                          </p>
                        </Show>
                        <p class="muted small">{s.meetingBy(org.userName(m.by))}</p>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>

              <Show when={isCoordinator()}>
                <div class="issue-resolve">
                  <Show
                    when={!issue().resolved()}
                    fallback={
                      <button type="button" onClick={() => issue().reopen(s.reopenNote)} data-testid="issue-reopen">
                        {s.reopen}
                      </button>
                    }
                  >
                    <Show when={panel() !== 'resolve'}>
                      <button type="button" class="primary" onClick={openResolve} data-testid="issue-resolve">
                        {s.resolveAll}
                      </button>
                    </Show>
                  </Show>
                </div>
              </Show>
              <Show when={panel() === 'resolve'}>
                <div class="issue-panel" role="dialog" aria-label={s.resolveTitle} data-testid="resolve-panel">
                  <h2>{s.resolveTitle}</h2>
                  <p class="muted small">{s.resolveHint}</p>
                  <ul class="plan-list">
                    <For each={plan().will}>
                      {(r) => (
                        <li data-testid="plan-will" data-id={r.id}>
                          <span class="badge">{s.resolveWill}</span> {r.enterpriseName} · {r.title}
                        </li>
                      )}
                    </For>
                    <For each={plan().skip}>
                      {(r) => (
                        <li class="muted" data-testid="plan-skip" data-id={r.id}>
                          <span class="badge badge-ok">{s.resolveSkip}</span> {r.enterpriseName} · {r.title}
                        </li>
                      )}
                    </For>
                    <For each={plan().missing}>
                      {(id) => (
                        <li class="muted">
                          <span class="badge badge-warn">{s.resolveMissing}</span> {id}
                        </li>
                      )}
                    </For>
                  </ul>
                  <Field label={s.resolveNote} for="resolve-note">
                    <textarea id="resolve-note" rows={2} value={note()} onInput={(e) => setNote(e.currentTarget.value)} data-testid="resolve-note" />
                  </Field>
                  <Show when={failed()}>
                    <p class="field-error" role="alert">
                      {failed()}
                    </p>
                  </Show>
                  <div class="issue-actions">
                    <button type="button" onClick={() => setPanel('none')}>
                      {s.cancel}
                    </button>
                    <button type="button" class="primary" disabled={busy()} onClick={() => void confirmResolve()} data-testid="resolve-confirm">
                      {busy() ? s.resolving : plan().will.length > 0 ? s.resolveConfirm(plan().will.length) : s.resolveAll}
                    </button>
                  </div>
                </div>
              </Show>
            </>
          )}
        </Match>
      </Switch>
    </section>
  );
}

function MemberItem(props: { id: string; row: DemandRow | undefined }) {
  return (
    <li class="member" data-testid="issue-member" data-id={props.id} data-state={props.row?.state ?? ''}>
      <Show when={props.row} fallback={<span class="muted">{s.memberMissing}</span>}>
        {(row) => (
          <A href={`/demands/${row().id}`} class="member-link">
            <span class="member-top">
              <span class="member-title">{row().title}</span>
              <span class="badge" classList={{ 'badge-ok': row().state === 'closed' }} data-testid="member-state">
                {STATE_LABELS[row().state]}
              </span>
            </span>
            <span class="muted small">
              {row().enterpriseName} · {row().category} · {row().departments.length > 0 ? s.memberDepartments(row().departments.join('、')) : s.noDepartments}
            </span>
          </A>
        )}
      </Show>
    </li>
  );
}
