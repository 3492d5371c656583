/**
 * One small doc the whole district shares (the district config, the policy library), kept acquired
 * through the DocStore while someone is signed in: sync keeps it current and every page reads it
 * without waiting. The district config and the policy store both follow their doc this same way, so the
 * acquire / follow / reopen-after-reset / release cycle lives here once.
 */
import { getOwner, onCleanup } from 'solid-js';
import type * as Y from 'yjs';
import type { DocStore } from '../domain/docStore.ts';

export interface SharedDocOptions {
  /** reads the doc into the store's signals: on every update and once the stored doc is loaded */
  read(doc: Y.Doc): void;
  /** called after the first read of the loaded doc (of each reopened doc too) */
  loaded(): void;
  /** log tag, e.g. 'config' */
  label: string;
  /** the error thrown by `change` after `dispose` */
  usedAfterDispose: string;
}

export interface SharedDoc {
  /** one transaction on the doc that is open now */
  change(fn: (doc: Y.Doc) => void): void;
  /** releases the doc (also done when the owning reactive scope ends) */
  dispose(): void;
}

export function openSharedDoc(docs: DocStore, docId: string, opts: SharedDocOptions): SharedDoc {
  let disposed = false;

  /** Opens the doc and follows it; returns how to let go. */
  const open = () => {
    const handle = docs.acquire(docId);
    const onUpdate = () => opts.read(handle.doc);
    handle.doc.on('update', onUpdate);
    handle.ready.then(
      () => {
        if (current !== handle) return;
        opts.read(handle.doc);
        opts.loaded();
      },
      (err: unknown) => console.error(`[${opts.label}] load failed`, err),
    );
    return {
      handle,
      close: () => {
        handle.doc.off('update', onUpdate);
        handle.release();
      },
    };
  };
  let opened = open();
  let current = opened.handle;

  // A refused write (say, a role changed while offline) resets the doc: follow the relay's state.
  const stopEvents = docs.onDocEvent((e) => {
    if (disposed || e.docId !== docId || e.kind !== 'reset') return;
    opened.close();
    opened = open();
    current = opened.handle;
  });

  const dispose = () => {
    if (disposed) return;
    disposed = true;
    stopEvents();
    opened.close();
  };
  if (getOwner()) onCleanup(dispose);

  return {
    change(fn) {
      if (disposed) throw new Error(opts.usedAfterDispose);
      const doc = current.doc;
      doc.transact(() => fn(doc));
    },
    dispose,
  };
}
