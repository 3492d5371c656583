/**
 * Every store lives where the config puts the doc store: the same SQLite file in DATA_DIR, or the same
 * PostgreSQL database and schema. One place decides which, so the stores cannot drift apart.
 */
import type { RelayConfig } from './config.ts';
import type { PgStoreOptions } from './pg.ts';

export type StorageConfig = Pick<RelayConfig, 'storage' | 'dataDir' | 'databaseUrl' | 'pgSchema'>;

export interface StoreOpeners<T> {
  sqlite: (dataDir: string) => T;
  postgres: (options: PgStoreOptions) => Promise<T>;
}

export async function openConfiguredStore<T>(
  config: StorageConfig,
  open: StoreOpeners<T>,
  onIdleError?: (err: Error) => void,
): Promise<T> {
  if (config.storage === 'sqlite') return open.sqlite(config.dataDir);
  if (!config.databaseUrl) throw new Error('storage "postgres" needs databaseUrl (DATABASE_URL)');
  return open.postgres({ connectionString: config.databaseUrl, schema: config.pgSchema, onIdleError });
}
