/**
 * 共性问题 (common issues): the issue rows (Dexie `issues`, kept live), the demand rows they are made of,
 * creating an issue from demands of several enterprises, and one issue open on screen (members, 联席会议
 * records, 整体办结). Every action writes to docs through the DocStore, so all of it works offline.
 *
 * A member is linked both ways: the issue's `members` array holds the demand id, and the demand's own
 * event log gets a `link` event (its row's `issueId`), so the demand page can show the issue.
 * 整体办结 is one `resolve` event on the issue plus one `resolve` event on each member that is not resolved
 * yet; each member then still goes through its own 回访 and 销号.
 */
import { createSignal, type Accessor } from 'solid-js';
import * as Y from 'yjs';
import {
  addIssueMember,
  addJointMeeting,
  appendDemandEvent,
  appendIssueEvent,
  createIssue,
  isIssueResolved,
  isResolvedState,
  newDocId,
  readIssueEvents,
  readIssueInfo,
  readIssueMembers,
  readJointMeetings,
  type DemandEvent,
  type DemandEventInput,
  readDemandEvents,
  type DemandRow,
  type IssueEvent,
  type IssueRow,
  type JointMeeting,
} from '@bangqi/shared';
import type { DocStore } from '../domain/docStore.ts';
import type { AppDb } from '../storage/db.ts';
import { liveTable } from './liveTable.ts';
import { followDoc, openStatus } from './openDoc.ts';

export interface IssueInfoView {
  title: string;
  description: string;
  createdAt: number;
  createdBy: string;
}

export type NewMeeting = Omit<JointMeeting, 'id' | 'at' | 'by'>;

export interface OpenIssue {
  status: Accessor<'loading' | 'ready' | 'not-found'>;
  info: Accessor<IssueInfoView | null>;
  memberIds: Accessor<string[]>;
  meetings: Accessor<JointMeeting[]>;
  events: Accessor<IssueEvent[]>;
  /** resolved once and not reopened since */
  resolved: Accessor<boolean>;
  addMeeting(m: NewMeeting): void;
  /** links more demands (each gets a `link` event) */
  addMembers(demandIds: readonly string[]): Promise<void>;
  /**
   * 整体办结: the issue's `resolve` event, then a `resolve` event on each of `memberIds` (the members the
   * coordinator confirmed). Returns the ids it resolved.
   */
  resolveAll(memberIds: readonly string[], note: string): Promise<string[]>;
  reopen(note: string): void;
  flush(): Promise<void>;
}

export interface IssueStore {
  rows: Accessor<IssueRow[]>;
  /** every demand row on this device (members and candidates) */
  demandRows: Accessor<DemandRow[]>;
  demandById: Accessor<Map<string, DemandRow>>;
  loading: Accessor<boolean>;
  /** creates the issue with its members (each demand gets a `link` event); returns the issue id */
  create(fields: { title: string; description: string }, demandIds: readonly string[]): Promise<string>;
  /** opens one issue for a page; released when the calling reactive scope is disposed */
  open(issueId: string, settled: Accessor<boolean>): OpenIssue;
  /**
   * The event logs of many demands (the XLSX export's history sheet), read from the stored updates
   * without opening the docs for sync: a 2,000-demand export must not attach 2,000 docs.
   */
  demandHistories(demandIds: readonly string[], onProgress?: (done: number) => void): Promise<Map<string, DemandEvent[]>>;
}

export interface IssueStoreOptions {
  db: AppDb;
  docs: DocStore;
  userId: Accessor<string | null>;
  /** the demand rows another store already keeps live (the app's demand store); read here otherwise */
  demands?: { rows: Accessor<DemandRow[]>; loading: Accessor<boolean> };
  now?: () => number;
}

export function createIssueStore(opts: IssueStoreOptions): IssueStore {
  const { db, docs } = opts;
  const now = opts.now ?? Date.now;
  const by = () => opts.userId() ?? 'unknown';
  const issues = liveTable(db.issues, 'issues');
  // One live copy of the demands table is enough: share the demand store's when there is one.
  const demands = opts.demands ?? liveTable(db.demands, 'issues');
  // Cached per rows array (not a memo: the same code runs in Node tests, where Solid memos do not update).
  let byIdFor: DemandRow[] | null = null;
  let byId = new Map<string, DemandRow>();
  const demandById = () => {
    const rows = demands.rows();
    if (rows !== byIdFor) {
      byIdFor = rows;
      byId = new Map(rows.map((r) => [r.id, r]));
    }
    return byId;
  };

  /** Opens a demand doc, appends one event, waits until it is stored, releases it. */
  const appendToDemand = async (demandId: string, input: DemandEventInput): Promise<void> => {
    const handle = docs.acquire(demandId);
    try {
      await handle.ready;
      appendDemandEvent(handle.doc, input, by(), now());
      await handle.flush();
    } finally {
      handle.release();
    }
  };

  const linkMembers = async (issueId: string, doc: Y.Doc, demandIds: readonly string[]) => {
    const present = new Set(readIssueMembers(doc));
    const added = demandIds.filter((id) => !present.has(id));
    doc.transact(() => {
      for (const id of added) addIssueMember(doc, id);
    });
    for (const id of added) await appendToDemand(id, { type: 'link', issueId });
  };

  const create: IssueStore['create'] = async (fields, demandIds) => {
    const issueId = newDocId('iss');
    const handle = docs.acquire(issueId);
    try {
      await handle.ready;
      createIssue(handle.doc, fields, by(), now());
      await linkMembers(issueId, handle.doc, demandIds);
      await handle.flush();
    } finally {
      handle.release();
    }
    return issueId;
  };

  const open: IssueStore['open'] = (issueId, settled) => {
    const handle = docs.acquire(issueId);
    const { doc } = handle;
    const [info, setInfo] = createSignal<IssueInfoView | null>(null);
    const [memberIds, setMemberIds] = createSignal<string[]>([]);
    const [meetings, setMeetings] = createSignal<JointMeeting[]>([]);
    const [events, setEvents] = createSignal<IssueEvent[]>([]);
    const refresh = () => {
      setInfo(readIssueInfo(doc));
      setMemberIds(readIssueMembers(doc));
      setMeetings(readJointMeetings(doc).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.at - b.at)));
      setEvents(readIssueEvents(doc).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)));
    };
    const loaded = followDoc(handle, refresh);
    const status = openStatus(loaded, () => Boolean(info()), settled);
    const resolved = () => isIssueResolved(events());
    return {
      status,
      info,
      memberIds,
      meetings,
      events,
      resolved,
      addMeeting: (m) => void addJointMeeting(doc, m, by(), now()),
      addMembers: (ids) => linkMembers(issueId, doc, ids).then(() => handle.flush()),
      resolveAll: async (ids, note) => {
        appendIssueEvent(doc, { type: 'resolve', note }, by(), now());
        const done: string[] = [];
        for (const id of ids) {
          const row = demandById().get(id);
          // Resolved meanwhile (another device): nothing to propose any more.
          if (row && isResolvedState(row.state)) continue;
          await appendToDemand(id, { type: 'resolve', department: '', note });
          done.push(id);
        }
        await handle.flush();
        return done;
      },
      reopen: (note) => void appendIssueEvent(doc, { type: 'reopen', note }, by(), now()),
      flush: () => handle.flush(),
    };
  };

  const demandHistories: IssueStore['demandHistories'] = async (ids, onProgress) => {
    const out = new Map<string, DemandEvent[]>();
    // In slices: one IndexedDB read per slice, and the page can show progress between them.
    const SLICE = 200;
    for (let i = 0; i < ids.length; i += SLICE) {
      const slice = ids.slice(i, i + SLICE);
      const recs = await db.updates.where('docId').anyOf(slice).toArray();
      const byDoc = new Map<string, Uint8Array[]>();
      for (const r of recs) {
        const list = byDoc.get(r.docId);
        if (list) list.push(r.update);
        else byDoc.set(r.docId, [r.update]);
      }
      for (const id of slice) {
        const doc = new Y.Doc();
        const updates = byDoc.get(id) ?? [];
        if (updates.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(updates));
        out.set(id, readDemandEvents(doc).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)));
        doc.destroy();
      }
      onProgress?.(Math.min(ids.length, i + SLICE));
    }
    return out;
  };

  return {
    demandHistories,
    rows: issues.rows,
    demandRows: demands.rows,
    demandById,
    loading: () => issues.loading() || demands.loading(),
    create,
    open,
  };
}
