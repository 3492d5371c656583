/**
 * The one hook point for authentication. The accounts issue replaces the body with JWT verification
 * (jose) and returns null for a missing/invalid/expired token; both endpoints then close with 4401.
 * Per-doc authorization (4403 on /y, Refuse on /sync) will hang off the returned principal.
 */
export interface AuthRequest {
  endpoint: 'sync' | 'y';
  /** `hello.token` on /sync, `?token=` on /y */
  token: string | undefined;
  /** the doc of a /y connection */
  docId?: string;
  /** the display name a /sync hello carried */
  user?: string;
  deviceId?: string;
}

export interface Principal {
  user: string;
}

export async function authenticate(req: AuthRequest): Promise<Principal | null> {
  // Until accounts exist every connection is accepted; the token is ignored.
  return { user: req.user ?? 'anonymous' };
}
