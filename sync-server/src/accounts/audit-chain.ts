/**
 * The audit log's hash chain: each entry's hash covers its fields and the previous entry's hash, so
 * changing, removing or reordering any entry breaks every hash after it. `npm run audit:verify` walks it.
 */
import type { AuditEntry } from '@bangqi/shared';
import { createHash } from 'node:crypto';

/** Hex SHA-256 over the canonical form of an entry (everything but `hash`). */
export function auditHash(e: Omit<AuditEntry, 'hash'>): string {
  const canonical = JSON.stringify([e.id, e.at, e.actor, e.deviceId, e.action, e.docId, e.detail, e.prevHash]);
  return createHash('sha256').update(canonical).digest('hex');
}

export type ChainProblem = { id: number; problem: 'hash-mismatch' | 'broken-link' | 'gap' };

/** Checks consecutive entries (id order, starting after `prev`); returns the first problem or null. */
export function verifyChainSegment(entries: readonly AuditEntry[], prev: Pick<AuditEntry, 'id' | 'hash'> | null): ChainProblem | null {
  let last = prev;
  for (const e of entries) {
    const expectedId = (last?.id ?? 0) + 1;
    if (e.id !== expectedId) return { id: e.id, problem: 'gap' };
    if (e.prevHash !== (last?.hash ?? '')) return { id: e.id, problem: 'broken-link' };
    if (auditHash(e) !== e.hash) return { id: e.id, problem: 'hash-mismatch' };
    last = e;
  }
  return null;
}

/**
 * Numbers and chains `inputs` after `last` (the newest stored entry, null for an empty log). The hash is
 * taken over the detail as it will read back from its stored JSON text (`detailText`), so values JSON
 * drops or changes (undefined, Date, NaN) cannot make a stored entry fail verification.
 */
export function chainEntries(
  inputs: readonly Omit<AuditEntry, 'id' | 'prevHash' | 'hash'>[],
  last: Pick<AuditEntry, 'id' | 'hash'> | null,
): { entry: AuditEntry; detailText: string }[] {
  let id = last?.id ?? 0;
  let prevHash = last?.hash ?? '';
  return inputs.map((input) => {
    const detailText = JSON.stringify(input.detail ?? {});
    const unhashed = {
      id: ++id,
      at: input.at,
      actor: input.actor,
      deviceId: input.deviceId,
      action: input.action,
      docId: input.docId,
      detail: JSON.parse(detailText) as Record<string, unknown>,
      prevHash,
    };
    const entry: AuditEntry = { ...unhashed, hash: auditHash(unhashed) };
    prevHash = entry.hash;
    return { entry, detailText };
  });
}

/**
 * The stored detail text as an object. Text that is no longer JSON (edited in the database) comes back
 * as `{ unreadable: text }`, which cannot hash to the stored hash: verification reports that entry.
 */
export function parseDetail(text: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { unreadable: text };
  }
}

/** `AuditFilter.limit` as the stores apply it: default 100, between 1 and 1000. */
export function auditPageSize(limit: number | undefined): number {
  return Math.min(Math.max(Math.floor(limit ?? 100), 1), 1000);
}
