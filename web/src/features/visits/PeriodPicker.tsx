/** 本月 / 本季度 / 本年 / 全部 as a segmented control. */
import { For } from 'solid-js';
import type { Period } from '../../state/visits.ts';
import { v } from './strings.ts';

export function PeriodPicker(props: { value: Period; choices: readonly Period[]; onChange: (p: Period) => void }) {
  return (
    <div class="segmented" role="group" aria-label={v.period} data-testid="period">
      <For each={props.choices}>
        {(p) => (
          <button type="button" aria-pressed={props.value === p} data-period={p} onClick={() => props.onChange(p)}>
            {v.periods[p]}
          </button>
        )}
      </For>
    </div>
  );
}
