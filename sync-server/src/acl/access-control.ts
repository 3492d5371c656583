/**
 * The relay's read access control: the access index, who may read which doc right now, the per-user
 * access-change log a reconnecting device is caught up from, and telling live sockets when they gain
 * or lose a doc (a commit that reassigns it, or an org change). See docs/protocol.md "Access".
 */
import { type AccessKey, docKind, type Org, type Principal, readAssignmentHistory } from '@bangqi/shared';
import type * as Y from 'yjs';
import type { AccountsService } from '../accounts/service-types.ts';
import type { AccessChange } from '../accounts/types.ts';
import type { Logger } from '../log.ts';
import type { Persistence } from '../persistence/types.ts';
import type { CommitEvent } from '../rooms.ts';
import {
  AccessIndex,
  canReadDoc,
  type DocKey,
  enterpriseKeyForWrite,
  readerChangesForDoc,
  readerChangesForOrg,
  sameDocKey,
  sameKey,
  storedKeyOfRow,
} from './access-index.ts';

/** A socket that must hear about access changes (both endpoints, after authentication). */
export interface AccessSubject {
  /**
   * the doc's key changed from `before` (null: the doc is new) to `after` by the commit `event`. The
   * commit may be of another doc (`event.room.docId !== docId`): a reassigned file moves its demands.
   */
  accessChanged(docId: string, before: DocKey | null, after: DocKey, event: CommitEvent): void;
  /** users or teams changed: re-read the principal and what it may read */
  orgChanged(): void;
}

export class AccessControl {
  readonly index = new AccessIndex();
  readonly subjects = new Set<AccessSubject>();
  /**
   * (user, device, doc) whose loss of the doc was audited, until the device can read it again. One loss
   * reaches a device several times (live Revoke, then its Sync step 1 or a reconnect from an older seq);
   * the audit log keeps one row per device and loss. In memory: after a restart a repeat is logged once more.
   */
  private readonly revocationsAudited = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly accounts: AccountsService,
    private readonly store: Persistence,
    private readonly log: Logger,
    /** runs `fn` inside the write queue (Rooms.exclusive) */
    private readonly exclusive: (fn: () => Promise<void>) => Promise<void>,
  ) {
    this.unsubscribe = accounts.onOrgChange((before, after) => {
      this.orgChanged(before, after).catch((err: unknown) => log.error({ err }, 'applying an org change to access failed'));
    });
  }

  /** Builds the index from the stored rows (before the relay listens). */
  async load(): Promise<void> {
    const started = performance.now();
    await this.index.load(this.store);
    this.log.info({ docs: this.index.size, ms: Math.round(performance.now() - started) }, 'access index loaded');
  }

  canRead(p: Principal, docId: string): boolean {
    return canReadDoc(p, docId, this.index.keyOf(docId));
  }

  /** The enterprise file's current key for write checks of its demands (`loaded`: the file's doc in memory, if any). */
  enterpriseKey(enterpriseId: string, loaded?: Y.Doc): AccessKey {
    return enterpriseKeyForWrite(this.index, enterpriseId, loaded);
  }

  /** True the first time the device of `p` is told it may not read `docId` (since it last could). */
  firstRevocation(p: Principal, docId: string): boolean {
    const key = revocationKey(p, docId);
    if (this.revocationsAudited.has(key)) return false;
    this.revocationsAudited.add(key);
    return true;
  }

  /** The device of `p` reads `docId` (again): a later loss is a new one. */
  readable(p: Principal, docId: string): void {
    this.revocationsAudited.delete(revocationKey(p, docId));
  }

  /**
   * A commit: keep the index current and, when it changed who may read the doc, record who gained or
   * lost it (for devices that are offline now) and tell the live sockets; an enterprise file's new
   * assignment is audited and moves the file's demands with it. Runs inside the write queue, before the
   * commit is broadcast.
   */
  committed(event: CommitEvent): void {
    const { room, seq, row } = event;
    const { docId } = room;
    const stored = storedKeyOfRow(docId, row);
    if (!stored) return;
    const previous = this.index.set(docId, { key: stored, seq, row });
    const before = previous ? this.index.resolve(docId, previous.key) : null;
    const after = this.index.resolve(docId, stored);
    if (docKind(docId) === 'ent') {
      const from = (previous?.key ?? { teamId: '', responsibleId: '' }) as AccessKey;
      const to = stored as AccessKey;
      if (!sameKey(from, to)) {
        this.auditAssignment(event, from, to);
        // its demands are read through the file's key: they change hands with it
        for (const demandId of this.index.demandsOfEnterprise(docId)) {
          const entry = this.index.get(demandId)!;
          this.changeReaders(demandId, this.index.resolve(demandId, entry.key, from), this.index.resolve(demandId, entry.key, to), event);
        }
      }
    }
    if (before && sameDocKey(before, after)) return;
    this.changeReaders(docId, before, after, event);
  }

  /** A doc's key changed from `before` (null: new doc) to `after`: log who gained or lost it, tell the sockets. */
  private changeReaders(docId: string, before: DocKey | null, after: DocKey, event: CommitEvent): void {
    if (before && sameDocKey(before, after)) return;
    // A new doc reaches its readers as their first change of it; only an existing doc changes hands.
    if (before) this.record(readerChangesForDoc(this.accounts.org(), docId, before, after, event.seq));
    for (const subject of this.subjects) subject.accessChanged(docId, before, after, event);
  }

  private auditAssignment(event: CommitEvent, from: AccessKey, to: AccessKey): void {
    const last = readAssignmentHistory(event.room.doc).at(-1);
    this.accounts.audit({
      at: Date.now(),
      actor: event.origin.principal?.userId ?? '',
      deviceId: event.origin.principal?.deviceId ?? '',
      action: 'assignment-changed',
      docId: event.room.docId,
      detail: { from, to, reason: last?.reason ?? '', seq: event.seq },
    });
  }

  /** Users or teams changed: record who gained or lost which docs, then let every live socket re-check. */
  private async orgChanged(before: Org, after: Org): Promise<void> {
    await this.exclusive(async () => {
      // inside the write queue: no commit gets a seq between this head and the notifications
      const head = await this.store.headSeq();
      const changes = readerChangesForOrg(before, after, this.index, head);
      if (changes.length > 0) await this.accounts.store.recordAccessChanges(changes);
      this.log.info({ changes: changes.length, seq: head }, 'org change applied to access');
      for (const subject of this.subjects) subject.orgChanged();
    });
  }

  private record(changes: AccessChange[]): void {
    if (changes.length === 0) return;
    this.accounts.store
      .recordAccessChanges(changes)
      .catch((err: unknown) => this.log.error({ err, changes: changes.length }, 'recording access changes failed'));
  }

  close(): void {
    this.unsubscribe();
    this.subjects.clear();
  }
}

const revocationKey = (p: Principal, docId: string) => `${p.userId}\n${p.deviceId}\n${docId}`;
