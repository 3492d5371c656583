/**
 * The figures page's period: a month, a quarter, a year or custom dates, as the [from, to) range of
 * China time (UTC+8, no DST) that demandFigures compares acceptance times with. Days are YYYY-MM-DD.
 */
export type Period =
  | { kind: 'month'; month: string } // YYYY-MM
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'year'; year: number }
  | { kind: 'custom'; from: string; to: string }; // inclusive days

export type PeriodKind = Period['kind'];

/** Midnight of a China day, ms. */
export function chinaDayStart(day: string): number {
  return Date.parse(`${day}T00:00:00+08:00`);
}

const pad = (n: number) => String(n).padStart(2, '0');

function monthStart(year: number, month1: number): string {
  // month1 may be 13 (January of the next year)
  const y = year + Math.floor((month1 - 1) / 12);
  const m = ((month1 - 1) % 12) + 1;
  return `${y}-${pad(m)}-01`;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The range, or null when the period is not usable (custom with a bad or reversed date). */
export function periodRange(p: Period): { from: number; to: number; fromDay: string; toDay: string } | null {
  let fromDay: string;
  let endDay: string; // exclusive
  switch (p.kind) {
    case 'month': {
      const [y, m] = p.month.split('-').map(Number);
      if (!y || !m) return null;
      fromDay = monthStart(y, m);
      endDay = monthStart(y, m + 1);
      break;
    }
    case 'quarter':
      fromDay = monthStart(p.year, (p.quarter - 1) * 3 + 1);
      endDay = monthStart(p.year, p.quarter * 3 + 1);
      break;
    case 'year':
      fromDay = `${p.year}-01-01`;
      endDay = `${p.year + 1}-01-01`;
      break;
    case 'custom':
      if (!DAY.test(p.from) || !DAY.test(p.to) || p.to < p.from) return null;
      fromDay = p.from;
      endDay = nextDay(p.to);
      break;
  }
  return {
    from: chinaDayStart(fromDay),
    to: chinaDayStart(endDay),
    fromDay,
    toDay: new Date(Date.parse(`${endDay}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
  };
}

/** The default period of each kind around `today` (the current month, quarter, year; custom = this month so far). */
export function defaultPeriod(kind: PeriodKind, today: string): Period {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  switch (kind) {
    case 'month':
      return { kind, month: today.slice(0, 7) };
    case 'quarter':
      return { kind, year, quarter: (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4 };
    case 'year':
      return { kind, year };
    case 'custom':
      return { kind, from: `${today.slice(0, 7)}-01`, to: today };
  }
}
