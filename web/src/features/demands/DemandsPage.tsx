/**
 * 诉求 lists (`/demands?tab=`): tabs by role (commissioner: 我提出的 / 我的企业; handler: 本部门;
 * coordinator: 全部 / 待交办 / 待回访·销号), plus 督办 and 临期/逾期 for everyone, each with its count;
 * filters by category and state. Rows come from the materialized `demands` table only.
 */
import { For, Show, createMemo } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { DEMAND_CATEGORIES, DEMAND_STATES, type DemandCategory, type DemandRow, type DemandState } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { DemandCard } from './parts.tsx';
import { applyDemandFilter, tabFromParam, tabRows, tabsFor, type DemandTab } from './queues.ts';
import { STATE_LABELS, d } from './strings.ts';
import './demands.css';

export function DemandsPage() {
  const { demands, auth } = useApp();
  const [params, setParams] = useSearchParams<{ tab?: string; category?: string; state?: string }>();
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
  return (
    <section class="page dem-list-page" data-testid="demands-page" data-tab={tab()}>
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
              onClick={() => setParams({ tab: t })}
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
                  <DemandCard row={row} />
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
