/**
 * 共性问题 list: every common issue on this device (coordinators: the district; handlers: the issues of
 * their department's meetings), open ones first, newest first; coordinators create new ones here.
 */
import { For, Show, createMemo } from 'solid-js';
import { A } from '@solidjs/router';
import { chinaDay, seesWholeDistrict } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { s } from './strings.ts';
import './issues.css';

export function IssuesPage() {
  const { issues, session } = useApp();
  const canCreate = () => seesWholeDistrict(session.user()?.role ?? 'commissioner');
  const rows = createMemo(() =>
    [...issues.rows()].sort((a, b) => Number(a.resolved) - Number(b.resolved) || b.createdAt - a.createdAt),
  );
  const enterprisesOf = (ids: readonly string[]) => {
    const byId = issues.demandById();
    return new Set(ids.map((id) => byId.get(id)?.enterpriseId ?? id)).size;
  };
  return (
    <section class="page issues-page">
      <div class="issues-head">
        <h1>{s.listTitle}</h1>
        <Show when={canCreate()}>
          <A href="/issues/new" class="button primary" data-testid="issue-new">
            {s.newButton}
          </A>
        </Show>
      </div>
      <p class="muted small">{s.listHint}</p>
      <Show when={!issues.loading()} fallback={<p class="empty">{s.loading}</p>}>
        <Show
          when={rows().length > 0}
          fallback={
            <p class="empty" data-testid="issues-empty">
              {canCreate() ? s.emptyForCoordinator : s.empty}
            </p>
          }
        >
          <ul class="issue-list" data-testid="issue-list" data-count={rows().length}>
            <For each={rows()}>
              {(row) => (
                <li>
                  <A href={`/issues/${row.id}`} class="issue-card" classList={{ 'issue-resolved': row.resolved }} data-testid="issue-row" data-id={row.id}>
                    <span class="issue-card-top">
                      <span class="issue-title">{row.title}</span>
                      <span class="badge" classList={{ 'badge-ok': row.resolved }}>
                        {row.resolved ? s.resolvedBadge : s.openBadge}
                      </span>
                    </span>
                    <span class="issue-meta">
                      <span>{s.members(row.memberIds.length)}</span>
                      <span>{s.enterprises(enterprisesOf(row.memberIds))}</span>
                      <span>{s.meetingsCount(row.meetingsCount)}</span>
                      <span>{s.createdOn(chinaDay(row.createdAt))}</span>
                    </span>
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
