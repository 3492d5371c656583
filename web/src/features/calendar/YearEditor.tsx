/**
 * One year's dates, by month: 休 (days off) and 班 (调休 workdays). Editors add a date with its kind
 * or remove one; each change is written to the district config doc at once (stored on the device
 * first, so nothing typed is lost). Everyone else sees the same list read-only.
 */
import { For, Show, createSignal } from 'solid-js';
import { Field } from '../../ui/Field.tsx';
import { addDay, byMonth, removeDay, weekdayOf, type DayKind, type YearDays } from './calendarForm.ts';
import { cal } from './strings.ts';

export function YearEditor(props: {
  year: string;
  days: YearDays;
  canEdit: boolean;
  /** writes the year's new dates */
  onChange: (days: YearDays) => void;
}) {
  const [day, setDay] = createSignal('');
  const [kind, setKind] = createSignal<DayKind>('off');
  const [error, setError] = createSignal<string | null>(null);
  const id = (s: string) => `cal-${props.year}-${s}`;
  const weekendHint = () => {
    const d = day();
    if (kind() !== 'off' || !/^\d{4}-\d{2}-\d{2}$/.test(d)) return false;
    const w = weekdayOf(d);
    return w === 0 || w === 6;
  };

  const add = (e: SubmitEvent) => {
    e.preventDefault();
    const next = addDay(props.days, props.year, day(), kind());
    if ('error' in next) {
      setError(next.error);
      return;
    }
    setError(null);
    props.onChange(next);
    setDay('');
  };

  return (
    <div class="hol-year" data-testid="cal-year-editor" data-year={props.year}>
      <Show when={props.days.off.length + props.days.work.length > 0} fallback={<p class="muted">{cal.emptyYear}</p>}>
        <div class="hol-months">
          <For each={byMonth(props.days)}>
            {(g) => (
              <section class="hol-month">
                <h3>{cal.monthTitle(g.month)}</h3>
                <ul>
                  <For each={g.days}>
                    {(d) => (
                      <li class={`hol-day hol-day-${d.kind}`} data-testid="cal-day" data-day={d.day} data-kind={d.kind}>
                        <span class="hol-kind" aria-label={d.kind === 'off' ? cal.offLong : cal.workLong}>
                          {d.kind === 'off' ? cal.offLabel : cal.workLabel}
                        </span>
                        <span class="hol-date">
                          {Number(d.day.slice(8, 10))} 日 <span class="muted small">{cal.weekdayNames[d.weekday]}</span>
                        </span>
                        <Show when={props.canEdit}>
                          <button
                            type="button"
                            class="hol-remove"
                            data-testid="cal-day-remove"
                            aria-label={cal.remove(d.day, d.kind === 'off' ? cal.offLabel : cal.workLabel)}
                            title={cal.remove(d.day, d.kind === 'off' ? cal.offLabel : cal.workLabel)}
                            onClick={() => props.onChange(removeDay(props.days, d.day))}
                          >
                            ×
                          </button>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            )}
          </For>
        </div>
      </Show>
      <Show when={props.canEdit}>
        <form class="hol-add" onSubmit={add} novalidate>
          <Field label={cal.date} for={id('date')}>
            <input
              id={id('date')}
              data-testid="cal-add-date"
              type="date"
              min={`${props.year}-01-01`}
              max={`${props.year}-12-31`}
              value={day()}
              aria-invalid={error() ? 'true' : undefined}
              onInput={(e) => {
                setDay(e.currentTarget.value);
                setError(null);
              }}
            />
          </Field>
          <Field label={cal.kind} for={id('kind')}>
            <select id={id('kind')} data-testid="cal-add-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as DayKind)}>
              <option value="off">{`${cal.offLabel}（${cal.offLong}）`}</option>
              <option value="work">{`${cal.workLabel}（${cal.workLong}）`}</option>
            </select>
          </Field>
          <button type="submit" class="primary" data-testid="cal-add">
            {cal.add}
          </button>
          <Show when={error()}>
            {(m) => (
              <p class="field-error hol-add-error" role="alert" data-testid="cal-add-error">
                {m()}
              </p>
            )}
          </Show>
          <Show when={!error() && weekendHint()}>
            <p class="muted small hol-add-error">{cal.weekendOffHint}</p>
          </Show>
        </form>
      </Show>
    </div>
  );
}
