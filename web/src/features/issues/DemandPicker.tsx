/**
 * Picks demands to group: open demands not in another issue, filtered by text and category, with
 * checkboxes (the whole row is the tap target) and a running count of demands and enterprises.
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { DEMAND_CATEGORIES, type DemandRow } from '@bangqi/shared';
import { candidateDemands } from './rules.ts';
import { STATE_LABELS, s } from './strings.ts';

export function DemandPicker(props: {
  rows: readonly DemandRow[];
  selected: ReadonlySet<string>;
  onToggle: (id: string, on: boolean) => void;
  exclude?: ReadonlySet<string>;
}) {
  const [query, setQuery] = createSignal('');
  const [category, setCategory] = createSignal('');
  const all = createMemo(() => candidateDemands(props.rows, '', '', props.exclude));
  const shown = createMemo(() => candidateDemands(props.rows, query(), category(), props.exclude));
  return (
    <div class="demand-picker">
      <div class="picker-bar">
        <input
          type="search"
          placeholder={s.pickSearch}
          aria-label={s.pickSearch}
          value={query()}
          onInput={(e) => setQuery(e.currentTarget.value)}
          data-testid="picker-search"
        />
        <select aria-label={s.pickCategory} value={category()} onChange={(e) => setCategory(e.currentTarget.value)} data-testid="picker-category">
          <option value="">{s.pickAllCategories}</option>
          <For each={DEMAND_CATEGORIES}>{(c) => <option value={c}>{c}</option>}</For>
        </select>
      </div>
      <Show when={all().length > 0} fallback={<p class="empty small" data-testid="picker-empty">{s.pickEmpty}</p>}>
        <Show when={shown().length > 0} fallback={<p class="empty small">{s.pickNoMatch}</p>}>
          <ul class="picker-list">
            <For each={shown()}>
              {(row) => (
                <li>
                  <label class="picker-row" classList={{ 'picker-on': props.selected.has(row.id) }} data-testid="picker-row" data-id={row.id}>
                    <input type="checkbox" checked={props.selected.has(row.id)} onChange={(e) => props.onToggle(row.id, e.currentTarget.checked)} />
                    <span class="picker-text">
                      <span class="picker-title">{row.title}</span>
                      <span class="muted small">
                        {row.enterpriseName} · {row.category} · {STATE_LABELS[row.state]}
                      </span>
                    </span>
                  </label>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </div>
  );
}
