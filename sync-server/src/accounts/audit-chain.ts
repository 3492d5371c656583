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
