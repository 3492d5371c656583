/** Always-visible sync status: connection, pending outbox entries, last synced time, last error. */
import { Show } from 'solid-js';
import { useApp } from '../../state/app.tsx';
import { hhmmss, reasonText, t } from '../../ui/strings.ts';

export function SyncStatus() {
  const { sync, session } = useApp();
  const s = sync.status;
  // Before 我是谁 sync has not started: that is not "offline" (the network may be fine).
  const started = () => session.user() !== null;
  const label = () =>
    !started() ? t.syncNotStarted : s().connection === 'online' ? t.syncOnline : s().connection === 'offline' ? t.syncOffline : t.syncConnecting;
  return (
    <div
      class="sync-status"
      data-testid="sync-status"
      data-caught-up={s().caughtUp ? '1' : '0'}
      data-seq={s().lastSeq}
      role="status"
    >
      <span class={started() ? `sync-dot sync-dot-${s().connection}` : 'sync-dot'} aria-hidden="true" />
      <span data-testid="sync-online" data-state={s().connection} aria-live="polite">
        {label()}
      </span>
      <span data-testid="sync-pending" data-count={s().pending} classList={{ 'sync-pending-some': s().pending > 0 }}>
        {t.pending(s().pending)}
      </span>
      <span data-testid="sync-last" class="sync-last">
        {s().lastSyncedAt ? t.lastSynced(hhmmss(s().lastSyncedAt!)) : t.neverSynced}
      </span>
      <Show when={s().refused > 0}>
        <span class="sync-error" data-testid="sync-refused" data-count={s().refused}>
          {t.refused(s().refused)}
        </span>
      </Show>
      <Show when={s().lastError}>
        <span class="sync-error" data-testid="sync-error" data-reason={s().lastError!} title={reasonText(s().lastError!)}>
          {reasonText(s().lastError!)}
        </span>
      </Show>
      {/* sync starts after 我是谁, so there is nothing to retry before a user is chosen */}
      <Show when={s().connection === 'offline' && navigator.onLine && session.user()}>
        <button type="button" class="link-button" onClick={() => sync.reconnect()}>
          {t.retryNow}
        </button>
      </Show>
    </div>
  );
}
