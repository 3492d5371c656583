/**
 * Editors register a flush (write debounced input to the doc now); the app calls flushAll before
 * anything that may lose input: pagehide, route change, an app update reload.
 */
import type { DocStore } from '../domain/docStore.ts';

export interface FlushRegistry {
  register(flush: () => void): () => void;
  /** runs every registered flush, then waits until the docs' writes are in IndexedDB */
  flushAll(): Promise<void>;
}

export function createFlushRegistry(docs: DocStore): FlushRegistry {
  const flushes = new Set<() => void>();
  return {
    register(flush) {
      flushes.add(flush);
      return () => flushes.delete(flush);
    },
    async flushAll() {
      for (const f of flushes) f();
      await docs.flushAll();
    },
  };
}
