/**
 * Named list filters, saved per user on this device (localStorage, one key per user id: two people
 * sharing a tablet keep their own). A saved filter is its URL search string, so applying it is exactly
 * what reloading that URL does.
 */
import { createSignal, type Accessor } from 'solid-js';

export interface SavedFilter {
  name: string;
  search: string;
}

export interface SavedFilterStore {
  list: Accessor<SavedFilter[]>;
  /** saves under `name` (trimmed); the same name replaces the earlier one */
  save(name: string, search: string): void;
  remove(name: string): void;
}

export const savedFiltersKey = (userId: string) => `bangqi.savedFilters.${userId}`;

function read(storage: Pick<Storage, 'getItem'>, key: string): SavedFilter[] {
  try {
    const value: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    if (!Array.isArray(value)) return [];
    return value.filter(
      (v): v is SavedFilter => typeof v === 'object' && v !== null && typeof v.name === 'string' && typeof v.search === 'string',
    );
  } catch {
    return [];
  }
}

export function createSavedFilterStore(storage: Pick<Storage, 'getItem' | 'setItem'>, userId: string): SavedFilterStore {
  const key = savedFiltersKey(userId);
  const [list, setList] = createSignal(read(storage, key));
  const write = (next: SavedFilter[]) => {
    setList(next);
    storage.setItem(key, JSON.stringify(next));
  };
  return {
    list,
    save(name, search) {
      const clean = name.trim();
      if (!clean) return;
      write([...list().filter((f) => f.name !== clean), { name: clean, search }]);
    },
    remove(name) {
      write(list().filter((f) => f.name !== name));
    },
  };
}
