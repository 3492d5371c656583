/**
 * The district config (`cfg-district`: holiday table and settings) on this device. The doc stays
 * acquired while the user is signed in, so sync keeps it current and every page reads it without
 * waiting. Until the doc has arrived (a fresh device, offline) the settings are the defaults and the
 * holidays the official table shipped with the app, so deadlines still count right; the doc's years
 * override the official ones once it is there.
 *
 * Writes (coordinators and admins; the relay refuses anyone else) go through `change`, into the doc via
 * the DocStore: stored on the device first, synced when online.
 */
import { createSignal, type Accessor } from 'solid-js';
import type * as Y from 'yjs';
import {
  DEFAULT_SETTINGS,
  DISTRICT_CONFIG_DOC_ID,
  readHolidayTable,
  readSettings,
  withOfficialHolidays,
  type DistrictSettings,
  type HolidayTable,
} from '@bangqi/shared';
import type { DocStore } from '../domain/docStore.ts';
import { openSharedDoc } from './sharedDoc.ts';

export interface DistrictConfigStore {
  settings: Accessor<DistrictSettings>;
  /** the doc's years over the official ones: what deadlines count with */
  holidays: Accessor<HolidayTable>;
  /** only the years the doc holds (the calendar page shows which years the district has) */
  storedHolidays: Accessor<HolidayTable>;
  /** true once the stored doc is loaded */
  loaded: Accessor<boolean>;
  /** one transaction on the config doc */
  change(fn: (doc: Y.Doc) => void): void;
  /** releases the doc (also done when the owning reactive scope ends) */
  dispose(): void;
}

const sameJson = <T,>(a: T, b: T) => JSON.stringify(a) === JSON.stringify(b);

export function createDistrictConfigStore(docs: DocStore): DistrictConfigStore {
  const [settings, setSettings] = createSignal<DistrictSettings>(DEFAULT_SETTINGS);
  const [stored, setStored] = createSignal<HolidayTable>({});
  const [holidays, setHolidays] = createSignal<HolidayTable>(withOfficialHolidays({}));
  const [loaded, setLoaded] = createSignal(false);

  // Set only what changed (compared here, not by the signal, so it holds in every Solid build): an
  // unchanged table keeps its object, and the memos and deadline caches keyed on it stay valid.
  const read = (doc: Y.Doc) => {
    const next = readSettings(doc);
    if (!sameJson(next, settings())) setSettings(next);
    const table = readHolidayTable(doc);
    if (!sameJson(table, stored())) {
      setStored(table);
      setHolidays(withOfficialHolidays(table));
    }
  };

  const shared = openSharedDoc(docs, DISTRICT_CONFIG_DOC_ID, {
    read,
    loaded: () => setLoaded(true),
    label: 'config',
    usedAfterDispose: 'district config used after sign-out',
  });

  return {
    settings,
    holidays,
    storedHolidays: stored,
    loaded,
    change: shared.change,
    dispose: shared.dispose,
  };
}
