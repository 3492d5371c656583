/** Opens the DirectoryStore next to the doc store the config names (same SQLite file or PostgreSQL schema). */
import { openConfiguredStore, type StorageConfig } from '../store-config.ts';
import { openPostgresDirectoryStore } from './postgres-store.ts';
import { openSqliteDirectoryStore } from './sqlite-store.ts';
import type { DirectoryStore } from './types.ts';

export const openDirectoryStore = (config: StorageConfig, onIdleError?: (err: Error) => void): Promise<DirectoryStore> =>
  openConfiguredStore(config, { sqlite: openSqliteDirectoryStore, postgres: openPostgresDirectoryStore }, onIdleError);
