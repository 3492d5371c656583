/**
 * 诉求 lists (`/demands?tab=`): tabs by role (commissioner: 我提出的 / 我的企业; handler: 本部门;
 * coordinator: 全部 / 待交办 / 待回访·销号), plus 督办 and 临期/逾期 for everyone, each with its count;
 * filters by category and state. Rows come from the materialized `demands` table only.
 * The review queue (待回访/销号) is one screen: the queue, oldest first, beside the selected demand with
 * its full history and the 回访 / 销号 / 退回 actions (`&open=<id>`; the oldest when none is chosen).
 */
import { For, Show, createEffect, createMemo } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { DEMAND_CATEGORIES, DEMAND_STATES, type DemandCategory, type DemandRow, type DemandState } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { DemandView } from './DemandPage.tsx';
import { DemandCard } from './parts.tsx';
import { applyDemandFilter, tabFromParam, tabRows, tabsFor, type DemandTab } from './queues.ts';
import { STATE_LABELS, d } from './strings.ts';
import './demands.css';

export function DemandsPage() {
  const { demands, auth } = useApp();
  const [params, setParams] = useSearchParams<{ tab?: string; category?: string; state?: string; open?: string }>();
  const role = () => auth.principal()?.role ?? 'commissioner';
  const userId = () => auth.user()?.id ?? '';
  const tabs = createMemo(() => tabsFor(role()));
  const tab = () => tabFromParam(params.tab, role());
  const filter = () => ({
    category: ((DEMAND_CATEGORIES as readonly string[]).includes(params.category ?? '') ? params.category : '') as DemandCategory | '',
    state: ((DEMAND_STATES as readonly string[]).includes(params.state ?? '') ? params.state : '') as DemandState | '',
  });
  const byTab = createMemo(() => {
    const rows = demands.rows();
    const map = new Map<DemandTab, DemandRow[]>();
    for (const t of tabs()) map.set(t, tabRows(t, rows, userId(), demands.timing));
    return map;
  });
  const shown = createMemo(() => applyDemandFilter(byTab().get(tab()) ?? [], filter()));
  const filtered = () => filter().category !== '' || filter().state !== '';
  const reviewing = () => tab() === 'review';
  // The demand shown beside the review queue: the chosen one, else the oldest — then written into the URL,
  // so it stays on screen after its 回访 / 销号 moves it out of the queue (the result shows).
  const selected = () => (reviewing() ? params.open || shown()[0]?.id || '' : '');
  createEffect(() => {
    const first = shown()[0]?.id;
    if (reviewing() && !params.open && first) setParams({ open: first }, { replace: true });
  });
  const hrefOf = (id: string) => (reviewing() ? `/demands?tab=review&open=${id}` : undefined);
  return (
    <section class="page dem-list-page" classList={{ 'dem-review': reviewing() }} data-testid="demands-page" data-tab={tab()}>
      <div class="dem-list-col">
        <h1>{d.listTitle}</h1>
        <div class="dem-tabs" role="tablist">
          <For each={tabs()}>
            {(t) => (
              <button
                type="button"
                role="tab"
                class="dem-tab"
                classList={{ 'dem-tab-on': t === tab() }}
                aria-selected={t === tab()}
                data-testid={`demand-tab-${t}`}
                data-count={byTab().get(t)?.length ?? 0}
                onClick={() => setParams({ tab: t, open: undefined })}
              >
                {d.tabs[t]}
                <span class="dem-tab-count">{byTab().get(t)?.length ?? 0}</span>
              </button>
            )}
          </For>
        </div>
        <p class="muted small">{d.tabHints[tab()]}</p>
        <div class="dem-filters">
          <select aria-label={d.filterCategory} data-testid="demand-filter-category" value={filter().category} onChange={(e) => setParams({ category: e.currentTarget.value || undefined })}>
            <option value="">{d.allCategories}</option>
            <For each={DEMAND_CATEGORIES}>{(c) => <option value={c} selected={c === filter().category}>{c}</option>}</For>
          </select>
          <select aria-label={d.filterState} data-testid="demand-filter-state" value={filter().state} onChange={(e) => setParams({ state: e.currentTarget.value || undefined })}>
            <option value="">{d.allStates}</option>
            <For each={DEMAND_STATES}>{(s) => <option value={s} selected={s === filter().state}>{STATE_LABELS[s]}</option>}</For>
          </select>
          <span class="muted" data-testid="demand-count" data-count={shown().length}>
            {d.count(shown().length)}
          </span>
        </div>
        <Show when={!demands.loading()} fallback={<p class="empty">{d.loading}</p>}>
          <Show when={shown().length > 0} fallback={<p class="empty" data-testid="demands-empty">{filtered() ? d.emptyFiltered : d.empty[tab()]}</p>}>
            <ul class="dem-list" data-testid="demand-list">
              <For each={shown()}>
                {(row) => (
                  <li>
                    <DemandCard row={row} href={hrefOf(row.id)} selected={row.id === selected()} />
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </div>
      <Show when={reviewing()}>
        <div class="dem-pane-col">
          <Show when={selected()} keyed fallback={<p class="empty">{d.reviewPick}</p>}>
            {(id) => <DemandView id={id} embedded />}
          </Show>
        </div>
      </Show>
    </section>
  );
}
