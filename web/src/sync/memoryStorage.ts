/**
 * SyncStorage in memory, for Node (tests, the benchmark). Same semantics as the Dexie storage:
 * feed bytes are stored as they are, rows taken from the relay unless the doc has pending entries.
 */
import { Reason, type EnterpriseRow } from '@bangqi/shared';
import { feedRow, rowFromUpdates } from './rows.ts';
import type { FeedEntry, OutboxEntry, SyncCursor, SyncStorage } from './types.ts';

export class MemorySyncStorage implements SyncStorage {
  cursor: SyncCursor = { lastSeq: 0, epoch: '' };
  readonly updates = new Map<string, Uint8Array[]>();
  readonly rows = new Map<string, EnterpriseRow>();
  /** ref → entry; Map keeps insertion (= ref) order */
  readonly outbox = new Map<number, OutboxEntry>();
  readonly refused: (OutboxEntry & { reason: string })[] = [];
  readonly resets = new Set<string>();
  lastSyncedAt: number | null = null;
  private nextRef = 1;

  /** A local update: appended to the doc's log and the outbox (what the doc store does). */
  addLocal(docId: string, update: Uint8Array, row?: EnterpriseRow | null): number {
    this.append(docId, update);
    if (row) this.rows.set(docId, row);
    const ref = this.nextRef++;
    this.outbox.set(ref, { ref, docId, update });
    return ref;
  }

  private append(docId: string, update: Uint8Array): void {
    const log = this.updates.get(docId);
    if (log) log.push(update);
    else this.updates.set(docId, [update]);
  }

  async getCursor(): Promise<SyncCursor> {
    return { ...this.cursor };
  }
  async setCursor(cursor: SyncCursor): Promise<void> {
    this.cursor = { ...cursor };
  }
  async readOutbox(afterRef: number, limit: number): Promise<OutboxEntry[]> {
    const out: OutboxEntry[] = [];
    for (const entry of this.outbox.values()) {
      if (entry.ref <= afterRef) continue;
      out.push(entry);
      if (out.length >= limit) break;
    }
    return out;
  }
  async pendingCount(): Promise<number> {
    return this.outbox.size;
  }
  async ack(ref: number, seq: number): Promise<void> {
    this.outbox.delete(ref);
    const aside = this.refused.findIndex((r) => r.ref === ref);
    if (aside >= 0) this.refused.splice(aside, 1);
    if (seq > this.cursor.lastSeq) this.cursor.lastSeq = seq;
  }
  async refuseDoc(docId: string, ref: number, reason: string): Promise<boolean> {
    if (!this.outbox.has(ref)) return false;
    for (const entry of [...this.outbox.values()]) {
      if (entry.docId !== docId || entry.ref < ref) continue;
      this.outbox.delete(entry.ref);
      this.refused.push({ ...entry, reason: entry.ref === ref ? reason : Reason.MissingDependency });
    }
    this.updates.delete(docId);
    this.resets.add(docId);
    return true;
  }
  async pendingResets(): Promise<string[]> {
    return [...this.resets];
  }
  async appendRemote(docId: string, update: Uint8Array): Promise<void> {
    this.append(docId, update);
  }
  async finishReset(docId: string, update: Uint8Array | null): Promise<void> {
    if (update) this.append(docId, update);
    const row = rowFromUpdates(docId, this.updates.get(docId) ?? []);
    if (row?.kind === 'ent') this.rows.set(docId, row.row);
    this.resets.delete(docId);
  }
  async revokeDoc(docId: string, reason: string): Promise<void> {
    for (const entry of [...this.outbox.values()]) {
      if (entry.docId !== docId) continue;
      this.outbox.delete(entry.ref);
      this.refused.push({ ...entry, reason });
    }
    this.updates.delete(docId);
    this.rows.delete(docId);
    this.resets.delete(docId);
  }
  async refusedCount(): Promise<number> {
    return this.refused.length;
  }
  async storeFeed(entries: FeedEntry[]): Promise<void> {
    const pending = new Set([...this.outbox.values()].map((e) => e.docId));
    for (const entry of entries) {
      this.append(entry.docId, entry.update);
      const row = feedRow(entry.docId, entry.row, pending.has(entry.docId), () => this.updates.get(entry.docId) ?? []);
      if (row?.kind === 'ent') this.rows.set(entry.docId, row.row);
      if (entry.seq > this.cursor.lastSeq) this.cursor.lastSeq = entry.seq;
    }
  }
  async getLastSyncedAt(): Promise<number | null> {
    return this.lastSyncedAt;
  }
  async setLastSyncedAt(at: number): Promise<void> {
    this.lastSyncedAt = at;
  }
}
