/**
 * The downloadable error report of an import: every row left out or remarked on, by us or by the relay,
 * as CSV with a UTF-8 BOM (Excel in China opens BOM-less CSV as GBK and shows mojibake). Cells that
 * Excel would read as a formula are neutralised.
 */
import { neutraliseCell } from '@bangqi/shared';
import type { ReportLine } from '../../workers/importJob.ts';
import { s } from './strings.ts';

function csvCell(value: string | number): string {
  const text = String(neutraliseCell(value));
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Lines sorted by row, errors before remarks of the same row. */
export function reportCsv(lines: readonly ReportLine[]): string {
  const sorted = [...lines].sort((a, b) => a.row - b.row || (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  const header = [s.reportRow, s.reportLevel, s.reportColumn, s.reportValue, s.reportReason];
  const body = sorted.map((l) =>
    [l.row, l.level === 'error' ? s.levelError : s.levelWarning, l.column, l.value, l.reason].map(csvCell).join(','),
  );
  return `\ufeff${[header.join(','), ...body].join('\r\n')}\r\n`;
}
