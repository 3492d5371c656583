/** The audit log as CSV for Excel: UTF-8 with a BOM (or Excel guesses GBK), formula cells defused. */
import type { AuditEntry } from '@bangqi/shared';

export const CSV_BOM = '\uFEFF';
export const AUDIT_CSV_HEADER = ['id', 'time', 'actor', 'actorName', 'device', 'action', 'doc', 'detail', 'hash'];

/**
 * One CSV cell. A cell starting with = + - @ (or tab / CR, which Excel strips before looking) would be
 * run as a formula when the file is opened — an attacker controls e.g. the username of a failed login —
 * so it gets a leading apostrophe; then RFC 4180 quoting.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvRow(cells: readonly string[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function auditCsvRow(entry: AuditEntry, actorName: string): string {
  return csvRow([
    String(entry.id),
    new Date(entry.at).toISOString(),
    entry.actor,
    actorName,
    entry.deviceId,
    entry.action,
    entry.docId,
    JSON.stringify(entry.detail),
    entry.hash,
  ]);
}
