/** Opens the AccountStore next to the doc store the config names (same SQLite file or PostgreSQL schema). */
import { openConfiguredStore, type StorageConfig } from '../store-config.ts';
import { openPostgresAccountStore } from './postgres-store.ts';
import { openSqliteAccountStore } from './sqlite-store.ts';
import type { AccountStore } from './types.ts';

export const openAccountStore = (config: StorageConfig, onIdleError?: (err: Error) => void): Promise<AccountStore> =>
  openConfiguredStore(config, { sqlite: openSqliteAccountStore, postgres: openPostgresAccountStore }, onIdleError);
