/**
 * 导入一年的日历: the year's dates pasted or read from a CSV/TXT file (one `date,休` / `date,班` per
 * line), previewed with per-line errors before anything is written. The text is kept in the draft store,
 * so a reload does not lose what was pasted.
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { parseYearCalendarCsv, type HolidayTable } from '@bangqi/shared';
import { Field } from '../../ui/Field.tsx';
import { isYear } from './calendarForm.ts';
import { cal } from './strings.ts';

export function ImportYear(props: {
  /** the year offered first (the first one missing) */
  suggestedYear: string;
  stored: HolidayTable;
  initialText: string;
  onTextChange: (text: string) => void;
  onImport: (year: string, off: string[], work: string[]) => void;
}) {
  // eslint-disable-next-line solid/reactivity -- the initial values only
  const [year, setYear] = createSignal(props.suggestedYear);
  // eslint-disable-next-line solid/reactivity
  const [text, setText] = createSignal(props.initialText);
  const [readError, setReadError] = createSignal(false);
  const [done, setDone] = createSignal<string | null>(null);
  const yearOk = () => isYear(year());
  const parsed = createMemo(() => (yearOk() && text().trim() !== '' ? parseYearCalendarCsv(text(), year().trim()) : null));
  const canImport = () => {
    const p = parsed();
    return !!p && p.errors.length === 0 && p.off.length + p.work.length > 0;
  };
  const edit = (value: string) => {
    setText(value);
    setDone(null);
    props.onTextChange(value);
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setReadError(false);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      // Excel on Windows saves CSV as GBK: fall back when the bytes are not UTF-8.
      let content: string;
      try {
        content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        content = new TextDecoder('gbk').decode(bytes);
      }
      edit(content);
    } catch {
      setReadError(true);
    }
  };

  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const p = parsed();
    if (!p || !canImport()) return;
    if (Object.hasOwn(props.stored, year().trim()) && !confirm(cal.importReplaces(year().trim()))) return;
    props.onImport(year().trim(), p.off, p.work);
    edit('');
    setDone(year().trim());
  };

  return (
    <section class="hol-import" aria-labelledby="cal-import-title" data-testid="cal-import">
      <h2 id="cal-import-title">{cal.importTitle}</h2>
      <p class="muted small">{cal.importHint}</p>
      <form onSubmit={submit} novalidate>
        <Field label={cal.importYear} for="cal-import-year" error={!yearOk() && cal.badYear} errorTestId="cal-import-year-error">
          <input
            id="cal-import-year"
            data-testid="cal-import-year"
            type="text"
            inputmode="numeric"
            maxlength="4"
            class="hol-year-input"
            value={year()}
            aria-invalid={!yearOk() ? 'true' : undefined}
            onInput={(e) => {
              setYear(e.currentTarget.value);
              setDone(null);
            }}
          />
        </Field>
        <Field label={cal.importText} for="cal-import-text">
          <textarea
            id="cal-import-text"
            data-testid="cal-import-text"
            rows="8"
            spellcheck={false}
            placeholder={`${year()}-01-01,休\n${year()}-02-07,班`}
            value={text()}
            onInput={(e) => edit(e.currentTarget.value)}
          />
        </Field>
        <label class="hol-file">
          <span class="muted small">{cal.importFile}</span>
          <input type="file" accept=".csv,.txt,text/csv,text/plain" data-testid="cal-import-file" onChange={(e) => void readFile(e.currentTarget.files?.[0])} />
        </label>
        <Show when={readError()}>
          <p class="field-error" role="alert">
            {cal.readFailed}
          </p>
        </Show>
        <Show when={parsed()}>
          {(p) => (
            <div class="hol-preview" data-testid="cal-import-preview" aria-live="polite">
              <Show
                when={p().errors.length > 0}
                fallback={
                  <p data-testid="cal-import-summary">
                    {p().off.length + p().work.length > 0 ? cal.importPreview(p().off.length, p().work.length) : cal.importEmpty}
                    <Show when={Object.hasOwn(props.stored, year().trim())}> {cal.importReplaces(year().trim())}</Show>
                  </p>
                }
              >
                <p class="field-error">{cal.importErrors(p().errors.length)}</p>
                <ul class="hol-errors" data-testid="cal-import-errors">
                  <For each={p().errors}>
                    {(err) => (
                      <li data-testid="cal-import-error" data-line={err.line}>
                        <strong>{cal.importLine(err.line)}</strong> <code>{err.text}</code> — {err.message}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </div>
          )}
        </Show>
        <div class="hol-actions">
          <button type="submit" class="primary" data-testid="cal-import-submit" disabled={!canImport()}>
            {cal.importButton}
          </button>
          <Show when={done()}>
            {(y) => (
              <span class="ok-message" role="status" data-testid="cal-import-done">
                {cal.importDone(y())}
              </span>
            )}
          </Show>
        </div>
      </form>
    </section>
  );
}
