/**
 * 导入市场主体 (coordinators and admins): pick an XLSX or CSV → the worker reads it and guesses the
 * columns → the user confirms the mapping → check, upload in chunks, commit (importRun.ts) with a
 * progress bar → 新增/更新/未变/错误 and the downloadable error report. An interrupted import is offered
 * for 继续导入 / 放弃 when the page opens again.
 */
import { For, Match, Show, Switch, createSignal, onCleanup, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import { DIRECTORY_CHUNK_ROWS, DIRECTORY_FIELDS, REQUIRED_FIELDS, type DirectoryCommitResult, type DirectoryField } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { mayImportDirectory } from '../../state/directory.ts';
import type { CheckedSheet, Columns, OpenedSheet, ReportLine } from '../../workers/importJob.ts';
import { startImportWorker, type ImportWorker } from '../../workers/importProtocol.ts';
import { reportCsv } from './report.ts';
import { resumeStore, runImport, type ResumeRecord, type RunPhase } from './importRun.ts';
import { s } from './strings.ts';
import './directory.css';
import { assignColumn } from '../../ui/columnMapping.ts';

type Step =
  | { kind: 'pick' }
  | { kind: 'reading' }
  | { kind: 'mapping'; file: Blob; fileName: string; sheet: OpenedSheet; columns: Columns }
  | { kind: 'running'; phase: RunPhase; done: number; total: number; checked?: CheckedSheet }
  | { kind: 'summary'; fileName: string; result: DirectoryCommitResult | null; checked: CheckedSheet; lines: ReportLine[] }
  | { kind: 'failed'; message: string; resumable: boolean };

const PHASE_LABEL: Record<RunPhase, string> = { check: s.phaseCheck, upload: s.phaseUpload, commit: s.phaseCommit };

function download(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ImportPage(): JSX.Element {
  const { auth, db, directory } = useApp();
  const resume = resumeStore(db, auth.user()?.id ?? 'unknown');
  const [step, setStep] = createSignal<Step>({ kind: 'pick' });
  const [pending, setPending] = createSignal<ResumeRecord | null>(resume.read());
  const [notice, setNotice] = createSignal('');
  let worker: ImportWorker | null = null;
  const freshWorker = () => {
    worker?.terminate();
    worker = startImportWorker();
    return worker;
  };
  onCleanup(() => worker?.terminate());

  const open = async (file: Blob, fileName: string): Promise<OpenedSheet | null> => {
    setStep({ kind: 'reading' });
    try {
      const sheet = await freshWorker().open(file, fileName);
      if (!sheet) setStep({ kind: 'failed', message: s.noHeader, resumable: false });
      return sheet;
    } catch (err) {
      setStep({ kind: 'failed', message: s.readFailed(err instanceof Error ? err.message : String(err)), resumable: false });
      return null;
    }
  };

  const pick = async (file: File) => {
    setNotice('');
    const sheet = await open(file, file.name);
    if (sheet) setStep({ kind: 'mapping', file, fileName: file.name, sheet, columns: { ...sheet.columns } });
  };

  const run = async (file: Blob, fileName: string, columns: Columns, existing: ResumeRecord | null) => {
    setPending(null);
    setStep({ kind: 'running', phase: 'check', done: 0, total: 1 });
    try {
      const outcome = await runImport({
        worker: worker!,
        relay: directory.relay,
        resume,
        file,
        fileName,
        columns,
        existing,
        onProgress: (phase, done, total, checked) => setStep({ kind: 'running', phase, done, total, checked }),
      });
      setStep({ kind: 'summary', fileName, ...outcome });
      void directory.pull();
    } catch (err) {
      const record = resume.read();
      setPending(record);
      setStep({ kind: 'failed', message: s.uploadFailed(err instanceof Error ? err.message : String(err)), resumable: record !== null });
    }
  };

  const continuePending = async () => {
    const record = pending();
    if (!record) return;
    const file = await resume.readFile();
    if (!file) {
      setNotice(s.resumeNeedsFile);
      return;
    }
    const sheet = await open(file, record.fileName);
    if (sheet) await run(file, record.fileName, record.columns, record);
  };

  const abandonPending = async () => {
    const record = pending();
    if (!record) return;
    await directory.relay.abandon(record.importId).catch((err) => console.warn('[import] abandon', err));
    await resume.clear();
    setPending(null);
    setStep({ kind: 'pick' });
    setNotice(s.abandoned);
  };

  const mappingComplete = (columns: Columns) => REQUIRED_FIELDS.every((f) => columns[f] !== undefined);

  return (
    <section class="import-page" data-testid="import-page">
      <h1>{s.importTitle}</h1>
      <Show when={mayImportDirectory(auth.principal())} fallback={<p class="empty">{s.forbidden}</p>}>
        <Show when={pending() && step().kind !== 'running'}>
          <div class="notice" data-testid="import-resume">
            <span>{s.resumeTitle(pending()!.fileName, pending()!.nextChunk, pending()!.totalChunks)}</span>
            <span class="import-actions">
              <button type="button" class="primary" data-testid="import-resume-continue" onClick={() => void continuePending()}>
                {s.resume}
              </button>
              <button type="button" data-testid="import-resume-abandon" onClick={() => void abandonPending()}>
                {s.abandon}
              </button>
            </span>
          </div>
        </Show>
        <Show when={notice()}>
          <p class="muted" data-testid="import-notice">
            {notice()}
          </p>
        </Show>
        <Switch>
          <Match when={step().kind === 'pick' || step().kind === 'failed' || step().kind === 'summary'}>
            <Show when={step().kind === 'failed' ? (step() as Extract<Step, { kind: 'failed' }>) : null}>
              {(f) => (
                <p class="error" role="alert" data-testid="import-error">
                  {f().message}
                </p>
              )}
            </Show>
            <Show when={step().kind === 'summary' ? (step() as Extract<Step, { kind: 'summary' }>) : null}>
              {(sum) => {
                const errorRows = () => sum().checked.rejectedRows + (sum().result?.rejected.length ?? 0);
                return (
                  <div class="import-card" data-testid="import-summary">
                    <h2>{s.summaryTitle}</h2>
                    <div class="import-summary">
                      <div data-testid="import-inserted" data-count={sum().result?.inserted ?? 0}>
                        <strong>{(sum().result?.inserted ?? 0).toLocaleString('zh-CN')}</strong>
                        {s.inserted}
                      </div>
                      <div data-testid="import-updated" data-count={sum().result?.updated ?? 0}>
                        <strong>{(sum().result?.updated ?? 0).toLocaleString('zh-CN')}</strong>
                        {s.updated}
                      </div>
                      <div data-testid="import-unchanged" data-count={sum().result?.unchanged ?? 0}>
                        <strong>{(sum().result?.unchanged ?? 0).toLocaleString('zh-CN')}</strong>
                        {s.unchanged}
                      </div>
                      <div data-testid="import-errors" data-count={errorRows()}>
                        <strong>{errorRows().toLocaleString('zh-CN')}</strong>
                        {s.errors}
                      </div>
                    </div>
                    <div class="import-actions">
                      <Show when={sum().lines.length > 0} fallback={<span class="muted">{s.noErrors}</span>}>
                        <button type="button" data-testid="import-report" onClick={() => download(reportCsv(sum().lines), s.reportFileName(sum().fileName))}>
                          {s.downloadReport}
                        </button>
                      </Show>
                      <A href="/directory" class="button">
                        {s.title}
                      </A>
                    </div>
                  </div>
                );
              }}
            </Show>
            <Show when={step().kind !== 'summary'}>
              <div class="import-card">
                <label>
                  {s.pickFile}
                  <br />
                  <input
                    type="file"
                    accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
                    data-testid="import-file"
                    onChange={(e) => {
                      const file = e.currentTarget.files?.[0];
                      e.currentTarget.value = '';
                      if (file) void pick(file);
                    }}
                  />
                </label>
                <p class="muted">{s.pickHint}</p>
              </div>
            </Show>
            <Show when={step().kind === 'summary'}>
              <button type="button" data-testid="import-again" onClick={() => setStep({ kind: 'pick' })}>
                {s.importAnother}
              </button>
            </Show>
          </Match>
          <Match when={step().kind === 'reading'}>
            <p class="muted" data-testid="import-reading">
              {s.reading}
            </p>
          </Match>
          <Match when={step().kind === 'mapping' ? (step() as Extract<Step, { kind: 'mapping' }>) : null}>
            {(m) => {
              const setColumn = (field: DirectoryField, value: string) => setStep({ ...m(), columns: assignColumn(m().columns, field, value) });
              return (
                <div class="import-card" data-testid="import-mapping">
                  <h2>{s.mappingTitle}</h2>
                  <p class="muted">{s.mappingHint(m().sheet.dataRows, m().sheet.headerLine)}</p>
                  <div class="import-mapping">
                    <For each={DIRECTORY_FIELDS}>
                      {(field) => (
                        <>
                          <label for={`map-${field.key}`}>
                            {field.label}
                            {REQUIRED_FIELDS.includes(field.key) ? ` ${s.required}` : ''}
                          </label>
                          <select
                            id={`map-${field.key}`}
                            data-testid={`map-${field.key}`}
                            value={m().columns[field.key] === undefined ? '' : String(m().columns[field.key])}
                            onChange={(e) => setColumn(field.key, e.currentTarget.value)}
                          >
                            <option value="">{s.notMapped}</option>
                            <For each={m().sheet.headers}>{(header, i) => <option value={String(i())}>{header || `第 ${i() + 1} 列`}</option>}</For>
                          </select>
                        </>
                      )}
                    </For>
                  </div>
                  <div class="import-preview">
                    <p class="muted">{s.preview}</p>
                    <table>
                      <thead>
                        <tr>
                          <For each={m().sheet.headers}>{(h) => <th>{h}</th>}</For>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={m().sheet.preview}>
                          {(row) => (
                            <tr>
                              <For each={row}>{(cell) => <td>{cell}</td>}</For>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                  <Show when={!mappingComplete(m().columns)}>
                    <p class="error">{s.missingRequired}</p>
                  </Show>
                  <div class="import-actions">
                    <button
                      type="button"
                      class="primary"
                      data-testid="import-start"
                      disabled={!mappingComplete(m().columns)}
                      onClick={() => void run(m().file, m().fileName, m().columns, null)}
                    >
                      {s.start}
                    </button>
                    <button type="button" onClick={() => setStep({ kind: 'pick' })}>
                      {s.cancel}
                    </button>
                  </div>
                </div>
              );
            }}
          </Match>
          <Match when={step().kind === 'running' ? (step() as Extract<Step, { kind: 'running' }>) : null}>
            {(r) => (
              <div class="import-card import-progress" data-testid="import-progress" data-phase={r().phase} data-done={r().done} data-total={r().total}>
                <strong>{PHASE_LABEL[r().phase]}</strong>
                <progress value={r().done} max={r().total} />
                <span data-testid="import-progress-text">
                  {r().phase === 'upload' && r().checked
                    ? s.uploadedRows(Math.min(r().done * DIRECTORY_CHUNK_ROWS, r().checked!.goodRows), r().checked!.goodRows, r().done, r().total)
                    : r().phase === 'check'
                      ? s.percent(r().done, r().total)
                      : s.progress(r().done, r().total)}
                </span>
                <Show when={r().checked}>{(c) => <span class="muted">{s.checkedCounts(c().goodRows, c().rejectedRows)}</span>}</Show>
              </div>
            )}
          </Match>
        </Switch>
      </Show>
    </section>
  );
}
