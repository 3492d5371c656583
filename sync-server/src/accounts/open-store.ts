/** Opens the AccountStore next to the doc store the config names (same SQLite file or PostgreSQL schema). */
import type { RelayConfig } from '../config.ts';
import { openPostgresAccountStore } from './postgres-store.ts';
import { openSqliteAccountStore } from './sqlite-store.ts';
import type { AccountStore } from './types.ts';

export async function openAccountStore(
  config: Pick<RelayConfig, 'storage' | 'dataDir' | 'databaseUrl' | 'pgSchema'>,
  onIdleError?: (err: Error) => void,
): Promise<AccountStore> {
  if (config.storage === 'sqlite') return openSqliteAccountStore(config.dataDir);
  if (!config.databaseUrl) throw new Error('storage "postgres" needs databaseUrl (DATABASE_URL)');
  return openPostgresAccountStore({ connectionString: config.databaseUrl, schema: config.pgSchema, onIdleError });
}
