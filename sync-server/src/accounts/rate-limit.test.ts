import { afterEach, describe, expect, it } from 'vitest';
import { LoginRateLimiter } from './rate-limit.ts';

const MIN = 60_000;
let now = 1_000_000;
const limiters: LoginRateLimiter[] = [];
function limiter(limits = { windowMs: 15 * MIN, failuresPerUser: 5, failuresPerIp: 20, attemptsPerIp: 300 }) {
  const l = new LoginRateLimiter(limits, () => now);
  limiters.push(l);
  return l;
}
afterEach(() => {
  for (const l of limiters.splice(0)) l.close();
});

describe('LoginRateLimiter', () => {
  it('locks a username after 5 failures until the window passes', () => {
    const l = limiter();
    for (let i = 0; i < 4; i++) {
      expect(l.attempt('lina', `10.0.0.${i}`)).toEqual({ ok: true });
      expect(l.failure('lina', `10.0.0.${i}`)).toBe(false);
      now += MIN;
    }
    expect(l.attempt('lina', '10.0.0.9').ok).toBe(true);
    expect(l.failure('lina', '10.0.0.9')).toBe(true); // the 5th locks
    expect(l.attempt('lina', '10.0.1.1')).toEqual({ ok: false, scope: 'user', retryAfterSec: 11 * 60, repeat: false });
    expect(l.lockedFor('lina')).toBe(11 * 60);
    expect(l.attempt('other', '10.0.1.1').ok).toBe(true);
    now += 11 * MIN; // the first failure ages out: 4 left in the window
    expect(l.attempt('lina', '10.0.1.1').ok).toBe(true);
    expect(l.lockedFor('lina')).toBe(0);
  });

  it('a success clears the username\'s failures but not the address\'s', () => {
    const l = limiter({ windowMs: 15 * MIN, failuresPerUser: 5, failuresPerIp: 6, attemptsPerIp: 300 });
    for (let i = 0; i < 4; i++) l.failure('lina', '10.0.0.1');
    l.success('lina');
    for (let i = 0; i < 2; i++) l.failure('lina', '10.0.0.1');
    expect(l.lockedFor('lina')).toBe(0);
    expect(l.attempt('zhangwei', '10.0.0.1')).toEqual({ ok: false, scope: 'ip-failures', retryAfterSec: 15 * 60, repeat: false });
    expect(l.attempt('zhangwei', '10.0.0.2').ok).toBe(true);
  });

  it('limits all attempts per address, failed or not', () => {
    const l = limiter({ windowMs: 15 * MIN, failuresPerUser: 5, failuresPerIp: 20, attemptsPerIp: 3 });
    for (let i = 0; i < 3; i++) expect(l.attempt(`user${i}`, '10.0.0.1').ok).toBe(true);
    expect(l.attempt('user9', '10.0.0.1')).toMatchObject({ ok: false, scope: 'ip-attempts', repeat: false });
    // further refusals of the same flood are marked, so they are not audited one by one
    expect(l.attempt('user9', '10.0.0.1')).toMatchObject({ ok: false, scope: 'ip-attempts', repeat: true });
    expect(l.attempt('user9', '10.0.0.2').ok).toBe(true);
    now += 15 * MIN + 1;
    expect(l.attempt('user9', '10.0.0.1').ok).toBe(true);
  });

  it('forgets keys whose events all aged out', () => {
    const l = limiter();
    l.failure('a', '10.0.0.1');
    now += 16 * MIN;
    l.sweep();
    expect(l.lockedFor('a')).toBe(0);
    expect((l as unknown as { userFailures: { events: Map<string, number[]> } }).userFailures.events.size).toBe(0);
  });
});
