/**
 * The shell. Signed out: the login page. Signed in: that user's own services (their database, sync) and
 * the routes, under a header with the sync status, the nav (links by role), the user and 退出登录.
 */
import { Match, Show, Switch, createEffect, createResource, on, type JSX } from 'solid-js';
import { A, Route, Router, useNavigate, useParams, type RouteSectionProps } from '@solidjs/router';
import { UserServicesProvider, openUserDb, useApp, useRoot } from './state/app.tsx';
import { ListPage } from './features/enterprises/ListPage.tsx';
import { FilePage } from './features/enterprises/FilePage.tsx';
import { PolicyPrintPage } from './features/policies/match/PrintPage.tsx';
import { NotFoundPage } from './features/notfound/NotFoundPage.tsx';
import { SettingsPage } from './features/settings/SettingsPage.tsx';
import { CalendarPage } from './features/calendar/index.ts';
import { RemindersPage } from './features/reminders/RemindersPage.tsx';
import { r as reminderStrings } from './features/reminders/strings.ts';
import { PlansPage } from './features/plans/PlansPage.tsx';
import { PlansNavLink } from './features/plans/PlansNavLink.tsx';
import { SyncStatus } from './features/sync/SyncStatus.tsx';
import { UpdatePrompt } from './features/update/UpdatePrompt.tsx';
import { LoginPage } from './features/auth/LoginPage.tsx';
import { AuthExpired } from './features/auth/AuthExpired.tsx';
import { UserMenu } from './features/account/UserMenu.tsx';
import { PasswordPage } from './features/account/PasswordPage.tsx';
import { RefusedPage } from './features/refused/RefusedPage.tsx';
import { AdminNavLink, AuditPage, TeamsPage, UsersPage } from './features/admin/index.ts';
import { DirectoryNavLink, DirectoryPage, ImportPage } from './features/directory/index.ts';
import { HistoryPage, TeamVisitsPage, VisitsNavLinks } from './features/visits/index.ts';
import { DemandPage, DemandsNavLink, DemandsPage, HomeRoute } from './features/demands/index.ts';
import { IssuePage, IssuesNavLinks, IssuesPage, NewIssuePage } from './features/issues/index.ts';
import { FiguresPage } from './features/figures/index.ts';
import { PoliciesNavLink, PoliciesPage, PolicyEditorPage, PolicyImportPage, PolicyPage } from './features/policies/index.ts';
import { Reason } from '@bangqi/shared';
import { t } from './ui/strings.ts';

function Shell(props: RouteSectionProps): JSX.Element {
  const { sync } = useApp();
  return (
    <div class="app">
      <header class="topbar">
        <A href="/" class="brand" end>
          {t.appName}
        </A>
        <SyncStatus />
        <nav class="topnav" data-testid="nav">
          <A href="/" end>
            {t.navList}
          </A>
          <VisitsNavLinks />
          <DirectoryNavLink />
          <DemandsNavLink />
          <IssuesNavLinks />
          <PoliciesNavLink />
          <PlansNavLink />
          <A href="/reminders">{reminderStrings.nav}</A>
          <A href="/settings">{t.navSettings}</A>
          <AdminNavLink />
        </nav>
        <UserMenu />
      </header>
      <AuthExpired />
      <Show when={sync.revokedNotice()}>
        {(reason) => (
          <div class="notice" data-testid="revoked-notice" data-reason={reason()} role="alert">
            <span>{reason() === Reason.Forbidden ? t.forbiddenNotice : t.revokedNotice}</span>
            <button type="button" class="link-button" onClick={() => sync.dismissRevoked()}>
              {t.dismiss}
            </button>
          </div>
        )}
      </Show>
      <main class="content">{props.children}</main>
      <UpdatePrompt />
    </div>
  );
}

/**
 * A file page that follows what sync does to its doc: reopened (new Y.Doc) after the doc was reset to the
 * relay's state, and left — with the revoked notice — when the user lost access to it.
 */
function FileRoute() {
  const params = useParams<{ id: string }>();
  const { sync } = useApp();
  const navigate = useNavigate();
  createEffect(
    on(
      () => [params.id, sync.revocations(params.id)] as const,
      ([id, count], previous) => {
        if (previous && previous[0] === id && count > previous[1]) {
          sync.showRevoked(id);
          navigate('/', { replace: true });
        }
      },
    ),
  );
  return (
    <Show when={`${params.id}#${sync.docVersion(params.id)}`} keyed>
      <FilePage />
    </Show>
  );
}

function SignedInRoutes() {
  return (
    <Router root={Shell}>
      <Route path="/" component={HomeRoute} />
      <Route path="/enterprises" component={ListPage} />
      <Route path="/enterprises/:id" component={FileRoute} />
      <Route path="/enterprises/:id/policies/print" component={PolicyPrintPage} />
      <Route path="/demands" component={DemandsPage} />
      <Route path="/demands/:id" component={DemandPage} />
      <Route path="/issues" component={IssuesPage} />
      <Route path="/issues/new" component={NewIssuePage} />
      <Route path="/issues/:id" component={IssuePage} />
      <Route path="/figures" component={FiguresPage} />
      <Route path="/policies" component={PoliciesPage} />
      <Route path="/policies/import" component={PolicyImportPage} />
      <Route path="/policies/new" component={PolicyEditorPage} />
      <Route path="/policies/:code" component={PolicyPage} />
      <Route path="/policies/:code/edit" component={PolicyEditorPage} />
      <Route path="/refused" component={RefusedPage} />
      <Route path="/account/password" component={PasswordPage} />
      <Route path="/reminders" component={RemindersPage} />
      <Route path="/plans" component={PlansPage} />
      <Route path="/visits" component={HistoryPage} />
      <Route path="/team" component={TeamVisitsPage} />
      <Route path="/settings" component={SettingsPage} />
      <Route path="/settings/calendar" component={CalendarPage} />
      <Route path="/directory" component={DirectoryPage} />
      <Route path="/directory/import" component={ImportPage} />
      <Route path="/admin/users" component={UsersPage} />
      <Route path="/admin/teams" component={TeamsPage} />
      <Route path="/admin/audit" component={AuditPage} />
      <Route path="*" component={NotFoundPage} />
    </Router>
  );
}

/** Opens the user's own database, then their services; remounted for another user. */
function SignedIn(props: { userId: string }) {
  const { auth } = useRoot();
  const [db] = createResource(() => props.userId, openUserDb);
  return (
    <Switch>
      <Match when={db.error as unknown}>
        <p class="empty" role="alert">
          {t.dbFailed(db.error instanceof Error ? db.error.message : String(db.error))}
        </p>
      </Match>
      <Match when={db()}>
        {(opened) => (
          <UserServicesProvider user={auth.user()!} db={opened()}>
            <SignedInRoutes />
          </UserServicesProvider>
        )}
      </Match>
    </Switch>
  );
}

export function App() {
  const { auth } = useRoot();
  return (
    <Show when={auth.user()?.id} keyed fallback={<LoginPage />}>
      {(userId) => <SignedIn userId={userId} />}
    </Show>
  );
}
