/** The sync engine's status as a Solid signal, plus the browser wiring (online/offline events). */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { SyncEngine } from '../sync/engine.ts';
import type { SyncStatus } from '../sync/types.ts';

export interface SyncStore {
  status: Accessor<SyncStatus>;
  reconnect(): void;
}

export function createSyncStore(engine: SyncEngine): SyncStore {
  const [status, setStatus] = createSignal<SyncStatus>(engine.getStatus());
  const unsubscribe = engine.subscribe(setStatus);
  const online = () => engine.reconnectNow();
  const offline = () => engine.goOffline();
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  onCleanup(() => {
    unsubscribe();
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
  });
  return { status, reconnect: () => engine.reconnectNow() };
}
