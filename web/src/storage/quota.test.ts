import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { Reason } from '@bangqi/shared/errors';
import { AppDb } from './db.ts';
import { StorageFullError, guardQuota, isQuotaError, storageEstimate, toStorageError } from './quota.ts';

const quotaDom = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('quota errors', () => {
  it('recognizes the DOMException, its legacy code, and the wrappings Dexie and Safari use', () => {
    expect(isQuotaError(quotaDom())).toBe(true);
    expect(isQuotaError({ name: 'Error', code: 22 })).toBe(true);
    // Dexie: a transaction aborted by the quota is an AbortError whose inner error is the DOMException
    expect(isQuotaError({ name: 'AbortError', message: 'Transaction aborted', inner: quotaDom() })).toBe(true);
    // Dexie BulkError: failures by position
    expect(isQuotaError({ name: 'BulkError', failures: { 3: quotaDom() } })).toBe(true);
    expect(isQuotaError({ name: 'BulkError', failures: [new Error('x'), quotaDom()] })).toBe(true);
    expect(isQuotaError({ name: 'UnknownError', message: 'Quota exceeded for this origin' })).toBe(true);
    expect(isQuotaError(new Error('wrapped', { cause: quotaDom() }))).toBe(true);
    expect(isQuotaError(new DOMException('nope', 'ConstraintError'))).toBe(false);
    expect(isQuotaError(new Error('network'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });

  it('maps a quota error to StorageFullError (reason quota-exceeded) and leaves others alone', async () => {
    const full = toStorageError(quotaDom());
    expect(full).toBeInstanceOf(StorageFullError);
    expect((full as StorageFullError).reason).toBe(Reason.QuotaExceeded);
    const other = new Error('other');
    expect(toStorageError(other)).toBe(other);
    await expect(guardQuota(() => Promise.reject(other))).rejects.toBe(other);
    await expect(guardQuota(() => Promise.resolve(5))).resolves.toBe(5);
  });

  it('a real Dexie write refused by IndexedDB for quota arrives as StorageFullError through guardQuota', async () => {
    const db = new AppDb('quota-test');
    await db.open();
    const put = vi.spyOn(globalThis.IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quotaDom();
    });
    try {
      const err = await guardQuota(() => db.meta.put({ key: 'k', value: 1 })).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageFullError);
      expect(isQuotaError((err as StorageFullError).cause)).toBe(true);
    } finally {
      put.mockRestore();
      db.close();
    }
  });

  it('storageEstimate reads navigator.storage and says null when it cannot', async () => {
    expect(await storageEstimate({ estimate: async () => ({ usage: 10, quota: 100 }) })).toEqual({ usage: 10, quota: 100 });
    expect(await storageEstimate({ estimate: async () => ({}) })).toEqual({ usage: 0, quota: 0 });
    expect(await storageEstimate({ estimate: () => Promise.reject(new Error('no')) })).toBe(null);
    expect(await storageEstimate(undefined)).toBe(null);
  });
});
