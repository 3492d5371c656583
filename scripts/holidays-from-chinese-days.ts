/**
 * Generates shared/src/calendar/official.ts (OFFICIAL_HOLIDAYS) from chinese-days 1.5.7, once: the app
 * never imports chinese-days — the table is district data (cfg-district) seeded from this file, and
 * editable when the State Council publishes the next year (chinese-days has no 2027 and would silently
 * count it Monday–Friday).
 *
 *   npx tsx scripts/holidays-from-chinese-days.ts
 *
 * `off` is every listed holiday day (weekend ones too, as the notice lists them), `work` every 调休
 * workday. Before writing, every day of every year is checked against chinese-days' own isWorkday.
 */
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isWorkday } from '../shared/src/calendar/workdays.ts';
import type { HolidayTable } from '../shared/src/calendar/types.ts';

const YEARS = ['2024', '2025', '2026'];
const VERSION = '1.5.7';

const require = createRequire(import.meta.url);
const pkg = require('chinese-days/package.json') as { version: string };
if (pkg.version !== VERSION) throw new Error(`expected chinese-days ${VERSION}, found ${pkg.version}`);
const data = require('chinese-days/dist/chinese-days.json') as { holidays: Record<string, string>; workdays: Record<string, string> };
const lib = require('chinese-days') as { isWorkday(day: string): boolean };

const table: HolidayTable = {};
for (const year of YEARS) {
  const inYear = (days: Record<string, string>) => Object.keys(days).filter((d) => d.startsWith(`${year}-`)).sort();
  const cal = { off: inYear(data.holidays), work: inYear(data.workdays), source: `chinese-days ${VERSION}`, updatedAt: 0 };
  if (cal.off.length === 0) throw new Error(`chinese-days ${VERSION} has no holidays for ${year}`);
  table[year] = cal;
}

// cross-check: our counting on this table agrees with chinese-days on every day of every year
for (const year of YEARS) {
  for (let t = Date.UTC(Number(year), 0, 1); t < Date.UTC(Number(year) + 1, 0, 1); t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (isWorkday(day, table) !== lib.isWorkday(day)) throw new Error(`table disagrees with chinese-days on ${day}`);
  }
}

const lines = [
  '/**',
  ` * Official holidays and 调休 workdays ${YEARS[0]}–${YEARS[YEARS.length - 1]}, generated from chinese-days ${VERSION} by`,
  ' * scripts/holidays-from-chinese-days.ts — do not edit by hand. Seeds the district table (config.ts) and',
  ' * backs it on a device that has not synced the district doc yet.',
  ' */',
  "import type { HolidayTable } from './types.ts';",
  '',
  'export const OFFICIAL_HOLIDAYS: HolidayTable = {',
  ...YEARS.flatMap((year) => {
    const cal = table[year]!;
    const list = (days: string[]) => days.map((d) => `'${d}'`).join(', ');
    return [
      `  '${year}': {`,
      `    off: [${list(cal.off)}],`,
      `    work: [${list(cal.work)}],`,
      `    source: '${cal.source}',`,
      '    updatedAt: 0,',
      '  },',
    ];
  }),
  '};',
  '',
];
const out = fileURLToPath(new URL('../shared/src/calendar/official.ts', import.meta.url));
writeFileSync(out, lines.join('\n'));
console.log(`wrote ${out}: ${YEARS.map((y) => `${y} ${table[y]!.off.length} off / ${table[y]!.work.length} work`).join(', ')}`);
