/**
 * Enterprise list: reads materialized rows only (never loads a doc), virtualized, filtered by
 * name / USCC substring as the user types, and by team and responsible person. Those who may assign
 * select rows and assign them in bulk (each doc is loaded, changed and persisted in turn).
 */
import { For, Match, Show, Switch, createMemo, createSignal } from 'solid-js';
import { A, useNavigate } from '@solidjs/router';
import { createVirtualizer } from '@tanstack/solid-virtual';
import { checkUscc, type EnterpriseRow } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { ALL, NONE, bulkAssign, countBy, creationAssignment, matchesFilter, mayAssign, mayCreate, type BulkResult } from '../../state/assignment.ts';
import { t } from '../../ui/strings.ts';
import { AssignDialog } from '../assignment/AssignDialog.tsx';
import { a } from '../assignment/strings.ts';
import './list.css';

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
  // Counts follow the search and the other filter, so each number is what choosing it would show.
  const teamCounts = createMemo(() =>
    countBy(enterprises.searched().filter((r) => matchesFilter(r.responsibleId, enterprises.assignment().responsible)), 'teamId'),
  );
  const personCounts = createMemo(() =>
    countBy(enterprises.searched().filter((r) => matchesFilter(r.teamId, enterprises.assignment().team)), 'responsibleId'),
  );
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
    const chosen = enterprises.assignment().team;
    const ids = new Set([...heldTeams().keys()].filter((id) => id !== ''));
    if (chosen !== ALL && chosen !== NONE) ids.add(chosen);
    const known = (org.org()?.teams ?? []).filter((team) => ids.delete(team.id));
    return [...known, ...[...ids].map((id) => ({ id, name: org.teamName(id) }))];
  });
  const showNoTeam = () => (heldTeams().get('') ?? 0) > 0 || enterprises.assignment().team === NONE;
  const selectedRows = createMemo(() => enterprises.rows().filter((r) => selected().has(r.id)));
  const selectableFiltered = createMemo(() => enterprises.filtered().filter(canSelect));

  const select = (id: string, on: boolean) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const createNew = async () => {
    if (creating()) return;
    setCreating(true);
    try {
      const p = principal();
      const id = await enterprises.createNew(p?.userId ?? 'unknown', creationAssignment(p));
      navigate(`/enterprises/${id}?new=1`);
    } finally {
      setCreating(false);
    }
  };

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
          value={enterprises.query()}
          onInput={(e) => {
            enterprises.setQuery(e.currentTarget.value);
            scroller?.scrollTo({ top: 0 });
          }}
        />
        <div class="list-toolbar">
          <span class="muted" data-testid="enterprise-count" data-count={enterprises.filtered().length} aria-live="polite">
            {t.count(enterprises.filtered().length, enterprises.rows().length)}
          </span>
          <Show when={mayCreate(principal())}>
            <button type="button" class="primary" data-testid="enterprise-new" disabled={creating()} onClick={() => void createNew()}>
              ＋ {t.newEnterprise}
            </button>
          </Show>
        </div>
        <div class="list-filters">
          <select
            data-testid="filter-team"
            aria-label={a.team}
            value={enterprises.assignment().team}
            onChange={(e) => {
              enterprises.setAssignment({ team: e.currentTarget.value });
              scroller?.scrollTo({ top: 0 });
            }}
          >
            <option value="">{a.filterTeamAll}</option>
            <For each={teams()}>
              {(team) => (
                <option value={team.id} selected={team.id === enterprises.assignment().team}>
                  {a.withCount(team.name, teamCounts().get(team.id) ?? 0)}
                </option>
              )}
            </For>
            <Show when={showNoTeam()}>
              <option value={NONE} selected={enterprises.assignment().team === NONE}>
                {a.withCount(a.filterNoTeam, teamCounts().get('') ?? 0)}
              </option>
            </Show>
          </select>
          {/* A commissioner's list holds only their own files: choosing a person is for those who assign. */}
          <Show when={assigner()}>
            <select
              data-testid="filter-responsible"
              aria-label={a.responsible}
              value={enterprises.assignment().responsible}
              onChange={(e) => {
                enterprises.setAssignment({ responsible: e.currentTarget.value });
                scroller?.scrollTo({ top: 0 });
              }}
            >
              <option value="">{a.filterResponsibleAll}</option>
              <option value={NONE} selected={enterprises.assignment().responsible === NONE}>
                {a.withCount(a.unassigned, personCounts().get('') ?? 0)}
              </option>
              {/* Options are rebuilt as counts change: each says whether it is the chosen one. */}
              <For each={people()}>
                {(u) => (
                  <option value={u.id} selected={u.id === enterprises.assignment().responsible}>
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
              classList={{ 'chip-on': enterprises.assignment().responsible === NONE, 'chip-warn': unassignedCount() > 0 }}
              data-testid="unassigned-chip"
              data-count={unassignedCount()}
              aria-pressed={enterprises.assignment().responsible === NONE}
              onClick={() => enterprises.setAssignment({ responsible: enterprises.assignment().responsible === NONE ? '' : NONE })}
            >
              {a.unassignedChip(unassignedCount())}
            </button>
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
      <div class="list-scroll" ref={scroller}>
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
