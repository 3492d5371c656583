/** 设置: storage persistence and usage, device id, current user, app version, update check. */
import { Show, createResource } from 'solid-js';
import { A } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import { bytes, hhmmss, reasonText, t } from '../../ui/strings.ts';
import { photoText } from '../../photos/strings.ts';
import { VisitRulesSettings } from '../plans/VisitRulesSettings.tsx';
import { CalendarSettingsLink } from '../calendar/index.ts';

declare const __APP_VERSION__: string;
export const APP_VERSION = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev';

export function SettingsPage() {
  const { session, pwa, persisted, sync, blobs } = useApp();
  const [persist] = createResource(() => persisted);
  const [estimate] = createResource(async () => (navigator.storage?.estimate ? navigator.storage.estimate() : null));
  const [blobStats] = createResource(() => blobs.pending(), () => blobs.stats());
  const s = sync.status;
  const checkText = () =>
    ({ idle: '', checking: t.checking, 'up-to-date': t.upToDate, found: t.updateFound, failed: t.updateCheckFailed })[pwa.checkState()];
  return (
    <section class="settings-page">
      <h1>{t.settingsTitle}</h1>
      <dl class="settings">
        <dt>{t.persist}</dt>
        <dd data-testid="storage-persist" data-persisted={persist.loading ? '' : String(persist() === true)}>
          {persist.loading ? t.persistUnknown : persist() ? t.persistGranted : t.persistDenied}
        </dd>
        <dt>{t.storageUsage}</dt>
        <dd data-testid="storage-estimate">
          <Show when={estimate()} fallback="—">
            {(e) => t.storageEstimate(bytes(e().usage ?? 0), bytes(e().quota ?? 0))}
          </Show>
        </dd>
        <dt>{photoText.blobStorage}</dt>
        <dd data-testid="blob-stats" data-count={blobStats()?.count ?? ''} data-pending={blobStats()?.pending ?? ''}>
          <Show when={blobStats()} fallback="—">
            {(st) => photoText.blobSummary(st().count, bytes(st().bytes), st().pending, st().failed)}
          </Show>
        </dd>
        <dt>{t.currentUser}</dt>
        <dd data-testid="settings-user">
          {session.user()?.name ?? '—'} <A href="/account/password">{t.navPassword}</A>
        </dd>
        <dt>{t.deviceId}</dt>
        <dd class="mono" data-testid="device-id">
          {session.deviceId}
        </dd>
        <dt>{t.syncSection}</dt>
        <dd>
          {t.pending(s().pending)} · {t.syncSeq(s().lastSeq)} · {s().lastSyncedAt ? t.lastSynced(hhmmss(s().lastSyncedAt!)) : t.neverSynced}
          <Show when={s().lastError}>
            <br />
            <span class="sync-error">{reasonText(s().lastError!)}</span>
          </Show>
        </dd>
        <Show when={s().refused > 0}>
          <dt>{t.refusedSection}</dt>
          <dd>
            <A href="/refused">{t.refused(s().refused)}</A>
          </dd>
        </Show>
        <dt>{t.appVersion}</dt>
        <dd class="mono" data-testid="app-version">
          {APP_VERSION}
        </dd>
      </dl>
      <div class="settings-actions">
        <button type="button" data-testid="check-update" onClick={() => void pwa.check()} disabled={pwa.checkState() === 'checking'}>
          {t.checkUpdate}
        </button>
        <span class="muted" data-testid="check-update-result" aria-live="polite">
          {checkText()}
        </span>
      </div>
      <CalendarSettingsLink />
      <VisitRulesSettings />
    </section>
  );
}
