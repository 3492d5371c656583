/**
 * One demand (`/demands/:id`): its doc is opened (only this one) and followed live. State stepper,
 * remaining working days (with a warning when the deadline falls in a year without an official
 * calendar), conflicts for the coordinator to settle, a pending extension to approve, the actions this
 * user may take, the info (editable by the raiser and coordinators), attachments and the full history.
 */
import { Match, Show, Switch, createMemo } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { demandActions, docKind, isDocId, seesWholeDistrict, type DemandEventInput } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { openDemand } from '../../state/demands.ts';
import { NotFound } from '../../ui/NotFound.tsx';
import { dateTime } from '../../ui/strings.ts';
import { ActionPanel } from './ActionPanel.tsx';
import { AttachmentsSection } from './AttachmentsSection.tsx';
import { ConflictPanel, ExtensionPanel } from './DecisionPanels.tsx';
import { EventHistory } from './EventHistory.tsx';
import { InfoSection } from './InfoSection.tsx';
import { IssueBadge } from '../issues/IssueBadge.tsx';
import { StateBadge, StateStepper, TimingBadge } from './parts.tsx';
import { URGENCY_LABELS, d } from './strings.ts';
import './demands.css';

export function DemandPage() {
  const params = useParams<{ id: string }>();
  return (
    <Show when={isDocId(params.id) && docKind(params.id) === 'dem'} fallback={<DemandNotFound />}>
      <Show when={params.id} keyed>
        {(id) => <DemandView id={id} />}
      </Show>
    </Show>
  );
}

const DemandNotFound = () => <NotFound testId="demand-not-found" title={d.notFound} hint={d.notFoundHint} />;

/**
 * The demand itself; `embedded` inside the review queue (no back link, a link to its own page instead).
 * Mount it keyed on the id: a new id opens a new doc.
 */
export function DemandView(props: { id: string; embedded?: boolean }) {
  const { docs, sync, demands, auth, enterprises, org } = useApp();
  const open = openDemand(docs, props.id, () => sync.status().caughtUp || sync.status().connection === 'offline');
  const row = open.row;
  // The device holds the enterprise's row exactly when the relay lets this user read the file.
  const canReadEnterprise = createMemo(() => {
    const r = row();
    const p = auth.principal();
    if (!r || !p) return false;
    return seesWholeDistrict(p.role) || enterprises.rows().some((e) => e.id === r.enterpriseId);
  });
  const allowed = createMemo(() => {
    const r = row();
    const p = auth.principal();
    return r && p ? demandActions(p, r, canReadEnterprise()) : [];
  });
  const canEdit = () => {
    const p = auth.principal();
    const r = row();
    return !!p && !!r && r.state !== 'closed' && (seesWholeDistrict(p.role) || r.createdBy === p.userId);
  };
  const act = async (input: DemandEventInput) => {
    await demands.act(props.id, input);
  };
  return (
    <Switch>
      <Match when={open.status() === 'loading'}>
        <p class="empty" data-testid="demand-loading">
          {d.opening}
        </p>
      </Match>
      <Match when={open.status() === 'not-found'}>
        <DemandNotFound />
      </Match>
      <Match when={row()}>
        {(r) => {
          const timing = () => demands.timing(r());
          return (
            <section
              class="page dem-page"
              classList={{ 'dem-page-embedded': props.embedded }}
              data-testid={props.embedded ? 'demand-pane' : 'demand-page'}
              data-id={props.id}
              data-state={r().state}
            >
              <div class="file-head">
                <Show
                  when={props.embedded}
                  fallback={
                    <A href="/demands" class="back">
                      ‹ {d.back}
                    </A>
                  }
                >
                  <A href={`/demands/${props.id}`} class="back" data-testid="demand-pane-open">
                    {d.openFull} ›
                  </A>
                </Show>
              </div>
              <h1 class="dem-title" data-testid="demand-title">
                {r().title}
              </h1>
              <p class="dem-sub">
                <Show when={canReadEnterprise()} fallback={<span>{r().enterpriseName}</span>}>
                  <A href={`/enterprises/${r().enterpriseId}`} data-testid="demand-enterprise">
                    {r().enterpriseName}
                  </A>
                </Show>
                <span class="muted">{r().town}</span>
                <span class="muted">{d.raisedBy(org.userName(r().createdBy), dateTime(r().createdAt))}</span>
                <Show when={r().visitId !== ''}>
                  <span class="badge">{d.fromVisit}</span>
                </Show>
              </p>
              <StateStepper state={r().state} />
              <div class="dem-status-line">
                <StateBadge state={r().state} />
                <TimingBadge row={r()} timing={timing()} />
                <span class="muted small" data-testid="demand-due-day">
                  {d.dueOn(timing().dueDay)}
                </span>
                <span class="badge">{r().category}</span>
                <span class="badge">{URGENCY_LABELS[r().urgency]}</span>
                <IssueBadge issueId={r().issueId} />
              </div>
              <p class="dem-departments small">
                <span class="muted">{d.departments}：</span>
                <span data-testid="demand-departments">{r().departments.length > 0 ? r().departments.join('、') : d.noDepartments}</span>
              </p>
              <Show when={timing().uncalendaredYears.length > 0}>
                <p class="notice dem-warning" role="alert" data-testid="demand-uncalendared">
                  {d.uncalendared(timing().uncalendaredYears.join('、'))}
                </p>
              </Show>
              <Show when={r().escalations.length > 0}>
                <div class="dem-escalations" data-testid="demand-escalations">
                  {r()
                    .escalations.map((e) => `${d.escalated}${e.automatic ? d.eventLine.automatic : ''}：${e.instruction}（${org.userName(e.by)} ${dateTime(e.at)}）`)
                    .join('\n')}
                </div>
              </Show>
              <ConflictPanel row={r()} events={open.events()} canDecide={allowed().includes('decide')} onAct={act} />
              <ExtensionPanel row={r()} canDecide={allowed().includes('extend-decision')} onAct={act} />
              <ActionPanel row={r()} allowed={allowed()} onAct={act} />
              <InfoSection id={props.id} info={open.info()!} canEdit={canEdit()} />
              <AttachmentsSection id={props.id} attachments={open.attachments()} canAdd={r().state !== 'closed'} />
              <EventHistory events={open.events()} />
            </section>
          );
        }}
      </Match>
    </Switch>
  );
}
