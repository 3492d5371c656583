/**
 * Frame of the admin screens: tabs (by role), who may see the page, and the online-only rule — these
 * screens talk to the relay directly and keep nothing on the device, so offline they say so (and
 * load again when the network is back: the page content is mounted anew).
 */
import { For, Match, Switch, createSignal, onCleanup, type JSX } from 'solid-js';
import { A } from '@solidjs/router';
import type { Org, Role } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { createAdminApi, type AdminApi } from '../../state/admin.ts';
import { ad, apiErrorText } from './strings.ts';
import './admin.css';

/** navigator.onLine as a signal (the browser fires online/offline when it changes). */
export function createOnline() {
  const [online, setOnline] = createSignal(navigator.onLine !== false);
  const up = () => setOnline(true);
  const down = () => setOnline(false);
  window.addEventListener('online', up);
  window.addEventListener('offline', down);
  onCleanup(() => {
    window.removeEventListener('online', up);
    window.removeEventListener('offline', down);
  });
  return online;
}

const TABS: { href: string; label: string; roles: readonly Role[] }[] = [
  { href: '/admin/users', label: ad.tabUsers, roles: ['admin'] },
  { href: '/admin/teams', label: ad.tabTeams, roles: ['admin', 'coordinator'] },
  { href: '/admin/audit', label: ad.tabAudit, roles: ['admin'] },
];

export function AdminShell(props: { testId: string; title: string; roles: readonly Role[]; children: JSX.Element }) {
  const { auth } = useApp();
  const online = createOnline();
  const role = () => auth.principal()?.role ?? auth.user()?.role;
  const allowed = () => {
    const r = role();
    return r !== undefined && props.roles.includes(r);
  };
  return (
    <section class="admin-page" data-testid={props.testId}>
      <nav class="admin-tabs" aria-label={ad.nav}>
        <For each={TABS.filter((tab) => role() !== undefined && tab.roles.includes(role()!))}>
          {(tab) => <A href={tab.href}>{tab.label}</A>}
        </For>
      </nav>
      <h1>{props.title}</h1>
      <Switch>
        <Match when={!allowed()}>
          <p class="empty" data-testid="admin-no-access">
            {ad.noAccess}
          </p>
        </Match>
        <Match when={!online()}>
          <p class="admin-offline" data-testid="admin-offline" role="status">
            {ad.offline}
          </p>
        </Match>
        <Match when={true}>{props.children}</Match>
      </Switch>
    </section>
  );
}

export function useAdminApi(): AdminApi {
  return createAdminApi(useApp().api);
}

/** Loads the org as the relay has it now (with phones, for admins); reload after every change. */
export function createAdminOrg(api: AdminApi) {
  const { org: shared } = useApp();
  const [org, setOrg] = createSignal<Org | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(true);
  const reload = async () => {
    setLoading(true);
    try {
      setOrg(await api.org());
      setError(null);
      // The rest of the app (names, who leads what) follows at once.
      void shared.refresh().catch(() => {});
    } catch (err) {
      setError(apiErrorText(err));
    } finally {
      setLoading(false);
    }
  };
  void reload();
  return { org, error, loading, reload };
}

/** Loading / error / content, the same on every admin screen. */
export function Loaded(props: { loading: boolean; error: string | null; ready: boolean; retry: () => void; children: JSX.Element }) {
  return (
    <Switch>
      <Match when={props.error}>
        {(message) => (
          <div class="admin-error" role="alert" data-testid="admin-error">
            <span>{message()}</span>
            <button type="button" onClick={() => props.retry()}>
              {ad.retry}
            </button>
          </div>
        )}
      </Match>
      <Match when={!props.ready && props.loading}>
        <p class="empty" data-testid="admin-loading">
          {ad.loading}
        </p>
      </Match>
      <Match when={props.ready}>{props.children}</Match>
    </Switch>
  );
}
