/**
 * The create / edit panel shared by 用户 and 服务队: a form signal, local checks before anything is
 * sent, the relay's refusal shown under the fields, and 取消 / 保存 (disabled while saving).
 */
import { Show, createSignal, type JSX } from 'solid-js';
import { ad, apiErrorText } from './strings.ts';
import type { Problems } from './validate.ts';

export function createAdminForm<F extends object>(options: {
  initial: F;
  what: 'user' | 'team';
  check: (form: F) => Problems<F>;
  send: (form: F) => Promise<unknown>;
  onDone: (saved: boolean) => void | Promise<void>;
}) {
  const [form, setForm] = createSignal<F>(options.initial);
  const [problems, setProblems] = createSignal<Problems<F>>({});
  const [serverError, setServerError] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);
  const set = <K extends keyof F>(key: K, value: F[K]) => setForm((f) => ({ ...f, [key]: value }));
  const invalid = (key: keyof F) => (problems()[key] ? 'true' : undefined);

  const save = async (e: SubmitEvent) => {
    e.preventDefault();
    const found = options.check(form());
    setProblems(() => found);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    setServerError(null);
    try {
      await options.send(form());
      await options.onDone(true);
    } catch (err) {
      setServerError(apiErrorText(err, options.what));
    } finally {
      setSaving(false);
    }
  };
  return { form, set, problems, invalid, serverError, saving, save };
}

export function AdminFormPanel(props: {
  testId: string;
  title: string;
  save: (e: SubmitEvent) => Promise<void>;
  serverError: string | null;
  saving: boolean;
  onCancel: () => void;
  children: JSX.Element;
}) {
  return (
    <form class="admin-form" data-testid={`${props.testId}-form`} onSubmit={(e) => void props.save(e)} novalidate>
      <h2>{props.title}</h2>
      {props.children}
      <Show when={props.serverError}>
        <p class="field-error" role="alert" data-testid={`${props.testId}-form-error`}>
          {props.serverError}
        </p>
      </Show>
      <div class="dialog-actions">
        <button type="button" onClick={() => props.onCancel()}>
          {ad.cancel}
        </button>
        <button type="submit" class="primary" data-testid={`${props.testId}-save`} disabled={props.saving}>
          {props.saving ? ad.saving : ad.save}
        </button>
      </div>
    </form>
  );
}
