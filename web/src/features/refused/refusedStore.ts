/** The kept-aside changes of this user (table `refused`), newest first, kept live. */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import { observeTable, type AppDb, type RefusedRecord } from '../../storage/db.ts';

export interface RefusedStore {
  items: Accessor<RefusedRecord[]>;
  remove(id: number): Promise<void>;
}

export function createRefusedStore(db: AppDb, changed: () => void): RefusedStore {
  const [items, setItems] = createSignal<RefusedRecord[]>([]);
  const read = async () => setItems((await db.refused.toArray()).reverse());
  onCleanup(observeTable(db.refused, () => void read().catch((err) => console.error('[refused] read failed', err)), 100));
  return {
    items,
    async remove(id) {
      await db.refused.delete(id);
      changed();
    },
  };
}
