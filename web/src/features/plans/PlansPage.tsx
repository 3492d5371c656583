/**
 * 我的走访计划 (`/plans?view=list|calendar&all=1&closed=1`): the plans of the files this device holds —
 * by default the user's own and only open ones — as a list (overdue first) or a month calendar (tap a
 * day for its plans). 计划走访 and 涉企检查报备 open the plan dialog; each open plan can be moved or cancelled.
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { useSearchParams } from '@solidjs/router';
import { chinaDay } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { PlanActionDialog } from './PlanActionDialog.tsx';
import { PlanCard } from './PlanCard.tsx';
import { PlanDialog } from './PlanDialog.tsx';
import { itemsByDay, monthGrid, planItems, shiftMonth, type PlanItem } from './planList.ts';
import { p } from './strings.ts';
import './plans.css';

type Action = { mode: 'cancel' | 'reschedule'; item: PlanItem };

export function PlansPage() {
  const { enterprises, auth } = useApp();
  const [params, setParams] = useSearchParams<{ view?: string; all?: string; closed?: string; month?: string; day?: string }>();
  const today = chinaDay(Date.now());
  const view = () => (params.view === 'calendar' ? 'calendar' : 'list');
  const mine = () => params.all !== '1';
  const closed = () => params.closed === '1';
  const month = () => (/^\d{4}-\d{2}$/.test(params.month ?? '') ? params.month! : today.slice(0, 7));
  const day = () => (/^\d{4}-\d{2}-\d{2}$/.test(params.day ?? '') ? params.day! : today);
  const [dialog, setDialog] = createSignal<'plan' | 'inspection' | null>(null);
  const [action, setAction] = createSignal<Action | null>(null);

  const items = createMemo(() => planItems(enterprises.rows(), { today, who: mine() ? (auth.user()?.id ?? '') : undefined, closed: closed() }));
  const byDay = createMemo(() => itemsByDay(items()));
  const grid = createMemo(() => monthGrid(month()));
  const card = (item: PlanItem) => (
    <PlanCard item={item} onCancel={() => setAction({ mode: 'cancel', item })} onReschedule={() => setAction({ mode: 'reschedule', item })} />
  );

  return (
    <section class="page plans-page" data-testid="plans-page" data-view={view()}>
      <div class="plans-head">
        <h1>{mine() ? p.title : p.titleAll}</h1>
        <div class="plans-buttons">
          <button type="button" class="primary" data-testid="plan-add" onClick={() => setDialog('plan')}>
            {p.addPlan}
          </button>
          <button type="button" data-testid="inspection-add" onClick={() => setDialog('inspection')}>
            {p.fileInspection}
          </button>
        </div>
      </div>
      <p class="muted small">{p.hint}</p>
      <div class="plans-bar">
        <div class="plans-seg" role="tablist">
          <button type="button" role="tab" aria-selected={view() === 'list'} data-testid="plans-view-list" onClick={() => setParams({ view: 'list' })}>
            {p.viewList}
          </button>
          <button type="button" role="tab" aria-selected={view() === 'calendar'} data-testid="plans-view-calendar" onClick={() => setParams({ view: 'calendar' })}>
            {p.viewCalendar}
          </button>
        </div>
        <label class="plans-check">
          <input type="checkbox" data-testid="plans-mine" checked={mine()} onChange={(e) => setParams({ all: e.currentTarget.checked ? undefined : '1' })} />
          {p.onlyMine}
        </label>
        <label class="plans-check">
          <input type="checkbox" data-testid="plans-closed" checked={closed()} onChange={(e) => setParams({ closed: e.currentTarget.checked ? '1' : undefined })} />
          {p.showClosed}
        </label>
        <span class="muted" data-testid="plans-count" data-count={items().length}>
          {p.count(items().length)}
        </span>
      </div>
      <Show when={!enterprises.loading()} fallback={<p class="empty">{p.loading}</p>}>
        <Show when={view() === 'calendar'} fallback={
          <Show when={items().length > 0} fallback={<p class="empty" data-testid="plans-empty">{p.empty}</p>}>
            <ul class="plans-list" data-testid="plan-list">
              <For each={items()}>{card}</For>
            </ul>
          </Show>
        }>
          <div class="cal-nav">
            <button type="button" aria-label={p.prevMonth} data-testid="cal-prev" onClick={() => setParams({ month: shiftMonth(month(), -1) })}>
              ‹
            </button>
            <strong data-testid="cal-month">{p.monthTitle(month())}</strong>
            <button type="button" aria-label={p.nextMonth} data-testid="cal-next" onClick={() => setParams({ month: shiftMonth(month(), 1) })}>
              ›
            </button>
            <Show when={month() !== today.slice(0, 7)}>
              <button type="button" class="small-button" onClick={() => setParams({ month: undefined, day: undefined })}>
                {p.thisMonth}
              </button>
            </Show>
          </div>
          <div class="cal" data-testid="calendar">
            <For each={p.weekdays}>{(w) => <div class="cal-weekday" aria-hidden="true">{w}</div>}</For>
            <For each={grid().flat()}>
              {(d) => {
                const list = () => byDay().get(d) ?? [];
                return (
                  <button
                    type="button"
                    class="cal-day"
                    classList={{
                      'cal-other': !d.startsWith(month()),
                      'cal-today': d === today,
                      'cal-selected': d === day(),
                      'cal-has-overdue': list().some((i) => i.state === 'overdue'),
                    }}
                    data-testid="cal-day"
                    data-day={d}
                    data-count={list().length}
                    aria-pressed={d === day()}
                    aria-label={`${p.dayTitle(d)} ${p.count(list().length)}`}
                    onClick={() => setParams({ day: d, month: d.slice(0, 7) })}
                  >
                    <span class="cal-num">{Number(d.slice(8, 10))}</span>
                    <For each={list().slice(0, 2)}>
                      {(i) => (
                        <span class={`cal-chip plan-${i.state}`} classList={{ 'cal-chip-late': i.plan.late }}>
                          {i.row.name}
                        </span>
                      )}
                    </For>
                    <Show when={list().length > 2}>
                      <span class="cal-more">{p.moreInDay(list().length - 2)}</span>
                    </Show>
                  </button>
                );
              }}
            </For>
          </div>
          <div class="cal-day-head">
            <h2>{p.dayTitle(day())}</h2>
            <Show when={day() >= today}>
              <button type="button" class="small-button" onClick={() => setDialog('plan')}>
                {p.addPlan}
              </button>
            </Show>
          </div>
          <ul class="plans-list" data-testid="day-plans">
            <For each={byDay().get(day()) ?? []} fallback={<li class="muted">{p.emptyDay}</li>}>
              {card}
            </For>
          </ul>
        </Show>
      </Show>
      <Show when={dialog()}>
        {(mode) => <PlanDialog mode={mode()} day={view() === 'calendar' ? day() : undefined} onClose={() => setDialog(null)} />}
      </Show>
      <Show when={action()}>
        {(a) => <PlanActionDialog mode={a().mode} enterpriseId={a().item.row.id} plan={a().item.plan} onClose={() => setAction(null)} />}
      </Show>
    </section>
  );
}
