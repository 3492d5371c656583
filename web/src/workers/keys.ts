/** The page's side of the keys worker (keysWorker.ts): one worker, started on first use, per page. */
export type KeysFor = (names: string[]) => Promise<string[]>;

export function startKeysWorker(): { keysFor: KeysFor; terminate(): void } {
  let worker: Worker | null = null;
  let next = 0;
  const pending = new Map<number, { resolve(keys: string[]): void; reject(e: Error): void }>();
  const started = () => {
    if (worker) return worker;
    worker = new Worker(new URL('./keysWorker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ id: number; keys: string[] }>) => {
      pending.get(e.data.id)?.resolve(e.data.keys);
      pending.delete(e.data.id);
    };
    worker.onerror = (e) => {
      for (const call of pending.values()) call.reject(new Error(e.message || 'keys worker failed'));
      pending.clear();
    };
    return worker;
  };
  return {
    keysFor: (names) =>
      names.length === 0
        ? Promise.resolve([])
        : new Promise((resolve, reject) => {
            const id = next++;
            pending.set(id, { resolve, reject });
            started().postMessage({ id, names });
          }),
    terminate: () => worker?.terminate(),
  };
}
