/**
 * Enterprise list: reads materialized rows only (never loads a doc), virtualized, searched as the user
 * types and filtered by 镇街, industry, tags, scale, team, responsible person and "not visited in N days",
 * sorted, with per-option counts. The filter lives in the URL (reload or a shared link keeps it) and can
 * be saved under a name per user. The same filtered rows feed the map view and the XLSX export.
 * Those who may assign select rows and assign them in bulk (each doc is loaded, changed and persisted in turn).
 */
import { For, Match, Show, Suspense, Switch, createEffect, createMemo, createSignal, lazy, on } from 'solid-js';
import { A, useLocation, useNavigate } from '@solidjs/router';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { COMMON_TAGS, INDUSTRIES, SCALES, TOWNS, checkUscc, type EnterpriseRow } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { ALL, NONE, bulkAssign, countBy, mayAssign, mayCreate, type BulkResult } from '../../state/assignment.ts';
import {
  SORTS,
  activeFilterCount,
  facetCounts,
  filterFromSearch,
  filterToParams,
  type Facet,
  type ListFilter,
} from '../../state/listFilter.ts';
import { createSavedFilterStore } from '../../state/savedFilters.ts';
import { t } from '../../ui/strings.ts';
import { AssignDialog } from '../assignment/AssignDialog.tsx';
import { CreateDialog } from '../file/CreateDialog.tsx';
import { a } from '../assignment/strings.ts';
import { exportXlsx } from '../export/exportXlsx.ts';
import { x } from '../export/strings.ts';
import { localDate } from '../reminders/reminders.ts';
import { NOT_VISITED_CHOICES, l } from './listStrings.ts';
import './list.css';
import './listFilters.css';

const MapView = lazy(() => import('../map/MapView.tsx'));

/** Options of one facet: the configured list first, then values found on rows, and the current choice. */
function facetOptions(configured: readonly string[], counts: Map<string, number>, chosen: readonly string[]): string[] {
  const found = new Set([...counts.keys(), ...chosen].filter((v) => v !== ''));
  const first = configured.filter((v) => found.delete(v));
  return [...first, ...[...found].sort((p, q) => p.localeCompare(q, 'zh-CN'))];
}

const ROW_HEIGHT = 72;

function Row(props: { row: EnterpriseRow; responsible: string; selectable: boolean; selected: boolean; onSelect: (on: boolean) => void }) {
  const invalid = () => props.row.uscc !== '' && checkUscc(props.row.uscc) !== null;
  return (
    <div class="ent-row-wrap" classList={{ 'ent-row-selected': props.selected }}>
      <A
        class="ent-row"
        href={`/enterprises/${props.row.id}`}
        data-testid="enterprise-row"
        data-id={props.row.id}
        data-responsible={props.row.responsibleId}
        data-team={props.row.teamId}
      >
        <span class="ent-row-top">
          <span class="ent-row-name">{props.row.name || t.unnamed}</span>
          <Show when={props.row.responsibleId !== ''} fallback={<span class="badge badge-warn ent-row-resp">{a.unassigned}</span>}>
            <span class="ent-row-resp">{props.responsible}</span>
          </Show>
        </span>
        <span class="ent-row-meta">
          <span>{props.row.town || '—'}</span>
          <span>{props.row.industry || '—'}</span>
          <span class="mono">{props.row.uscc}</span>
          <Show when={invalid()}>
            <span class="badge badge-warn">{t.usccInvalidBadge}</span>
          </Show>
          <For each={props.row.tags.slice(0, 3)}>{(tag) => <span class="badge">{tag}</span>}</For>
        </span>
      </A>
      <Show when={props.selectable}>
        <label class="row-check">
          <input
            type="checkbox"
            data-testid="row-select"
            data-id={props.row.id}
            aria-label={a.selectRow(props.row.name || t.unnamed)}
            checked={props.selected}
            onChange={(e) => props.onSelect(e.currentTarget.checked)}
          />
        </label>
      </Show>
    </div>
  );
}

export function ListPage() {
  const { enterprises, auth, org, docs } = useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const saved = createSavedFilterStore(localStorage, auth.user()?.id ?? '');
  const [filtersOpen, setFiltersOpen] = createSignal(false);
  const [naming, setNaming] = createSignal(false);
  const [savedName, setSavedName] = createSignal('');
  const [exporting, setExporting] = createSignal(false);
  const [exportError, setExportError] = createSignal('');
  const view = () => (new URLSearchParams(location.search).get('view') === 'map' ? 'map' : 'list');
  const filter = () => enterprises.filter();
  const urlFor = (f: ListFilter, v: 'list' | 'map') => {
    const params = new URLSearchParams(filterToParams(f));
    if (v === 'map') params.set('view', 'map');
    const search = params.toString();
    return `${location.pathname}${search ? `?${search}` : ''}`;
  };
  const canonical = (search: string) => {
    const v = new URLSearchParams(search).get('view') === 'map' ? 'map' : 'list';
    return urlFor(filterFromSearch(search), v);
  };
  // URLs this page wrote that the router has not reported back yet: navigation settles asynchronously,
  // so while someone types, the URL of an earlier letter may arrive after the next letter was typed.
  let written: string[] = [];
  // The URL is the filter's source of truth: read it on arrival, on back/forward and saved filters…
  createEffect(
    on(
      () => location.search,
      (search) => {
        const url = canonical(search);
        const mine = written.indexOf(url);
        if (mine >= 0) {
          written = written.slice(mine + 1);
          return;
        }
        const f = filterFromSearch(search);
        if (urlFor(f, 'list') !== urlFor(filter(), 'list')) enterprises.setFilter(f);
      },
    ),
  );
  // …and write every change back (replace: typing a name is not a history entry per letter).
  createEffect(
    on(
      () => urlFor(filter(), view()),
      (url) => {
        if (url === canonical(location.search)) return;
        written.push(url);
        navigate(url, { replace: true, scroll: false });
      },
      { defer: true },
    ),
  );
  const setFilter = (f: Partial<ListFilter>) => {
    enterprises.setFilter(f);
    scroller?.scrollTo({ top: 0 });
  };
  const setView = (v: 'list' | 'map') => navigate(urlFor(filter(), v), { replace: true, scroll: false });
  const [creating, setCreating] = createSignal(false);
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [bulkOpen, setBulkOpen] = createSignal(false);
  const [progress, setProgress] = createSignal<{ done: number; total: number } | null>(null);
  const [summary, setSummary] = createSignal<BulkResult | null>(null);
  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return enterprises.filtered().length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const principal = () => auth.principal();
  const canSelect = (row: EnterpriseRow) => mayAssign(principal(), row.teamId);
  const assigner = createMemo(() => {
    const p = principal();
    return p !== null && (p.role === 'team-lead' || p.role === 'coordinator' || p.role === 'admin');
  });
  // Counts follow the search and every other facet, so each number is what choosing it would show.
  const counts = (facet: Facet) => createMemo(() => facetCounts(enterprises.searched(), filter(), facet, Date.now()));
  const teamCounts = counts('team');
  const personCounts = counts('responsible');
  const townCounts = counts('town');
  const industryCounts = counts('industry');
  const scaleCounts = counts('scale');
  const tagCounts = counts('tags');
  const towns = createMemo(() => facetOptions(TOWNS, townCounts(), [filter().town]));
  const industries = createMemo(() => facetOptions(INDUSTRIES, industryCounts(), [filter().industry]));
  const tags = createMemo(() => facetOptions(COMMON_TAGS, tagCounts(), filter().tags));
  const notVisitedChoices = createMemo(() => {
    const n = filter().notVisitedDays;
    return n > 0 && !(NOT_VISITED_CHOICES as readonly number[]).includes(n) ? [...NOT_VISITED_CHOICES, n].sort((p, q) => p - q) : NOT_VISITED_CHOICES;
  });
  const toggleTag = (tag: string) =>
    setFilter({ tags: filter().tags.includes(tag) ? filter().tags.filter((x) => x !== tag) : [...filter().tags, tag] });
  const clearFilters = () =>
    setFilter({ town: '', industry: '', tags: [], scale: '', responsible: '', team: '', notVisitedDays: 0 });
  const saveCurrent = () => {
    saved.save(savedName(), new URLSearchParams(filterToParams(filter())).toString());
    setNaming(false);
    setSavedName('');
  };
  const runExport = async () => {
    setExporting(true);
    setExportError('');
    try {
      await exportXlsx(enterprises.filtered(), org, localDate(new Date()));
    } catch (err) {
      setExportError(x.exportFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      setExporting(false);
    }
  };
  const unassignedCount = createMemo(() => countBy(enterprises.rows(), 'responsibleId').get('') ?? 0);
  // Everyone who is (or could be) responsible: assignable people, and anyone named on a row.
  const people = createMemo(() => {
    const ids = new Set(personCounts().keys());
    ids.delete('');
    for (const u of org.org()?.users ?? []) if (u.role === 'commissioner' || u.role === 'team-lead') ids.add(u.id);
    return [...ids].map((id) => ({ id, name: org.userName(id) })).sort((x, y) => x.name.localeCompare(y.name, 'zh-CN'));
  });
  // Only teams holding files of this user's list (and the chosen one, so a choice never vanishes): a lead
  // or commissioner is not offered the district's other teams at (0).
  const heldTeams = createMemo(() => countBy(enterprises.rows(), 'teamId'));
  const teams = createMemo(() => {
    const chosen = filter().team;
    const ids = new Set([...heldTeams().keys()].filter((id) => id !== ''));
    if (chosen !== ALL && chosen !== NONE) ids.add(chosen);
    const known = (org.org()?.teams ?? []).filter((team) => ids.delete(team.id));
    return [...known, ...[...ids].map((id) => ({ id, name: org.teamName(id) }))];
  });
  const showNoTeam = () => (heldTeams().get('') ?? 0) > 0 || filter().team === NONE;
  const selectedRows = createMemo(() => enterprises.rows().filter((r) => selected().has(r.id)));
  const selectableFiltered = createMemo(() => enterprises.filtered().filter(canSelect));

  const select = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const runBulk = async (next: { teamId: string; responsibleId: string; reason: string }) => {
    const p = principal();
    if (!p) return;
    const ids = selectedRows().map((r) => r.id);
    setSummary(null);
    setProgress({ done: 0, total: ids.length });
    const result = await bulkAssign(docs, ids, next, p.userId, (done, total) => setProgress({ done, total }));
    setProgress(null);
    setSummary(result);
    setSelected(new Set<string>());
  };

  return (
    <section class="list-page">
      <div class="list-head">
        <input
          class="search"
          type="search"
          inputmode="search"
          enterkeyhint="search"
          placeholder={t.searchPlaceholder}
          aria-label={t.searchPlaceholder}
          data-testid="enterprise-search"
          value={filter().q}
          onInput={(e) => setFilter({ q: e.currentTarget.value })}
        />
        <div class="list-toolbar">
          <span class="muted" data-testid="enterprise-count" data-count={enterprises.filtered().length} aria-live="polite">
            {t.count(enterprises.filtered().length, enterprises.rows().length)}
          </span>
          <Show when={mayCreate(principal())}>
            <button type="button" class="primary" data-testid="enterprise-new" disabled={creating()} onClick={() => setCreating(true)}>
              ＋ {t.newEnterprise}
            </button>
            <Show when={creating()}>
              <CreateDialog onClose={() => setCreating(false)} />
            </Show>
          </Show>
        </div>
        <div class="list-filters">
          <div class="seg" role="group">
            <button type="button" data-testid="view-list" aria-pressed={view() === 'list'} classList={{ 'seg-on': view() === 'list' }} onClick={() => setView('list')}>
              {l.viewList}
            </button>
            <button type="button" data-testid="view-map" aria-pressed={view() === 'map'} classList={{ 'seg-on': view() === 'map' }} onClick={() => setView('map')}>
              {l.viewMap}
            </button>
          </div>
          <button
            type="button"
            class="chip"
            classList={{ 'chip-active': activeFilterCount(filter()) > 0 }}
            data-testid="filters-toggle"
            aria-expanded={filtersOpen()}
            onClick={() => setFiltersOpen(!filtersOpen())}
          >
            {l.filters(activeFilterCount(filter()))}
          </button>
          <select data-testid="sort" aria-label={l.sortLabel} onChange={(e) => setFilter({ sort: e.currentTarget.value as ListFilter['sort'] })}>
            <For each={SORTS}>
              {(sort) => (
                <option value={sort} selected={filter().sort === sort}>
                  {l.sorts[sort]}
                </option>
              )}
            </For>
          </select>
          <button
            type="button"
            data-testid="export-xlsx"
            title={x.exportTitle(enterprises.filtered().length)}
            disabled={exporting() || enterprises.filtered().length === 0}
            onClick={() => void runExport()}
          >
            {exporting() ? x.exporting : x.exportButton}
          </button>
        </div>
        <Show when={exportError()}>
          <p class="list-error" role="alert">
            {exportError()}
          </p>
        </Show>
        <div class="list-filters">
          <select data-testid="filter-team" aria-label={a.team} value={filter().team} onChange={(e) => setFilter({ team: e.currentTarget.value })}>
            <option value="">{a.filterTeamAll}</option>
            <For each={teams()}>
              {(team) => (
                <option value={team.id} selected={team.id === filter().team}>
                  {a.withCount(team.name, teamCounts().get(team.id) ?? 0)}
                </option>
              )}
            </For>
            <Show when={showNoTeam()}>
              <option value={NONE} selected={filter().team === NONE}>
                {a.withCount(a.filterNoTeam, teamCounts().get('') ?? 0)}
              </option>
            </Show>
          </select>
          {/* A commissioner's list holds only their own files: choosing a person is for those who assign. */}
          <Show when={assigner()}>
            <select
              data-testid="filter-responsible"
              aria-label={a.responsible}
              value={filter().responsible}
              onChange={(e) => setFilter({ responsible: e.currentTarget.value })}
            >
              <option value="">{a.filterResponsibleAll}</option>
              <option value={NONE} selected={filter().responsible === NONE}>
                {a.withCount(a.unassigned, personCounts().get('') ?? 0)}
              </option>
              {/* Options are rebuilt as counts change: each says whether it is the chosen one. */}
              <For each={people()}>
                {(u) => (
                  <option value={u.id} selected={u.id === filter().responsible}>
                    {a.withCount(u.name, personCounts().get(u.id) ?? 0)}
                  </option>
                )}
              </For>
            </select>
          </Show>
          <Show when={assigner() || unassignedCount() > 0}>
            <button
              type="button"
              class="chip"
              classList={{ 'chip-on': filter().responsible === NONE, 'chip-warn': unassignedCount() > 0 }}
              data-testid="unassigned-chip"
              data-count={unassignedCount()}
              aria-pressed={filter().responsible === NONE}
              onClick={() => setFilter({ responsible: filter().responsible === NONE ? '' : NONE })}
            >
              {a.unassignedChip(unassignedCount())}
            </button>
          </Show>
        </div>
        <Show when={filtersOpen()}>
          <div class="list-filters list-filter-panel" data-testid="filter-panel">
            <select data-testid="filter-town" aria-label={l.town} onChange={(e) => setFilter({ town: e.currentTarget.value })}>
              <option value="">{l.townAll}</option>
              <For each={towns()}>
                {(town) => (
                  <option value={town} selected={filter().town === town}>
                    {l.withCount(town, townCounts().get(town) ?? 0)}
                  </option>
                )}
              </For>
            </select>
            <select data-testid="filter-industry" aria-label={l.industry} onChange={(e) => setFilter({ industry: e.currentTarget.value })}>
              <option value="">{l.industryAll}</option>
              <For each={industries()}>
                {(industry) => (
                  <option value={industry} selected={filter().industry === industry}>
                    {l.withCount(industry, industryCounts().get(industry) ?? 0)}
                  </option>
                )}
              </For>
            </select>
            <select data-testid="filter-scale" aria-label={l.scale} onChange={(e) => setFilter({ scale: e.currentTarget.value })}>
              <option value="">{l.scaleAll}</option>
              <For each={SCALES}>
                {(scale) => (
                  <option value={scale} selected={filter().scale === scale}>
                    {l.withCount(scale, scaleCounts().get(scale) ?? 0)}
                  </option>
                )}
              </For>
            </select>
            <select
              data-testid="filter-not-visited"
              aria-label={l.notVisitedLabel}
              onChange={(e) => setFilter({ notVisitedDays: Number(e.currentTarget.value) })}
            >
              <option value="0">{l.notVisitedAll}</option>
              <For each={notVisitedChoices()}>
                {(days) => (
                  <option value={days} selected={filter().notVisitedDays === days}>
                    {l.notVisited(days)}
                  </option>
                )}
              </For>
            </select>
            <div class="tag-chips" role="group" aria-label={l.tagsLabel}>
              <For each={tags()}>
                {(tag) => (
                  <button
                    type="button"
                    class="chip"
                    classList={{ 'chip-active': filter().tags.includes(tag) }}
                    data-testid="filter-tag"
                    data-tag={tag}
                    aria-pressed={filter().tags.includes(tag)}
                    onClick={() => toggleTag(tag)}
                  >
                    {l.withCount(tag, tagCounts().get(tag) ?? 0)}
                  </button>
                )}
              </For>
            </div>
            <Show when={activeFilterCount(filter()) > 0}>
              <button type="button" class="link-button" data-testid="filters-clear" onClick={clearFilters}>
                {l.clearFilters}
              </button>
            </Show>
          </div>
        </Show>
        <div class="list-filters saved-filters" data-testid="saved-filters">
          <For each={saved.list()}>
            {(item) => (
              <span class="saved-chip">
                <button
                  type="button"
                  class="chip"
                  classList={{ 'chip-active': canonical(item.search) === canonical(location.search) }}
                  data-testid="saved-filter"
                  data-name={item.name}
                  onClick={() => navigate(urlFor(filterFromSearch(item.search), view()), { scroll: false })}
                >
                  {item.name}
                </button>
                <button type="button" class="saved-remove" aria-label={l.removeSaved(item.name)} onClick={() => saved.remove(item.name)}>
                  ×
                </button>
              </span>
            )}
          </For>
          <Show
            when={naming()}
            fallback={
              <button type="button" class="link-button small" data-testid="save-filter" onClick={() => setNaming(true)}>
                {l.saveFilter}
              </button>
            }
          >
            <form
              class="save-filter-form"
              onSubmit={(e) => {
                e.preventDefault();
                saveCurrent();
              }}
            >
              <input
                data-testid="save-filter-name"
                aria-label={l.saveFilterName}
                placeholder={l.saveFilterPlaceholder}
                value={savedName()}
                onInput={(e) => setSavedName(e.currentTarget.value)}
                ref={(el) => queueMicrotask(() => el.focus())}
              />
              <button type="submit" class="primary" data-testid="save-filter-submit" disabled={savedName().trim() === ''}>
                {l.save}
              </button>
              <button type="button" onClick={() => setNaming(false)}>
                {l.cancel}
              </button>
            </form>
          </Show>
        </div>
        <Show when={assigner()}>
          <div class="list-bulk">
            <button
              type="button"
              data-testid="select-all-filtered"
              disabled={selectableFiltered().length === 0}
              onClick={() => setSelected(new Set([...selected(), ...selectableFiltered().map((r) => r.id)]))}
            >
              {a.selectAllFiltered(selectableFiltered().length)}
            </button>
            <Show when={selected().size > 0}>
              <button type="button" class="link-button" data-testid="select-none" onClick={() => setSelected(new Set<string>())}>
                {a.clearSelection}
              </button>
            </Show>
            <button
              type="button"
              class="primary"
              data-testid="bulk-assign"
              data-count={selected().size}
              disabled={selected().size === 0 || progress() !== null}
              onClick={() => setBulkOpen(true)}
            >
              {a.bulkAssign(selected().size)}
            </button>
          </div>
        </Show>
        <Show when={progress()}>
          {(p) => (
            <div class="bulk-status" role="status">
              <progress data-testid="bulk-progress" max={p().total} value={p().done} />
              <span>{a.bulkProgress(p().done, p().total)}</span>
            </div>
          )}
        </Show>
        <Show when={summary()}>
          {(s) => (
            <div class="bulk-status bulk-summary" role="status" data-testid="bulk-summary" data-changed={s().changed} data-failed={s().failed.length}>
              <span>
                {a.bulkDone(a.bulkSummary(s().changed, s().unchanged, s().failed.length))}
              </span>
              <button type="button" class="link-button" onClick={() => setSummary(null)}>
                {a.close}
              </button>
            </div>
          )}
        </Show>
      </div>
      <div class="list-scroll" classList={{ 'list-scroll-map': view() === 'map' }} ref={scroller}>
        <Switch>
          <Match when={enterprises.loading()}>
            <p class="empty" data-testid="list-loading">
              {t.listLoading}
            </p>
          </Match>
          <Match when={enterprises.rows().length === 0}>
            <p class="empty" data-testid="list-empty">
              {t.listEmpty}
            </p>
          </Match>
          <Match when={enterprises.filtered().length === 0}>
            <p class="empty" data-testid="list-empty">
              {t.listNoMatch}
            </p>
          </Match>
          <Match when={view() === 'map'}>
            <Suspense fallback={<p class="empty">{l.mapLoading}</p>}>
              <MapView rows={enterprises.filtered()} onOpen={(id) => navigate(`/enterprises/${id}`)} />
            </Suspense>
          </Match>
          <Match when={true}>
            <div class="list-inner" style={{ height: `${virtualizer.getTotalSize()}px` }} role="list">
              <For each={virtualizer.getVirtualItems()}>
                {(item) => (
                  <div
                    class="list-item"
                    role="listitem"
                    style={{ transform: `translateY(${item.start}px)`, height: `${ROW_HEIGHT}px` }}
                  >
                    <Show when={enterprises.filtered()[item.index]}>
                      {(row) => (
                        <Row
                          row={row()}
                          responsible={org.userName(row().responsibleId)}
                          selectable={canSelect(row())}
                          selected={selected().has(row().id)}
                          onSelect={(on) => select(row().id, on)}
                        />
                      )}
                    </Show>
                  </div>
                )}
              </For>
            </div>
          </Match>
        </Switch>
      </div>
      <Show when={bulkOpen() && principal() && org.org()}>
        <AssignDialog
          title={a.bulkTitle(selectedRows().length)}
          principal={principal()!}
          org={org.org()!}
          prevs={selectedRows().map((r) => ({ teamId: r.teamId, responsibleId: r.responsibleId }))}
          onSave={(next) => void runBulk(next)}
          onClose={() => setBulkOpen(false)}
        />
      </Show>
    </section>
  );
}
