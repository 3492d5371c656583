/**
 * Password hashing (argon2id, OWASP's minimum parameters: 19 MiB, 2 passes, 1 lane) and the password
 * rules. A login for a username that does not exist still computes one hash, so the response time does
 * not tell an attacker which usernames exist.
 */
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

/** Algorithm.Argon2id: the package declares a const enum, which isolatedModules cannot read. */
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const PASSWORD_MIN_LENGTH = 8;
/** argon2 takes any length, but hashing megabytes per request would be a cheap denial of service. */
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | null = null;

/**
 * Checks `password` against `passwordHash`; with no hash (unknown user) it verifies against a hash of a
 * random password instead, so both cases cost the same, and returns false.
 */
export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (passwordHash === null) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** The first rule `password` breaks, as a message naming it, or null when it is acceptable. */
export function passwordProblem(password: unknown, field = 'password'): string | null {
  if (typeof password !== 'string') return `${field} must be a string`;
  if (password.length < PASSWORD_MIN_LENGTH) return `${field} must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `${field} must be at most ${PASSWORD_MAX_LENGTH} characters`;
  if (/^\d+$/.test(password)) return `${field} must not be all digits`;
  return null;
}
