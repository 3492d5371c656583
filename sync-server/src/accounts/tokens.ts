/**
 * Access tokens: short-lived HS256 JWTs (jose) naming the user and the device. They only identify: what
 * the user may do is read from the current org on every check, so a role change or a disabled account
 * takes effect at once, not when the token expires. A token also carries `pwv`, a fingerprint of the
 * user's password hash at issue time: a password change or reset changes it, which voids every access
 * token issued before (without a session table). Refresh tokens are opaque random strings, stored
 * hashed and exchanged once (rotation, with reuse detection).
 */
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

const ISSUER = 'bangqi-relay';
const AUDIENCE = 'bangqi';

export interface AccessClaims {
  userId: string;
  deviceId: string;
  /** passwordVersion() of the user at issue time; '' in tokens minted without one (test tooling) */
  passwordVersion: string;
}

/**
 * 12 hex characters of an HMAC of the password hash under the signing secret: changes with every new
 * hash (argon2id salts each one), and the token (readable by anyone holding it) reveals nothing of it.
 */
export function passwordVersion(secret: string, passwordHash: string): string {
  return createHmac('sha256', secret).update(passwordHash).digest('hex').slice(0, 12);
}

export function newSigningSecret(): string {
  return randomBytes(32).toString('base64url');
}

const key = (secret: string) => new TextEncoder().encode(secret);

/** Signs an access token valid for `ttlMs` from `now`. */
export async function issueAccessToken(
  secret: string,
  claims: Omit<AccessClaims, 'passwordVersion'> & { passwordVersion?: string },
  ttlMs: number,
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const expiresAt = now + ttlMs;
  const token = await new SignJWT({ dev: claims.deviceId, ...(claims.passwordVersion ? { pwv: claims.passwordVersion } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(expiresAt / 1000))
    .sign(key(secret));
  return { token, expiresAt };
}

export type VerifyResult =
  | { ok: true; claims: AccessClaims; /** epoch ms (the token's `exp`) */ expiresAt: number }
  | { ok: false; why: 'missing' | 'expired' | 'invalid' };

/** Verifies signature, issuer, audience and expiry. Never throws. */
export async function verifyAccessToken(secret: string, token: string | undefined | null): Promise<VerifyResult> {
  if (!token) return { ok: false, why: 'missing' };
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || payload.sub === '' || typeof payload.exp !== 'number') return { ok: false, why: 'invalid' };
    const claims = {
      userId: payload.sub,
      deviceId: typeof payload.dev === 'string' ? payload.dev : '',
      passwordVersion: typeof payload.pwv === 'string' ? payload.pwv : '',
    };
    return { ok: true, claims, expiresAt: payload.exp * 1000 };
  } catch (err) {
    return { ok: false, why: err instanceof errors.JWTExpired ? 'expired' : 'invalid' };
  }
}

export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
