import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  configSchemaProblems,
  parseYearCalendarCsv,
  readHolidayTable,
  readSettings,
  removeYearCalendar,
  seedDistrictConfig,
  setSetting,
  setYearCalendar,
  withOfficialHolidays,
} from './config.ts';
import { OFFICIAL_HOLIDAYS } from './official.ts';
import { DEFAULT_SETTINGS } from './types.ts';

describe('holiday table in the config doc', () => {
  it('seeds the official years once, and keeps what an admin changed', () => {
    const doc = new Y.Doc();
    seedDistrictConfig(doc, 1000);
    expect(Object.keys(readHolidayTable(doc)).sort()).toEqual(['2024', '2025', '2026']);
    expect(readHolidayTable(doc)['2026']!.work).toEqual(OFFICIAL_HOLIDAYS['2026']!.work);
    setYearCalendar(doc, '2026', { off: ['2026-10-01'], work: [], source: '刘洋', updatedAt: 2000 });
    const before = Y.encodeStateVector(doc);
    seedDistrictConfig(doc, 3000);
    expect(Y.encodeStateVector(doc)).toEqual(before); // nothing written
    expect(readHolidayTable(doc)['2026']).toEqual({ off: ['2026-10-01'], work: [], source: '刘洋', updatedAt: 2000 });
  });
  it('writes, sorts, deduplicates and removes a year', () => {
    const doc = new Y.Doc();
    setYearCalendar(doc, '2027', { off: ['2027-02-11', '2027-01-01', '2027-01-01'], work: ['2027-02-07'], source: 'import', updatedAt: 5 });
    expect(readHolidayTable(doc)).toEqual({ '2027': { off: ['2027-01-01', '2027-02-11'], work: ['2027-02-07'], source: 'import', updatedAt: 5 } });
    removeYearCalendar(doc, '2027');
    expect(readHolidayTable(doc)).toEqual({});
  });
  it('refuses a date outside its year', () => {
    const doc = new Y.Doc();
    expect(() => setYearCalendar(doc, '2027', { off: ['2026-12-31'], work: [], source: 'x', updatedAt: 0 })).toThrow(RangeError);
  });
  it('skips a malformed year when reading, and the schema check names it', () => {
    const doc = new Y.Doc();
    doc.getMap('holidays').set('2027', { off: 'soon', work: [], source: 'x', updatedAt: 0 });
    doc.getMap('holidays').set('2028', { off: [], work: [], source: 'x', updatedAt: 0 });
    expect(Object.keys(readHolidayTable(doc))).toEqual(['2028']);
    expect(configSchemaProblems(doc)).toEqual(['holidays.2027.off: not a list of 2027 days']);
  });
  it('the doc years override the official ones, which fill the rest', () => {
    const merged = withOfficialHolidays({ '2026': { off: [], work: [], source: 'x', updatedAt: 0 } });
    expect(merged['2026']!.off).toEqual([]);
    expect(merged['2025']).toBe(OFFICIAL_HOLIDAYS['2025']);
  });
});

describe('settings', () => {
  it('defaults for an empty doc', () => {
    expect(readSettings(new Y.Doc())).toEqual(DEFAULT_SETTINGS);
  });
  it('reads what was set, and defaults for malformed values', () => {
    const doc = new Y.Doc();
    setSetting(doc, 'deadlineTiers', [1, 3, 15]);
    doc.getMap('settings').set('maxDeadlineDays', 'thirty');
    const s = readSettings(doc);
    expect(s.deadlineTiers).toEqual([1, 3, 15]);
    expect(s.maxDeadlineDays).toBe(DEFAULT_SETTINGS.maxDeadlineDays);
    expect(configSchemaProblems(doc)).toEqual(['settings.maxDeadlineDays: malformed value']);
  });
  it('setSetting refuses a malformed value', () => {
    const doc = new Y.Doc();
    expect(() => setSetting(doc, 'deadlineTiers', [1, 0, 15])).toThrow(RangeError);
    expect(() => setSetting(doc, 'visitRules', [{ id: '', tag: '', minVisits: 1, period: 'month', maxDaysWithoutVisit: 0 }])).toThrow(RangeError);
  });
  it('readSettings returns copies (mutating them does not touch the doc or the defaults)', () => {
    const doc = new Y.Doc();
    readSettings(doc).deadlineTiers[0] = 99;
    expect(readSettings(doc).deadlineTiers).toEqual([1, 5, 15]);
    expect(DEFAULT_SETTINGS.deadlineTiers).toEqual([1, 5, 15]);
  });
});

describe('configSchemaProblems', () => {
  it('accepts a seeded doc with settings', () => {
    const doc = new Y.Doc();
    seedDistrictConfig(doc, 1);
    setSetting(doc, 'nearDueWorkingDays', 2);
    expect(configSchemaProblems(doc)).toEqual([]);
  });
  it('names unknown roots, unknown settings and a list under a map name', () => {
    const doc = new Y.Doc();
    doc.getText('notes').insert(0, 'x');
    doc.getMap('settings').set('colour', 'red');
    const sender = new Y.Doc();
    sender.getArray('holidays').push(['2027']);
    const received = new Y.Doc();
    Y.applyUpdate(received, Y.encodeStateAsUpdate(sender));
    Y.applyUpdate(received, Y.encodeStateAsUpdate(doc));
    expect(configSchemaProblems(received).sort()).toEqual(['holidays is not a map', 'settings: unknown key "colour"', 'unknown root "notes"']);
  });
});

describe('parseYearCalendarCsv', () => {
  it('reads 休 and 班 lines, skips blanks, comments and a header, and accepts other separators and date forms', () => {
    const text = '\uFEFF日期,类型\n2027-01-01,休\n\n# 春节\n2027/2/6，休\n2027年2月7日\t班\n2027-02-08 休\n2027-01-01,休\n';
    expect(parseYearCalendarCsv(text, '2027')).toEqual({ off: ['2027-01-01', '2027-02-06', '2027-02-08'], work: ['2027-02-07'], errors: [] });
  });
  it('says per line what is wrong, in Chinese', () => {
    const text = ['2027-01-01,休', '2027-02-30,休', '2026-12-31,休', '2027-03-01,放', '2027-01-01,班', '2027-04-01'].join('\r\n');
    const r = parseYearCalendarCsv(text, '2027');
    expect(r.off).toEqual(['2027-01-01']);
    expect(r.errors.map((e) => [e.line, e.message])).toEqual([
      [2, '“2027-02-30”不是有效日期，应写成 2027-01-01'],
      [3, '2026-12-31 不在 2027 年'],
      [4, '“放”无法识别，应为“休”（放假）或“班”（调休上班）'],
      [5, '2027-01-01 同时标为“休”和“班”'],
      [6, '每行应为“日期,休”或“日期,班”，例如 2027-01-01,休'],
    ]);
    expect(r.errors[0]!.text).toBe('2027-02-30,休');
  });
});
