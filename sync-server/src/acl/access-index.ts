/**
 * What read access to each doc depends on, for every doc the store holds: built from the stored rows at
 * start, kept current from every committed row. Checks on the hot path (every Feed frame, every Sync
 * step 1) read this map instead of loading docs.
 *
 * Per kind (shared/src/ids.ts): an enterprise file its team and responsible person; a demand its
 * enterprise, the departments it is dispatched to and who raised it; a common issue its departments;
 * the settings doc nothing (everyone reads it). A demand is readable by whoever can read its enterprise
 * NOW, so the index also knows each enterprise's demands: reassigning the file moves them with it.
 */
import {
  type AccessKey,
  canReadConfig,
  canReadPolicyLibrary,
  canReadDemand,
  canReadEnterprise,
  canReadIssue,
  DOC_KINDS,
  type DocKind,
  docKind,
  type Org,
  type Principal,
  principalFor,
  readAssignment,
} from '@bangqi/shared';
import type * as Y from 'yjs';
import type { Persistence } from '../persistence/types.ts';
import type { AccessChange } from '../accounts/types.ts';

const LOAD_PAGE = 1000;

/** A demand's own access fields (its row's). */
export interface DemandKey {
  enterpriseId: string;
  departments: readonly string[];
  createdBy: string;
}

/** A demand's key with its enterprise's current key filled in: all its read access depends on. */
export interface ResolvedDemandKey {
  enterprise: AccessKey;
  departments: readonly string[];
  createdBy: string;
}

export interface IssueKey {
  departments: readonly string[];
}

/** The settings doc and the policy library: no key, every active user reads them. */
export type ConfigKey = Record<string, never>;

/** What the index stores per doc (its row's access fields). */
export type StoredKey = AccessKey | DemandKey | IssueKey | ConfigKey;

/**
 * What read access to a doc depends on right now, by the doc's kind: ent AccessKey, dem
 * ResolvedDemandKey, iss IssueKey, cfg and pol ConfigKey. Two equal keys (sameDocKey) mean the same readers.
 */
export type DocKey = AccessKey | ResolvedDemandKey | IssueKey | ConfigKey;

/** A key of no enterprise (unassigned, or a file the relay does not have): only the district roles read it. */
const NO_ENTERPRISE: AccessKey = { teamId: '', responsibleId: '' };

function parseRow(row: string): Record<string, unknown> {
  try {
    const parsed: unknown = row === '' ? null : JSON.parse(row);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {}; // a row that does not parse reads as keyless: only the whole-district roles see the doc
  }
}
const stringField = (o: Record<string, unknown>, name: string) => (typeof o[name] === 'string' ? (o[name] as string) : '');
const stringList = (o: Record<string, unknown>, name: string) => {
  const value = o[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
};

/** The access key an EnterpriseRow (JSON) carries; rows stored before assignments existed lack it ('' = unassigned). */
export function accessKeyOfRow(row: string): AccessKey {
  const o = parseRow(row);
  return { teamId: stringField(o, 'teamId'), responsibleId: stringField(o, 'responsibleId') };
}

/** The stored key of a doc of any kind, from its row (null for an id of no known kind). */
export function storedKeyOfRow(docId: string, row: string): StoredKey | null {
  switch (trackedKind(docId)) {
    case 'ent':
      return accessKeyOfRow(row);
    case 'dem': {
      const o = parseRow(row);
      return { enterpriseId: stringField(o, 'enterpriseId'), departments: stringList(o, 'departments'), createdBy: stringField(o, 'createdBy') };
    }
    case 'iss':
      return { departments: stringList(parseRow(row), 'departments') };
    case 'cfg':
    case 'pol':
      return {};
    default:
      return null;
  }
}

function trackedKind(docId: string): DocKind | null {
  const kind = docKind(docId);
  return kind !== null && (DOC_KINDS as readonly string[]).includes(kind) ? (kind as DocKind) : null;
}

export const sameKey = (a: AccessKey, b: AccessKey) => a.teamId === b.teamId && a.responsibleId === b.responsibleId;

/** Same readers (keys are small plain objects built in a fixed field order). */
export const sameDocKey = (a: DocKey, b: DocKey) => JSON.stringify(a) === JSON.stringify(b);

/**
 * May `p` read `docId` whose key is `key` (null: the doc does not exist yet)? A doc that does not exist
 * holds nothing to protect (its creation is checked by the write validator); ids of no known kind are
 * read by nobody.
 */
export function canReadDoc(p: Principal, docId: string, key: DocKey | null): boolean {
  const kind = trackedKind(docId);
  if (kind === null) return false;
  if (key === null) return true;
  switch (kind) {
    case 'ent':
      return canReadEnterprise(p, key as AccessKey);
    case 'dem': {
      const k = key as ResolvedDemandKey;
      return canReadDemand(p, k, canReadEnterprise(p, k.enterprise));
    }
    case 'iss':
      return canReadIssue(p, key as IssueKey);
    case 'cfg':
      return canReadConfig(p);
    case 'pol':
      return canReadPolicyLibrary(p);
  }
}

export interface IndexedDoc {
  key: StoredKey;
  /** seq of the doc's last change */
  seq: number;
  /** its materialized row, for the Feed frame of a doc sent in full */
  row: string;
}

export class AccessIndex {
  private readonly docs = new Map<string, IndexedDoc>();
  /** enterprise doc id → its demands' doc ids */
  private readonly demandsOf = new Map<string, Set<string>>();

  /** Docs of every known kind are indexed. */
  tracks(docId: string): boolean {
    return trackedKind(docId) !== null;
  }

  /** Reads every stored doc's row (paged) into the index. */
  async load(store: Persistence): Promise<void> {
    let cursor = 0;
    for (;;) {
      const page = await store.changesSince(cursor, LOAD_PAGE);
      for (const { docId, seq, row } of page) {
        const key = storedKeyOfRow(docId, row);
        if (key) this.set(docId, { key, seq, row });
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
    if (trackedKind(docId) === 'dem') {
      const from = before ? (before.key as DemandKey).enterpriseId : '';
      const to = (entry.key as DemandKey).enterpriseId;
      if (from !== to) {
        this.demandsOf.get(from)?.delete(docId);
        if (to !== '') {
          let set = this.demandsOf.get(to);
          if (!set) this.demandsOf.set(to, (set = new Set()));
          set.add(docId);
        }
      }
    }
    return before;
  }

  /** The enterprise file's current key (unassigned when the relay does not have the file). */
  enterpriseKey(enterpriseId: string): AccessKey {
    const entry = this.docs.get(enterpriseId);
    return entry && trackedKind(enterpriseId) === 'ent' ? (entry.key as AccessKey) : NO_ENTERPRISE;
  }

  /** The demands raised for an enterprise file. */
  demandsOfEnterprise(enterpriseId: string): string[] {
    return [...(this.demandsOf.get(enterpriseId) ?? [])];
  }

  /** The doc's key as read access needs it now (null: nothing stored for it). */
  keyOf(docId: string): DocKey | null {
    const entry = this.docs.get(docId);
    return entry ? this.resolve(docId, entry.key) : null;
  }

  /** A stored key with what it depends on filled in (a demand's enterprise key; `enterprise` overrides the index's). */
  resolve(docId: string, key: StoredKey, enterprise?: AccessKey): DocKey {
    if (trackedKind(docId) !== 'dem') return key as DocKey;
    const { enterpriseId, departments, createdBy } = key as DemandKey;
    return { enterprise: enterprise ?? this.enterpriseKey(enterpriseId), departments, createdBy };
  }

  *keys(): Generator<[string, DocKey]> {
    for (const [docId, { key }] of this.docs) yield [docId, this.resolve(docId, key)];
  }

  get size(): number {
    return this.docs.size;
  }
}

/**
 * An enterprise file's key for checking a write to one of its demands: from the file's doc when it is
 * loaded — it may hold an accepted update of the same write batch that is not committed (indexed) yet,
 * e.g. a file and its first demand created offline and pushed together — else from the index.
 */
export function enterpriseKeyForWrite(index: AccessIndex, enterpriseId: string, loaded: Y.Doc | undefined): AccessKey {
  if (!loaded || trackedKind(enterpriseId) !== 'ent') return index.enterpriseKey(enterpriseId);
  const { teamId, responsibleId } = readAssignment(loaded);
  return { teamId, responsibleId };
}

/** Who gains or loses read access to one doc when its key changes, over the active users of `org`. */
export function readerChangesForDoc(org: Pick<Org, 'users' | 'teams'>, docId: string, before: DocKey, after: DocKey, seq: number): AccessChange[] {
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
  return p ? JSON.stringify([p.role, [...p.teamIds].sort(), [...p.ledTeamIds].sort(), p.department]) : '';
}

/** True when `a` and `b` may read exactly the same docs (same role, teams, led teams and department). */
export function sameAccess(a: Principal, b: Principal): boolean {
  return accessProfile(a) === accessProfile(b);
}

/**
 * Which users gain or lose read access to which docs when the org changes from `before` to `after`
 * (a role, team, lead, department or disabled flag changed). Users whose access profile is unchanged
 * are skipped.
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
