/**
 * SyncStorage over the app's IndexedDB (see sync/types.ts for the contract). Feed batches are written
 * in one transaction each, with the new lastSeq, and never instantiate a Y.Doc unless the doc has
 * unsent local edits (then its row is re-materialized from the stored log instead of taking the relay's).
 */
import type { EnterpriseRow } from '@bangqi/shared';
import { getMeta, setMeta, type AppDb } from '../storage/db.ts';
import { feedRow, parseRow } from '../sync/rows.ts';
import type { FeedEntry, OutboxEntry, SyncCursor, SyncStorage } from '../sync/types.ts';

export const META_LAST_SEQ = 'lastSeq';
export const META_EPOCH = 'epoch';
export const META_LAST_SYNCED = 'lastSyncedAt';

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
    await db.transaction('rw', db.outbox, db.meta, async () => {
      await db.outbox.delete(ref);
      await this.raiseLastSeq(seq);
    });
  }

  private async raiseLastSeq(seq: number): Promise<void> {
    const current = await getMeta(this.db, META_LAST_SEQ, 0);
    if (seq > current) await setMeta(this.db, META_LAST_SEQ, seq);
  }

  async refuse(ref: number, reason: string): Promise<void> {
    const { db } = this;
    await db.transaction('rw', db.outbox, db.refused, async () => {
      const entry = await db.outbox.get(ref);
      if (!entry) return;
      await db.refused.add({ ref, docId: entry.docId, update: entry.update, reason, refusedAt: Date.now() });
      await db.outbox.delete(ref);
    });
  }

  refusedCount(): Promise<number> {
    return this.db.refused.count();
  }

  async storeFeed(entries: FeedEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const { db } = this;
    await db.transaction('rw', [db.updates, db.outbox, db.enterprises, db.meta], async () => {
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
      const rows = new Map<string, EnterpriseRow>();
      let maxSeq = 0;
      for (const e of entries) {
        maxSeq = Math.max(maxSeq, e.seq);
        const row = feedRow(e.docId, e.row, pending.has(e.docId), () => logs.get(e.docId) ?? [e.update]);
        if (row) rows.set(e.docId, row);
      }
      if (rows.size > 0) await db.enterprises.bulkPut([...rows.values()]);
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
