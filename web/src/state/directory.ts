/**
 * The market-entity directory on this device: a plain Dexie table copied from the relay by versioned
 * deltas (docs/protocol.md "Market-entity directory"), each row stored with its search keys (computed
 * in the keys worker), so search works offline. Also the relay calls of an import (coordinator, admin).
 * Handlers get no directory (PIPL): the relay answers 403 and the store just stays empty.
 */
import { createSignal, type Accessor } from 'solid-js';
import {
  DIRECTORY_DELTA_MAX_LIMIT,
  Reason,
  type DirectoryCommitResult,
  type DirectoryDelta,
  type DirectoryImportBegin,
  type DirectoryImportCreated,
  type DirectoryImportRow,
  type DirectoryImportState,
  type DirectoryStats,
  type Principal,
} from '@bangqi/shared';
import { getMeta, setMeta, type AppDb, type DirectoryRecord } from '../storage/db.ts';
import type { KeysFor } from '../workers/keys.ts';
import { ApiError, apiRequest, readJson, type ApiAuth } from './api.ts';

/** Rows per delta request: the answer is parsed on the main thread, so pages stay small (then written in WRITE_BATCH slices). */
export const DELTA_PAGE = 2_000;
/** Rows per IndexedDB write (and per search-index update) during a pull. */
const WRITE_BATCH = 500;
const CURSOR_KEY = 'directoryCursor';
const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export interface DirectoryCursor {
  /** the version of the last row stored (or the head version once caught up) */
  since: number;
  /** the uscc of the last row stored at `since`; '' once the pull reached the head */
  after: string;
}

export type PullState =
  | { phase: 'idle' }
  | { phase: 'pulling'; done: number; total: number }
  | { phase: 'failed' }
  /** the relay does not give this role the directory (handlers) */
  | { phase: 'forbidden' };

export interface DirectoryStore {
  pullState: Accessor<PullState>;
  /** rows in the local table */
  localCount: Accessor<number>;
  /** pulls every delta page since the stored cursor; one pull at a time (a second call joins it) */
  pull(): Promise<void>;
  /** called with every batch of rows written to the local table */
  onRows(listener: (rows: DirectoryRecord[]) => void): () => void;
  relay: DirectoryRelay;
}

/** The relay's import calls (docs/protocol.md), through the signed-in user's token. */
export interface DirectoryRelay {
  begin(body: DirectoryImportBegin): Promise<DirectoryImportCreated>;
  putChunk(importId: string, n: number, rows: DirectoryImportRow[]): Promise<void>;
  state(importId: string): Promise<DirectoryImportState>;
  commit(importId: string): Promise<DirectoryCommitResult>;
  abandon(importId: string): Promise<void>;
}

/** Like the ApiClient's calls, with PUT and DELETE: one refresh and retry after a 401. */
function sender(auth: ApiAuth) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const token = await auth.accessToken();
    try {
      return await readJson<T>(await apiRequest(method, path, { body, token }));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || !token || !(await auth.refresh())) throw err;
      return readJson<T>(await apiRequest(method, path, { body, token: await auth.accessToken() }));
    }
  };
}

export function mayImportDirectory(p: Principal | null): boolean {
  return p?.role === 'coordinator' || p?.role === 'admin';
}

export function mayReadDirectory(p: Principal | null): boolean {
  return p !== null && p.role !== 'handler';
}

export function createDirectoryStore(deps: {
  db: AppDb;
  auth: ApiAuth & { principal: Accessor<Principal | null> };
  keysFor: KeysFor;
}): DirectoryStore {
  const { db, auth, keysFor } = deps;
  const send = sender(auth);
  const [pullState, setPullState] = createSignal<PullState>({ phase: 'idle' });
  const [localCount, setLocalCount] = createSignal(0);
  const listeners = new Set<(rows: DirectoryRecord[]) => void>();
  void db.directory.count().then(setLocalCount, () => {});

  const pullOnce = async (): Promise<void> => {
    if (!mayReadDirectory(auth.principal())) {
      setPullState({ phase: 'forbidden' });
      return;
    }
    let cursor = await getMeta<DirectoryCursor>(db, CURSOR_KEY, { since: 0, after: '' });
    const stats = await send<DirectoryStats>('GET', '/api/directory/stats');
    if (stats.version === cursor.since && cursor.after === '') return;
    // Rows to come: all of them on a first pull; otherwise at most the rows not yet here (updates are
    // rows already counted, so the bar is an estimate and is capped by what has arrived).
    const here = localCount();
    let done = 0;
    const total = () => Math.max(done, cursor.since === 0 ? stats.rows : Math.max(stats.rows - here, done));
    setPullState({ phase: 'pulling', done, total: total() });
    for (;;) {
      const query = `since=${cursor.since}${cursor.after ? `&after=${encodeURIComponent(cursor.after)}` : ''}&limit=${Math.min(DELTA_PAGE, DIRECTORY_DELTA_MAX_LIMIT)}`;
      const page = await send<DirectoryDelta>('GET', `/api/directory/delta?${query}`);
      const keys = await keysFor(page.rows.map((r) => r.name));
      const records: DirectoryRecord[] = page.rows.map((r, i) => ({ ...r, keys: keys[i] ?? '' }));
      // Written and indexed in small batches with a turn for the page between them: serializing and
      // indexing a whole page at once blocks the main thread for hundreds of ms on a slow device.
      for (let start = 0; start < records.length || start === 0; start += WRITE_BATCH) {
        const batch = records.slice(start, start + WRITE_BATCH);
        const last = batch[batch.length - 1];
        const pageDone = start + WRITE_BATCH >= records.length;
        // Rows come in (version, uscc) order, so the last row written is a valid resume position.
        const next: DirectoryCursor = pageDone && !page.more ? { since: page.version, after: '' } : last ? { since: last.version, after: last.uscc } : cursor;
        await db.transaction('rw', db.directory, db.meta, async () => {
          await db.directory.bulkPut(batch);
          await setMeta(db, CURSOR_KEY, next);
        });
        cursor = next;
        done += batch.length;
        if (batch.length > 0) for (const listener of listeners) listener(batch);
        setPullState({ phase: 'pulling', done, total: total() });
        await yieldToPage();
      }
      setLocalCount(await db.directory.count());
      if (!page.more) break;
    }
  };

  let running: Promise<void> | null = null;
  const pull = (): Promise<void> => {
    running ??= pullOnce()
      .then(() => {
        setPullState((s) => (s.phase === 'forbidden' ? s : { phase: 'idle' }));
      })
      .catch((err: unknown) => {
        if (err instanceof ApiError && (err.status === 403 || err.reason === Reason.Forbidden)) setPullState({ phase: 'forbidden' });
        else if (err instanceof ApiError && err.offline) setPullState({ phase: 'idle' });
        else {
          console.warn('[directory] pull failed', err);
          setPullState({ phase: 'failed' });
        }
      })
      .finally(() => {
        running = null;
      });
    return running;
  };

  return {
    pullState,
    localCount,
    pull,
    onRows(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    relay: {
      begin: (body) => send('POST', '/api/directory/imports', body),
      putChunk: (importId, n, rows) => send('PUT', `/api/directory/imports/${encodeURIComponent(importId)}/chunks/${n}`, { rows }),
      state: (importId) => send('GET', `/api/directory/imports/${encodeURIComponent(importId)}`),
      commit: (importId) => send('POST', `/api/directory/imports/${encodeURIComponent(importId)}/commit`, {}),
      abandon: (importId) => send('DELETE', `/api/directory/imports/${encodeURIComponent(importId)}`),
    },
  };
}
