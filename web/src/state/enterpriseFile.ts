/**
 * One enterprise file open on screen: acquires its doc (released on cleanup), exposes the profile as a
 * signal that follows every change (local or remote), presence of other viewers, and the edit actions.
 */
import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import {
  isEmptyEnterprise,
  readEnterprise,
  setEnterpriseField,
  setEnterpriseNote,
  setEnterpriseTag,
  type EnterpriseField,
  type EnterpriseProfile,
} from '@bangqi/shared';
import type { DocStore } from '../domain/docStore.ts';
import type { PresenceState } from '../sync/engine.ts';
import type { AppUser } from './session.ts';

export type FileStatus = 'loading' | 'ready' | 'not-found';

export interface EnterpriseFile {
  status: Accessor<FileStatus>;
  profile: Accessor<EnterpriseProfile>;
  others: Accessor<PresenceState[]>;
  setField(field: EnterpriseField, value: string): void;
  setTag(tag: string, on: boolean): void;
  setNote(next: string): void;
  /** resolves when every edit so far is in IndexedDB */
  flush(): Promise<void>;
}

export function createEnterpriseFile(
  docs: DocStore,
  docId: string,
  ctx: { user: Accessor<AppUser | null>; settled: Accessor<boolean> },
): EnterpriseFile {
  const handle = docs.acquire(docId);
  const { doc } = handle;
  const [loaded, setLoaded] = createSignal(false);
  const [profile, setProfile] = createSignal<EnterpriseProfile>(readEnterprise(doc));
  const [empty, setEmpty] = createSignal(true);
  const [others, setOthers] = createSignal<PresenceState[]>([]);
  let disposed = false;

  const refresh = () => {
    setProfile(readEnterprise(doc));
    setEmpty(isEmptyEnterprise(doc));
  };
  doc.on('update', refresh);
  let stopPresence = () => {};
  void handle.ready.then(() => {
    if (disposed) return;
    refresh();
    setLoaded(true);
    stopPresence = handle.onPresence(setOthers);
    const u = ctx.user();
    if (u) handle.setPresence({ id: u.id, name: u.name });
  });
  onCleanup(() => {
    disposed = true;
    stopPresence();
    doc.off('update', refresh);
    handle.release();
  });

  const by = () => ctx.user()?.id ?? 'unknown';
  // Once the answer was "not here", a reconnect attempt (relay unreachable: offline ⇄ connecting every
  // backoff) must not flip the page back to "opening…"; the file still shows the moment it arrives.
  let settledOnce = false;
  const status = createMemo<FileStatus>(() => {
    if (!loaded()) return 'loading';
    if (!empty()) return 'ready';
    // Empty locally: it may still arrive with the catch-up; only then (or offline) is it missing.
    if (ctx.settled()) settledOnce = true;
    return settledOnce ? 'not-found' : 'loading';
  });
  return {
    status,
    profile,
    others,
    setField: (field, value) => setEnterpriseField(doc, field, value, by()),
    setTag: (tag, on) => setEnterpriseTag(doc, tag, on, by()),
    setNote: (next) => setEnterpriseNote(doc, next, by()),
    flush: () => handle.flush(),
  };
}
