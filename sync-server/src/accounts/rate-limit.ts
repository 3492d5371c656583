/**
 * Login rate limits, in memory: failed logins per username (5 per 15 min, then the username is locked
 * until the window passes, even for the right password), failed logins per IP (20 per 15 min) and all
 * login attempts per IP (300 per 15 min).
 *
 * In memory on purpose: one relay serves a district. Several relays behind a load balancer would each
 * count separately, and would need these counters in Redis (the scale-out store) to share them.
 */

export interface LoginLimits {
  windowMs: number;
  failuresPerUser: number;
  failuresPerIp: number;
  attemptsPerIp: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  windowMs: 15 * 60_000,
  failuresPerUser: 5,
  failuresPerIp: 20,
  attemptsPerIp: 300,
};

/** Timestamps of events per key within a sliding window. */
class WindowCounter {
  private readonly events = new Map<string, number[]>();

  constructor(
    private readonly windowMs: number,
    private readonly limit: number,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = this.events.get(key);
    if (!list) return [];
    const cutoff = now - this.windowMs;
    while (list.length > 0 && list[0]! <= cutoff) list.shift();
    if (list.length === 0) this.events.delete(key);
    return list;
  }

  /** Milliseconds until `key` is under its limit again; 0 when it is under it now. */
  blockedFor(key: string, now: number): number {
    const list = this.recent(key, now);
    if (list.length < this.limit) return 0;
    // the event that must age out before the count drops below the limit
    return list[list.length - this.limit]! + this.windowMs - now;
  }

  /** Records an event; returns true when this one reached the limit. */
  add(key: string, now: number): boolean {
    const list = this.recent(key, now);
    list.push(now);
    // only the newest `limit` events can matter for blockedFor
    if (list.length > this.limit) list.splice(0, list.length - this.limit);
    this.events.set(key, list);
    return list.length === this.limit;
  }

  clear(key: string): void {
    this.events.delete(key);
  }

  sweep(now: number): void {
    for (const key of [...this.events.keys()]) this.recent(key, now);
  }
}

export type LimitCheck =
  | { ok: true }
  | {
      ok: false;
      scope: 'user' | 'ip-failures' | 'ip-attempts';
      retryAfterSec: number;
      /**
       * an address past its attempt limit that was already refused in this block: not worth another
       * audit entry (a flood from one address would otherwise grow the audit log without bound)
       */
      repeat: boolean;
    };

export class LoginRateLimiter {
  private readonly userFailures: WindowCounter;
  private readonly ipFailures: WindowCounter;
  private readonly ipAttempts: WindowCounter;
  /** addresses refused for too many attempts → when that block ends */
  private readonly floods = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    limits: LoginLimits = DEFAULT_LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.userFailures = new WindowCounter(limits.windowMs, limits.failuresPerUser);
    this.ipFailures = new WindowCounter(limits.windowMs, limits.failuresPerIp);
    this.ipAttempts = new WindowCounter(limits.windowMs, limits.attemptsPerIp);
    // drops keys whose events all aged out, so a spray of usernames does not grow memory forever
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  /** Counts one attempt and says whether it may go ahead (before the password is checked). */
  attempt(username: string, ip: string): LimitCheck {
    const now = this.now();
    const checks = [
      ['ip-attempts', this.ipAttempts.blockedFor(ip, now)],
      ['ip-failures', this.ipFailures.blockedFor(ip, now)],
      ['user', this.userFailures.blockedFor(username, now)],
    ] as const;
    this.ipAttempts.add(ip, now);
    for (const [scope, ms] of checks) {
      if (ms <= 0) continue;
      const repeat = scope === 'ip-attempts' && (this.floods.get(ip) ?? 0) > now;
      if (scope === 'ip-attempts') this.floods.set(ip, now + ms);
      return { ok: false, scope, retryAfterSec: Math.ceil(ms / 1000), repeat };
    }
    return { ok: true };
  }

  /** Records a failed attempt; returns true when it locked the username. */
  failure(username: string, ip: string): boolean {
    const now = this.now();
    this.ipFailures.add(ip, now);
    return this.userFailures.add(username, now);
  }

  /** A correct password clears the username's failures (the IP's stay). */
  success(username: string): void {
    this.userFailures.clear(username);
  }

  /** Seconds until the username may try again, 0 when it is not locked. */
  lockedFor(username: string): number {
    return Math.ceil(this.userFailures.blockedFor(username, this.now()) / 1000);
  }

  sweep(): void {
    const now = this.now();
    this.userFailures.sweep(now);
    this.ipFailures.sweep(now);
    this.ipAttempts.sweep(now);
    for (const [ip, until] of this.floods) if (until <= now) this.floods.delete(ip);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
