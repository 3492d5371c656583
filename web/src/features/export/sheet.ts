/**
 * The filtered list as sheet rows (header + one row per enterprise). Every string cell goes through
 * neutraliseCell: a name or note typed as `=HYPERLINK(...)` must stay text in Excel / WPS.
 * Numbers stay numbers, times are Date cells; names of the responsible person and team are resolved here.
 */
import { neutraliseCell, type EnterpriseRow } from '@bangqi/shared';
import { x } from './strings.ts';

export type Cell = string | number | Date | null;

/**
 * Excel cells have no time zone: write-excel-file writes a Date's UTC fields, so a time is shifted by this
 * device's offset to show the wall-clock time the user saw (北京时间 09:00, not 01:00).
 */
export function excelTime(ms: number, offsetMinutes = new Date(ms).getTimezoneOffset()): Date {
  return new Date(ms - offsetMinutes * 60_000);
}

export interface NameLookup {
  userName(id: string): string;
  teamName(id: string): string;
}

const COLUMNS: readonly { header: string; value: (r: EnterpriseRow, names: NameLookup) => Cell }[] = [
  { header: x.headers.name, value: (r) => r.name },
  { header: x.headers.uscc, value: (r) => r.uscc },
  { header: x.headers.formerNames, value: (r) => r.formerNames.join('；') },
  { header: x.headers.legalRep, value: (r) => r.legalRep },
  { header: x.headers.address, value: (r) => r.address },
  { header: x.headers.town, value: (r) => r.town },
  { header: x.headers.park, value: (r) => r.park },
  { header: x.headers.industry, value: (r) => r.industry },
  { header: x.headers.scale, value: (r) => r.scale },
  { header: x.headers.employees, value: (r) => r.employees },
  { header: x.headers.establishedOn, value: (r) => r.establishedOn },
  { header: x.headers.tags, value: (r) => r.tags.join('、') },
  { header: x.headers.lat, value: (r) => r.lat },
  { header: x.headers.lng, value: (r) => r.lng },
  { header: x.headers.licences, value: (r) => r.licences.map((l) => x.licence(l.type, l.number, l.expiresOn)).join('；') },
  { header: x.headers.contactsCount, value: (r) => r.contactsCount },
  { header: x.headers.team, value: (r, n) => (r.teamId ? n.teamName(r.teamId) : '') },
  { header: x.headers.responsible, value: (r, n) => (r.responsibleId ? n.userName(r.responsibleId) : '') },
  { header: x.headers.lastVisitAt, value: (r) => (r.lastVisitAt > 0 ? excelTime(r.lastVisitAt) : null) },
  { header: x.headers.note, value: (r) => r.note },
  { header: x.headers.createdAt, value: (r) => (r.createdAt > 0 ? excelTime(r.createdAt) : null) },
  { header: x.headers.updatedAt, value: (r) => (r.updatedAt > 0 ? excelTime(r.updatedAt) : null) },
  { header: x.headers.updatedBy, value: (r, n) => (r.updatedBy ? n.userName(r.updatedBy) : '') },
  { header: x.headers.assignedAt, value: (r) => (r.assignedAt > 0 ? excelTime(r.assignedAt) : null) },
  { header: x.headers.id, value: (r) => r.id },
];

export const EXPORT_HEADERS = COLUMNS.map((c) => c.header);

export function sheetRows(rows: readonly EnterpriseRow[], names: NameLookup): Cell[][] {
  return [
    EXPORT_HEADERS,
    ...rows.map((r) => COLUMNS.map((c) => {
      const v = c.value(r, names);
      return v === '' ? null : neutraliseCell(v);
    })),
  ];
}

/** Column widths in characters: wide enough for the header and a typical value. */
export const COLUMN_WIDTHS = COLUMNS.map((c) =>
  ({ [x.headers.name]: 30, [x.headers.uscc]: 22, [x.headers.address]: 30, [x.headers.licences]: 40, [x.headers.note]: 40 })[c.header] ?? Math.max(10, c.header.length * 2 + 2),
);
