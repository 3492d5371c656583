/** Relay configuration: defaults, and the reading of environment variables (see README / main.ts). */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

export interface RelayConfig {
  /** 0 = a random free port (read it from startRelay's result or the "listening" log line) */
  port: number;
  host: string;
  /** env PERSISTENCE: `sqlite` (embedded, in dataDir) or `postgres` (databaseUrl, pgSchema) */
  storage: 'sqlite' | 'postgres';
  /** where bangqi.sqlite lives */
  dataDir: string;
  /** PostgreSQL connection string, required with storage `postgres` (env PERSISTENCE) */
  databaseUrl: string;
  /** PostgreSQL schema holding the relay's tables (created when missing) */
  pgSchema: string;
  /** the built web app (vite build output) */
  staticDir: string;
  /** largest WebSocket message accepted, bytes; bigger ones close the socket with 1009 */
  maxPayload: number;
  /** a doc nobody has open is dropped from memory after this long */
  docIdleMs: number;
  /** compact a doc's update log into a snapshot every this many updates */
  compactEvery: number;
  logLevel: string;
  /** seed the demo district into an empty database */
  seedDemo: boolean;
  /** ping interval; a socket that missed the previous pong is terminated */
  heartbeatMs: number;
}

export const DEFAULT_CONFIG: RelayConfig = {
  port: 8787,
  host: '0.0.0.0',
  storage: 'sqlite',
  dataDir: resolve('data'),
  databaseUrl: '',
  pgSchema: 'bangqi',
  staticDir: resolve(here, '../../dist/web'),
  maxPayload: 8 * 1024 * 1024,
  docIdleMs: 60_000,
  compactEvery: 500,
  logLevel: 'info',
  seedDemo: true,
  heartbeatMs: 30_000,
};

export const RELAY_VERSION: string = (
  JSON.parse(readFileSync(join(here, '../package.json'), 'utf8')) as { version: string }
).version;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, got "${raw}"`);
  return value;
}

function storageKind(env: NodeJS.ProcessEnv): RelayConfig['storage'] {
  const raw = env.PERSISTENCE || DEFAULT_CONFIG.storage;
  if (raw !== 'sqlite' && raw !== 'postgres') throw new Error(`PERSISTENCE must be sqlite or postgres, got "${raw}"`);
  if (raw === 'postgres' && !env.DATABASE_URL) throw new Error('PERSISTENCE=postgres needs DATABASE_URL');
  return raw;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): RelayConfig {
  return {
    port: int(env, 'PORT', DEFAULT_CONFIG.port, 0),
    host: env.HOST || DEFAULT_CONFIG.host,
    storage: storageKind(env),
    dataDir: resolve(env.DATA_DIR || 'data'),
    databaseUrl: env.DATABASE_URL || DEFAULT_CONFIG.databaseUrl,
    pgSchema: env.PG_SCHEMA || DEFAULT_CONFIG.pgSchema,
    staticDir: env.STATIC_DIR ? resolve(env.STATIC_DIR) : DEFAULT_CONFIG.staticDir,
    maxPayload: int(env, 'MAX_PAYLOAD', DEFAULT_CONFIG.maxPayload, 1024),
    docIdleMs: int(env, 'DOC_IDLE_MS', DEFAULT_CONFIG.docIdleMs, 0),
    compactEvery: int(env, 'COMPACT_EVERY', DEFAULT_CONFIG.compactEvery, 1),
    logLevel: env.LOG_LEVEL || DEFAULT_CONFIG.logLevel,
    seedDemo: (env.SEED_DEMO ?? '1') !== '0',
    heartbeatMs: int(env, 'HEARTBEAT_MS', DEFAULT_CONFIG.heartbeatMs, 10),
  };
}
