/**
 * One enterprise file open on screen: acquires its doc (released on cleanup), exposes the profile,
 * contacts, licences, merge notices, timeline and the 一企一策一人 part (assignment, strategy, history) as
 * signals that follow every change (local or remote), presence of other viewers, and the edit actions.
 * Every action writes to the doc, which the doc store persists before sync sends it — so all of them
 * work offline. Also the create flow (createFile): one USCC, one file.
 */
import { createMemo, createSignal, onCleanup, type Accessor } from 'solid-js';
import {
  addContact,
  addFormerName,
  addLicence,
  assignEnterprise,
  confirmMergedField,
  createEnterprise,
  enterpriseDocIdForUscc,
  enterpriseMergeConflicts,
  fileTimeline,
  isEmptyEnterprise,
  newDocId,
  readContacts,
  readLicences,
  removeContact,
  removeFormerName,
  removeLicence,
  setEnterpriseEmployees,
  setEnterpriseLocation,
  updateContact,
  updateLicence,
  type Contact,
  type ContactValues,
  type EnterpriseRow,
  type Licence,
  type LicenceValues,
  type MergeConflict,
  type TimelineEvent,
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
  contacts: Accessor<Contact[]>;
  licences: Accessor<Licence[]>;
  /** fields whose value set on another device was overwritten in a merge (合并提示) */
  conflicts: Accessor<MergeConflict[]>;
  timeline: Accessor<TimelineEvent[]>;
  setField(field: EnterpriseField, value: string): void;
  setEmployees(value: number | null): void;
  setLocation(lat: number | null, lng: number | null): void;
  addFormerName(name: string): void;
  removeFormerName(name: string): void;
  addContact(values: ContactValues): void;
  updateContact(id: string, values: Partial<ContactValues>): void;
  removeContact(id: string): void;
  addLicence(values: LicenceValues): void;
  updateLicence(id: string, values: Partial<LicenceValues>): void;
  removeLicence(id: string): void;
  /** keeps the shown value of a merged field and closes its notice */
  confirmMerge(field: string): void;
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
  const [contacts, setContacts] = createSignal<Contact[]>(readContacts(doc));
  const [licences, setLicences] = createSignal<Licence[]>(readLicences(doc));
  const [conflicts, setConflicts] = createSignal<MergeConflict[]>(enterpriseMergeConflicts(doc));
  const [timeline, setTimeline] = createSignal<TimelineEvent[]>(fileTimeline(doc));
  let disposed = false;

  const refresh = () => {
    setContacts(readContacts(doc));
    setLicences(readLicences(doc));
    setConflicts(enterpriseMergeConflicts(doc));
    setTimeline(fileTimeline(doc));
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
    contacts,
    licences,
    conflicts,
    timeline,
    setField: (field, value) => setEnterpriseField(doc, field, value, by()),
    setEmployees: (value) => setEnterpriseEmployees(doc, value, by()),
    setLocation: (lat, lng) => setEnterpriseLocation(doc, lat, lng, by()),
    addFormerName: (name) => addFormerName(doc, name, by()),
    removeFormerName: (name) => removeFormerName(doc, name, by()),
    addContact: (values) => void addContact(doc, values, by()),
    updateContact: (id, values) => updateContact(doc, id, values, by()),
    removeContact: (id) => removeContact(doc, id, by()),
    addLicence: (values) => void addLicence(doc, values, by()),
    updateLicence: (id, values) => updateLicence(doc, id, values, by()),
    removeLicence: (id) => removeLicence(doc, id, by()),
    confirmMerge: (field) => confirmMergedField(doc, field, by()),
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

/**
 * The create flow. A file whose (valid, normalized) USCC is already among the local rows is only opened
 * (`existed`); a new one with a USCC gets the id enterpriseDocIdForUscc(uscc), so two devices creating
 * the same enterprise offline write into one doc; without a USCC the id is random. A doc that already
 * has a profile under that id (not materialized yet) is opened, never overwritten.
 */
export async function createFile(
  docs: Pick<DocStore, 'acquire'>,
  rows: readonly EnterpriseRow[],
  init: { name: string; uscc: string },
  by: string,
  assignment: AssignmentTarget | undefined,
  now = Date.now(),
): Promise<{ id: string; existed: boolean }> {
  if (init.uscc !== '') {
    const existing = rows.find((r) => r.uscc === init.uscc);
    if (existing) return { id: existing.id, existed: true };
  }
  const id = init.uscc !== '' ? enterpriseDocIdForUscc(init.uscc) : newDocId('ent');
  const handle = docs.acquire(id);
  try {
    await handle.ready;
    const doc = handle.doc;
    if (!isEmptyEnterprise(doc)) return { id, existed: true };
    doc.transact(() => {
      createEnterprise(doc, init, by, now);
      if (assignment) assignEnterprise(doc, assignment, by, now);
    });
    await handle.flush();
  } finally {
    handle.release();
  }
  return { id, existed: false };
}
