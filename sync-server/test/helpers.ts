/**
 * Test support for the relay project: the relay as a real child process, real access tokens, a minimal
 * /sync v1 client built on the shared codec, stock y-websocket providers, and small utilities.
 */
import {
  createEnterprise,
  type DocFrame,
  decodeFrame,
  encodeFrame,
  PROTOCOL_VERSION,
  type ServerControl,
} from '@bangqi/shared';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { expect } from 'vitest';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { type RelayProcess, startRelayProcess } from '../../test/support/relay-process.ts';
import { issueAccessToken } from '../src/accounts/tokens.ts';

/** The signing secret every test relay is started with (JWT_SECRET / jwtSecret), so tests mint real tokens. */
export const TEST_JWT_SECRET = 'relay-tests-signing-secret-not-for-production';

/** The demo coordinator (刘洋): reads and writes every enterprise file, like the devices of the tests before accounts. */
export const COORDINATOR = 'u-liuyang';

/** A real access token for `userId` (a demo user), signed with TEST_JWT_SECRET. */
export async function tokenFor(userId: string, opts: { deviceId?: string; ttlMs?: number; secret?: string; now?: number } = {}): Promise<string> {
  const claims = { userId, deviceId: opts.deviceId ?? 'test-device' };
  return (await issueAccessToken(opts.secret ?? TEST_JWT_SECRET, claims, opts.ttlMs ?? 3_600_000, opts.now)).token;
}

/** The coordinator's token, for the clients that do not care who they are. */
export const COORDINATOR_TOKEN = await tokenFor(COORDINATOR, { ttlMs: 24 * 3_600_000 });

export function tempDir(prefix = 'bangqi-relay-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export interface SpawnedRelay extends RelayProcess {
  /** ws://127.0.0.1:<port> */
  ws: string;
  /** sends the signal and waits for the process to exit; resolves with the exit code (null when killed) */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<number | null>;
  health(): Promise<Record<string, unknown>>;
}

const running = new Set<SpawnedRelay>();

/**
 * The relay as a real child process (test/support/relay-process.ts: node --import tsx main.ts, PORT=0,
 * its own DATA_DIR, port read from the "listening" log line), signing tokens with TEST_JWT_SECRET. It
 * seeds the demo accounts only (no enterprises) unless env says otherwise.
 */
export async function spawnRelay(env: Record<string, string> = {}): Promise<SpawnedRelay> {
  const { DATA_DIR, ...rest } = env;
  const proc = await startRelayProcess({
    ...(DATA_DIR ? { dataDir: DATA_DIR } : {}),
    env: { SEED_DEMO: 'users', JWT_SECRET: TEST_JWT_SECRET, ...rest },
  });
  const { stop: terminate, kill } = proc; // the originals, before Object.assign replaces stop
  const relay: SpawnedRelay = Object.assign(proc, {
    ws: proc.url.replace(/^http/, 'ws'),
    async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') {
      running.delete(relay);
      if (signal === 'SIGTERM') return terminate();
      await kill();
      return proc.child.exitCode;
    },
    async health() {
      const res = await fetch(`${proc.url}/healthz`);
      return (await res.json()) as Record<string, unknown>;
    },
  });
  running.add(relay);
  return relay;
}

/** SIGKILLs every relay a test left running and removes the data dirs it created (afterEach/afterAll). */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...running].map(async (relay) => {
      await relay.stop('SIGKILL');
      relay.cleanup();
    }),
  );
}

const dataDirs: string[] = [];
/** A fresh temp directory, removed by removeTempDirs(). */
export function tempDataDir(): string {
  const dir = tempDir();
  dataDirs.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of dataDirs.splice(0)) removeDir(dir);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function waitUntil<T>(probe: () => T | Promise<T>, what: string, ms = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A Y update creating an enterprise file, and the doc it came from. */
export function enterpriseUpdate(name: string, note = ''): { doc: Y.Doc; update: Uint8Array } {
  const doc = new Y.Doc();
  createEnterprise(doc, { name, town: '城关街道', industry: '新材料', note }, 'tester', 1_700_000_000_000);
  return { doc, update: Y.encodeStateAsUpdate(doc) };
}

/** Runs `change` on the doc and returns the update it produced. */
export function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = [];
  const grab = (u: Uint8Array) => updates.push(u);
  doc.on('update', grab);
  change();
  doc.off('update', grab);
  return Y.mergeUpdates(updates);
}

export type Received = { kind: 'frame'; frame: DocFrame; bytes: number } | { kind: 'control'; msg: ServerControl; bytes: number };

/** A bare /sync v1 client: sends hello (with the coordinator's token unless told otherwise), records everything it receives. */
export class SyncClient {
  readonly received: Received[] = [];
  bytesIn = 0;
  readonly closed: Promise<{ code: number; reason: string }>;
  private waiters = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.binaryType = 'nodebuffer';
    ws.on('message', (data: Buffer, isBinary) => {
      this.bytesIn += data.byteLength;
      this.received.push(
        isBinary
          ? { kind: 'frame', frame: decodeFrame(new Uint8Array(data)), bytes: data.byteLength }
          : { kind: 'control', msg: JSON.parse(data.toString('utf8')) as ServerControl, bytes: data.byteLength },
      );
      for (const wake of this.waiters) wake();
    });
    ws.on('error', () => {});
    this.closed = new Promise((resolve) =>
      ws.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const wake of this.waiters) wake();
      }),
    );
  }

  /** Opens /sync; `hello` (default: a fresh device) is sent unless it is null. */
  static async connect(
    base: string,
    hello: Record<string, unknown> | null = {},
  ): Promise<SyncClient> {
    const ws = new WebSocket(`${base}/sync`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new SyncClient(ws);
    if (hello) client.sendHello(hello);
    return client;
  }

  sendHello(fields: Record<string, unknown> = {}): void {
    const hello = { t: 'hello', v: PROTOCOL_VERSION, lastSeq: 0, epoch: '', deviceId: 'test-device', token: COORDINATOR_TOKEN, ...fields };
    this.ws.send(JSON.stringify(hello));
  }

  send(frame: DocFrame): void {
    this.ws.send(encodeFrame(frame));
  }

  frames(): DocFrame[] {
    return this.received.flatMap((r) => (r.kind === 'frame' ? [r.frame] : []));
  }

  controls(): ServerControl[] {
    return this.received.flatMap((r) => (r.kind === 'control' ? [r.msg] : []));
  }

  /** Resolves with the first received item (from the start) matching `pred`. */
  async waitFor<T extends Received>(pred: (r: Received) => r is T, what: string, ms?: number): Promise<T>;
  async waitFor(pred: (r: Received) => boolean, what: string, ms?: number): Promise<Received>;
  async waitFor(pred: (r: Received) => boolean, what: string, ms = 10_000): Promise<Received> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.received.find(pred);
      if (hit) return hit;
      if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`socket closed while waiting for ${what}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, left);
        this.waiters.add(wake);
      });
    }
  }

  async welcome(): Promise<Extract<ServerControl, { t: 'welcome' }>> {
    const r = await this.waitFor((r) => r.kind === 'control' && r.msg.t === 'welcome', 'welcome');
    return (r as Extract<Received, { kind: 'control' }>).msg as Extract<ServerControl, { t: 'welcome' }>;
  }

  async caughtUp(): Promise<Extract<ServerControl, { t: 'caught-up' }>> {
    const r = await this.waitFor((r) => r.kind === 'control' && r.msg.t === 'caught-up', 'caught-up', 20_000);
    return (r as Extract<Received, { kind: 'control' }>).msg as Extract<ServerControl, { t: 'caught-up' }>;
  }

  /** Pushes one update and waits for its Ack; returns the acked seq. */
  async push(docId: string, ref: number, update: Uint8Array): Promise<number> {
    this.send({ type: 'push', docId, ref, update });
    const r = await this.waitFor(
      (r) => r.kind === 'frame' && r.frame.type === 'ack' && r.frame.ref === ref && r.frame.docId === docId,
      `ack ${ref}`,
    );
    return (r as { frame: Extract<DocFrame, { type: 'ack' }> }).frame.seq;
  }

  feeds(): Extract<DocFrame, { type: 'feed' }>[] {
    return this.frames().filter((f): f is Extract<DocFrame, { type: 'feed' }> => f.type === 'feed');
  }

  close(): void {
    this.ws.close();
  }
}

/** The doc a client would build from the Feed frames it received for `docId`. */
export function docFromFeeds(client: SyncClient, docId: string): Y.Doc {
  const doc = new Y.Doc();
  for (const feed of client.feeds()) if (feed.docId === docId) Y.applyUpdate(doc, feed.update);
  return doc;
}

/** A stock y-websocket provider on /y/<docId>?token= (Node needs the ws polyfill); `token` null sends none. */
export function stockProvider(base: string, docId: string, doc = new Y.Doc(), token: string | null = COORDINATOR_TOKEN): WebsocketProvider {
  return new WebsocketProvider(`${base}/y`, docId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: token === null ? {} : { token },
  });
}

export function whenSynced(provider: WebsocketProvider, ms = 10_000): Promise<void> {
  if (provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('provider did not sync')), ms);
    provider.once('sync', (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Deterministic "random" bytes (xorshift), so a failing case can be replayed. */
export function seededBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Opens /sync as `userId` with a real token for its device (`hello.deviceId`, default dev-<userId>) and `hello` fields such as lastSeq/epoch. */
export async function connectUser(base: string, userId: string, hello: Record<string, unknown> = {}): Promise<SyncClient> {
  const deviceId = typeof hello.deviceId === 'string' ? hello.deviceId : `dev-${userId}`;
  return SyncClient.connect(base, { token: await tokenFor(userId, { deviceId }), ...hello, deviceId });
}

/** A predicate for received frames of `type` about `docId` (for SyncClient.waitFor). */
export const isFrame = <T extends DocFrame['type']>(type: T, docId: string) =>
  (r: Received): r is Extract<Received, { kind: 'frame' }> & { frame: Extract<DocFrame, { type: T }> } =>
    r.kind === 'frame' && r.frame.type === type && r.frame.docId === docId;

/** The Feed frames a client received for `docId`. */
export const feedsOf = (client: SyncClient, docId: string) => client.feeds().filter((f) => f.docId === docId);

/** Push refs, unique across every client of a test file, so a reply is never taken for another push's. */
let pushRef = 1;

/** Pushes an update and resolves with the Ack or the Refuse that answers it. */
export async function pushAs(client: SyncClient, docId: string, update: Uint8Array) {
  const r = pushRef++;
  client.send({ type: 'push', docId, ref: r, update });
  const reply = await client.waitFor(
    (x) => x.kind === 'frame' && (x.frame.type === 'ack' || x.frame.type === 'refuse') && x.frame.docId === docId && 'ref' in x.frame && x.frame.ref === r,
    `reply to push ${r}`,
  );
  return (reply as Extract<Received, { kind: 'frame' }>).frame as Extract<DocFrame, { type: 'ack' | 'refuse' }>;
}

/** A call to the relay's HTTP API on `port` as the demo admin (u-admin); fails the test on an error status. */
export async function adminApi<T>(port: number, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: { Authorization: `Bearer ${await tokenFor('u-admin')}`, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as T;
}
