/** Licences (type, number, expiry date): root `licences`, a records list (see records.ts). */
import type * as Y from 'yjs';
import { addRecord, readRecords, removeRecord, updateRecord, type RecordOf } from './records.ts';

export const LICENCE_KEYS = ['type', 'number', 'expiresOn'] as const;
export type Licence = RecordOf<(typeof LICENCE_KEYS)[number]>;
export type LicenceValues = Omit<Licence, 'id'>;

/** Licence types offered (any other text is accepted). */
export const LICENCE_TYPES = ['排污许可证', '安全生产许可证', '食品生产许可证', '危险化学品经营许可证', '建筑业企业资质证书', '取水许可证'] as const;

export const licencesArray = (doc: Y.Doc) => doc.getArray<Y.Map<string>>('licences');

export const readLicences = (doc: Y.Doc): Licence[] => readRecords(licencesArray(doc), LICENCE_KEYS);
export const addLicenceRecord = (doc: Y.Doc, values: LicenceValues) => addRecord(doc, licencesArray(doc), values);
export const updateLicenceRecord = (doc: Y.Doc, id: string, values: Partial<LicenceValues>) => updateRecord(licencesArray(doc), id, values);
export const removeLicenceRecord = (doc: Y.Doc, id: string) => removeRecord(licencesArray(doc), id);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Whole days from `today` (YYYY-MM-DD) to the expiry date; negative once expired, null without a valid date. */
export function daysLeft(expiresOn: string, today: string): number | null {
  if (!isIsoDate(expiresOn) || !isIsoDate(today)) return null;
  return Math.round((Date.parse(expiresOn) - Date.parse(today)) / 86_400_000);
}

/** The calendar day of `at` in China (UTC+8), YYYY-MM-DD: licences and the timeline count days there. */
export function chinaDay(at: number): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 10);
}
