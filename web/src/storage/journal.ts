/**
 * A synchronous write-ahead journal for local Y updates (Web Storage).
 *
 * IndexedDB writes are asynchronous: an edit flushed on `pagehide` (reload, tab closed, app quit) starts
 * its transaction after the page is already going away, and the browser aborts it. So every local update
 * is first recorded here, synchronously, in the same task that made it; the doc store removes it once its
 * IndexedDB transaction committed, and replays whatever is left at the next start.
 */
import { fromBase64, toBase64 } from 'lib0/buffer';

export interface JournalEntry {
  key: string;
  docId: string;
  update: Uint8Array;
}

export interface UpdateJournal {
  /** Records an update now (synchronously); returns its key, or null when it could not be stored. */
  add(docId: string, update: Uint8Array): string | null;
  remove(keys: readonly string[]): void;
  /** every recorded update, oldest first */
  entries(): JournalEntry[];
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/**
 * The journal over `localStorage` (or any Web Storage); a write the storage refuses is skipped. `scope`
 * (the user id) keeps each user's entries apart: they are replayed only into that user's database.
 */
export function webStorageJournal(storage: KeyValueStorage, scope: string): UpdateJournal {
  const PREFIX = `bangqi-unsaved:${scope}:`;
  let counter = 0;
  // Time first, so keys sort oldest first; the random part keeps two tabs from colliding.
  const tab = Math.random().toString(36).slice(2, 8);
  return {
    add(docId, update) {
      const key = `${PREFIX}${Date.now().toString(36).padStart(9, '0')}-${(counter++).toString(36).padStart(4, '0')}-${tab}`;
      try {
        storage.setItem(key, JSON.stringify({ docId, update: toBase64(update) }));
        return key;
      } catch {
        return null; // quota or storage disabled: the IndexedDB write still happens
      }
    },
    remove(keys) {
      for (const key of keys) {
        try {
          storage.removeItem(key);
        } catch {
          /* storage gone */
        }
      }
    },
    entries() {
      const out: JournalEntry[] = [];
      try {
        const keys: string[] = [];
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (key?.startsWith(PREFIX)) keys.push(key);
        }
        for (const key of keys.sort()) {
          const raw = storage.getItem(key);
          if (!raw) continue;
          try {
            const { docId, update } = JSON.parse(raw) as { docId: string; update: string };
            out.push({ key, docId, update: fromBase64(update) });
          } catch {
            storage.removeItem(key); // unreadable: nothing to recover from it
          }
        }
      } catch {
        /* storage disabled */
      }
      return out;
    },
  };
}

/** `localStorage` when the browser lets us use it. */
export function browserJournal(scope: string): UpdateJournal | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : webStorageJournal(localStorage, scope);
  } catch {
    return undefined;
  }
}
