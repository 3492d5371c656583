/**
 * One enterprise file open on screen: acquires its doc (released on cleanup), exposes the profile and
 * the 一企一策一人 part (assignment, strategy, history) as signals that follow every change (local or
 * remote), presence of other viewers, and the edit actions. Every action writes to the doc, which the
 * doc store persists before sync sends it — so all of them work offline.
 */
import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import {
  assignEnterprise,
  isEmptyEnterprise,
  readAssignment,
  readAssignmentHistory,
  readEnterprise,
  readStrategy,
  setEnterpriseField,
  setEnterpriseNote,
  setEnterpriseTag,
  setStrategy,
  type Assignment,
  type AssignmentRecord,
  type EnterpriseField,
  type EnterpriseProfile,
} from '@bangqi/shared';
import type { DocStore } from '../domain/docStore.ts';
import type { PresenceState } from '../sync/engine.ts';
import type { AssignmentTarget } from './assignment.ts';

export type FileStatus = 'loading' | 'ready' | 'not-found';

export interface EnterpriseFile {
  status: Accessor<FileStatus>;
  profile: Accessor<EnterpriseProfile>;
  others: Accessor<PresenceState[]>;
  assignment: Accessor<Assignment>;
  strategy: Accessor<string>;
  /** every (re)assignment, oldest first (append-only) */
  history: Accessor<AssignmentRecord[]>;
  setField(field: EnterpriseField, value: string): void;
  setTag(tag: string, on: boolean): void;
  setNote(next: string): void;
  assign(next: AssignmentTarget & { reason: string }): void;
  setStrategy(next: string): void;
  /** resolves when every edit so far is in IndexedDB */
  flush(): Promise<void>;
}

export function createEnterpriseFile(
  docs: DocStore,
  docId: string,
  ctx: { user: Accessor<{ id: string; name: string } | null>; settled: Accessor<boolean> },
): EnterpriseFile {
  const handle = docs.acquire(docId);
  const { doc } = handle;
  const [loaded, setLoaded] = createSignal(false);
  const [profile, setProfile] = createSignal<EnterpriseProfile>(readEnterprise(doc));
  const [empty, setEmpty] = createSignal(true);
  const [others, setOthers] = createSignal<PresenceState[]>([]);
  const [assignment, setAssignment] = createSignal<Assignment>(readAssignment(doc), { equals: sameAssignment });
  const [strategy, setStrategyText] = createSignal(readStrategy(doc));
  // Append-only: a changed history is a longer one.
  const [history, setHistory] = createSignal<AssignmentRecord[]>(readAssignmentHistory(doc), {
    equals: (a, b) => a.length === b.length,
  });
  let disposed = false;

  const refresh = () => {
    setProfile(readEnterprise(doc));
    setEmpty(isEmptyEnterprise(doc));
    setAssignment(readAssignment(doc));
    setStrategyText(readStrategy(doc));
    setHistory(readAssignmentHistory(doc));
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
    assignment,
    strategy,
    history,
    assign: (next) => assignEnterprise(doc, next, by()),
    setStrategy: (next) => setStrategy(doc, next),
    flush: () => handle.flush(),
  };
}

const sameAssignment = (a: Assignment, b: Assignment) =>
  a.teamId === b.teamId && a.responsibleId === b.responsibleId && a.assignedAt === b.assignedAt && a.assignedBy === b.assignedBy;
