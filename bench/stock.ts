/** The baseline: one stock y-websocket WebsocketProvider (and one Y.Doc) per doc, as y-websocket users do. */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { benchToken } from './auth.ts';

export interface ByteCounter {
  sent: number;
  received: number;
}

/** A `ws` WebSocket that counts payload bytes both ways (what crosses the wire, minus framing). */
export function countingWebSocket(counter: ByteCounter): typeof WebSocket {
  return class CountingWebSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        counter.received += Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
      });
    }
    override send(data: unknown, ...rest: unknown[]): void {
      counter.sent += typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).byteLength;
      (super.send as (...a: unknown[]) => void)(data, ...rest);
    }
  } as unknown as typeof WebSocket;
}

export interface StockClients {
  docs: Y.Doc[];
  providers: WebsocketProvider[];
  destroy(): void;
}

/** Opens one provider per doc id (optionally on existing docs) and resolves when all are synced. */
export async function syncWithStockProviders(
  wsUrl: string,
  ids: string[],
  counter: ByteCounter,
  docs: Y.Doc[] = ids.map(() => new Y.Doc()),
): Promise<StockClients> {
  // Each stock provider adds a process 'exit' listener in Node; hundreds are expected here.
  process.setMaxListeners(0);
  const Polyfill = countingWebSocket(counter);
  const providers = ids.map(
    (id, i) => new WebsocketProvider(`${wsUrl}/y`, id, docs[i]!, { WebSocketPolyfill: Polyfill as never, disableBc: true, params: { token: benchToken } }),
  );
  await Promise.all(
    providers.map((p) => (p.synced ? undefined : new Promise<void>((resolve) => p.once('sync', (s: boolean) => s && resolve())))),
  );
  return {
    docs,
    providers,
    destroy() {
      for (const p of providers) p.destroy();
    },
  };
}
