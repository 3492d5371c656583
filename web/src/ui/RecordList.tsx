/**
 * An editable list of small records on a file (联系人, 许可证照): a titled section with the count, one
 * row per record edited in place with its own actions and 删除, and an add form below that keeps a
 * draft until it passes the caller's check.
 */
import { For, Show, createSignal, type JSX } from 'solid-js';

export function RecordRow(props: {
  testId: string;
  id: string;
  removeLabel: string;
  onRemove: () => void;
  actions?: JSX.Element;
  footer?: JSX.Element;
  children: JSX.Element;
}) {
  return (
    <li class="record" data-testid={props.testId} data-id={props.id}>
      <div class="record-fields">{props.children}</div>
      <div class="record-actions">
        {props.actions}
        <button type="button" class="link danger" data-testid={`${props.testId}-remove`} onClick={() => props.onRemove()}>
          {props.removeLabel}
        </button>
      </div>
      {props.footer}
    </li>
  );
}

export type DraftBinding = {
  value: string;
  onInput: (e: InputEvent & { currentTarget: HTMLInputElement }) => void;
};

export function RecordSection<T, V extends Record<string, string>>(props: {
  /** names the section (`<name>-section`) and its heading (`<name>-title`) */
  name: string;
  /** prefix of the add form's test ids (`<testId>-add`, `<testId>-error`) */
  testId: string;
  title: string;
  empty: string;
  addLabel: string;
  records: readonly T[];
  row: (record: T) => JSX.Element;
  blank: V;
  /** adds the draft and answers null, or answers why it cannot be added */
  add: (draft: V) => string | null;
  /** the add form's inputs; `error` is the message shown under them */
  fields: (bind: (key: keyof V) => DraftBinding, error: () => string | null) => JSX.Element;
  /** shown under the heading, e.g. a datalist the inputs use */
  children?: JSX.Element;
}) {
  const [draft, setDraft] = createSignal<V>(props.blank);
  const [error, setError] = createSignal<string | null>(null);
  const add = () => {
    const problem = props.add(draft());
    setError(problem);
    if (problem === null) setDraft(() => props.blank);
  };
  const bind = (key: keyof V): DraftBinding => ({
    get value() {
      return draft()[key];
    },
    onInput: (e) => setDraft((d) => ({ ...d, [key]: e.currentTarget.value })),
  });
  return (
    <section class="file-section" data-testid={`${props.name}-section`} aria-labelledby={`${props.name}-title`}>
      <h2 id={`${props.name}-title`}>
        {props.title} <span class="muted small">{props.records.length || ''}</span>
      </h2>
      {props.children}
      <Show when={props.records.length > 0} fallback={<p class="muted small">{props.empty}</p>}>
        <ul class="records">
          <For each={props.records}>{(record) => props.row(record)}</For>
        </ul>
      </Show>
      <form
        class="record-add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <div class="record-fields">
          {props.fields(bind, error)}
          <button type="submit" data-testid={`${props.testId}-add`}>
            ＋ {props.addLabel}
          </button>
        </div>
        <Show when={error()}>
          {(msg) => (
            <p class="field-error" data-testid={`${props.testId}-error`} role="alert">
              {msg()}
            </p>
          )}
        </Show>
      </form>
    </section>
  );
}
