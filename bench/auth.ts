/**
 * The benchmark's relay signs tokens with this secret (JWT_SECRET) and seeds only the demo accounts, so
 * every client here carries a real coordinator token (the coordinator reads the whole district).
 */
import { issueAccessToken } from '../sync-server/src/accounts/tokens.ts';

export const BENCH_JWT_SECRET = 'bench-signing-secret-not-for-production';
export const BENCH_RELAY_ENV = { SEED_DEMO: 'users', JWT_SECRET: BENCH_JWT_SECRET };

export const benchToken = (await issueAccessToken(BENCH_JWT_SECRET, { userId: 'u-liuyang', deviceId: 'bench' }, 24 * 3_600_000)).token;
