/**
 * 涉企检查报备: an inspection (执法检查) must be filed at least N days (district setting
 * `inspectionNoticeDays`, default 3) before the day it takes place. Days are calendar days in China:
 * filed on the 1st for the 4th is 3 days' notice. Filing later is allowed but recorded as late.
 */
import { daysLeft } from '../domain/licences.ts';

export interface InspectionNotice {
  /** whole calendar days from the filing day to the planned day (negative when filed afterwards) */
  noticeDays: number;
  /** fewer than the required days of notice */
  late: boolean;
}

/**
 * The notice given by filing on `filedDay` for an inspection on `plannedOn` (both YYYY-MM-DD), against
 * the district's required `requiredDays`. Null when either date is not a real date.
 */
export function inspectionNotice(plannedOn: string, filedDay: string, requiredDays: number): InspectionNotice | null {
  const noticeDays = daysLeft(plannedOn, filedDay);
  if (noticeDays === null) return null;
  return { noticeDays, late: noticeDays < Math.max(0, requiredDays) };
}
