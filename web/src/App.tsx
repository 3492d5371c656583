/** The shell: top bar (sync status, current user), routes, "我是谁" on first visit, update prompt. */
import { Show, type JSX } from 'solid-js';
import { A, Route, Router, useNavigate, type RouteSectionProps } from '@solidjs/router';
import { useApp } from './state/app.tsx';
import { ListPage } from './features/enterprises/ListPage.tsx';
import { FilePage } from './features/enterprises/FilePage.tsx';
import { NotFoundPage } from './features/notfound/NotFoundPage.tsx';
import { SettingsPage } from './features/settings/SettingsPage.tsx';
import { SyncStatus } from './features/sync/SyncStatus.tsx';
import { UpdatePrompt } from './features/update/UpdatePrompt.tsx';
import { WhoAmI } from './features/whoami/WhoAmI.tsx';
import { t } from './ui/strings.ts';

function Shell(props: RouteSectionProps): JSX.Element {
  const { session } = useApp();
  return (
    <div class="app">
      <header class="topbar">
        <A href="/" class="brand" end>
          {t.appName}
        </A>
        <SyncStatus />
        <nav class="topnav">
          <A href="/" end>
            {t.navList}
          </A>
          <A href="/settings">{t.navSettings}</A>
          <A href="/whoami" class="current-user" data-testid="current-user" title={t.switchUser}>
            {session.user()?.name ?? t.whoamiTitle}
          </A>
        </nav>
      </header>
      <main class="content">
        <Show when={session.user()} fallback={<WhoAmI />}>
          {props.children}
        </Show>
      </main>
      <UpdatePrompt />
    </div>
  );
}

function WhoAmIPage() {
  const navigate = useNavigate();
  return <WhoAmI onChosen={() => navigate('/')} />;
}

export function App() {
  return (
    <Router root={Shell}>
      <Route path="/" component={ListPage} />
      <Route path="/enterprises" component={ListPage} />
      <Route path="/enterprises/:id" component={FilePage} />
      <Route path="/settings" component={SettingsPage} />
      <Route path="/whoami" component={WhoAmIPage} />
      <Route path="*" component={NotFoundPage} />
    </Router>
  );
}
