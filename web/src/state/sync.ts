/**
 * The sync engine's status as a Solid signal, the browser wiring (online/offline events), and what
 * happened to docs besides syncing: a doc reset to the relay's state after a refusal (an open page
 * reopens it) or revoked (an open page leaves and says why).
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { Reason } from '@bangqi/shared';
import type { DocStore } from '../domain/docStore.ts';
import type { SyncEngine } from '../sync/engine.ts';
import type { SyncStatus } from '../sync/types.ts';

export interface SyncStore {
  status: Accessor<SyncStatus>;
  reconnect(): void;
  /** increases every time `docId` was reset to the relay's state (key an open page on it to reopen) */
  docVersion(docId: string): number;
  /** increases every time the user lost read access to `docId` (an open page compares with its value at mount) */
  revocations(docId: string): number;
  /** a file open on screen was revoked: the reason code to explain (cleared by `dismissRevoked`) */
  revokedNotice: Accessor<string | null>;
  /** shows the notice for the last revocation of `docId` */
  showRevoked(docId: string): void;
  dismissRevoked(): void;
}

export function createSyncStore(engine: SyncEngine, docs: DocStore): SyncStore {
  const [status, setStatus] = createSignal<SyncStatus>(engine.getStatus());
  const [versions, setVersions] = createSignal<ReadonlyMap<string, number>>(new Map());
  const [revoked, setRevoked] = createSignal<ReadonlyMap<string, number>>(new Map());
  const [revokedNotice, setRevokedNotice] = createSignal<string | null>(null);
  const revokeReasons = new Map<string, string>();
  const unsubscribe = engine.subscribe(setStatus);
  const unsubscribeDocs = docs.onDocEvent((e) => {
    if (e.kind === 'reset') setVersions((m) => new Map(m).set(e.docId, (m.get(e.docId) ?? 0) + 1));
    if (e.kind === 'revoked') {
      revokeReasons.set(e.docId, e.reason ?? Reason.AccessRevoked);
      setRevoked((m) => new Map(m).set(e.docId, (m.get(e.docId) ?? 0) + 1));
    }
  });
  const online = () => engine.reconnectNow();
  const offline = () => engine.goOffline();
  window.addEventListener('online', online);
  window.addEventListener('offline', offline);
  onCleanup(() => {
    unsubscribe();
    unsubscribeDocs();
    window.removeEventListener('online', online);
    window.removeEventListener('offline', offline);
  });
  return {
    status,
    reconnect: () => engine.reconnectNow(),
    docVersion: (docId) => versions().get(docId) ?? 0,
    revocations: (docId) => revoked().get(docId) ?? 0,
    revokedNotice,
    showRevoked: (docId) => setRevokedNotice(revokeReasons.get(docId) ?? Reason.AccessRevoked),
    dismissRevoked: () => setRevokedNotice(null),
  };
}
