/**
 * The directory store contract on the real PostgreSQL server (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), each case in a fresh schema that is dropped afterwards.
 * An unreachable server fails this file; it is never skipped.
 */
import { pgSuiteFactory } from '../pg-test-schema.ts';
import { openPostgresDirectoryStore } from './postgres-store.ts';
import { runDirectoryStoreSuite } from './store-suite.ts';

runDirectoryStoreSuite('postgres', pgSuiteFactory('bangqi_dir', openPostgresDirectoryStore));
