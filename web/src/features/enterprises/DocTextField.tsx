/**
 * A text input / textarea bound to a doc value. Typing is kept as a local draft and written to the doc
 * at most every 300 ms, and at once on blur, route change, pagehide or before an app update. While the
 * user is not typing, remote changes replace the shown value live (the caret is kept where it was).
 * Every keystroke is also saved as a draft (synchronous), so a crash inside the debounce loses nothing:
 * a draft left behind is written to the doc when the field is shown again. While an input method is
 * composing (pinyin before a character is chosen) nothing is written on the timer: the letters are not
 * text yet, and other devices must not see them.
 */
import { createEffect, createSignal, on, onCleanup, onMount, type JSX } from 'solid-js';
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
  /** where the text being typed is kept until it is in the doc (AppServices.drafts) */
  draft?: { save(value: string): void; peek(): string | null; clear(): void };
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
    // The doc store journaled the update synchronously: the draft is no longer needed.
    props.draft?.clear();
    setDraft(null);
  }, EDIT_DEBOUNCE_MS);
  onMount(() => {
    const left = props.draft?.peek();
    if (left === null || left === undefined) return;
    props.commit(left); // typed before the page crashed, never written (a no-op when it was)
    props.draft?.clear();
  });
  const shown = () => draft() ?? props.value;
  let composing = false;
  /** Writes what is typed now (blur, route change, pagehide): even mid-composition, it is what the user sees. */
  const flushNow = () => {
    if (composing && el) writer.schedule(el.value);
    writer.flush();
  };
  onCleanup(props.registerFlush(flushNow));
  onCleanup(flushNow);

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
    props.draft?.save(value);
    props.onDraft?.(value);
    if (!composing && !e.isComposing) writer.schedule(value);
  };
  const onCompositionStart = () => {
    writer.flush(); // what was typed before the composition is text: write it now, not mid-composition
    composing = true;
  };
  const onCompositionEnd = (e: CompositionEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    composing = false;
    writer.schedule(e.currentTarget.value);
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
      onCompositionStart={onCompositionStart}
      onCompositionEnd={onCompositionEnd}
      onBlur={flushNow}
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
      onCompositionStart={onCompositionStart}
      onCompositionEnd={onCompositionEnd}
      onBlur={flushNow}
    />
  );
}
