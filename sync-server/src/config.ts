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
  /**
   * env SEED_DEMO: on first start, `true` ('1') seeds the demo accounts and the demo district's
   * enterprises, 'users' only the accounts, `false` ('0') nothing
   */
  seedDemo: boolean | 'users';
  /** env ADMIN_PASSWORD: with no users yet, create only `admin` with this password (production bootstrap) */
  adminPassword: string;
  /** env JWT_SECRET: the access-token signing secret; '' = one generated once and kept in the database */
  jwtSecret: string;
  /** env ACCESS_TTL_SEC: lifetime of an access token */
  accessTtlSec: number;
  /** env REFRESH_TTL_SEC: lifetime of a refresh token (each is single use) */
  refreshTtlSec: number;
  /**
   * env TRUST_PROXY=1: take the client address for login rate limits from the last X-Forwarded-For
   * entry (set it only behind a reverse proxy that appends it, or clients choose their own address)
   */
  trustProxy: boolean;
  /** ping interval; a socket that missed the previous pong is terminated */
  heartbeatMs: number;
  /** env BLOB_MAX_BYTES: the largest blob (photo, attachment) an upload may declare */
  blobMaxBytes: number;
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
  adminPassword: '',
  jwtSecret: '',
  accessTtlSec: 900,
  refreshTtlSec: 30 * 24 * 3600,
  trustProxy: false,
  heartbeatMs: 30_000,
  blobMaxBytes: 10 * 1024 * 1024,
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

function seedDemo(env: NodeJS.ProcessEnv): RelayConfig['seedDemo'] {
  const raw = env.SEED_DEMO || '1';
  if (raw === '1') return true;
  if (raw === '0') return false;
  if (raw === 'users') return 'users';
  throw new Error(`SEED_DEMO must be 1, users or 0, got "${raw}"`);
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
    seedDemo: seedDemo(env),
    adminPassword: env.ADMIN_PASSWORD ?? '',
    jwtSecret: env.JWT_SECRET ?? '',
    accessTtlSec: int(env, 'ACCESS_TTL_SEC', DEFAULT_CONFIG.accessTtlSec, 1),
    refreshTtlSec: int(env, 'REFRESH_TTL_SEC', DEFAULT_CONFIG.refreshTtlSec, 60),
    trustProxy: env.TRUST_PROXY === '1',
    heartbeatMs: int(env, 'HEARTBEAT_MS', DEFAULT_CONFIG.heartbeatMs, 10),
    blobMaxBytes: int(env, 'BLOB_MAX_BYTES', DEFAULT_CONFIG.blobMaxBytes, 1),
  };
}
