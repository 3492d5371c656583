import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { createSavedFilterStore, savedFiltersKey } from './savedFilters.ts';

function memory(): Pick<Storage, 'getItem' | 'setItem'> {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

describe('saved filters', () => {
  it('are kept per user, replace by name, survive a new store and ignore garbage', () =>
    createRoot((dispose) => {
      const storage = memory();
      const zhang = createSavedFilterStore(storage, 'u-zhang');
      zhang.save(' 城关规上 ', 'town=城关街道&scale=规上');
      zhang.save('未走访', 'nv=90');
      zhang.save('城关规上', 'town=城关街道');
      zhang.save('   ', 'q=x');
      expect(zhang.list()).toEqual([
        { name: '未走访', search: 'nv=90' },
        { name: '城关规上', search: 'town=城关街道' },
      ]);
      expect(createSavedFilterStore(storage, 'u-zhang').list()).toHaveLength(2);
      expect(createSavedFilterStore(storage, 'u-li').list()).toEqual([]);
      zhang.remove('未走访');
      expect(createSavedFilterStore(storage, 'u-zhang').list().map((f) => f.name)).toEqual(['城关规上']);
      storage.setItem(savedFiltersKey('u-bad'), '{"not":"a list"}');
      expect(createSavedFilterStore(storage, 'u-bad').list()).toEqual([]);
      storage.setItem(savedFiltersKey('u-bad'), '[{"name":1},{"name":"ok","search":""}');
      expect(createSavedFilterStore(storage, 'u-bad').list()).toEqual([]);
      dispose();
    }));
});
