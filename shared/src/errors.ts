/**
 * Reason codes shared by the relay and the app. The wire carries only the code; the app maps codes to
 * Chinese messages in one place (web/src/ui/strings.ts), so wording changes never touch the protocol.
 */
export const Reason = {
  BadFrame: 'bad-frame',
  TooBig: 'too-big',
  Unauthenticated: 'unauthenticated',
  Forbidden: 'forbidden',
  UnsupportedVersion: 'unsupported-version',
  InvalidUpdate: 'invalid-update',
  ServerError: 'server-error',
  ShuttingDown: 'shutting-down',
  /** a change to who is responsible (or to the strategy) by someone who may not make it */
  ForbiddenAssignment: 'forbidden-assignment',
  /** an update that would erase a file (its name) */
  WipeRefused: 'wipe-refused',
  /** an update that would rewrite or shorten an append-only history */
  HistoryRewrite: 'history-rewrite',
  /** an update that does not fit the doc's schema */
  SchemaViolation: 'schema-violation',
  /** an update that depends on changes the relay never accepted (follows a refusal) */
  MissingDependency: 'missing-dependency',
  /** the user lost read access to the doc (reassignment, team or role change) */
  AccessRevoked: 'access-revoked',
  /** HTTP API: wrong username or password */
  BadCredentials: 'bad-credentials',
  /** HTTP API: too many attempts; retry after `retryAfterSec` */
  RateLimited: 'rate-limited',
  /** HTTP API: the account is disabled */
  AccountDisabled: 'account-disabled',
  /** HTTP API: a request body that does not validate (message says which field) */
  InvalidRequest: 'invalid-request',
  /** HTTP API: username (or team name) already taken */
  Conflict: 'conflict',
  /** HTTP API: no such user/team/route (or blob) */
  NotFound: 'not-found',
  /** the device's storage is full (IndexedDB QuotaExceededError): what was typed is kept elsewhere */
  QuotaExceeded: 'quota-exceeded',
  /** blob upload: larger than the relay accepts (BLOB_MAX_BYTES) */
  BlobTooLarge: 'blob-too-large',
  /** blob upload: the bytes do not hash to the address they were sent to */
  HashMismatch: 'hash-mismatch',
  /** blob upload: a chunk that does not continue the stored part (the answer names the offset to resume from) */
  BadOffset: 'bad-offset',
} as const;
export type ReasonCode = (typeof Reason)[keyof typeof Reason];
