/** 修改密码: old + new password; the relay signs out every other device of the user. */
import { Show, createSignal } from 'solid-js';
import { Reason } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { ApiError } from '../../state/api.ts';
import { reasonText, t } from '../../ui/strings.ts';
import { loginErrorText } from '../auth/errors.ts';

const MIN_LENGTH = 8;

export function PasswordPage() {
  const { auth } = useApp();
  const [oldPassword, setOld] = createSignal('');
  const [next, setNext] = createSignal('');
  const [message, setMessage] = createSignal<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    if (next().length < MIN_LENGTH) {
      setMessage({ ok: false, text: t.passwordTooShort });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      await auth.changePassword(oldPassword(), next());
      setOld('');
      setNext('');
      setMessage({ ok: true, text: t.passwordSaved });
    } catch (err) {
      const wrongOld = err instanceof ApiError && err.reason === Reason.BadCredentials;
      const invalid = err instanceof ApiError && err.reason === Reason.InvalidRequest;
      setMessage({
        ok: false,
        text: wrongOld ? t.passwordWrongOld : invalid ? `${reasonText(err.reason)}：${err.message}` : loginErrorText(err, true),
      });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="settings-page">
      <h1>{t.passwordTitle}</h1>
      <form class="password-form" onSubmit={submit}>
        <label class="field-label" for="password-old">
          {t.passwordOld}
        </label>
        <input id="password-old" data-testid="password-old" type="password" autocomplete="current-password" value={oldPassword()} onInput={(e) => setOld(e.currentTarget.value)} />
        <label class="field-label" for="password-new">
          {t.passwordNew}
        </label>
        <input id="password-new" data-testid="password-new" type="password" autocomplete="new-password" placeholder={t.passwordNewHint} value={next()} onInput={(e) => setNext(e.currentTarget.value)} />
        <Show when={message()}>
          {(m) => (
            <p class={m().ok ? 'ok-message' : 'field-error'} data-testid="password-message" data-ok={m().ok ? '1' : '0'} role="status">
              {m().text}
            </p>
          )}
        </Show>
        <button type="submit" class="primary" data-testid="password-save" disabled={busy()}>
          {t.passwordSave}
        </button>
      </form>
    </section>
  );
}
