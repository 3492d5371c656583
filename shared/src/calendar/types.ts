/**
 * District settings doc (`cfg-district`, DISTRICT_CONFIG_DOC_ID): data the district controls, synced to
 * every device so deadlines and reminders are computed offline. Read by everyone signed in; written by
 * coordinators and admins.
 *
 * Doc layout:
 *  map `holidays`  year ('2026') → YearCalendar (plain object). A year that is absent has NO official
 *                  calendar: deadlines falling in it are computed Monday–Friday and shown with a warning.
 *  map `settings`  key → value (DistrictSettings fields; absent keys take DEFAULT_SETTINGS)
 */

/** One year's official calendar (State Council notice): days off besides weekends, and 调休 workdays. */
export interface YearCalendar {
  /** YYYY-MM-DD days off that would otherwise be workdays (holidays, incl. those on weekdays) */
  off: string[];
  /** YYYY-MM-DD weekend days that are workdays (调休) */
  work: string[];
  /** where it came from: 'chinese-days 1.5.7', 'import', a user's name … */
  source: string;
  updatedAt: number;
}

export type HolidayTable = Record<string, YearCalendar>;

/** A reminder rule for visits, by tag ('' = every file). */
export interface VisitRule {
  id: string;
  /** '' = every file; otherwise files carrying this tag */
  tag: string;
  /** at least `minVisits` visits per `period` … */
  minVisits: number;
  period: 'month' | 'quarter' | 'year';
  /** … or, when > 0, not visited for this many days is flagged (e.g. 90) */
  maxDaysWithoutVisit: number;
}

export interface DistrictSettings {
  /** working days per urgency tier: simple / ordinary / complex (default 1, 5, 15) */
  deadlineTiers: [number, number, number];
  /** most working days a deadline may be extended to in total (Shandong: 30) */
  maxDeadlineDays: number;
  /** a demand this many working days or fewer from its deadline is "near due" */
  nearDueWorkingDays: number;
  /** GPS check-in farther than this from the enterprise is flagged */
  checkInRadiusM: number;
  /** GPS accuracy worse than this is flagged */
  maxAccuracyM: number;
  /** 涉企检查报备: an inspection is filed at least this many days ahead */
  inspectionNoticeDays: number;
  /** 无事不扰: more visits than this in one calendar month flags the enterprise */
  maxVisitsPerMonth: number;
  visitRules: VisitRule[];
}

export const DEFAULT_SETTINGS: DistrictSettings = {
  deadlineTiers: [1, 5, 15],
  maxDeadlineDays: 30,
  nearDueWorkingDays: 1,
  checkInRadiusM: 500,
  maxAccuracyM: 100,
  inspectionNoticeDays: 3,
  maxVisitsPerMonth: 4,
  visitRules: [
    { id: 'key-project-quarter', tag: '重点项目', minVisits: 1, period: 'quarter', maxDaysWithoutVisit: 0 },
    { id: 'all-90-days', tag: '', minVisits: 0, period: 'quarter', maxDaysWithoutVisit: 90 },
  ],
};
