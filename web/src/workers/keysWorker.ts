/**
 * Search keys (every pinyin reading of every character, shared/src/search/keys.ts) for batches of names,
 * off the main thread: pinyin-pro's dictionary stays out of the page's bundle and 100k names (~3 s)
 * never block it. Request: { id, names }; answer: { id, keys } in the same order.
 */
import { buildSearchKeys } from '@bangqi/shared/search/keys';

self.onmessage = (e: MessageEvent<{ id: number; names: string[] }>) => {
  const { id, names } = e.data;
  (self as unknown as Worker).postMessage({ id, keys: names.map(buildSearchKeys) });
};
