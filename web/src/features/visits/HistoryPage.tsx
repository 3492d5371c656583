/**
 * 我的走访 (`/visits`): the visits the signed-in user went on or recorded, read from the materialized
 * rows (offline visits included), filtered by period and type; unfinished drafts on top. Each opens its
 * file with the visit expanded.
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { VISIT_TYPES, type VisitType } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { browserVisitDrafts, myVisits, type Period } from '../../state/visits.ts';
import { dateTime, t } from '../../ui/strings.ts';
import { PeriodPicker } from './PeriodPicker.tsx';
import { FLAG_TEXT, v } from './strings.ts';
import './visits.css';

const PERIODS: readonly Period[] = ['month', 'quarter', 'year', 'all'];

export function HistoryPage() {
  const { enterprises, auth } = useApp();
  const me = () => auth.user()?.id ?? '';
  const [search, setSearch] = useSearchParams<{ period?: string; type?: string }>();
  const period = (): Period => ((PERIODS as readonly string[]).includes(search.period ?? '') ? (search.period as Period) : 'month');
  const type = (): VisitType | '' => ((VISIT_TYPES as readonly string[]).includes(search.type ?? '') ? (search.type as VisitType) : '');
  const [now] = createSignal(Date.now());
  const items = createMemo(() => myVisits(enterprises.rows(), me(), period(), type(), now()));
  const enterpriseCount = createMemo(() => new Set(items().filter((i) => !i.visit.voided).map((i) => i.row.id)).size);
  const drafts = createMemo(() => {
    enterprises.rows(); // re-read when rows change (a draft saved elsewhere shows on return)
    return browserVisitDrafts(me()).all();
  });
  const nameOf = (id: string) => enterprises.rows().find((r) => r.id === id)?.name || t.unnamed;
  return (
    <section class="visits-page" data-testid="history-page">
      <h1>{v.historyTitle}</h1>
      <p class="muted small">{v.historyHint}</p>
      <Show when={drafts().length > 0}>
        <h2>{v.drafts}</h2>
        <ul class="plain-list" data-testid="history-drafts">
          <For each={drafts()}>
            {(d) => (
              <li>
                <A href={`/enterprises/${d.enterpriseId}`}>
                  <span>{nameOf(d.enterpriseId)}</span>
                  <span class="muted small">{dateTime(d.startedAt)}</span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <div class="visits-bar">
        <PeriodPicker value={period()} choices={PERIODS} onChange={(p) => setSearch({ period: p }, { replace: true })} />
        <select aria-label={v.type} data-testid="history-type" value={type()} onChange={(e) => setSearch({ type: e.currentTarget.value || undefined }, { replace: true })}>
          <option value="">{v.allTypes}</option>
          <For each={VISIT_TYPES}>{(x) => <option value={x} selected={x === type()}>{x}</option>}</For>
        </select>
        <span class="muted small" data-testid="history-count" data-count={items().length}>
          {v.historyCount(items().length, enterpriseCount())}
        </span>
      </div>
      <Show when={!enterprises.loading()} fallback={<p class="empty">{v.loading}</p>}>
        <Show when={items().length > 0} fallback={<p class="empty" data-testid="history-empty">{v.historyEmpty}</p>}>
          <ul class="plain-list" data-testid="history-list">
            <For each={items()}>
              {(item) => (
                <li>
                  <A
                    href={`/enterprises/${item.row.id}?visit=${item.visit.id}`}
                    class="history-item"
                    classList={{ voided: item.visit.voided }}
                    data-testid="history-item"
                    data-id={item.visit.id}
                  >
                    <span class="history-name">{item.row.name || t.unnamed}</span>
                    <span class="muted small">{dateTime(item.visit.visitedAt)}</span>
                    <span class="history-meta">
                      <span class="badge">{item.visit.type}</span>
                      <Show when={item.visit.voided}>
                        <span class="badge badge-warn">{v.voided}</span>
                      </Show>
                      <For each={item.visit.flags}>{(f) => <span class="badge badge-warn">{FLAG_TEXT[f]}</span>}</For>
                      <Show when={item.visit.photos > 0}>
                        <span>{v.photosCount(item.visit.photos)}</span>
                      </Show>
                      <Show when={item.visit.demands > 0}>
                        <span>{v.demandsCount(item.visit.demands)}</span>
                      </Show>
                      <Show when={item.visit.dwellMs > 0}>
                        <span>{v.dwell(v.minutes(item.visit.dwellMs))}</span>
                      </Show>
                    </span>
                  </A>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
