/**
 * 提醒 (`/reminders?tab=licences|plans|rules|calm`), each tab with its count:
 *  - 证照到期: licences of the portfolio this device holds that expire within the chosen window (default
 *    30 days, remembered on this device), expired ones first and in red;
 *  - 计划走访: planned visits due today, within 3 days or overdue (a commissioner's own; others see all
 *    they can see);
 *  - 走访规则: files the district's visit rules say should be visited (per-tag quotas, N days unvisited);
 *  - 无事不扰: files visited more often in a month than the district allows.
 * Each item opens its file.
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { chinaDay, visitReminders } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { t } from '../../ui/strings.ts';
import { WINDOW_KEY, dueLicences, localDate, readWindow } from './reminders.ts';
import { TAB_LABELS, WINDOW_CHOICES, r, vrem, type ReminderTab } from './strings.ts';
import { VisitReminderList } from './VisitReminders.tsx';
import './reminders.css';
import { ClosingReminders } from '../policies/push/ClosingReminders.tsx';
import { closingForUser } from '../../state/policyMatch.ts';
import { localToday } from '../policies/today.ts';

const TABS = Object.keys(TAB_LABELS) as ReminderTab[];

export function RemindersPage() {
  const { enterprises, auth, config, policies } = useApp();
  const [params, setParams] = useSearchParams<{ tab?: string }>();
  const tab = (): ReminderTab => ((TABS as string[]).includes(params.tab ?? '') ? (params.tab as ReminderTab) : 'licences');
  const [windowDays, setWindowDays] = createSignal(readWindow(localStorage));
  const choices = createMemo(() => {
    const n = windowDays();
    return (WINDOW_CHOICES as readonly number[]).includes(n) ? WINDOW_CHOICES : [...WINDOW_CHOICES, n].sort((p, q) => p - q);
  });
  const due = createMemo(() => dueLicences(enterprises.rows(), localDate(new Date()), windowDays()));
  // A commissioner's planned visits are their own; leads and coordinators watch everyone's they can see.
  const ownPlansOnly = () => auth.principal()?.role === 'commissioner';
  const visits = createMemo(() =>
    visitReminders(enterprises.rows(), config.settings(), chinaDay(Date.now()), ownPlansOnly() ? auth.user()?.id : undefined),
  );
  const byTab = createMemo(() => ({
    plans: visits().filter((v) => v.kind === 'plan'),
    rules: visits().filter((v) => v.kind === 'quota' || v.kind === 'idle'),
    calm: visits().filter((v) => v.kind === 'too-many'),
  }));
  const closing = createMemo(() => closingForUser(policies.items(), enterprises.rows(), auth.principal(), localToday()));
  const count = (tb: ReminderTab) => (tb === 'licences' ? due().length : tb === 'policies' ? closing().length : byTab()[tb].length);
  const choose = (n: number) => {
    setWindowDays(n);
    localStorage.setItem(WINDOW_KEY, String(n));
  };
  return (
    <section class="page reminders-page" data-testid="reminders-page" data-tab={tab()}>
      <h1>{r.pageTitle}</h1>
      <div class="reminder-tabs" role="tablist">
        <For each={TABS}>
          {(tb) => (
            <button
              type="button"
              role="tab"
              aria-selected={tab() === tb}
              data-testid={`reminder-tab-${tb}`}
              data-count={count(tb)}
              onClick={() => setParams({ tab: tb === 'licences' ? undefined : tb })}
            >
              {TAB_LABELS[tb]}
              <span class="reminder-tab-count">{count(tb)}</span>
            </button>
          )}
        </For>
      </div>
      <Show when={!enterprises.loading()} fallback={<p class="empty">{r.loading}</p>}>
        <Show when={tab() === 'licences'}>
          <p class="muted small">{r.hint}</p>
          <div class="reminders-bar">
            <label>
              {r.windowLabel}
              <select data-testid="reminder-window" value={windowDays()} onChange={(e) => choose(Number(e.currentTarget.value))}>
                <For each={choices()}>
                  {(n) => (
                    <option value={n} selected={n === windowDays()}>
                      {r.windowDays(n)}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <span class="muted" data-testid="reminder-count" data-count={due().length}>
              {r.count(due().length)}
            </span>
          </div>
          <Show when={due().length > 0} fallback={<p class="empty" data-testid="reminders-empty">{r.empty(windowDays())}</p>}>
            <ul class="reminder-list">
              <For each={due()}>
                {(item) => (
                  <li>
                    <A
                      href={`/enterprises/${item.row.id}`}
                      class="reminder"
                      classList={{ 'reminder-expired': item.daysLeft < 0, 'reminder-today': item.daysLeft === 0 }}
                      data-testid="reminder"
                      data-id={item.row.id}
                      data-days={item.daysLeft}
                    >
                      <span class="reminder-top">
                        <span class="reminder-name">{item.row.name || t.unnamed}</span>
                        <span class="reminder-days">
                          {item.daysLeft < 0 ? r.expired(-item.daysLeft) : item.daysLeft === 0 ? r.today : r.daysLeft(item.daysLeft)}
                        </span>
                      </span>
                      <span class="reminder-meta">
                        <span>{item.type}</span>
                        <span class="mono">{item.number || r.noNumber}</span>
                        <span>{r.expiresOn(item.expiresOn)}</span>
                      </span>
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
        <Show when={tab() === 'plans'}>
          <p class="muted small">
            {ownPlansOnly() ? vrem.plansHint : vrem.plansHintAll} <A href="/plans">{TAB_LABELS.plans} ›</A>
          </p>
          <VisitReminderList items={byTab().plans} empty={vrem.emptyPlans} />
        </Show>
        <Show when={tab() === 'rules'}>
          <p class="muted small">{vrem.rulesHint}</p>
          <VisitReminderList items={byTab().rules} empty={vrem.emptyRules} />
        </Show>
        <Show when={tab() === 'calm'}>
          <p class="muted small">{vrem.calmHint}</p>
          <VisitReminderList items={byTab().calm} empty={vrem.emptyCalm} />
        </Show>
        <Show when={tab() === 'policies'}>
          <ClosingReminders items={closing()} />
        </Show>
      </Show>
    </section>
  );
}
