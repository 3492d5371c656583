/**
 * A whole Dexie table as live rows: re-read on every change (throttled by observeTable), never two reads
 * at once — a catch-up writes thousands of rows in a few transactions. The enterprise, demand and issue
 * stores all keep their lists this way.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js';
import type { Table } from 'dexie';
import { observeTable } from '../storage/db.ts';

export interface LiveRows<T> {
  rows: Accessor<T[]>;
  /** true until the first read finished */
  loading: Accessor<boolean>;
}

/** `label` tags a failed read in the console; `minIntervalMs` as in observeTable. */
export function liveTable<T, K>(table: Table<T, K>, label: string, minIntervalMs?: number): LiveRows<T> {
  const [rows, setRows] = createSignal<T[]>([]);
  const [loading, setLoading] = createSignal(true);
  let reading = false;
  let again = false;
  const read = async (): Promise<void> => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        setRows(await table.toArray());
        setLoading(false);
      } while (again);
    } catch (err) {
      console.error(`[${label}] read failed`, err);
    } finally {
      reading = false;
    }
  };
  onCleanup(observeTable(table, () => void read(), minIntervalMs));
  return { rows, loading };
}
