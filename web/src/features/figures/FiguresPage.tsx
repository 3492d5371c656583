/**
 * 诉求统计 (coordinators, team leads, admins): the demands received in a period — headline numbers like
 * 枣庄's (受理, 按时办结率, 满意率) plus 逾期未办结 — by category / department / town / team, as a table
 * with a CSS bar per group, and the XLSX export of those demands with their histories. Computed on the
 * device from the synced rows, so it works offline.
 */
import { For, Match, Show, Switch, createMemo, createSignal } from 'solid-js';
import { chinaDay, demandFigures, timingCalculator, type FigureGroup, type FigureGroupBy } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { demandSheets } from './demandSheet.ts';
import { defaultPeriod, periodRange, type Period, type PeriodKind } from './period.ts';
import { f } from './strings.ts';
import './figures.css';

const KINDS: PeriodKind[] = ['month', 'quarter', 'year', 'custom'];
const GROUPS: FigureGroupBy[] = ['category', 'department', 'town', 'team', 'none'];

export function FiguresPage() {
  const { session } = useApp();
  const allowed = () => {
    const role = session.user()?.role;
    return role === 'coordinator' || role === 'admin' || role === 'team-lead';
  };
  return (
    <section class="page figures-page">
      <Show when={allowed()} fallback={<p class="empty">{f.notAllowed}</p>}>
        <Figures />
      </Show>
    </section>
  );
}

function Figures() {
  const { issues, enterprises, org, config } = useApp();
  const today = chinaDay(Date.now());
  const [period, setPeriod] = createSignal<Period>(defaultPeriod('month', today));
  const [groupBy, setGroupBy] = createSignal<FigureGroupBy>('category');
  const [exporting, setExporting] = createSignal<string | null>(null);
  const [exportError, setExportError] = createSignal('');
  const range = createMemo(() => periodRange(period()));
  const teamOf = createMemo(() => {
    const map = new Map(enterprises.rows().map((r) => [r.id, r.teamId ?? '']));
    return (id: string) => map.get(id) ?? '';
  });
  const figures = createMemo(() => {
    const r = range();
    if (!r) return null;
    return demandFigures(issues.demandRows(), {
      from: r.from,
      to: r.to,
      groupBy: groupBy(),
      today,
      settings: config.settings(),
      holidays: config.holidays(),
      teamOf: teamOf(),
    });
  });
  const maxReceived = createMemo(() => Math.max(1, ...(figures()?.groups.map((g) => g.received) ?? [])));
  const label = (g: FigureGroup) => {
    if (g.key === '') return f.groupNone[groupBy()] ?? f.allRow;
    return groupBy() === 'team' ? org.teamName(g.key) : g.key;
  };
  const years = createMemo(() => {
    const y = Number(today.slice(0, 4));
    return [y, y - 1, y - 2, y - 3];
  });

  const exportXlsx = async () => {
    const r = range();
    if (!r || exporting() !== null) return;
    const rows = issues
      .demandRows()
      .filter((d) => d.acceptedAt >= r.from && d.acceptedAt < r.to)
      .sort((a, b) => a.acceptedAt - b.acceptedAt || (a.id < b.id ? -1 : 1));
    if (rows.length === 0) {
      setExportError(f.exportNothing);
      return;
    }
    setExportError('');
    setExporting(f.exporting(0, rows.length));
    try {
      const histories = await issues.demandHistories(
        rows.map((d) => d.id),
        (done) => setExporting(f.exporting(done, rows.length)),
      );
      setExporting(f.writing);
      const timing = timingCalculator(today, config.settings(), config.holidays());
      const titles = new Map(issues.rows().map((i) => [i.id, i.title]));
      const sheets = demandSheets(rows, histories, timing, {
        userName: (id) => org.userName(id),
        issueTitle: (id) => titles.get(id) ?? id,
      });
      const { writeDemandsXlsx } = await import('./exportDemands.ts');
      await writeDemandsXlsx(sheets, r.fromDay, r.toDay);
    } catch (err) {
      setExportError(f.exportFailed(err instanceof Error ? err.message : String(err)));
    } finally {
      setExporting(null);
    }
  };

  return (
    <>
      <div class="figures-head">
        <h1>{f.title}</h1>
        <button
          type="button"
          class="primary"
          disabled={exporting() !== null || !range()}
          title={f.exportTitle(figures()?.total.received ?? 0)}
          onClick={() => void exportXlsx()}
          data-testid="demands-export"
        >
          {exporting() ?? f.export}
        </button>
      </div>
      <Show when={exportError()}>
        <p class="field-error" role="alert" data-testid="export-error">
          {exportError()}
        </p>
      </Show>
      <p class="muted small">{f.hint}</p>

      <div class="figures-controls">
        <div class="segmented" role="radiogroup" aria-label={f.period}>
          <For each={KINDS}>
            {(kind) => (
              <button
                type="button"
                role="radio"
                aria-checked={period().kind === kind}
                classList={{ on: period().kind === kind }}
                onClick={() => setPeriod(defaultPeriod(kind, today))}
                data-testid={`period-${kind}`}
              >
                {f.periodKinds[kind]}
              </button>
            )}
          </For>
        </div>
        <div class="period-value">
          <Switch>
            <Match when={period().kind === 'month' && (period() as Extract<Period, { kind: 'month' }>)}>
              {(p) => (
                <label>
                  {f.monthLabel}
                  <input type="month" value={p().month} max={today.slice(0, 7)} onInput={(e) => e.currentTarget.value && setPeriod({ kind: 'month', month: e.currentTarget.value })} data-testid="period-month" />
                </label>
              )}
            </Match>
            <Match when={period().kind === 'quarter' && (period() as Extract<Period, { kind: 'quarter' }>)}>
              {(p) => (
                <>
                  <label>
                    {f.yearLabel}
                    <select value={p().year} onChange={(e) => setPeriod({ ...p(), year: Number(e.currentTarget.value) })} data-testid="period-year">
                      <For each={years()}>{(y) => <option value={y}>{f.year(y)}</option>}</For>
                    </select>
                  </label>
                  <label>
                    {f.quarterLabel}
                    <select value={p().quarter} onChange={(e) => setPeriod({ ...p(), quarter: Number(e.currentTarget.value) as 1 | 2 | 3 | 4 })} data-testid="period-quarter">
                      <For each={[1, 2, 3, 4]}>{(q) => <option value={q}>{f.quarter(q)}</option>}</For>
                    </select>
                  </label>
                </>
              )}
            </Match>
            <Match when={period().kind === 'year' && (period() as Extract<Period, { kind: 'year' }>)}>
              {(p) => (
                <label>
                  {f.yearLabel}
                  <select value={p().year} onChange={(e) => setPeriod({ kind: 'year', year: Number(e.currentTarget.value) })} data-testid="period-year">
                    <For each={years()}>{(y) => <option value={y}>{f.year(y)}</option>}</For>
                  </select>
                </label>
              )}
            </Match>
            <Match when={period().kind === 'custom' && (period() as Extract<Period, { kind: 'custom' }>)}>
              {(p) => (
                <>
                  <label>
                    {f.fromLabel}
                    <input type="date" value={p().from} onInput={(e) => setPeriod({ ...p(), from: e.currentTarget.value })} data-testid="period-from" />
                  </label>
                  <label>
                    {f.toLabel}
                    <input type="date" value={p().to} onInput={(e) => setPeriod({ ...p(), to: e.currentTarget.value })} data-testid="period-to" />
                  </label>
                </>
              )}
            </Match>
          </Switch>
        </div>
        <label class="group-by">
          {f.groupBy}
          <select value={groupBy()} onChange={(e) => setGroupBy(e.currentTarget.value as FigureGroupBy)} data-testid="figures-group-by">
            <For each={GROUPS}>{(g) => <option value={g}>{f.groupByOptions[g]}</option>}</For>
          </select>
        </label>
      </div>

      <Show when={range()} fallback={<p class="field-error" role="alert">{f.badRange}</p>}>
        {(r) => <p class="muted small" data-testid="figures-range">{f.range(r().fromDay, r().toDay)}</p>}
      </Show>

      <Show when={!issues.loading()} fallback={<p class="empty">{f.loading}</p>}>
        <Show when={figures()}>
          {(fig) => (
            <>
              <div class="headline" data-testid="figures-headline">
                <div class="headline-card" data-testid="headline-received" data-value={fig().total.received}>
                  <span class="headline-label">{f.headReceived}</span>
                  <span class="headline-value">{fig().total.received}</span>
                  <span class="headline-sub">{f.subReceived}</span>
                </div>
                <div class="headline-card" data-testid="headline-ontime" data-value={fig().total.onTimeRate ?? ''}>
                  <span class="headline-label">{f.headOnTime}</span>
                  <span class="headline-value">{f.rate(fig().total.onTimeRate)}</span>
                  <span class="headline-sub">{f.subResolved(fig().total.resolved, fig().total.resolvedOnTime)}</span>
                </div>
                <div class="headline-card" data-testid="headline-satisfaction" data-value={fig().total.satisfactionRate ?? ''}>
                  <span class="headline-label">{f.headSatisfaction}</span>
                  <span class="headline-value">{f.rate(fig().total.satisfactionRate)}</span>
                  <span class="headline-sub">{f.subCalledBack(fig().total.calledBack, fig().total.satisfied)}</span>
                </div>
                <div class="headline-card" classList={{ 'headline-warn': fig().total.overdueOpen > 0 }} data-testid="headline-overdue" data-value={fig().total.overdueOpen}>
                  <span class="headline-label">{f.headOverdue}</span>
                  <span class="headline-value">{fig().total.overdueOpen}</span>
                  <span class="headline-sub">{f.subOverdue}</span>
                </div>
              </div>
              <Show
                when={fig().total.received > 0}
                fallback={<p class="empty" data-testid="figures-empty">{issues.demandRows().length === 0 ? f.noDemands : f.empty}</p>}
              >
                <Show when={groupBy() !== 'none'}>
                  <div class="legend muted small">
                    <span class="swatch swatch-ontime" /> {f.cols.onTime}
                    <span class="swatch swatch-late" /> {f.legendResolved}（超时）
                    <span class="swatch swatch-open" /> {f.legendOpen}
                  </div>
                  <div class="figures-table-wrap">
                    <table class="figures-table" data-testid="figures-table">
                      <thead>
                        <tr>
                          <th scope="col">{f.cols.group}</th>
                          <th scope="col" class="bar-col">{f.cols.bar}</th>
                          <th scope="col">{f.cols.received}</th>
                          <th scope="col">{f.cols.resolved}</th>
                          <th scope="col">{f.cols.onTimeRate}</th>
                          <th scope="col">{f.cols.satisfactionRate}</th>
                          <th scope="col">{f.cols.overdue}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={fig().groups}>
                          {(g) => (
                            <tr data-testid="figures-row" data-key={g.key} data-received={g.received}>
                              <th scope="row">{label(g)}</th>
                              <td class="bar-col">
                                <div class="bar" style={{ width: `${(g.received / maxReceived()) * 100}%` }} aria-hidden="true">
                                  <span class="bar-ontime" style={{ 'flex-grow': g.resolvedOnTime }} />
                                  <span class="bar-late" style={{ 'flex-grow': g.resolved - g.resolvedOnTime }} />
                                  <span class="bar-open" style={{ 'flex-grow': g.received - g.resolved }} />
                                </div>
                              </td>
                              <td>{g.received}</td>
                              <td>{g.resolved}</td>
                              <td>{f.rate(g.onTimeRate)}</td>
                              <td>{f.rate(g.satisfactionRate)}</td>
                              <td classList={{ 'cell-warn': g.overdueOpen > 0 }}>{g.overdueOpen}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                      <tfoot>
                        <tr>
                          <th scope="row">{f.allRow}</th>
                          <td class="bar-col" />
                          <td>{fig().total.received}</td>
                          <td>{fig().total.resolved}</td>
                          <td>{f.rate(fig().total.onTimeRate)}</td>
                          <td>{f.rate(fig().total.satisfactionRate)}</td>
                          <td>{fig().total.overdueOpen}</td>
                        </tr>
                      </tfoot>
                    </table>
                  </div>
                </Show>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </>
  );
}
