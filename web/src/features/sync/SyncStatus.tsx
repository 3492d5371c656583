/** Always-visible sync status: connection, pending outbox entries, last synced time, kept-aside changes, last error. */
import { Show } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import { hhmmss, reasonText, t } from '../../ui/strings.ts';
import { photoText } from '../../photos/strings.ts';

export function SyncStatus() {
  const { sync, auth, blobs } = useApp();
  const s = sync.status;
  const label = () => (s().connection === 'online' ? t.syncOnline : s().connection === 'offline' ? t.syncOffline : t.syncConnecting);
  return (
    <div
      class="sync-status"
      data-testid="sync-status"
      data-caught-up={s().caughtUp ? '1' : '0'}
      data-seq={s().lastSeq}
      role="status"
    >
      <span class={`sync-dot sync-dot-${s().connection}`} aria-hidden="true" />
      <span data-testid="sync-online" data-state={s().connection} aria-live="polite">
        {label()}
      </span>
      <span data-testid="sync-pending" data-count={s().pending} classList={{ 'sync-pending-some': s().pending > 0 }}>
        {t.pending(s().pending)}
      </span>
      {/* always in the DOM (tests read data-count 0), shown only while photos wait */}
      <span data-testid="blob-pending" data-count={blobs.pending()} class="sync-pending-some" hidden={blobs.pending() === 0} title={photoText.pendingUploadsTitle}>
        {photoText.pendingUploads(blobs.pending())}
      </span>
      <span data-testid="sync-last" class="sync-last">
        {s().lastSyncedAt ? t.lastSynced(hhmmss(s().lastSyncedAt!)) : t.neverSynced}
      </span>
      <Show when={s().refused > 0}>
        <A href="/refused" class="sync-error refused-link" data-testid="refused-link" data-count={s().refused}>
          {t.refusedLink(s().refused)}
        </A>
      </Show>
      <Show when={s().lastError}>
        <span class="sync-error" data-testid="sync-error" data-reason={s().lastError!} title={reasonText(s().lastError!)}>
          {reasonText(s().lastError!)}
        </span>
      </Show>
      {/* after an expired session only signing in again helps (the banner says so), not a retry */}
      <Show when={s().connection === 'offline' && navigator.onLine && auth.status() !== 'expired'}>
        <button type="button" class="link-button" onClick={() => sync.reconnect()}>
          {t.retryNow}
        </button>
      </Show>
    </div>
  );
}
