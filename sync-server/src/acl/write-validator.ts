/**
 * Write validation on a scratch copy: each loaded doc that receives client writes has a shadow Y.Doc kept
 * in step with it. An update is applied to the shadow first; the doc before (cached snapshot of the real
 * doc) and after (the shadow) are compared by the shared rule book (checkEnterpriseWrite). Only an
 * accepted update reaches the real doc, so a refused one never touches what is stored or broadcast.
 * In step, that costs a second apply per update instead of a clone; after a refusal the shadow is
 * dropped and rebuilt from the real doc on the next write.
 */
import {
  checkEnterpriseWrite,
  docKind,
  type EnterpriseSnapshot,
  type Org,
  type Principal,
  Reason,
  snapshotEnterprise,
  type WriteRefusal,
} from '@bangqi/shared';
import * as Y from 'yjs';

interface Shadow {
  doc: Y.Doc;
  /** the real doc's snapshot as of the last accepted update (the shadow's current state) */
  snapshot: EnterpriseSnapshot;
}

export class WriteValidator {
  /** keyed by the real doc: an unloaded doc takes its shadow with it */
  private readonly shadows = new WeakMap<Y.Doc, Shadow>();

  constructor(private readonly org: () => Pick<Org, 'users' | 'teams'>) {}

  /**
   * Checks `update` from `p` against `doc` (a decodable update). Returns null when it may be applied —
   * the caller then applies it to `doc`, which puts the two back in step — or why not.
   */
  check(docId: string, doc: Y.Doc, update: Uint8Array, p: Principal): WriteRefusal | null {
    if (docKind(docId) !== 'ent') return { reason: Reason.Forbidden, message: 'no one writes docs of this kind' };
    const shadow = this.shadowOf(doc);
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
    const after = snapshotEnterprise(shadow.doc);
    const refusal = checkEnterpriseWrite(p, shadow.snapshot, after, this.org());
    if (refusal) this.forget(doc);
    else shadow.snapshot = after;
    return refusal;
  }

  /** The real doc changed without a check (a server write, a failed apply): rebuild its shadow lazily. */
  forget(doc: Y.Doc): void {
    this.shadows.get(doc)?.doc.destroy();
    this.shadows.delete(doc);
  }

  private shadowOf(doc: Y.Doc): Shadow {
    let shadow = this.shadows.get(doc);
    if (!shadow) {
      const copy = new Y.Doc({ gc: doc.gc });
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      shadow = { doc: copy, snapshot: snapshotEnterprise(copy) };
      this.shadows.set(doc, shadow);
    }
    return shadow;
  }
}
