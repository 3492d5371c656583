/**
 * A text input / textarea bound to a doc value. Typing is kept as a local draft and written to the doc
 * at most every 300 ms, and at once on blur, route change, pagehide or before an app update. While the
 * user is not typing, remote changes replace the shown value live (the caret is kept where it was).
 */
import { createEffect, createSignal, on, onCleanup, type JSX } from 'solid-js';
import { debounce } from '../../ui/debounce.ts';

export const EDIT_DEBOUNCE_MS = 250;

export interface DocTextFieldProps {
  id: string;
  testId: string;
  value: string;
  commit: (value: string) => void;
  /** registers this field's flush with the page (called before the doc is released) */
  registerFlush: (flush: () => void) => () => void;
  onDraft?: (value: string) => void;
  multiline?: boolean;
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  inputMode?: JSX.HTMLAttributes<HTMLInputElement>['inputMode'];
  autocapitalize?: 'off' | 'characters';
}

export function DocTextField(props: DocTextFieldProps) {
  const [draft, setDraft] = createSignal<string | null>(null);
  let el: HTMLInputElement | HTMLTextAreaElement | undefined;
  const writer = debounce((value: string) => {
    props.commit(value);
    setDraft(null);
  }, EDIT_DEBOUNCE_MS);
  const shown = () => draft() ?? props.value;
  onCleanup(props.registerFlush(() => writer.flush()));
  onCleanup(() => writer.flush());

  // A remote change while the field has focus: keep the caret at the same place in the text.
  createEffect(
    on(
      () => props.value,
      (next, prev) => {
        if (!el || draft() !== null || prev === undefined || document.activeElement !== el) return;
        const start = el.selectionStart ?? 0;
        const end = el.selectionEnd ?? 0;
        let common = 0;
        while (common < prev.length && common < next.length && prev[common] === next[common]) common++;
        const delta = next.length - prev.length;
        const shift = (pos: number) => (pos > common ? Math.max(common, pos + delta) : pos);
        queueMicrotask(() => el?.setSelectionRange(shift(start), shift(end)));
      },
    ),
  );

  const onInput = (e: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    const value = e.currentTarget.value;
    setDraft(value);
    props.onDraft?.(value);
    writer.schedule(value);
  };
  // Getters keep the spread attributes reactive.
  const common = {
    get id() {
      return props.id;
    },
    get 'data-testid'() {
      return props.testId;
    },
    get 'aria-invalid'() {
      return props.invalid ? ('true' as const) : undefined;
    },
    get 'aria-describedby'() {
      return props.describedBy;
    },
    get placeholder() {
      return props.placeholder;
    },
  };
  return props.multiline ? (
    <textarea
      ref={(e) => (el = e)}
      {...common}
      rows={6}
      value={shown()}
      onInput={onInput}
      onBlur={() => writer.flush()}
    />
  ) : (
    <input
      ref={(e) => (el = e)}
      {...common}
      type="text"
      inputMode={props.inputMode}
      autocapitalize={props.autocapitalize}
      autocomplete="off"
      value={shown()}
      onInput={onInput}
      onBlur={() => writer.flush()}
    />
  );
}
