/**
 * SyncStorage over the app's IndexedDB (see sync/types.ts for the contract). Feed batches are written
 * in one transaction each, with the new lastSeq, and never instantiate a Y.Doc unless the doc has
 * unsent local edits (then its row is re-materialized from the stored log instead of taking the relay's).
 */
import { Reason, type MaterializedRow } from '@bangqi/shared';
import { deleteRow, getMeta, putRows, rowTables, setMeta, type AppDb } from '../storage/db.ts';
import { feedRow, parseRow, rowFromUpdates } from '../sync/rows.ts';
import { describeMoved, type ChangeLine } from './changeSummary.ts';
import type { FeedEntry, OutboxEntry, SyncCursor, SyncStorage } from '../sync/types.ts';

export const META_LAST_SEQ = 'lastSeq';
export const META_EPOCH = 'epoch';
export const META_LAST_SYNCED = 'lastSyncedAt';
/** docs waiting for their relay state after a refusal */
export const META_RESETS = 'resetDocs';

export class DexieSyncStorage implements SyncStorage {
  constructor(private readonly db: AppDb) {}

  async getCursor(): Promise<SyncCursor> {
    const [lastSeq, epoch] = await Promise.all([getMeta(this.db, META_LAST_SEQ, 0), getMeta(this.db, META_EPOCH, '')]);
    return { lastSeq, epoch };
  }

  async setCursor(cursor: SyncCursor): Promise<void> {
    await this.db.meta.bulkPut([
      { key: META_LAST_SEQ, value: cursor.lastSeq },
      { key: META_EPOCH, value: cursor.epoch },
    ]);
  }

  async readOutbox(afterRef: number, limit: number): Promise<OutboxEntry[]> {
    const recs = await this.db.outbox.where(':id').above(afterRef).limit(limit).toArray();
    return recs.map((r) => ({ ref: r.id!, docId: r.docId, update: r.update }));
  }

  pendingCount(): Promise<number> {
    return this.db.outbox.count();
  }

  async ack(ref: number, seq: number): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.outbox, db.refused, db.meta, async () => {
      await db.outbox.delete(ref);
      // Moved aside behind a refused entry, but the relay took it after all: it is not refused.
      await db.refused.where('ref').equals(ref).delete();
      await this.raiseLastSeq(seq);
    });
  }

  private async raiseLastSeq(seq: number): Promise<void> {
    const current = await getMeta(this.db, META_LAST_SEQ, 0);
    if (seq > current) await setMeta(this.db, META_LAST_SEQ, seq);
  }

  async refuseDoc(docId: string, ref: number, reason: string): Promise<boolean> {
    const { db } = this;
    return db.transaction('rw', [db.outbox, db.refused, db.updates, ...rowTables(db), db.meta], async () => {
      if (!(await db.outbox.get(ref))) return false;
      const entries = (await db.outbox.where('docId').equals(docId).toArray()).filter((e) => e.id! >= ref);
      const { name, changes } = await this.describe(docId, entries.map((e) => e.update));
      const refusedAt = Date.now();
      await db.refused.bulkAdd(
        entries.map((e, i) => ({
          ref: e.id!,
          docId,
          update: e.update,
          reason: e.id === ref ? reason : Reason.MissingDependency,
          refusedAt,
          createdAt: e.createdAt,
          name,
          changes: changes[i],
        })),
      );
      await db.outbox.bulkDelete(entries.map((e) => e.id!));
      await db.updates.where('docId').equals(docId).delete();
      const resets = await getMeta<string[]>(db, META_RESETS, []);
      if (!resets.includes(docId)) await setMeta(db, META_RESETS, [...resets, docId]);
      return true;
    });
  }

  /** The doc's name and what each of `moved` changed (read inside the caller's transaction). */
  private async describe(docId: string, moved: Uint8Array[]): Promise<{ name: string; changes: ChangeLine[][] }> {
    const name = (await this.db.enterprises.get(docId))?.name ?? (await this.db.demands.get(docId))?.title ?? '';
    if (moved.length === 0) return { name, changes: [] };
    const log = (await this.db.updates.where('docId').equals(docId).toArray()).map((r) => r.update);
    try {
      const described = describeMoved(log, moved);
      return { name: described.name || name, changes: described.changes };
    } catch (err) {
      // Bytes that are no Y update: the change is still kept, only without a readable summary.
      console.warn('[sync] cannot describe a refused change', err);
      return { name, changes: [] };
    }
  }

  pendingResets(): Promise<string[]> {
    return getMeta<string[]>(this.db, META_RESETS, []);
  }

  async appendRemote(docId: string, update: Uint8Array): Promise<void> {
    await this.db.updates.add({ docId, update });
  }

  async finishReset(docId: string, update: Uint8Array | null): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.updates, ...rowTables(db), db.meta], async () => {
      if (update) await db.updates.add({ docId, update });
      const row = rowFromUpdates(docId, (await db.updates.where('docId').equals(docId).toArray()).map((r) => r.update));
      if (row) await putRows(db, [row]);
      const resets = await getMeta<string[]>(db, META_RESETS, []);
      if (resets.includes(docId)) await setMeta(db, META_RESETS, resets.filter((id) => id !== docId));
    });
  }

  async revokeDoc(docId: string, reason: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', [db.outbox, db.refused, db.updates, ...rowTables(db), db.meta], async () => {
      const entries = await db.outbox.where('docId').equals(docId).toArray();
      const { name, changes } = await this.describe(docId, entries.map((e) => e.update));
      const refusedAt = Date.now();
      await db.refused.bulkAdd(
        entries.map((e, i) => ({ ref: e.id!, docId, update: e.update, reason, refusedAt, createdAt: e.createdAt, name, changes: changes[i] })),
      );
      await db.outbox.bulkDelete(entries.map((e) => e.id!));
      await db.updates.where('docId').equals(docId).delete();
      await deleteRow(db, docId);
      const resets = await getMeta<string[]>(db, META_RESETS, []);
      if (resets.includes(docId)) await setMeta(db, META_RESETS, resets.filter((id) => id !== docId));
    });
  }

  refusedCount(): Promise<number> {
    return this.db.refused.count();
  }

  async storeFeed(entries: FeedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const { db } = this;
    await db.transaction('rw', [db.updates, db.outbox, ...rowTables(db), db.meta], async () => {
      const docIds = [...new Set(entries.map((e) => e.docId))];
      const pending = new Set((await db.outbox.where('docId').anyOf(docIds).keys()) as string[]);
      await db.updates.bulkAdd(entries.map((e) => ({ docId: e.docId, update: e.update })));
      // Docs whose row must be built locally: unsent edits, or a relay row we cannot read.
      const needLog = new Set(pending);
      for (const e of entries) if (e.row !== '' && !parseRow(e.docId, e.row)) needLog.add(e.docId);
      const logs = new Map<string, Uint8Array[]>();
      for (const docId of needLog) {
        logs.set(docId, (await db.updates.where('docId').equals(docId).toArray()).map((r) => r.update));
      }
      const rows = new Map<string, MaterializedRow>();
      let maxSeq = 0;
      for (const e of entries) {
        maxSeq = Math.max(maxSeq, e.seq);
        const row = feedRow(e.docId, e.row, pending.has(e.docId), () => logs.get(e.docId) ?? [e.update]);
        if (row) rows.set(e.docId, row);
      }
      if (rows.size > 0) await putRows(db, [...rows.values()]);
      await this.raiseLastSeq(maxSeq);
    });
  }

  getLastSyncedAt(): Promise<number | null> {
    return getMeta<number | null>(this.db, META_LAST_SYNCED, null);
  }

  setLastSyncedAt(at: number): Promise<void> {
    return setMeta(this.db, META_LAST_SYNCED, at);
  }
}
