/**
 * Writes to an enterprise's plans through the DocStore, from pages that do not have the file open
 * (the plans page) as well as from the file page (the store is ref-counted, so the open doc is shared).
 * The write lands in IndexedDB (and the outbox) before the promise resolves: offline it syncs later.
 */
import type * as Y from 'yjs';
import type { DocStore } from '../../domain/docStore.ts';

export async function writeFileDoc<T>(docs: Pick<DocStore, 'acquire'>, docId: string, write: (doc: Y.Doc) => T): Promise<T> {
  const handle = docs.acquire(docId);
  try {
    await handle.ready;
    const out = handle.doc.transact(() => write(handle.doc));
    await handle.flush();
    return out;
  } finally {
    handle.release();
  }
}
