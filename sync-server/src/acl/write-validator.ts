/**
 * Write validation on a scratch copy: each loaded doc that receives client writes has a shadow Y.Doc kept
 * in step with it. An update is applied to the shadow first; the doc before (cached snapshot of the real
 * doc) and after (the shadow) are compared by the shared rule book for the doc's kind
 * (checkEnterpriseWrite, checkDemandWrite, checkIssueWrite, checkConfigWrite,
 * checkPolicyLibraryWrite). Only an accepted update
 * reaches the real doc, so a refused one never touches what is stored or broadcast. In step, that costs
 * a second apply per update instead of a clone; after a refusal the shadow is dropped and rebuilt from
 * the real doc on the next write.
 */
import {
  type AccessKey,
  canReadEnterprise,
  checkConfigWrite,
  checkDemandWrite,
  checkEnterpriseWrite,
  checkIssueWrite,
  checkPolicyLibraryWrite,
  type ConfigSnapshot,
  type DemandSnapshot,
  docKind,
  type EnterpriseSnapshot,
  type IssueSnapshot,
  type Org,
  POLICY_LIBRARY_DOC_ID,
  type PolicyLibrarySnapshot,
  type Principal,
  Reason,
  snapshotConfig,
  snapshotDemand,
  snapshotEnterprise,
  snapshotIssue,
  snapshotPolicyLibrary,
  type WriteRefusal,
} from '@bangqi/shared';
import * as Y from 'yjs';

type Snapshot =
  | { kind: 'ent'; s: EnterpriseSnapshot }
  | { kind: 'dem'; s: DemandSnapshot }
  | { kind: 'iss'; s: IssueSnapshot }
  | { kind: 'cfg'; s: ConfigSnapshot }
  | { kind: 'pol'; s: PolicyLibrarySnapshot };

interface Shadow {
  doc: Y.Doc;
  /** the real doc's snapshot as of the last accepted update (the shadow's current state) */
  snapshot: Snapshot;
}

function snapshot(kind: Snapshot['kind'], doc: Y.Doc): Snapshot {
  switch (kind) {
    case 'ent':
      return { kind, s: snapshotEnterprise(doc) };
    case 'dem':
      return { kind, s: snapshotDemand(doc) };
    case 'iss':
      return { kind, s: snapshotIssue(doc) };
    case 'cfg':
      return { kind, s: snapshotConfig(doc) };
    case 'pol':
      return { kind, s: snapshotPolicyLibrary(doc) };
  }
}

const KINDS: readonly string[] = ['ent', 'dem', 'iss', 'cfg', 'pol'];

export class WriteValidator {
  /** keyed by the real doc: an unloaded doc takes its shadow with it */
  private readonly shadows = new WeakMap<Y.Doc, Shadow>();

  constructor(
    private readonly org: () => Pick<Org, 'users' | 'teams'>,
    /** an enterprise file's current key (the access index's): demands are written by who can read it */
    private readonly enterpriseKey: (enterpriseId: string) => AccessKey = () => ({ teamId: '', responsibleId: '' }),
  ) {}

  /**
   * Checks `update` from `p` against `doc` (a decodable update). Returns null when it may be applied —
   * the caller then applies it to `doc`, which puts the two back in step — or why not.
   */
  check(docId: string, doc: Y.Doc, update: Uint8Array, p: Principal): WriteRefusal | null {
    const kind = docKind(docId);
    if (kind === null || !KINDS.includes(kind)) return { reason: Reason.Forbidden, message: 'no one writes docs of this kind' };
    // the district has one policy library: another pol-* doc would be read by everyone and seen by no screen
    if (kind === 'pol' && docId !== POLICY_LIBRARY_DOC_ID) return { reason: Reason.Forbidden, message: `the policy library is ${POLICY_LIBRARY_DOC_ID}` };
    let shadow: Shadow;
    try {
      shadow = this.shadowOf(kind as Snapshot['kind'], doc);
    } catch (err) {
      return { reason: Reason.SchemaViolation, message: `the stored doc does not read: ${(err as Error).message}` };
    }
    const store = shadow.doc.store;
    const pending = [store.pendingStructs, store.pendingDs];
    try {
      Y.applyUpdate(shadow.doc, update);
    } catch (err) {
      this.forget(doc);
      return { reason: Reason.InvalidUpdate, message: (err as Error).message };
    }
    // Yjs keeps what it cannot integrate yet as a new pending object; the same objects (or none) mean
    // the update needed nothing the relay lacks.
    if ((store.pendingStructs !== pending[0] && store.pendingStructs) || (store.pendingDs !== pending[1] && store.pendingDs)) {
      this.forget(doc);
      return { reason: Reason.MissingDependency, message: 'the update depends on changes the relay never accepted' };
    }
    let after: Snapshot;
    let refusal: WriteRefusal | null;
    try {
      after = snapshot(shadow.snapshot.kind, shadow.doc);
      refusal = this.rules(p, shadow.snapshot, after);
    } catch (err) {
      // a doc shaped so that reading it throws is not one the rules accept
      this.forget(doc);
      return { reason: Reason.SchemaViolation, message: (err as Error).message };
    }
    if (refusal) this.forget(doc);
    else shadow.snapshot = after;
    return refusal;
  }

  private rules(p: Principal, before: Snapshot, after: Snapshot): WriteRefusal | null {
    switch (before.kind) {
      case 'ent':
        return checkEnterpriseWrite(p, before.s, (after as typeof before).s, this.org());
      case 'dem':
        return checkDemandWrite(p, before.s, (after as typeof before).s, (id) => canReadEnterprise(p, this.enterpriseKey(id)));
      case 'iss':
        return checkIssueWrite(p, before.s, (after as typeof before).s);
      case 'cfg':
        return checkConfigWrite(p, before.s, (after as typeof before).s);
      case 'pol':
        return checkPolicyLibraryWrite(p, before.s, (after as typeof before).s);
    }
  }

  /** The real doc changed without a check (a server write, a failed apply): rebuild its shadow lazily. */
  forget(doc: Y.Doc): void {
    this.shadows.get(doc)?.doc.destroy();
    this.shadows.delete(doc);
  }

  private shadowOf(kind: Snapshot['kind'], doc: Y.Doc): Shadow {
    let shadow = this.shadows.get(doc);
    if (!shadow) {
      const copy = new Y.Doc({ gc: doc.gc });
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      shadow = { doc: copy, snapshot: snapshot(kind, copy) };
      this.shadows.set(doc, shadow);
    }
    return shadow;
  }
}
