/**
 * The relay: one HTTP server (GET /healthz, the built web app) and two WebSocket endpoints on it,
 * `/sync` (protocol v1, one socket per device) and `/y/<docId>` (stock y-websocket). See docs/protocol.md.
 */
import { DEMO_USERS, encodeFrame } from '@bangqi/shared';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { openAccountStore } from './accounts/open-store.ts';
import { seedUsersIfEmpty } from './accounts/seed-users.ts';
import { openAccountsService } from './accounts/service.ts';
import type { AccountStore } from './accounts/types.ts';
import { handleBlobApi } from './blobs/http.ts';
import { openBlobStore } from './blobs/open-store.ts';
import { BlobService } from './blobs/service.ts';
import { DEFAULT_CONFIG, RELAY_VERSION, type RelayConfig } from './config.ts';
import { handleDirectoryApi } from './directory/http.ts';
import { openDirectoryStore } from './directory/open-store.ts';
import { DirectoryService } from './directory/service.ts';
import type { RelayContext } from './context.ts';
import { AccessControl } from './acl/access-control.ts';
import { WriteValidator } from './acl/write-validator.ts';
import { gcSoon } from './gc.ts';
import { createLogger, type Logger } from './log.ts';
import { openPostgresPersistence } from './persistence/postgres.ts';
import { openSqlitePersistence } from './persistence/sqlite.ts';
import type { Persistence } from './persistence/types.ts';
import { type CommitEvent, Rooms } from './rooms.ts';
import { seedDemoIfEmpty, seedDistrictConfigIfAbsent } from './seed.ts';
import type { Session } from './session.ts';
import { createStaticHandler } from './static.ts';
import { openConfiguredStore } from './store-config.ts';
import { SyncSession } from './sync-session.ts';
import { YSession } from './y-session.ts';

export type { RelayConfig } from './config.ts';

export interface StartOptions extends Partial<RelayConfig> {
  /** use this logger instead of a new pino logger at `logLevel` */
  logger?: Logger;
  /** use this store instead of the one `storage` names (it is closed with the relay) */
  persistence?: Persistence;
  /** use this account store instead of opening one beside the doc store (it is closed with the relay) */
  accountStore?: AccountStore;
}

export interface Health {
  ok: boolean;
  version: string;
  docsLoaded: number;
  clients: number;
  uptimeSec: number;
  seq: number;
}

export interface Relay {
  /** the port actually listened on (useful with port 0) */
  port: number;
  host: string;
  config: RelayConfig;
  log: Logger;
  health(): Promise<Health>;
  /** stop accepting, close sockets with 1001, finish queued writes, close the store */
  close(): Promise<void>;
}

/** Waits for every socket to finish closing, terminating the stragglers after `ms`. */
async function closeSockets(sessions: Set<Session>, clients: Set<WebSocket>, ms: number): Promise<void> {
  for (const session of sessions) session.shutdown();
  const closed = [...clients].map((ws) => new Promise<void>((resolve) => {
    if (ws.readyState === ws.CLOSED) return resolve();
    ws.once('close', () => resolve());
  }));
  const timer = setTimeout(() => {
    for (const ws of clients) ws.terminate();
  }, ms);
  await Promise.all(closed);
  clearTimeout(timer);
}

export async function startRelay(options: StartOptions = {}): Promise<Relay> {
  const { logger, persistence, accountStore: givenAccountStore, ...overrides } = options;
  const config: RelayConfig = { ...DEFAULT_CONFIG, ...overrides };
  const log = logger ?? createLogger(config.logLevel);
  const onIdleError = (err: Error) => log.warn({ err }, 'postgres connection failed while idle');
  const store =
    persistence ??
    (await openConfiguredStore(config, { sqlite: openSqlitePersistence, postgres: openPostgresPersistence }, onIdleError));
  const startedAt = Date.now();
  const accountStore =
    givenAccountStore ?? (await openAccountStore(config, onIdleError));
  await seedUsersIfEmpty(accountStore, config, log);
  // demo enterprises belong to the demo teams; a production bootstrap (ADMIN_PASSWORD) starts empty
  if (config.seedDemo === true && !config.adminPassword) await seedDemoIfEmpty(store, log);
  // the district settings (official holidays) on first start, demo or production (after the demo: it needs seq 0)
  if (config.seedDemo === true || config.adminPassword) await seedDistrictConfigIfAbsent(store, log);
  const accounts = await openAccountsService({ store: accountStore, config, log });
  const directory = await DirectoryService.open({
    store: await openDirectoryStore(config, onIdleError),
    accounts,
    log,
  });
  const blobs = await BlobService.open({ store: await openBlobStore(config, onIdleError), maxBytes: config.blobMaxBytes, log });

  const sessions = new Set<Session>();
  const ctx: RelayContext = {
    config,
    log,
    store,
    accounts,
    epoch: await store.epoch(),
    version: RELAY_VERSION,
    syncSessions: new Set(),
    access: new AccessControl(accounts, store, log, (fn) => ctx.rooms.exclusive(fn)),
    rooms: new Rooms({
      store,
      log,
      compactEvery: config.compactEvery,
      validator: new WriteValidator(() => accounts.org(), (id) => ctx.access.enterpriseKey(id, ctx.rooms.peek(id)?.doc)),
      docIdleMs: config.docIdleMs,
      onCommit: (event) => broadcast(event),
      onUnload: gcSoon(2_000, (freed) => log.debug({ freedMB: Math.round(freed / 1e6) }, 'gc after unloading docs')),
    }),
  };
  await ctx.access.load();

  /** A committed update reaches every other /sync socket that may read the doc as Feed, every other /y socket of the doc as update. */
  function broadcast(event: CommitEvent): void {
    ctx.access.committed(event); // first: a socket that just lost the doc must not get this update
    const { room, seq, update, row, origin } = event;
    if (ctx.syncSessions.size > 0) {
      const feed = encodeFrame({ type: 'feed', docId: room.docId, seq, update, row });
      for (const session of ctx.syncSessions) if (session !== origin.source) session.feed(feed, seq, room.docId);
    }
    for (const peer of room.peers) if (peer !== origin.source) peer.sendUpdate?.(update);
  }

  const health = async (): Promise<Health> => ({
    ok: true,
    version: RELAY_VERSION,
    docsLoaded: ctx.rooms.size,
    clients: wss.clients.size,
    uptimeSec: Math.round((Date.now() - startedAt) / 1000),
    seq: await store.headSeq(),
  });

  const serveStatic = createStaticHandler(config.staticDir);
  const onRequest = async (req: IncomingMessage, res: ServerResponse) => {
    if (new URL(req.url ?? '/', 'http://x').pathname === '/healthz') {
      const body = JSON.stringify(await health());
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      return void res.end(body);
    }
    if (await handleDirectoryApi(directory, accounts, log, req, res)) return;
    if (await handleBlobApi(blobs, accounts, log, req, res)) return;
    if (await accounts.handle(req, res)) return;
    return serveStatic(req, res);
  };
  const server = createServer((req, res) => {
    onRequest(req, res).catch((err: unknown) => {
      log.error({ err, url: req.url }, 'request failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('internal error\n');
    });
  });
  server.on('clientError', (err: Error & { code?: string }, socket) => {
    log.debug({ code: err.code, reason: err.message }, 'http client error');
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxPayload, perMessageDeflate: false });
  wss.on('error', (err) => log.error({ err }, 'websocket server error'));
  const alive = new WeakSet<WebSocket>();
  let closing = false;

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    socket.on('error', (err) => log.debug({ reason: err.message }, 'upgrade socket error'));
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
    } catch {
      return void socket.destroy();
    }
    const path = url.pathname;
    if (closing || (path !== '/sync' && !path.startsWith('/y/'))) return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      let session: Session;
      if (path === '/sync') {
        session = new SyncSession(ctx, ws, req);
      } else {
        let docId = '';
        try {
          docId = decodeURIComponent(path.slice('/y/'.length));
        } catch {
          // stays '' and is refused as an invalid doc id
        }
        session = new YSession(ctx, ws, req, docId, url.searchParams.get('token') ?? undefined);
      }
      sessions.add(session);
      ws.once('close', () => sessions.delete(session));
    });
  });

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        log.info('terminating a socket that missed its heartbeat');
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, config.heartbeatMs);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (err) => log.error({ err }, 'http server error'));
  const port = (server.address() as AddressInfo).port;
  // scripts/start.ts lists the demo logins when the demo accounts are there and enabled
  const demoAccounts = accounts.org().users.filter((u) => !u.disabled && DEMO_USERS.some((d) => d.id === u.id)).length;
  log.info(
    { port, demoAccounts, host: config.host, storage: persistence ? 'custom' : config.storage, dataDir: config.dataDir, staticDir: config.staticDir, version: RELAY_VERSION, epoch: ctx.epoch, seq: await store.headSeq() },
    'listening',
  );

  let closed: Promise<void> | null = null;
  const close = () =>
    (closed ??= (async () => {
      closing = true;
      clearInterval(heartbeat);
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      await ctx.rooms.flush(); // pushes already queued are committed and acked before the sockets go
      await closeSockets(sessions, wss.clients, 2_000);
      await ctx.rooms.close();
      ctx.access.close();
      await directory.close();
      await blobs.close();
      await accounts.close(); // after the sessions: their last audit entries are flushed here
      await accountStore.close();
      server.closeAllConnections();
      await httpClosed;
      await store.close();
      log.info('relay closed');
    })());

  return { port, host: config.host, config, log, health, close };
}
