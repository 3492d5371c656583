import 'fake-indexeddb/auto';
import { createRoot } from 'solid-js';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DISTRICT_CONFIG_DOC_ID, OFFICIAL_HOLIDAYS, addWorkingDays, setSetting, setYearCalendar } from '@bangqi/shared';
import { DocStore } from '../domain/docStore.ts';
import { AppDb } from '../storage/db.ts';
import { createDistrictConfigStore } from './districtConfig.ts';

let n = 0;
const noSync = { outboxChanged: () => {}, attach: () => ({ awareness: null as never, onPresence: () => () => {}, detach: () => {} }) };

async function until(test: () => boolean) {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(test()).toBe(true);
}

describe('district config store', () => {
  it('a fresh device: defaults and the official holidays, before and after loading an empty doc', async () => {
    const docs = new DocStore({ db: new AppDb(`test-config-${++n}`), sync: noSync });
    const store = createRoot(() => createDistrictConfigStore(docs));
    expect(store.settings()).toEqual(DEFAULT_SETTINGS);
    expect(store.holidays()).toEqual(OFFICIAL_HOLIDAYS);
    await until(store.loaded);
    expect(store.storedHolidays()).toEqual({});
    expect(addWorkingDays('2026-09-30', 1, store.holidays())).toBe('2026-10-08');
    store.dispose();
  });

  it('change writes the doc; the signals follow; the doc years override the official ones; it persists', async () => {
    const db = new AppDb(`test-config-${++n}`);
    const docs = new DocStore({ db, sync: noSync });
    let dispose = () => {};
    const store = createRoot((d) => {
      dispose = d;
      return createDistrictConfigStore(docs);
    });
    await until(store.loaded);
    expect(docs.isOpen(DISTRICT_CONFIG_DOC_ID)).toBe(true);
    const before = store.holidays();
    store.change((doc) => {
      setSetting(doc, 'deadlineTiers', [1, 3, 15]);
      setYearCalendar(doc, '2027', { off: ['2027-01-01'], work: [], source: '刘洋', updatedAt: 1 });
      setYearCalendar(doc, '2026', { off: [], work: [], source: '刘洋', updatedAt: 1 });
    });
    expect(store.settings().deadlineTiers).toEqual([1, 3, 15]);
    expect(Object.keys(store.storedHolidays()).sort()).toEqual(['2026', '2027']);
    expect(Object.keys(store.holidays()).sort()).toEqual(['2024', '2025', '2026', '2027']);
    expect(store.holidays()['2026']!.off).toEqual([]);
    expect(store.holidays()).not.toBe(before);
    // an unchanged read keeps the same object (memos over it do not rerun)
    const same = store.holidays();
    store.change((doc) => setSetting(doc, 'maxVisitsPerMonth', 5));
    expect(store.holidays()).toBe(same);
    await docs.flushAll();
    dispose(); // the owner's cleanup releases the doc
    await until(() => !docs.isOpen(DISTRICT_CONFIG_DOC_ID));

    const again = createRoot(() => createDistrictConfigStore(new DocStore({ db, sync: noSync })));
    await until(again.loaded);
    expect(again.settings()).toMatchObject({ deadlineTiers: [1, 3, 15], maxVisitsPerMonth: 5 });
    expect(again.storedHolidays()['2027']!.off).toEqual(['2027-01-01']);
    again.dispose();
    expect(() => again.change(() => {})).toThrow();
  });
});
