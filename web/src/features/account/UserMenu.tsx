/**
 * The signed-in user in the header (name + role in Chinese) and 退出登录. Logging out with unsynced
 * changes asks first: they stay on this device, in this user's database, and sync at their next sign-in.
 */
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../state/app.tsx';
import { t } from '../../ui/strings.ts';

export function UserMenu() {
  const { auth, sync, flush } = useApp();
  const [confirming, setConfirming] = createSignal(false);
  const user = auth.user;
  const logout = async () => {
    await flush.flushAll();
    // Back to the start page: the next user must not land on this user's last file.
    history.replaceState(null, '', '/');
    await auth.logout();
  };
  const ask = () => {
    if (sync.status().pending > 0) setConfirming(true);
    else void logout();
  };
  return (
    <Show when={user()}>
      {(u) => (
        <div class="user-menu">
          <span class="current-user" data-testid="current-user" data-user-id={u().id} data-role={u().role}>
            {u().name}
            <span class="role">{t.roles[u().role] ?? u().role}</span>
          </span>
          <button type="button" class="link-button" data-testid="logout" onClick={ask}>
            {t.logout}
          </button>
          <Show when={confirming()}>
            <div class="logout-confirm" role="dialog" data-testid="logout-confirm" aria-label={t.logout}>
              <p>{t.logoutConfirm(sync.status().pending)}</p>
              <div class="update-actions">
                <button type="button" data-testid="logout-cancel" onClick={() => setConfirming(false)}>
                  {t.cancel}
                </button>
                <button type="button" class="primary" data-testid="logout-confirm-yes" onClick={() => void logout()}>
                  {t.logoutConfirmYes}
                </button>
              </div>
            </div>
          </Show>
        </div>
      )}
    </Show>
  );
}
