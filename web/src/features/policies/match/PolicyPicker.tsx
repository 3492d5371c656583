/**
 * 讲解的政策 in the visit form: the items matching this enterprise (qualifies, 免申即享, nearly, unknown;
 * ranked) as checkboxes, plus any already chosen code no longer matching (an edit keeps what was saved).
 * On save each newly chosen item is recorded 已告知 with the visit id (state/visits.ts).
 */
import { For, Show, createMemo, type JSX } from 'solid-js';
import { useApp } from '../../../state/app.tsx';
import { fileMatches } from '../../../state/policyMatch.ts';
import { localToday } from '../today.ts';
import { pk } from './strings.ts';
import './match.css';

export function PolicyPicker(props: { enterpriseId: string; value: readonly string[]; onChange: (codes: string[]) => void }): JSX.Element {
  const { enterprises, policies } = useApp();
  const today = localToday();
  const options = createMemo(() => {
    const row = enterprises.rows().find((r) => r.id === props.enterpriseId);
    const g = row ? fileMatches(policies.items(), row, today) : { automatic: [], eligible: [], nearly: [], unknown: [] };
    const matched = [...g.eligible, ...g.automatic, ...g.nearly, ...g.unknown].map((m) => ({ code: m.item.code, name: m.item.name, verdict: m.result.verdict }));
    const known = new Set(matched.map((m) => m.code));
    const extra = props.value
      .filter((c) => !known.has(c))
      .map((c) => ({ code: c, name: policies.items().find((i) => i.code === c)?.name ?? c, verdict: 'other' as const }));
    return [...matched, ...extra];
  });
  const toggle = (code: string, on: boolean) => props.onChange(on ? [...props.value.filter((c) => c !== code), code] : props.value.filter((c) => c !== code));
  return (
    <fieldset class="field pm-picker" data-testid="visit-policy-picker">
      <legend class="field-label">{pk.legend}</legend>
      <Show when={options().length > 0} fallback={<p class="muted small">{pk.none}</p>}>
        <For each={options()}>
          {(o) => (
            <label class="pm-pick">
              <input type="checkbox" data-testid="visit-policy" data-code={o.code} checked={props.value.includes(o.code)} onChange={(e) => toggle(o.code, e.currentTarget.checked)} />
              <span>{o.name}</span>
              <span class="muted small">{pk.verdict[o.verdict]}</span>
            </label>
          )}
        </For>
      </Show>
    </fieldset>
  );
}
