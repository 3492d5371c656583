/**
 * 设置 → 节假日与调休 (`/settings/calendar`): the holiday table deadlines are counted with. Everyone sees
 * the years the district has, each year's dates, and a warning for this year, next year or any year an
 * open demand's deadline falls in that has no calendar. Coordinators and admins edit a year date by date,
 * import a year from pasted or uploaded text, restore an official year, or remove an imported one.
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { A } from '@solidjs/router';
import { OFFICIAL_HOLIDAYS, removeYearCalendar, setYearCalendar, type YearCalendar } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { missingYears, sameDays, yearLines, type YearDays } from './calendarForm.ts';
import { ImportYear } from './ImportYear.tsx';
import { YearEditor } from './YearEditor.tsx';
import { cal } from './strings.ts';
import './calendar.css';

const DRAFT_KEY = 'calendar-import';

const when = (ms: number) => new Date(ms).toLocaleString('zh-CN', { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

export function CalendarPage() {
  const { auth, config, demands, drafts } = useApp();
  const role = () => auth.principal()?.role ?? auth.user()?.role;
  // Until the district doc is on the device the page shows the built-in table; writing then could
  // overwrite years set elsewhere, so editing waits.
  const canEdit = () => (role() === 'coordinator' || role() === 'admin') && config.loaded();
  const userName = () => auth.user()?.name ?? '';
  const lines = createMemo(() => yearLines(config.storedHolidays(), config.holidays()));

  /** Years an open demand's deadline runs into without a calendar, with how many demands. */
  const demandYears = createMemo(() => {
    const years = new Set<string>();
    let count = 0;
    for (const row of demands.rows()) {
      if (row.state === 'resolved' || row.state === 'called-back' || row.state === 'closed') continue;
      const missing = demands.timing(row).uncalendaredYears;
      if (missing.length === 0) continue;
      count++;
      for (const y of missing) years.add(y);
    }
    return { years: [...years], count };
  });
  const missing = createMemo(() => missingYears(demands.today(), config.holidays(), demandYears().years));

  const [open, setOpen] = createSignal<string | null>(null);
  const [saved, setSaved] = createSignal(false);
  const draft = drafts.draft(DRAFT_KEY);

  const write = (year: string, days: YearDays, source: string) => {
    config.change((doc) => setYearCalendar(doc, year, { off: days.off, work: days.work, source, updatedAt: Date.now() }));
    setSaved(true);
  };
  const restore = (year: string) => {
    const official = OFFICIAL_HOLIDAYS[year];
    if (!official || !confirm(cal.restoreConfirm(year))) return;
    config.change((doc) => setYearCalendar(doc, year, { ...official, updatedAt: Date.now() }));
    setSaved(true);
  };
  const remove = (year: string) => {
    if (!confirm(cal.removeConfirm(year))) return;
    config.change((doc) => removeYearCalendar(doc, year));
    setOpen(null);
    setSaved(true);
  };
  const differsFromOfficial = (year: string, c: YearCalendar) => {
    const official = OFFICIAL_HOLIDAYS[year];
    return !!official && !sameDays(official, c);
  };

  return (
    <section class="settings-page hol-page" data-testid="calendar-page" data-loaded={String(config.loaded())}>
      <p class="hol-back">
        <A href="/settings">← {cal.back}</A>
      </p>
      <h1>{cal.title}</h1>
      <p class="muted small">{cal.intro}</p>
      <Show when={!canEdit()}>
        <p class="muted small" data-testid="cal-read-only">
          {config.loaded() ? cal.readOnly : cal.notLoaded}
        </p>
      </Show>

      <Show when={missing().length > 0}>
        <div class="hol-warning" role="alert" data-testid="cal-missing" data-years={missing().join(',')}>
          <strong>{cal.missingTitle}</strong>
          <p>{cal.missingBody(missing().join('、'))}</p>
          <Show when={demandYears().count > 0}>
            <p data-testid="cal-missing-demands">{cal.missingDemands(demandYears().count)}</p>
          </Show>
        </div>
      </Show>

      <h2>{cal.years}</h2>
      <ul class="hol-years" data-testid="cal-years">
        <For each={lines()}>
          {(line) => (
            <li class="hol-year-line" data-testid="cal-year" data-year={line.year} data-built-in={String(line.builtIn)}>
              <div class="hol-year-head">
                <strong class="hol-year-name">{cal.yearTitle(line.year)}</strong>
                <span class="hol-year-counts">{cal.dayCounts(line.cal.off.length, line.cal.work.length)}</span>
                <span class="muted small hol-year-source">
                  {line.builtIn ? cal.sourceBuiltIn : line.cal.source}
                  <Show when={!line.builtIn && line.cal.updatedAt > 0}> · {cal.updated(when(line.cal.updatedAt))}</Show>
                </span>
                <button
                  type="button"
                  class="hol-toggle"
                  data-testid="cal-year-toggle"
                  aria-expanded={open() === line.year}
                  onClick={() => setOpen(open() === line.year ? null : line.year)}
                >
                  {open() === line.year ? cal.close : canEdit() ? cal.edit : cal.view}
                </button>
              </div>
              <Show when={open() === line.year}>
                <YearEditor
                  year={line.year}
                  days={line.cal}
                  canEdit={canEdit()}
                  onChange={(days) => write(line.year, days, cal.sourceEdit(userName()))}
                />
                <Show when={canEdit()}>
                  <div class="hol-actions">
                    <Show when={differsFromOfficial(line.year, line.cal)}>
                      <button type="button" data-testid="cal-restore" onClick={() => restore(line.year)}>
                        {cal.restoreOfficial}
                      </button>
                    </Show>
                    <Show when={!OFFICIAL_HOLIDAYS[line.year] && !line.builtIn}>
                      <button type="button" class="hol-danger" data-testid="cal-remove-year" onClick={() => remove(line.year)}>
                        {cal.removeYear}
                      </button>
                    </Show>
                  </div>
                </Show>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <Show when={saved()}>
        <p class="ok-message" role="status">
          {cal.saved}
        </p>
      </Show>

      <Show when={canEdit()}>
        <ImportYear
          suggestedYear={missing()[0] ?? String(Number(demands.today().slice(0, 4)) + 1)}
          stored={config.storedHolidays()}
          initialText={draft.peek() ?? ''}
          onTextChange={(text) => (text === '' ? draft.clear() : draft.save(text))}
          onImport={(year, off, work) => {
            write(year, { off, work }, cal.sourceImport(userName()));
            setOpen(year);
          }}
        />
      </Show>
    </section>
  );
}

/** The link on the settings page. */
export function CalendarSettingsLink() {
  return (
    <p class="hol-settings-link">
      <A href="/settings/calendar" data-testid="calendar-link">
        {cal.settingsLink}
      </A>
      <span class="muted small"> — {cal.settingsLinkHint}</span>
    </p>
  );
}
