/**
 * /policies: the library, searchable in 汉字 / pinyin / initials, filtered by domain, level, mode and
 * department (kept in the URL, so back and reload keep them). Expired and withdrawn items are hidden
 * unless 显示已失效 is ticked; they are never deleted.
 */
import { For, Show, createMemo, type JSX } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { POLICY_DOMAINS, POLICY_LEVELS, POLICY_MODES, type PolicyMode } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { mayEditPolicies } from '../../state/policies.ts';
import { localToday } from './today.ts';
import { applyPolicyFilter, filterOptions, type PolicyFilter } from './filter.ts';
import { PolicyCard } from './PolicyCard.tsx';
import { p } from './strings.ts';
import './policies.css';

type Params = { q?: string; domain?: string; level?: string; mode?: string; dept?: string; all?: string };

export function PoliciesPage(): JSX.Element {
  const { policies, auth } = useApp();
  const [params, setParams] = useSearchParams<Params>();
  const today = localToday();
  const filter = (): PolicyFilter => ({
    domain: params.domain ?? '',
    level: params.level ?? '',
    mode: ((POLICY_MODES as readonly string[]).includes(params.mode ?? '') ? params.mode : '') as PolicyMode | '',
    department: params.dept ?? '',
    inactive: params.all === '1',
  });
  const found = createMemo(() => policies.search(params.q ?? ''));
  const shown = createMemo(() => applyPolicyFilter(found(), filter(), today));
  const hidden = createMemo(() => (filter().inactive ? 0 : applyPolicyFilter(found(), { ...filter(), inactive: true }, today).length - shown().length));
  const domains = createMemo(() => filterOptions(POLICY_DOMAINS, policies.items().map((i) => i.domain)));
  const departments = createMemo(() => filterOptions([], policies.items().map((i) => i.department)));
  const filtered = () => Boolean(params.domain || params.level || params.mode || params.dept);
  const set = (patch: Partial<Params>) => setParams(patch, { replace: true });

  const select = (label: string, key: keyof Params, all: string, options: readonly string[]) => (
    <label class="pol-filter">
      <span class="sr-only">{label}</span>
      <select data-testid={`policy-filter-${key}`} value={params[key] ?? ''} onChange={(e) => set({ [key]: e.currentTarget.value || undefined })}>
        <option value="">{all}</option>
        <For each={options}>{(o) => <option value={o}>{o}</option>}</For>
      </select>
    </label>
  );

  return (
    <section class="list-page pol-page" data-testid="policies-page">
      <div class="list-head">
        <div class="list-toolbar">
          <h1>{p.listTitle}</h1>
          <Show when={mayEditPolicies(auth.principal())}>
            <span class="pol-actions">
              <A href="/policies/import" class="button" data-testid="policy-import-link">
                {p.importLink}
              </A>
              <A href="/policies/new" class="button" data-testid="policy-new">
                {p.newItem}
              </A>
            </span>
          </Show>
        </div>
        <input
          class="search"
          type="search"
          placeholder={p.searchPlaceholder}
          aria-label={p.searchPlaceholder}
          data-testid="policy-search"
          value={params.q ?? ''}
          onInput={(e) => set({ q: e.currentTarget.value || undefined })}
        />
        <div class="pol-filters">
          {select(p.filterDomain, 'domain', p.allDomains, domains())}
          {select(p.filterLevel, 'level', p.allLevels, POLICY_LEVELS)}
          {select(p.filterMode, 'mode', p.allModes, POLICY_MODES)}
          {select(p.filterDepartment, 'dept', p.allDepartments, departments())}
          <label class="pol-toggle">
            <input type="checkbox" data-testid="policy-show-inactive" checked={filter().inactive} onChange={(e) => set({ all: e.currentTarget.checked ? '1' : undefined })} />
            {p.showInactive}
          </label>
          <Show when={filtered()}>
            <button type="button" class="link-button" onClick={() => set({ domain: undefined, level: undefined, mode: undefined, dept: undefined })}>
              {p.clearFilters}
            </button>
          </Show>
        </div>
        <Show when={policies.ready()}>
          <p class="muted small" data-testid="policy-count" data-count={shown().length}>
            {p.count(shown().length, policies.items().length)}
            <Show when={hidden() > 0}> · {p.hiddenCount(hidden())}</Show>
          </p>
        </Show>
      </div>
      <div class="list-scroll">
        <Show when={policies.ready()} fallback={<p class="empty" data-testid="policy-loading">{p.loading}</p>}>
          <Show
            when={shown().length > 0}
            fallback={
              <p class="empty" data-testid="policy-empty">
                {policies.items().length === 0 ? (mayEditPolicies(auth.principal()) ? p.emptyLibraryEditor : p.emptyLibrary) : p.noMatch}
              </p>
            }
          >
            <ul class="pol-list" data-testid="policy-list">
              <For each={shown()}>
                {(item) => (
                  <li>
                    <PolicyCard item={item} today={today} />
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </div>
    </section>
  );
}
