/**
 * The app's services, created once and handed down through context (no global singletons).
 *
 * Two levels: the root (auth, HTTP API, org, PWA) lives as long as the page; the user's services
 * (their own IndexedDB, doc store, sync engine and the stores over them) exist only while someone is
 * signed in, and are torn down on logout — the next user opens their own database.
 * `main.tsx` creates the root (`boot` → `createAppServices` → `AppProvider`); `App.tsx` mounts
 * `UserServicesProvider` for the signed-in user. Pages call `useApp()` for everything.
 */
import { createContext, createEffect, createMemo, on, onCleanup, useContext, type JSX } from 'solid-js';
import type { OrgUser } from '@bangqi/shared';
import { DocStore } from '../domain/docStore.ts';
import { DexieSyncStorage } from '../domain/syncStorage.ts';
import { openAppDb, userDbName, type AppDb } from '../storage/db.ts';
import { browserDrafts, type DraftStore } from '../storage/drafts.ts';
import { browserJournal } from '../storage/journal.ts';
import { SyncEngine, syncUrl } from '../sync/engine.ts';
import type { SocketLike } from '../sync/types.ts';
import { createApiClient, type ApiClient } from './api.ts';
import { SESSION_KEY, createAuthStore, type AuthStore } from './auth.ts';
import { createEnterpriseStore, type EnterpriseStore } from './enterprises.ts';
import { createFlushRegistry, type FlushRegistry } from './flush.ts';
import { createOrgStore, type OrgStore } from './org.ts';
import { createPwaStore, type PwaStore } from './pwa.ts';
import type { SessionStore } from './session.ts';
import { createSyncStore, type SyncStore } from './sync.ts';
import { createDirectoryStore, type DirectoryStore } from './directory.ts';
import { createSearchStore, type SearchStore } from './search.ts';
import { startKeysWorker } from '../workers/keys.ts';
import { createDemandStore, type DemandStore } from './demands.ts';
import { createDistrictConfigStore, type DistrictConfigStore } from './districtConfig.ts';
import { createIssueStore, type IssueStore } from './issues.ts';
import { createBlobService, type BlobService } from '../blobs/service.ts';
import { createPolicyStore, type PolicyStore } from './policies.ts';

export type PersistState = 'unknown' | 'granted' | 'denied';

/** What exists whether or not someone is signed in. */
export interface RootServices {
  auth: AuthStore;
  api: ApiClient;
  org: OrgStore;
  pwa: PwaStore;
  persisted: Promise<boolean>;
  /** the signed-in user's services register how to save typed input before an app update reloads */
  setBeforeUpdate(flush: (() => Promise<void>) | null): void;
}

/** Everything a page of the signed-in app uses. */
export interface AppServices extends RootServices {
  db: AppDb;
  docs: DocStore;
  engine: SyncEngine;
  session: SessionStore;
  sync: SyncStore;
  enterprises: EnterpriseStore;
  flush: FlushRegistry;
  /** text typed but not yet written to its doc, kept across a crash */
  drafts: DraftStore;
  /** the local copy of the market-entity directory (市场主体库) */
  directory: DirectoryStore;
  /** search over files and the directory */
  search: SearchStore;
  /** the district config doc (holiday table, settings), kept open while signed in */
  config: DistrictConfigStore;
  /** 诉求: rows, working-day timing, raise / act on this device */
  demands: DemandStore;
  /** 共性问题: issue rows, create / meetings / 整体办结, demand histories for the export */
  issues: IssueStore;
  /** photos and attachments: stored on the device, uploaded in the background, fetched on demand */
  blobs: BlobService;
  /** 惠企政策: the policy library, kept open while signed in (read offline; coordinators edit) */
  policies: PolicyStore;
}

const RootContext = createContext<RootServices>();
const AppContext = createContext<AppServices>();

export function AppProvider(props: { services: RootServices; children: JSX.Element }) {
  return <RootContext.Provider value={props.services}>{props.children}</RootContext.Provider>;
}

/** The root services (the login page and the shell use these). */
export function useRoot(): RootServices {
  const services = useContext(RootContext);
  if (!services) throw new Error('useRoot outside <AppProvider>');
  return services;
}

/** Every service of the signed-in app. */
export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside <UserServicesProvider>');
  return services;
}

/** Asks the browser to keep our data (never evicted under storage pressure); the answer is shown in 设置. */
function requestPersistence(): Promise<boolean> {
  const storage = navigator.storage as StorageManager | undefined;
  if (!storage?.persist) return Promise.resolve(false);
  return storage
    .persisted()
    .then((already) => already || storage.persist())
    .catch(() => false);
}

export interface BootData {
  persisted: Promise<boolean>;
}

/** The asynchronous part of start-up (the user's database opens once someone is signed in). */
export async function boot(): Promise<BootData> {
  return { persisted: requestPersistence() };
}

/** The root services; must run synchronously inside a reactive root. */
export function createAppServices({ persisted }: BootData): RootServices {
  let orgStore: OrgStore | null = null;
  const auth = createAuthStore({ storage: localStorage, org: () => orgStore?.org() ?? null });
  const api = createApiClient(auth);
  const org = createOrgStore({
    api,
    storage: localStorage,
    userId: () => auth.user()?.id ?? null,
    onSelf: (u) => auth.updateUser(u),
  });
  orgStore = org;
  // One session per device: a sign-in, logout or token rotation in another tab applies here too.
  window.addEventListener('storage', (e) => {
    if (e.key === SESSION_KEY || e.key === null) auth.reload();
  });
  let beforeUpdate: (() => Promise<void>) | null = null;
  return {
    auth,
    api,
    org,
    pwa: createPwaStore(() => beforeUpdate?.() ?? Promise.resolve()),
    persisted,
    setBeforeUpdate: (flush) => (beforeUpdate = flush),
  };
}

/** Opens the signed-in user's own database. */
export async function openUserDb(userId: string): Promise<AppDb> {
  const db = openAppDb(userDbName(userId));
  await db.open();
  return db;
}

/** The signed-in user's services over their database; torn down (sync stopped, db closed) on cleanup. */
function createUserServices(root: RootServices, user: OrgUser, db: AppDb): AppServices {
  const { auth } = root;
  const session: SessionStore = { deviceId: auth.deviceId, user: auth.user };
  const storage = new DexieSyncStorage(db);
  const engine = new SyncEngine({
    url: syncUrl(location.origin),
    storage,
    socket: (url) => new WebSocket(url) as unknown as SocketLike,
    deviceId: auth.deviceId,
    user: () => auth.user()?.name,
    token: () => auth.accessToken(),
    onUnauthenticated: () => auth.refresh(),
    canConnect: () => navigator.onLine !== false,
    log: (msg, extra) => console.warn(`[sync] ${msg}`, extra ?? ''),
  });
  const docs = new DocStore({
    db,
    sync: engine,
    journal: browserJournal(user.id),
    onError: (err) => {
      console.error('[docs]', err);
      engine.reportError('storage-error');
    },
  });
  const flush = createFlushRegistry(docs);
  const config = createDistrictConfigStore(docs);
  const sync = createSyncStore(engine, docs);
  const enterprises = createEnterpriseStore(db);
  const keys = startKeysWorker();
  const directory = createDirectoryStore({ db, auth, keysFor: keys.keysFor });
  const blobs = createBlobService({
    db,
    token: () => auth.accessToken(),
    baseUrl: location.origin,
    online: () => sync.status().connection === 'online',
    onUnauthenticated: () => auth.refresh(),
  });
  const services: AppServices = {
    ...root,
    db,
    docs,
    engine,
    session,
    sync,
    enterprises,
    flush,
    config,
    drafts: browserDrafts(user.id),
    directory,
    search: createSearchStore({ db, rows: enterprises.rows, directory, keysFor: keys.keysFor }),
    demands: createDemandStore({ db, docs, userId: () => auth.user()?.id ?? null, settings: config.settings, holidays: config.holidays }),
    issues: createIssueStore({
      db,
      docs,
      userId: () => auth.user()?.id ?? null,
      // read when used, after `services` exists
      demands: { rows: () => services.demands.rows(), loading: () => services.demands.loading() },
    }),
    blobs,
    policies: createPolicyStore(docs, keys.keysFor),
  };
  // The list's search box ranks files with the same pinyin index.
  enterprises.setSearcher((q) => services.search.searchFiles(q).rows);
  // Nothing typed is lost when the page goes away.
  const onPageHide = () => void flush.flushAll();
  const onHidden = () => {
    if (document.visibilityState === 'hidden') void flush.flushAll();
  };
  window.addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onHidden);
  root.setBeforeUpdate(() => flush.flushAll());
  // The org (names, teams, who leads what) is fetched each time the relay becomes reachable (not on every
  // status change: the memo only changes with the connection); cached for offline.
  const online = createMemo(() => sync.status().connection === 'online');
  createEffect(
    on(online, (isOnline) => {
      if (isOnline) root.org.refresh().catch((err) => console.warn('[org] refresh failed', err));
      // The directory's deltas too (after sign-in and each time the relay is back).
      if (isOnline) void directory.pull();
    }),
  );
  // Signed in again after 'expired' (or the refresh worked after all): sync resumes at once.
  createEffect(
    on(
      auth.status,
      (status, previous) => {
        if (status === 'signed-in' && previous === 'expired') engine.reconnectNow();
      },
      { defer: true },
    ),
  );
  void engine.start();
  onCleanup(() => {
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onHidden);
    root.setBeforeUpdate(null);
    keys.terminate();
    blobs.stop();
    engine.stop();
    db.close();
  });
  return services;
}

export function UserServicesProvider(props: { user: OrgUser; db: AppDb; children: JSX.Element }) {
  // Created once per signed-in user (the parent remounts this for another user).
  // eslint-disable-next-line solid/reactivity
  const services = createUserServices(useRoot(), props.user, props.db);
  return <AppContext.Provider value={services}>{props.children}</AppContext.Provider>;
}
