/** Opens the DirectoryStore next to the doc store the config names (same SQLite file or PostgreSQL schema). */
import type { RelayConfig } from '../config.ts';
import { openPostgresDirectoryStore } from './postgres-store.ts';
import { openSqliteDirectoryStore } from './sqlite-store.ts';
import type { DirectoryStore } from './types.ts';

export async function openDirectoryStore(
  config: Pick<RelayConfig, 'storage' | 'dataDir' | 'databaseUrl' | 'pgSchema'>,
  onIdleError?: (err: Error) => void,
): Promise<DirectoryStore> {
  if (config.storage === 'sqlite') return openSqliteDirectoryStore(config.dataDir);
  if (!config.databaseUrl) throw new Error('storage "postgres" needs databaseUrl (DATABASE_URL)');
  return openPostgresDirectoryStore({ connectionString: config.databaseUrl, schema: config.pgSchema, onIdleError });
}
