/**
 * V8 collects garbage when the program allocates, so a relay that goes quiet after dropping hundreds of
 * idle docs would keep their heap (and RSS) indefinitely. After unloads we ask for one full collection.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The gc() function (enabling it at runtime when node was not started with --expose-gc), or null. */
export function exposeGc(): (() => void) | null {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (existing) return existing;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return null;
  }
}

/** Returns a function that, called any number of times, runs one gc `delayMs` after the first call. */
export function gcSoon(delayMs: number, onCollected?: (freedBytes: number) => void): () => void {
  const gc = exposeGc();
  let timer: NodeJS.Timeout | null = null;
  return () => {
    if (!gc || timer) return;
    timer = setTimeout(() => {
      timer = null;
      const before = process.memoryUsage().heapUsed;
      gc();
      onCollected?.(before - process.memoryUsage().heapUsed);
    }, delayMs);
    timer.unref();
  };
}
