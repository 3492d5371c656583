/**
 * Docs in memory, only while they are open (ref-counted), persisted to IndexedDB.
 *
 * - open: merge the doc's stored updates; compact the log when it grew past `compactAt` entries.
 * - local update: written to `updates` + `outbox` + its materialized row in ONE transaction, and only
 *   then handed to sync (`outboxChanged`), which reads the outbox itself.
 * - remote update (Sync step 2/update for an open doc): stored, then applied; the row is rewritten.
 *   (Feed frames are stored by the sync storage and only applied here.)
 * - release: when the last holder lets go, pending writes finish, sync detaches, the doc is destroyed.
 * - refused / revoked (sync events): the doc on screen is cut off — its later local edits go straight to
 *   the `refused` table (they build on a refused change, or the user lost access), never to the outbox —
 *   and the next acquire loads a new Y.Doc (new clientID) from the reset log. Listeners hear 'reset' once
 *   the relay's state is stored, so a page can reopen the doc.
 * - journal: a local update is also recorded synchronously (Web Storage) the moment it is made and
 *   removed once its IndexedDB write committed; what is left (the page went away mid-write) is written
 *   to IndexedDB at the next start, before any doc is loaded.
 */
import * as Y from 'yjs';
import { Reason, materializeDoc, type MaterializedRow } from '@bangqi/shared';
import { putRows, rowTables, type AppDb } from '../storage/db.ts';
import type { UpdateJournal } from '../storage/journal.ts';
import { describeChange, snapshotOf, type ChangeSnapshot } from './changeSummary.ts';
import { REMOTE_ORIGIN, type AttachedDoc, type DocEvent, type OpenDocHost, type PresenceState } from '../sync/engine.ts';

/** Origin of the updates merged from IndexedDB at open: neither re-stored nor re-sent. */
const LOAD_ORIGIN = Symbol('load');

/** The part of the sync engine the doc store uses. */
export interface DocSyncPort {
  outboxChanged(): void;
  attach(docId: string, host: OpenDocHost): AttachedDoc;
  onDocEvent?(listener: (e: DocEvent) => void): () => void;
}

export interface DocStoreOptions {
  db: AppDb;
  sync?: DocSyncPort;
  /** compact a doc's update log into one entry once it has more entries than this */
  compactAt?: number;
  /** synchronous write-ahead record of local updates (see storage/journal.ts) */
  journal?: UpdateJournal;
  onError?: (err: unknown) => void;
}

export interface DocHandle {
  readonly docId: string;
  readonly doc: Y.Doc;
  /** resolves once the stored updates are merged into `doc` */
  readonly ready: Promise<void>;
  /** others viewing this doc (awareness); no-op without sync */
  onPresence(listener: (others: PresenceState[]) => void): () => void;
  setPresence(user: { id: string; name: string }): void;
  /** resolves when every update made so far is in IndexedDB */
  flush(): Promise<void>;
  release(): void;
}

interface Entry {
  doc: Y.Doc;
  refs: number;
  ready: Promise<void>;
  /** serializes this doc's writes (local persist, remote store, compaction) */
  chain: Promise<void>;
  logCount: number;
  attached: AttachedDoc | null;
  closing: Promise<void> | null;
  /** local updates not yet in IndexedDB because their write failed */
  unsaved: Uint8Array[];
  /** journal keys of the updates in `unsaved` */
  unsavedKeys: string[];
  /** set when the doc was refused or revoked: local edits go to `refused` with this reason */
  deadReason: string | null;
  /** the doc as it was after its last local edit went aside (what the next one is described against) */
  deadSnapshot: ChangeSnapshot | null;
}

export class DocStore {
  private readonly docs = new Map<string, Entry>();
  private readonly compactAt: number;
  /** the journal left by the previous page, written to IndexedDB (docs load after it) */
  readonly recovered: Promise<void>;
  private readonly listeners = new Set<(e: DocEvent) => void>();

  constructor(private readonly opts: DocStoreOptions) {
    this.compactAt = opts.compactAt ?? 100;
    this.recovered = this.recoverJournal().catch((err) => this.opts.onError?.(err));
    opts.sync?.onDocEvent?.((e) => this.onSyncEvent(e));
  }

  /** Refused / reset / revoked docs, after the store has dealt with them. Returns the unsubscribe function. */
  onDocEvent(listener: (e: DocEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private onSyncEvent(e: DocEvent): void {
    const entry = this.docs.get(e.docId);
    if (entry && e.kind !== 'reset') {
      // The engine already stopped its traffic; holders keep the old doc until they release it.
      entry.deadReason = e.kind === 'revoked' ? Reason.AccessRevoked : Reason.MissingDependency;
      entry.deadSnapshot = snapshotOf(entry.doc);
      entry.attached = null;
      this.docs.delete(e.docId);
    }
    for (const l of this.listeners) l(e);
  }

  /** Opens (or shares) a doc. Every call must be matched by one `release()` on its handle. */
  acquire(docId: string): DocHandle {
    let entry = this.docs.get(docId);
    if (!entry) {
      entry = this.load(docId);
      this.docs.set(docId, entry);
    }
    entry.refs++;
    const e = entry;
    let released = false;
    return {
      docId,
      doc: e.doc,
      ready: e.ready,
      onPresence: (listener) => e.attached?.onPresence(listener) ?? (() => {}),
      setPresence: (user) => e.attached?.awareness.setLocalStateField('user', user),
      flush: () => e.chain,
      release: () => {
        if (released) return;
        released = true;
        this.release(docId, e);
      },
    };
  }

  isOpen(docId: string): boolean {
    return this.docs.has(docId);
  }

  /** Waits for every open doc's pending writes (before an app update reloads the page). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.docs.values()].map((e) => e.chain));
  }

  private load(docId: string): Entry {
    const doc = new Y.Doc();
    const entry: Entry = {
      doc,
      refs: 0,
      ready: Promise.resolve(),
      chain: Promise.resolve(),
      logCount: 0,
      attached: null,
      closing: null,
      unsaved: [],
      unsavedKeys: [],
      deadReason: null,
      deadSnapshot: null,
    };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOAD_ORIGIN) return;
      if (origin === REMOTE_ORIGIN) this.enqueue(entry, () => this.putRow(docId, doc));
      else {
        const key = this.opts.journal?.add(docId, update) ?? null;
        this.enqueue(entry, () => this.persistLocal(docId, entry, update, key, this.rowOf(docId, doc)));
      }
    });
    entry.ready = (async () => {
      await this.recovered;
      const recs = await this.opts.db.updates.where('docId').equals(docId).toArray();
      if (recs.length > 0) Y.applyUpdate(doc, Y.mergeUpdates(recs.map((r) => r.update)), LOAD_ORIGIN);
      entry.logCount = recs.length;
      if (entry.logCount > this.compactAt) this.enqueue(entry, () => this.compact(docId, entry));
      // Attach after loading, so Sync step 1 carries the real state vector (the relay then sends
      // only what is missing, including anything stored between our read and now).
      if (this.docs.get(docId) === entry && entry.refs > 0) this.attach(docId, entry);
    })();
    entry.chain = entry.ready.catch((err) => this.opts.onError?.(err));
    return entry;
  }

  private attach(docId: string, entry: Entry): void {
    if (!this.opts.sync) return;
    entry.attached = this.opts.sync.attach(docId, { doc: entry.doc, receive: (u) => this.receive(docId, entry, u) });
  }

  private enqueue(entry: Entry, task: () => Promise<void>): void {
    entry.chain = entry.chain.then(task).catch((err) => {
      console.error('[docStore]', err);
      this.opts.onError?.(err);
    });
  }

  private rowOf(docId: string, doc: Y.Doc): MaterializedRow | null {
    return materializeDoc(docId, doc);
  }

  private async persistLocal(
    docId: string,
    entry: Entry,
    update: Uint8Array,
    journalKey: string | null,
    row: MaterializedRow | null,
  ): Promise<void> {
    const { db } = this.opts;
    // Updates whose write failed (full disk…) are merged into the next attempt, never dropped.
    const bytes = entry.unsaved.length > 0 ? Y.mergeUpdates([...entry.unsaved, update]) : update;
    const keys = journalKey === null ? entry.unsavedKeys : [...entry.unsavedKeys, journalKey];
    if (entry.deadReason !== null) {
      // Cut off from the relay: kept for the user (未同步/被拒修改), never queued.
      const now = Date.now();
      const after = snapshotOf(entry.doc);
      const changes = entry.deadSnapshot ? describeChange(entry.deadSnapshot, after) : [];
      entry.deadSnapshot = after;
      await db.refused.add({ ref: 0, docId, update: bytes, reason: entry.deadReason, refusedAt: now, createdAt: now, name: rowName(row), changes });
      this.opts.journal?.remove(keys);
      entry.unsaved = [];
      entry.unsavedKeys = [];
      this.opts.sync?.outboxChanged();
      return;
    }
    try {
      await db.transaction('rw', [db.updates, db.outbox, ...rowTables(db)], async () => {
        await db.updates.add({ docId, update: bytes });
        await db.outbox.add({ docId, update: bytes, createdAt: Date.now() });
        if (row) await putRows(db, [row]);
      });
    } catch (err) {
      entry.unsaved = [bytes];
      entry.unsavedKeys = keys;
      throw err;
    }
    this.opts.journal?.remove(keys);
    entry.unsaved = [];
    entry.unsavedKeys = [];
    entry.logCount++;
    this.opts.sync?.outboxChanged();
    if (entry.logCount > this.compactAt) await this.compact(docId, entry);
  }

  /**
   * Writes the updates a previous page recorded in the journal but did not get into IndexedDB (update
   * log + outbox + row, one transaction per doc), then forgets them. A journal entry whose write did
   * commit is stored twice: harmless, Y updates are idempotent and the relay acks a no-op resend.
   */
  private async recoverJournal(): Promise<void> {
    const { db, journal } = this.opts;
    const entries = journal?.entries() ?? [];
    if (!journal || entries.length === 0) return;
    const byDoc = new Map<string, typeof entries>();
    for (const e of entries) byDoc.set(e.docId, [...(byDoc.get(e.docId) ?? []), e]);
    for (const [docId, list] of byDoc) {
      const bytes = Y.mergeUpdates(list.map((e) => e.update));
      await db.transaction('rw', [db.updates, db.outbox, ...rowTables(db)], async () => {
        const stored = await db.updates.where('docId').equals(docId).toArray();
        const doc = new Y.Doc();
        Y.applyUpdate(doc, Y.mergeUpdates([...stored.map((r) => r.update), bytes]));
        const row = this.rowOf(docId, doc);
        doc.destroy();
        await db.updates.add({ docId, update: bytes });
        await db.outbox.add({ docId, update: bytes, createdAt: Date.now() });
        if (row) await putRows(db, [row]);
      });
      journal.remove(list.map((e) => e.key));
    }
    this.opts.sync?.outboxChanged();
  }

  private async putRow(docId: string, doc: Y.Doc): Promise<void> {
    const row = this.rowOf(docId, doc);
    if (row) await putRows(this.opts.db, [row]);
  }

  /** A remote update for an open doc: stored first, then applied (the update handler rewrites the row). */
  private receive(docId: string, entry: Entry, update: Uint8Array): Promise<void> {
    this.enqueue(entry, async () => {
      await this.opts.db.updates.add({ docId, update });
      entry.logCount++;
      Y.applyUpdate(entry.doc, update, REMOTE_ORIGIN);
    });
    return entry.chain;
  }

  /**
   * Replaces the doc's update log by one merged entry. Reads and deletes the same entries in one
   * transaction, so an update appended meanwhile (feed) is never lost. The outbox keeps its own copies.
   */
  private async compact(docId: string, entry: Entry): Promise<void> {
    const { db } = this.opts;
    await db.transaction('rw', db.updates, async () => {
      const recs = await db.updates.where('docId').equals(docId).toArray();
      if (recs.length <= 1) return;
      const merged = Y.mergeUpdates(recs.map((r) => r.update));
      await db.updates.bulkDelete(recs.map((r) => r.id!));
      await db.updates.add({ docId, update: merged });
    });
    entry.logCount = 1;
  }

  private release(docId: string, entry: Entry): void {
    entry.refs--;
    if (entry.refs > 0 || entry.closing) return;
    entry.closing = (async () => {
      await entry.ready.catch(() => {});
      await entry.chain;
      if (entry.refs > 0) {
        entry.closing = null; // re-acquired while we were flushing
        if (!entry.attached && entry.deadReason === null) this.attach(docId, entry);
        return;
      }
      entry.attached?.detach();
      entry.attached = null;
      if (this.docs.get(docId) === entry) this.docs.delete(docId);
      entry.doc.destroy();
    })();
  }
}

/** What the refused list calls the doc: the file's name or the demand's title. */
function rowName(row: MaterializedRow | null): string {
  if (!row) return '';
  return row.kind === 'ent' ? row.row.name : row.row.title;
}
