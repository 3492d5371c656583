/**
 * The session could not be renewed (password changed elsewhere, refresh token revoked or expired): the
 * app keeps working on local data and sync waits. Signing in again needs only the password of the same
 * user, so nothing is switched, closed or lost.
 */
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../state/app.tsx';
import { t } from '../../ui/strings.ts';
import { loginErrorText } from './errors.ts';

export function AuthExpired() {
  const { auth } = useApp();
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const user = auth.user();
    if (!user || busy() || !password()) return;
    setBusy(true);
    setError('');
    try {
      await auth.login(user.username, password());
      setPassword(''); // sync resumes by itself once the status is signed-in again (state/app.tsx)
    } catch (err) {
      setError(loginErrorText(err, true));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Show when={auth.status() === 'expired'}>
      <form class="auth-expired" data-testid="auth-expired" role="alert" onSubmit={submit}>
        <p>{t.authExpired}</p>
        <div class="auth-expired-row">
          <input
            type="password"
            data-testid="reauth-password"
            aria-label={t.loginPassword}
            placeholder={t.loginPassword}
            autocomplete="current-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <button type="submit" class="primary" data-testid="reauth-submit" disabled={busy()}>
            {t.authExpiredSubmit}
          </button>
        </div>
        <Show when={error()}>
          <p class="field-error" data-testid="reauth-error">
            {error()}
          </p>
        </Show>
      </form>
    </Show>
  );
}
