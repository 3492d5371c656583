/** 登录: username + password; errors in Chinese from reason codes (offline, wrong password, rate limit…). */
import { Show, createSignal } from 'solid-js';
import { useRoot } from '../../state/app.tsx';
import { t } from '../../ui/strings.ts';
import { loginErrorText } from './errors.ts';

export function LoginPage() {
  const { auth } = useRoot();
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    if (!username().trim() || !password()) {
      setError(t.loginMissing);
      return;
    }
    setBusy(true);
    setError('');
    try {
      await auth.login(username(), password());
    } catch (err) {
      // Nobody is signed in on this page: there is no cached identity to open offline.
      setError(loginErrorText(err, false));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login" data-testid="login-page">
      <form class="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{t.loginTitle}</h1>
        <p class="muted small">{t.loginHint}</p>
        <label class="field-label" for="login-username">
          {t.loginUsername}
        </label>
        <input
          id="login-username"
          data-testid="login-username"
          autocomplete="username"
          autocapitalize="off"
          spellcheck={false}
          value={username()}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label class="field-label" for="login-password">
          {t.loginPassword}
        </label>
        <input
          id="login-password"
          data-testid="login-password"
          type="password"
          autocomplete="current-password"
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <Show when={error()}>
          <p class="field-error" data-testid="login-error" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" class="primary" data-testid="login-submit" disabled={busy()}>
          {busy() ? t.loginBusy : t.loginSubmit}
        </button>
      </form>
    </main>
  );
}
