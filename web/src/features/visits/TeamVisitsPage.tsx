/**
 * 队伍走访 (`/team`) for team leads (the teams they lead) and coordinators (every team): per person the
 * visits they went on this month/quarter, the enterprises visited and the coverage of their portfolio;
 * per enterprise the most visited and those not visited in the period. Read from the rows on this device
 * (a lead syncs their teams' files, a coordinator the district).
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { principalFor, seesWholeDistrict, type OrgUser } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { enterpriseFigures, memberFigures, type Period } from '../../state/visits.ts';
import { t } from '../../ui/strings.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import { v } from './strings.ts';
import './visits.css';

const PERIODS: readonly Period[] = ['month', 'quarter', 'year'];
const LIST_LIMIT = 50;

export function TeamVisitsPage() {
  const { enterprises, auth, org } = useApp();
  const [search, setSearch] = useSearchParams<{ period?: string }>();
  const period = (): Period => ((PERIODS as readonly string[]).includes(search.period ?? '') ? (search.period as Period) : 'month');
  const [now] = createSignal(Date.now());
  const principal = createMemo(() => {
    const o = org.org();
    const id = auth.user()?.id;
    return o && id ? principalFor(o, id) : null;
  });
  const allowed = () => {
    const p = principal();
    return !!p && (seesWholeDistrict(p.role) || p.ledTeamIds.length > 0);
  };
  /** the teams this view covers */
  const teams = createMemo(() => {
    const p = principal();
    const all = org.org()?.teams ?? [];
    if (!p) return [];
    return seesWholeDistrict(p.role) ? all : all.filter((x) => p.ledTeamIds.includes(x.id));
  });
  const members = createMemo(() => {
    const ids = new Set(teams().map((x) => x.id));
    return (org.org()?.users ?? []).filter((u: OrgUser) => !u.disabled && (u.role === 'commissioner' || u.role === 'team-lead') && u.teamIds.some((x) => ids.has(x)));
  });
  const rows = createMemo(() => {
    const ids = new Set(teams().map((x) => x.id));
    return enterprises.rows().filter((r) => ids.has(r.teamId));
  });
  const perMember = createMemo(() => memberFigures(rows(), members(), period(), now()));
  const perEnterprise = createMemo(() => enterpriseFigures(rows(), period(), now()));
  const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);
  const teamOf = (u: OrgUser) => u.teamIds.map((id) => org.teamName(id)).join('、');

  return (
    <section class="visits-page" data-testid="team-page">
      <h1>{v.teamTitle}</h1>
      <Show when={allowed()} fallback={<p class="empty" data-testid="team-not-lead">{v.notLead}</p>}>
        <p class="muted small">{v.teamHint}</p>
        <div class="visits-bar">
          <PeriodPicker value={period()} choices={PERIODS} onChange={(p) => setSearch({ period: p }, { replace: true })} />
          <span class="muted small">{teams().map((x) => x.name).join('、')}</span>
        </div>
        <Show when={!enterprises.loading()} fallback={<p class="empty">{v.loading}</p>}>
          <Show when={members().length > 0} fallback={<p class="empty">{v.noMembers}</p>}>
            <div class="table-scroll">
              <table class="team-table" data-testid="team-members">
                <thead>
                  <tr>
                    <th>{v.member}</th>
                    <th class="team-col">{v.team}</th>
                    <th class="num">{v.visits}</th>
                    <th class="num">{v.enterprisesVisited}</th>
                    <th class="num">{v.portfolio}</th>
                    <th>{v.coverage}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={perMember()}>
                    {(m) => (
                      <tr data-testid="team-member" data-id={m.user.id} data-visits={m.visits} data-coverage={m.coverage ?? ''}>
                        <td>{m.user.name}</td>
                        <td class="small team-col">{teamOf(m.user)}</td>
                        <td class="num">{m.visits}</td>
                        <td class="num">{m.enterprisesVisited}</td>
                        <td class="num">{m.portfolio}</td>
                        <td>
                          <span class="coverage-bar" aria-hidden="true">
                            <span style={{ width: `${Math.round((m.coverage ?? 0) * 100)}%` }} />
                          </span>
                          {pct(m.coverage)}
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
          <h2>{v.perEnterprise}</h2>
          <h3 class="small">{v.mostVisited}</h3>
          <ul class="plain-list" data-testid="team-visited">
            <For each={perEnterprise().visited.slice(0, LIST_LIMIT)}>
              {(e) => (
                <li>
                  <A href={`/enterprises/${e.row.id}`} data-testid="team-visited-item" data-id={e.row.id} data-visits={e.visits}>
                    <span>{e.row.name || t.unnamed}</span>
                    <span class="muted">{v.times(e.visits)}</span>
                  </A>
                </li>
              )}
            </For>
          </ul>
          <h3 class="small" data-testid="team-not-visited-title" data-count={perEnterprise().notVisited.length}>
            {v.notVisited(perEnterprise().notVisited.length)}
          </h3>
          <Show when={perEnterprise().notVisited.length > 0} fallback={<p class="muted small">{v.allVisited}</p>}>
            <ul class="plain-list" data-testid="team-not-visited">
              <For each={perEnterprise().notVisited.slice(0, LIST_LIMIT)}>
                {(row) => (
                  <li>
                    <A href={`/enterprises/${row.id}`}>
                      <span>{row.name || t.unnamed}</span>
                      <span class="muted small">{row.responsibleId ? org.userName(row.responsibleId) : t.unassigned}</span>
                    </A>
                  </li>
                )}
              </For>
            </ul>
            <Show when={perEnterprise().notVisited.length > LIST_LIMIT}>
              <p class="muted small">{v.more(perEnterprise().notVisited.length - LIST_LIMIT)}</p>
            </Show>
          </Show>
        </Show>
      </Show>
    </section>
  );
}
