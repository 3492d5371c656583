/**
 * What read access to each enterprise doc depends on (its team and responsible person), for every doc
 * the store holds: built from the stored rows at start, kept current from every committed row. Checks
 * on the hot path (every Feed frame, every Sync step 1) read this map instead of loading docs.
 */
import { type AccessKey, canReadEnterprise, docKind, type Org, type Principal, principalFor } from '@bangqi/shared';
import type { Persistence } from '../persistence/types.ts';
import type { AccessChange } from '../accounts/types.ts';

const LOAD_PAGE = 1000;

/** The access key an EnterpriseRow (JSON) carries; rows stored before assignments existed lack it ('' = unassigned). */
export function accessKeyOfRow(row: string): AccessKey {
  let parsed: unknown = null;
  try {
    parsed = row === '' ? null : JSON.parse(row);
  } catch {
    // a row that does not parse reads as unassigned: only the whole-district roles see the doc
  }
  const field = (name: string) => {
    const value = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>)[name] : undefined;
    return typeof value === 'string' ? value : '';
  };
  return { teamId: field('teamId'), responsibleId: field('responsibleId') };
}

export const sameKey = (a: AccessKey, b: AccessKey) => a.teamId === b.teamId && a.responsibleId === b.responsibleId;

/**
 * May `p` read `docId` whose key is `key` (null: the doc does not exist yet)? Enterprise docs follow
 * canReadEnterprise; a doc that does not exist holds nothing to protect; other kinds have no readers
 * until a feature defines their rules.
 */
export function canReadDoc(p: Principal, docId: string, key: AccessKey | null): boolean {
  if (docKind(docId) !== 'ent') return false;
  return key === null || canReadEnterprise(p, key);
}

export interface IndexedDoc {
  key: AccessKey;
  /** seq of the doc's last change */
  seq: number;
  /** its materialized row, for the Feed frame of a doc sent in full */
  row: string;
}

export class AccessIndex {
  private readonly docs = new Map<string, IndexedDoc>();

  /** Only enterprise docs have an access key. */
  tracks(docId: string): boolean {
    return docKind(docId) === 'ent';
  }

  /** Reads every stored doc's row (paged) into the index. */
  async load(store: Persistence): Promise<void> {
    let cursor = 0;
    for (;;) {
      const page = await store.changesSince(cursor, LOAD_PAGE);
      for (const { docId, seq, row } of page) {
        if (this.tracks(docId)) this.docs.set(docId, { key: accessKeyOfRow(row), seq, row });
      }
      if (page.length < LOAD_PAGE) return;
      cursor = page[page.length - 1]!.seq;
    }
  }

  /** The doc's entry, or undefined when nothing was ever stored for it. */
  get(docId: string): IndexedDoc | undefined {
    return this.docs.get(docId);
  }

  /** Records the doc's committed state; returns the entry before it (undefined for a new doc). */
  set(docId: string, entry: IndexedDoc): IndexedDoc | undefined {
    const before = this.docs.get(docId);
    this.docs.set(docId, entry);
    return before;
  }

  *keys(): Generator<[string, AccessKey]> {
    for (const [docId, { key }] of this.docs) yield [docId, key];
  }

  get size(): number {
    return this.docs.size;
  }
}

/** Who gains or loses read access to one doc when its key changes, over the active users of `org`. */
export function readerChangesForDoc(org: Pick<Org, 'users' | 'teams'>, docId: string, before: AccessKey, after: AccessKey, seq: number): AccessChange[] {
  const changes: AccessChange[] = [];
  for (const user of org.users) {
    const p = principalFor(org, user.id);
    if (!p) continue;
    const was = canReadDoc(p, docId, before);
    const now = canReadDoc(p, docId, after);
    if (was !== now) changes.push({ userId: user.id, docId, seq, readable: now });
  }
  return changes;
}

/** What read access depends on in a principal (null: unknown or disabled user). */
function accessProfile(p: Principal | null): string {
  return p ? JSON.stringify([p.role, [...p.teamIds].sort(), [...p.ledTeamIds].sort()]) : '';
}

/** True when `a` and `b` may read exactly the same docs (same role, teams and led teams). */
export function sameAccess(a: Principal, b: Principal): boolean {
  return accessProfile(a) === accessProfile(b);
}

/**
 * Which users gain or lose read access to which docs when the org changes from `before` to `after`
 * (a role, team, lead or disabled flag changed). Users whose access profile is unchanged are skipped.
 */
export function readerChangesForOrg(before: Pick<Org, 'users' | 'teams'>, after: Pick<Org, 'users' | 'teams'>, index: AccessIndex, seq: number): AccessChange[] {
  const changes: AccessChange[] = [];
  const ids = new Set([...before.users.map((u) => u.id), ...after.users.map((u) => u.id)]);
  for (const userId of ids) {
    const pb = principalFor(before, userId);
    const pa = principalFor(after, userId);
    if (accessProfile(pb) === accessProfile(pa)) continue;
    for (const [docId, key] of index.keys()) {
      const was = pb !== null && canReadDoc(pb, docId, key);
      const now = pa !== null && canReadDoc(pa, docId, key);
      if (was !== now) changes.push({ userId, docId, seq, readable: now });
    }
  }
  return changes;
}
