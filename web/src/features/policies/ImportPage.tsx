/**
 * /policies/import (coordinators and admins): pick an XLSX or CSV → the header row is found and the
 * columns guessed (mapPolicyHeaders) → the user fixes the mapping → check and write in chunks with a
 * progress bar → 新增 / 更新 / 未变 / 错误, the refused rows listed on the page and as a downloadable
 * report. Writes go into the library doc on the device (one transaction per chunk) and sync from there,
 * so an import works offline too. Also: the blank template and the library as a sheet.
 */
import { For, Match, Show, Switch, createSignal, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { POLICY_COLUMNS, neutraliseCell, upsertPolicyItem } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { mayEditPolicies } from '../../state/policies.ts';
import { openPolicySheet, readSheetCells, runPolicyImport, type OpenedPolicySheet, type PolicyImportSummary } from './importRun.ts';
import { writePolicySheet } from './sheet.ts';
import { localToday } from './today.ts';
import { ROW_ERRORS, p, pi } from './strings.ts';
import './policies.css';
import { assignColumn } from '../../ui/columnMapping.ts';

type Step =
  | { kind: 'pick' }
  | { kind: 'reading' }
  | { kind: 'mapping'; fileName: string; sheet: OpenedPolicySheet; mapping: Record<string, number> }
  | { kind: 'running'; phase: 'check' | 'write'; done: number; total: number }
  | { kind: 'summary'; fileName: string; summary: PolicyImportSummary }
  | { kind: 'failed'; message: string };

const REQUIRED = POLICY_COLUMNS.filter((c) => c.required);
const SHOWN_LINES = 50;

function csvCell(value: string | number): string {
  const text = String(neutraliseCell(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The report as CSV with a BOM (Excel in China reads BOM-less CSV as GBK). */
export function policyReportCsv(summary: PolicyImportSummary): string {
  const head = [p.reportRow, p.reportColumn, '值', p.reportReason];
  const body = summary.lines.map((l) => [l.row, l.column, l.value, ROW_ERRORS[l.code]].map(csvCell).join(','));
  return `\ufeff${[head.join(','), ...body].join('\r\n')}\r\n`;
}

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function PolicyImportPage(): JSX.Element {
  const { auth, policies } = useApp();
  const [step, setStep] = createSignal<Step>({ kind: 'pick' });

  const pick = async (file: File) => {
    setStep({ kind: 'reading' });
    try {
      const sheet = openPolicySheet(await readSheetCells(file, file.name));
      if (!sheet || sheet.rows.length === 0) {
        setStep({ kind: 'failed', message: sheet ? p.emptyFile : p.readFailed(p.missingRequired(REQUIRED.map((c) => c.label).join('、'))) });
        return;
      }
      setStep({ kind: 'mapping', fileName: file.name, sheet, mapping: { ...sheet.mapping } });
    } catch (err) {
      setStep({ kind: 'failed', message: p.readFailed(err instanceof Error ? err.message : String(err)) });
    }
  };

  const run = async (m: Extract<Step, { kind: 'mapping' }>) => {
    const by = auth.user()?.id ?? '';
    setStep({ kind: 'running', phase: 'check', done: 0, total: m.sheet.rows.length });
    try {
      const summary = await runPolicyImport({
        sheet: m.sheet,
        mapping: m.mapping,
        target: {
          stored: (code) => policies.items().find((i) => i.code === code),
          write: (items) => {
            const now = Date.now();
            const results: ('added' | 'updated' | 'unchanged' | Error)[] = [];
            policies.change((doc) => {
              for (const item of items) {
                try {
                  results.push(upsertPolicyItem(doc, item, by, now));
                } catch (err) {
                  results.push(err instanceof Error ? err : new Error(String(err)));
                }
              }
            });
            return results;
          },
        },
        onProgress: (phase, done, total) => setStep({ kind: 'running', phase, done, total }),
      });
      setStep({ kind: 'summary', fileName: m.fileName, summary });
    } catch (err) {
      setStep({ kind: 'failed', message: p.readFailed(err instanceof Error ? err.message : String(err)) });
    }
  };

  const missing = (mapping: Record<string, number>) => REQUIRED.filter((c) => mapping[c.key] === undefined);

  return (
    <section class="pol-import-page" data-testid="policy-import-page">
      <A href="/policies" class="back">
        {p.back}
      </A>
      <h1>{p.importTitle}</h1>
      <Show when={mayEditPolicies(auth.principal())} fallback={<p class="empty">{p.importForbidden}</p>}>
        <Switch>
          <Match when={step().kind === 'pick' || step().kind === 'failed'}>
            <Show when={step().kind === 'failed' ? (step() as Extract<Step, { kind: 'failed' }>) : null}>
              {(f) => (
                <p class="error" role="alert" data-testid="policy-import-error">
                  {f().message}
                </p>
              )}
            </Show>
            <div class="pol-import-card">
              <label>
                {p.pickFile}
                <br />
                <input
                  type="file"
                  accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                  data-testid="policy-import-file"
                  onChange={(e) => {
                    const file = e.currentTarget.files?.[0];
                    e.currentTarget.value = '';
                    if (file) void pick(file);
                  }}
                />
              </label>
              <p class="muted small">{p.pickHint}</p>
              <div class="pol-item-actions">
                <button type="button" data-testid="policy-template" onClick={() => void writePolicySheet([], pi.sheetName, p.templateFileName)}>
                  {p.template}
                </button>
                <Show when={policies.items().length > 0}>
                  <button type="button" data-testid="policy-export" title={pi.exportHint} onClick={() => void writePolicySheet(policies.items(), pi.sheetName, pi.exportFileName(localToday()))}>
                    {pi.exportLibrary}
                  </button>
                </Show>
              </div>
            </div>
          </Match>
          <Match when={step().kind === 'reading'}>
            <p class="muted" data-testid="policy-import-reading">
              {p.reading}
            </p>
          </Match>
          <Match when={step().kind === 'mapping' ? (step() as Extract<Step, { kind: 'mapping' }>) : null}>
            {(m) => {
              const setColumn = (key: string, value: string) => setStep({ ...m(), mapping: assignColumn(m().mapping, key, value) as Record<string, number> });
              return (
                <div class="pol-import-card" data-testid="policy-import-mapping">
                  <h2>{p.mappingTitle}</h2>
                  <p class="muted small">
                    {p.mappingHint(m().sheet.rows.length)} {pi.headerLine(m().sheet.headerLine)}。{pi.keptHint}
                  </p>
                  <Show when={m().sheet.unknown.length > 0}>
                    <p class="muted small" data-testid="policy-import-unknown">
                      {p.unknownColumns(m().sheet.unknown.join('、'))}
                    </p>
                  </Show>
                  <div class="pol-mapping">
                    <For each={POLICY_COLUMNS}>
                      {(c) => (
                        <label>
                          <span>
                            {c.label}
                            {c.required ? ' *' : ''}
                          </span>
                          <select
                            data-testid={`policy-map-${c.key}`}
                            value={m().mapping[c.key] === undefined ? '' : String(m().mapping[c.key])}
                            onChange={(e) => setColumn(c.key, e.currentTarget.value)}
                          >
                            <option value="">{p.notMapped}</option>
                            <For each={m().sheet.headers}>{(h, i) => <option value={String(i())}>{h || `第 ${i() + 1} 列`}</option>}</For>
                          </select>
                        </label>
                      )}
                    </For>
                  </div>
                  <div class="pol-preview">
                    <p class="muted small">{p.preview}</p>
                    <table>
                      <thead>
                        <tr>
                          <For each={m().sheet.headers}>{(h) => <th>{h}</th>}</For>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={m().sheet.rows.slice(0, 3)}>
                          {(row) => (
                            <tr>
                              <For each={m().sheet.headers}>{(_, i) => <td>{String(row[i()] ?? '')}</td>}</For>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                  <Show when={missing(m().mapping).length > 0}>
                    <p class="error">{p.missingRequired(missing(m().mapping).map((c) => c.label).join('、'))}</p>
                  </Show>
                  <div class="pol-item-actions">
                    <button type="button" class="primary" data-testid="policy-import-start" disabled={missing(m().mapping).length > 0} onClick={() => void run(m())}>
                      {p.start}
                    </button>
                    <button type="button" onClick={() => setStep({ kind: 'pick' })}>
                      {p.cancel}
                    </button>
                  </div>
                </div>
              );
            }}
          </Match>
          <Match when={step().kind === 'running' ? (step() as Extract<Step, { kind: 'running' }>) : null}>
            {(r) => (
              <div class="pol-import-card pol-progress" data-testid="policy-import-progress" data-phase={r().phase}>
                <strong>{r().phase === 'check' ? p.phaseCheck : p.phaseWrite}</strong>
                <progress value={r().done} max={Math.max(1, r().total)} />
                <span>{r().phase === 'check' ? pi.checking(r().total) : pi.writing(r().done, r().total)}</span>
              </div>
            )}
          </Match>
          <Match when={step().kind === 'summary' ? (step() as Extract<Step, { kind: 'summary' }>) : null}>
            {(sum) => (
              <div class="pol-import-card" data-testid="policy-import-summary">
                <h2>{p.summaryTitle}</h2>
                <div class="pol-summary">
                  <div data-testid="policy-import-added" data-count={sum().summary.added}>
                    <strong>{sum().summary.added}</strong>
                    {p.added}
                  </div>
                  <div data-testid="policy-import-updated" data-count={sum().summary.updated}>
                    <strong>{sum().summary.updated}</strong>
                    {p.updated}
                  </div>
                  <div data-testid="policy-import-unchanged" data-count={sum().summary.unchanged}>
                    <strong>{sum().summary.unchanged}</strong>
                    {p.unchanged}
                  </div>
                  <div data-testid="policy-import-errors" data-count={sum().summary.errorRows}>
                    <strong>{sum().summary.errorRows}</strong>
                    {p.errorRows}
                  </div>
                </div>
                <Show when={sum().summary.lines.length > 0} fallback={<p class="muted">{p.noErrors}</p>}>
                  <h3>{p.reportTitle}</h3>
                  <div class="pol-report">
                    <table data-testid="policy-import-report">
                      <thead>
                        <tr>
                          <th>{p.reportRow}</th>
                          <th>{p.reportColumn}</th>
                          <th>值</th>
                          <th>{p.reportReason}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={sum().summary.lines.slice(0, SHOWN_LINES)}>
                          {(l) => (
                            <tr data-testid="policy-import-report-line" data-row={l.row} data-code={l.code}>
                              <td>{l.row}</td>
                              <td>{l.column}</td>
                              <td>{l.value}</td>
                              <td>{ROW_ERRORS[l.code]}</td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                  <Show when={sum().summary.lines.length > SHOWN_LINES}>
                    <p class="muted small">{pi.moreLines(sum().summary.lines.length - SHOWN_LINES)}</p>
                  </Show>
                </Show>
                <div class="pol-item-actions">
                  <Show when={sum().summary.lines.length > 0}>
                    <button type="button" data-testid="policy-import-report-download" onClick={() => download(policyReportCsv(sum().summary), p.reportFileName(sum().fileName))}>
                      {p.downloadReport}
                    </button>
                  </Show>
                  <button type="button" data-testid="policy-import-again" onClick={() => setStep({ kind: 'pick' })}>
                    {p.importAnother}
                  </button>
                  <A href="/policies" class="button">
                    {p.toList}
                  </A>
                </div>
              </div>
            )}
          </Match>
        </Switch>
      </Show>
    </section>
  );
}
