/**
 * One doc open on screen (a demand, a common issue), following every change, local or remote, until the
 * owning reactive scope ends. The demand and issue pages open their doc this same way, and tell "not
 * here yet" from "not found" the same way, so both live here once.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { DocHandle } from '../domain/docStore.ts';

export type OpenStatus = 'loading' | 'ready' | 'not-found';

/**
 * Calls `refresh` on every update of the handle's doc and once it is loaded; releases the handle with the
 * owning scope. Returns whether the stored doc is loaded.
 */
export function followDoc(handle: DocHandle, refresh: () => void): Accessor<boolean> {
  const { doc } = handle;
  const [loaded, setLoaded] = createSignal(false);
  let disposed = false;
  doc.on('update', refresh);
  void handle.ready.then(() => {
    if (disposed) return;
    refresh();
    setLoaded(true);
  });
  onCleanup(() => {
    disposed = true;
    doc.off('update', refresh);
    handle.release();
  });
  return loaded;
}

/**
 * Not here yet locally: the doc may still arrive with the catch-up; "not found" only once sync settled
 * (and from then on, even if `settled` flips back while reconnecting).
 */
export function openStatus(loaded: Accessor<boolean>, found: () => boolean, settled: Accessor<boolean>): () => OpenStatus {
  let settledOnce = false;
  return () => {
    if (!loaded()) return 'loading';
    if (found()) return 'ready';
    if (settled()) settledOnce = true;
    return settledOnce ? 'not-found' : 'loading';
  };
}
