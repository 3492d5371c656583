/**
 * Relay entry point: configuration from the environment, graceful shutdown on SIGTERM/SIGINT.
 *
 *   PORT (8787; 0 = random) · HOST (0.0.0.0) · DATA_DIR (./data) · STATIC_DIR (<repo>/dist/web)
 *   PERSISTENCE (sqlite | postgres) · DATABASE_URL (postgres://…, with postgres) · PG_SCHEMA (bangqi)
 *   MAX_PAYLOAD (8 MiB) · DOC_IDLE_MS (60000) · COMPACT_EVERY (500) · LOG_LEVEL (info)
 *   SEED_DEMO (1: demo accounts + enterprises on first start; users: accounts only; 0: nothing)
 *   ADMIN_PASSWORD (with no users: create only `admin`) · JWT_SECRET (generated, kept in the database)
 *   ACCESS_TTL_SEC (900) · REFRESH_TTL_SEC (30 days) · TRUST_PROXY (1: X-Forwarded-For) · HEARTBEAT_MS (30000)
 *
 * Logs pino JSON lines on stdout; once listening: {"msg":"listening","port":…,"host":…,"dataDir":…}.
 */
import { configFromEnv } from './config.ts';
import { createLogger } from './log.ts';
import { type Relay, startRelay } from './server.ts';

let relay: Relay;
try {
  relay = await startRelay(configFromEnv());
} catch (err) {
  createLogger('info').fatal({ err }, 'relay failed to start');
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    relay.log.info({ signal }, 'shutting down');
    relay.close().then(
      () => process.exit(0),
      (err: unknown) => {
        relay.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
process.on('unhandledRejection', (err) => relay.log.error({ err }, 'unhandled rejection'));
