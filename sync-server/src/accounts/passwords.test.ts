import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';

describe('passwords', () => {
  it('hashes with argon2id at OWASP parameters and verifies', async () => {
    const hash = await hashPassword('bangqi2026');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hashPassword('bangqi2026')).not.toBe(hash); // salted
    expect(await verifyPassword(hash, 'bangqi2026')).toBe(true);
    expect(await verifyPassword(hash, 'bangqi2027')).toBe(false);
    expect(await verifyPassword('not a hash', 'bangqi2026')).toBe(false);
  });

  it('an unknown user costs a hash too, and never verifies', async () => {
    await verifyPassword(null, 'warm-up'); // the dummy hash is made once
    const known = await hashPassword('x-password');
    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const unknownMs = await time(() => verifyPassword(null, 'x-password'));
    const knownMs = await time(() => verifyPassword(known, 'x-password'));
    expect(await verifyPassword(null, 'x-password')).toBe(false);
    // the same argon2 work either way (generous bounds: CI machines are noisy)
    expect(unknownMs).toBeGreaterThan(knownMs / 4);
  });

  it('names the rule a password breaks', () => {
    expect(passwordProblem('short')).toBe('password must be at least 8 characters');
    expect(passwordProblem('12345678')).toBe('password must not be all digits');
    expect(passwordProblem(12345678, 'newPassword')).toBe('newPassword must be a string');
    expect(passwordProblem('x'.repeat(129))).toBe('password must be at most 128 characters');
    expect(passwordProblem('bangqi2026')).toBeNull();
  });
});
