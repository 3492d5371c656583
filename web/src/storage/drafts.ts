/**
 * Text being typed, saved on every keystroke (Web Storage writes are synchronous). A field writes to its
 * doc only after a short debounce; a tab that crashes inside that window fires no `pagehide`, so without
 * this the last keystrokes would be gone. A draft is cleared once it is written to the doc and committed
 * by the field when it is shown again.
 */
export interface Draft {
  save(value: string): void;
  /** the saved draft, if any (it stays saved until `clear`) */
  peek(): string | null;
  clear(): void;
}

export interface DraftStore {
  /** the draft of one field, e.g. `ent-demo0001:name` */
  draft(key: string): Draft;
}

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** `scope` (the user id) keeps each user's drafts apart on a shared device. */
export function webStorageDrafts(storage: KeyValueStorage, scope: string): DraftStore {
  const PREFIX = `bangqi-draft:${scope}:`;
  // Web Storage may throw (quota, disabled): a draft is a safety net, never a reason to fail typing.
  const attempt = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch {
      return fallback;
    }
  };
  return {
    draft(key) {
      const k = PREFIX + key;
      return {
        save: (value) => attempt(() => storage.setItem(k, value), undefined),
        peek: () => attempt(() => storage.getItem(k), null),
        clear: () => attempt(() => storage.removeItem(k), undefined),
      };
    },
  };
}

/** Drafts in `localStorage`; without it (disabled storage) drafts are simply not kept. */
export function browserDrafts(scope: string): DraftStore {
  try {
    if (typeof localStorage !== 'undefined') return webStorageDrafts(localStorage, scope);
  } catch {
    /* storage disabled */
  }
  return { draft: () => ({ save() {}, peek: () => null, clear() {} }) };
}
