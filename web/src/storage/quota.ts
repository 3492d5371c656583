/**
 * A full device: IndexedDB refuses a write with a QuotaExceededError. Depending on where it surfaces it
 * is the DOMException itself, Dexie's wrapping of it (`Dexie.QuotaExceededError`, or an `AbortError`
 * whose `inner` is the DOMException when the transaction aborted), or a BulkError listing it among its
 * failures. `toStorageError` turns all of these into one StorageFullError carrying the reason code
 * (Reason.QuotaExceeded → one Chinese message in ui/strings.ts), so callers test one class.
 * (This module does not import dexie: db.ts is its only importer; the checks go by error names.)
 */
import { Reason } from '@bangqi/shared/errors';

export class StorageFullError extends Error {
  readonly reason = Reason.QuotaExceeded;
  constructor(cause?: unknown) {
    super('device storage is full (IndexedDB quota exceeded)', { cause });
    this.name = 'StorageFullError';
  }
}

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
  failures?: unknown;
}

/** True when `err` is (or wraps) a quota error: by name, the legacy DOMException code 22, or the message. */
export function isQuotaError(err: unknown, depth = 0): boolean {
  if (err === null || typeof err !== 'object' || depth > 4) return false;
  if (err instanceof StorageFullError) return true;
  const e = err as ErrorLike;
  if (e.name === 'QuotaExceededError' || e.name === 'NS_ERROR_DOM_QUOTA_REACHED' || e.code === 22) return true;
  // Safari and older engines: an AbortError or UnknownError whose message names the quota.
  if (typeof e.message === 'string' && /quota/i.test(e.message) && /exceed|reached|full/i.test(e.message)) return true;
  if (isQuotaError(e.inner, depth + 1) || isQuotaError(e.cause, depth + 1)) return true;
  const failures = e.failures;
  if (Array.isArray(failures)) return failures.some((f) => isQuotaError(f, depth + 1));
  if (failures && typeof failures === 'object') return Object.values(failures).some((f) => isQuotaError(f, depth + 1));
  return false;
}

/** `err` as a StorageFullError when it is a quota error, else unchanged. */
export function toStorageError(err: unknown): unknown {
  return isQuotaError(err) && !(err instanceof StorageFullError) ? new StorageFullError(err) : err;
}

/** Runs `write`, rethrowing a quota error as StorageFullError. */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    throw toStorageError(err);
  }
}

export interface StorageEstimate {
  usage: number;
  quota: number;
}

/** The browser's estimate of this origin's usage and quota, null when it does not say. */
export async function storageEstimate(storage: Pick<StorageManager, 'estimate'> | undefined = globalThis.navigator?.storage): Promise<StorageEstimate | null> {
  if (!storage?.estimate) return null;
  try {
    const e = await storage.estimate();
    return { usage: e.usage ?? 0, quota: e.quota ?? 0 };
  } catch {
    return null;
  }
}
