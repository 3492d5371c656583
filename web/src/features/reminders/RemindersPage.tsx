/**
 * 证照到期提醒: licences of the portfolio this device holds that expire within the chosen window (default
 * 30 days, remembered on this device), expired ones first and in red; each opens its file.
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import { t } from '../../ui/strings.ts';
import { WINDOW_KEY, dueLicences, localDate, readWindow } from './reminders.ts';
import { WINDOW_CHOICES, r } from './strings.ts';
import './reminders.css';

export function RemindersPage() {
  const { enterprises } = useApp();
  const [windowDays, setWindowDays] = createSignal(readWindow(localStorage));
  const choices = createMemo(() => {
    const n = windowDays();
    return (WINDOW_CHOICES as readonly number[]).includes(n) ? WINDOW_CHOICES : [...WINDOW_CHOICES, n].sort((p, q) => p - q);
  });
  const due = createMemo(() => dueLicences(enterprises.rows(), localDate(new Date()), windowDays()));
  const choose = (n: number) => {
    setWindowDays(n);
    localStorage.setItem(WINDOW_KEY, String(n));
  };
  return (
    <section class="page reminders-page">
      <h1>{r.title}</h1>
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
      <Show when={!enterprises.loading()} fallback={<p class="empty">{r.loading}</p>}>
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
    </section>
  );
}
