/** Opens the BlobStore next to the doc store the config names (same SQLite file or PostgreSQL schema). */
import { openConfiguredStore, type StorageConfig } from '../store-config.ts';
import { openPostgresBlobStore } from './postgres-store.ts';
import { openSqliteBlobStore } from './sqlite-store.ts';
import type { BlobStore } from './types.ts';

export const openBlobStore = (config: StorageConfig, onIdleError?: (err: Error) => void): Promise<BlobStore> =>
  openConfiguredStore(config, { sqlite: openSqliteBlobStore, postgres: openPostgresBlobStore }, onIdleError);
