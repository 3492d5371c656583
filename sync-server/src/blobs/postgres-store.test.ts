/**
 * The blob store contract on the real PostgreSQL server (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/test), each case in a fresh schema that is dropped afterwards.
 * An unreachable server fails this file; it is never skipped.
 */
import { pgSuiteFactory } from '../pg-test-schema.ts';
import { openPostgresBlobStore } from './postgres-store.ts';
import { runBlobStoreSuite } from './store-suite.ts';

runBlobStoreSuite('postgres', pgSuiteFactory('bangqi_blobs', openPostgresBlobStore));
