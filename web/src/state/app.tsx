/**
 * The app's services, created once at boot and handed down through context (no global singletons):
 * IndexedDB, doc store, sync engine and the Solid stores over them.
 */
import { createContext, createEffect, createRoot, onCleanup, useContext, type JSX } from 'solid-js';
import { DocStore } from '../domain/docStore.ts';
import { DexieSyncStorage } from '../domain/syncStorage.ts';
import { openAppDb, type AppDb } from '../storage/db.ts';
import { browserDrafts, type DraftStore } from '../storage/drafts.ts';
import { browserJournal } from '../storage/journal.ts';
import { SyncEngine, syncUrl } from '../sync/engine.ts';
import type { SocketLike } from '../sync/types.ts';
import { createEnterpriseStore, type EnterpriseStore } from './enterprises.ts';
import { createFlushRegistry, type FlushRegistry } from './flush.ts';
import { createPwaStore, type PwaStore } from './pwa.ts';
import { createSessionStore, loadSession, type SessionStore, type StoredSession } from './session.ts';
import { createSyncStore, type SyncStore } from './sync.ts';

export type PersistState = 'unknown' | 'granted' | 'denied';

export interface AppServices {
  db: AppDb;
  docs: DocStore;
  engine: SyncEngine;
  session: SessionStore;
  sync: SyncStore;
  enterprises: EnterpriseStore;
  flush: FlushRegistry;
  /** text typed but not yet written to its doc, kept across a crash */
  drafts: DraftStore;
  pwa: PwaStore;
  persisted: Promise<boolean>;
}

const AppContext = createContext<AppServices>();

export function AppProvider(props: { services: AppServices; children: JSX.Element }) {
  return <AppContext.Provider value={props.services}>{props.children}</AppContext.Provider>;
}

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside <AppProvider>');
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
  db: AppDb;
  stored: StoredSession;
  persisted: Promise<boolean>;
}

/** The asynchronous part of start-up: open IndexedDB, read the session, ask for persistence. */
export async function boot(): Promise<BootData> {
  const persisted = requestPersistence();
  const db = openAppDb();
  await db.open();
  return { db, stored: await loadSession(db), persisted };
}

/** Must run synchronously inside a reactive root (the stores register cleanups). */
export function createAppServices({ db, stored, persisted }: BootData): AppServices {
  const session = createSessionStore(db, stored);
  const storage = new DexieSyncStorage(db);
  const engine = new SyncEngine({
    url: syncUrl(location.origin),
    storage,
    socket: (url) => new WebSocket(url) as unknown as SocketLike,
    deviceId: session.deviceId,
    user: () => session.user()?.name,
    canConnect: () => navigator.onLine !== false,
    log: (msg, extra) => console.warn(`[sync] ${msg}`, extra ?? ''),
  });
  const docs = new DocStore({
    db,
    sync: engine,
    journal: browserJournal(),
    onError: (err) => {
      console.error('[docs]', err);
      engine.reportError('storage-error');
    },
  });
  const flush = createFlushRegistry(docs);
  const services: AppServices = {
    db,
    docs,
    engine,
    session,
    sync: createSyncStore(engine),
    enterprises: createEnterpriseStore(db, docs),
    flush,
    drafts: browserDrafts(),
    pwa: createPwaStore(() => flush.flushAll()),
    persisted,
  };
  // Nothing typed is lost when the page goes away.
  window.addEventListener('pagehide', () => void flush.flushAll());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flush.flushAll();
  });
  // Sync starts once the device knows who uses it (first visit: after "我是谁"), so every hello names the user.
  if (session.user()) void engine.start();
  else {
    const stop = createRoot((dispose) => {
      createEffect(() => {
        if (!session.user()) return;
        void engine.start();
        queueMicrotask(dispose);
      });
      return dispose;
    });
    onCleanup(stop);
  }
  return services;
}
