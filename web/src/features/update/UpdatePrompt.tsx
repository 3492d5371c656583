/** A new app version is waiting: offer 立即更新 / 稍后, never force it. Unsaved input is flushed first. */
import { Show, createSignal } from 'solid-js';
import { useApp } from '../../state/app.tsx';
import { t } from '../../ui/strings.ts';

export function UpdatePrompt() {
  const { pwa } = useApp();
  const [busy, setBusy] = createSignal(false);
  return (
    <Show when={pwa.needRefresh()}>
      <div class="update-prompt" data-testid="update-prompt" role="dialog" aria-live="polite" aria-label={t.updateAvailable}>
        <div>
          <strong>{t.updateAvailable}</strong>
          <p class="muted small">{t.updateHint}</p>
        </div>
        <div class="update-actions">
          <button type="button" data-testid="update-later" onClick={() => pwa.dismiss()}>
            {t.updateLater}
          </button>
          <button
            type="button"
            class="primary"
            data-testid="update-now"
            disabled={busy()}
            onClick={async () => {
              setBusy(true);
              try {
                await pwa.update();
              } finally {
                setBusy(false);
              }
            }}
          >
            {t.updateNow}
          </button>
        </div>
      </div>
    </Show>
  );
}
