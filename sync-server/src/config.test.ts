import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';

describe('configFromEnv: accounts settings', () => {
  it('defaults', () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({ seedDemo: true, adminPassword: '', jwtSecret: '', accessTtlSec: 900, refreshTtlSec: 30 * 24 * 3600, trustProxy: false });
  });

  it('reads SEED_DEMO as 1, users or 0 and nothing else', () => {
    expect(configFromEnv({ SEED_DEMO: '1' }).seedDemo).toBe(true);
    expect(configFromEnv({ SEED_DEMO: 'users' }).seedDemo).toBe('users');
    expect(configFromEnv({ SEED_DEMO: '0' }).seedDemo).toBe(false);
    expect(() => configFromEnv({ SEED_DEMO: 'yes' })).toThrow('SEED_DEMO must be 1, users or 0');
  });

  it('reads secrets, token lifetimes and TRUST_PROXY', () => {
    const c = configFromEnv({ JWT_SECRET: 's3cret', ADMIN_PASSWORD: 'p@ssw0rd!', ACCESS_TTL_SEC: '60', REFRESH_TTL_SEC: '3600', TRUST_PROXY: '1' });
    expect(c).toMatchObject({ jwtSecret: 's3cret', adminPassword: 'p@ssw0rd!', accessTtlSec: 60, refreshTtlSec: 3600, trustProxy: true });
    expect(() => configFromEnv({ ACCESS_TTL_SEC: '0' })).toThrow('ACCESS_TTL_SEC must be an integer ≥ 1');
    expect(() => configFromEnv({ REFRESH_TTL_SEC: 'month' })).toThrow('REFRESH_TTL_SEC');
  });
});
