/**
 * What a commit does with the staged chunks before merging: refuses an incomplete import (missing chunks,
 * a row count other than announced) and re-checks every row with the same strict check the app applies
 * (shared checkEntity), because the relay never trusts what a client checked — each bad row becomes a
 * reject with its reason, the others are merged.
 */
import { checkEntity, type DirectoryReject, type DirectoryRow, Reason, ApiError } from '@bangqi/shared';
import type { ImportSession, PreparedImport, StagedChunk } from './types.ts';

export function prepareImport(session: ImportSession, chunks: StagedChunk[]): PreparedImport {
  const have = new Set(chunks.map((c) => c.n));
  const missing: number[] = [];
  for (let n = 0; n < session.totalChunks; n++) if (!have.has(n)) missing.push(n);
  if (missing.length) {
    const shown = missing.length > 20 ? `${missing.slice(0, 20).join(', ')} … (${missing.length} in all)` : missing.join(', ');
    throw new ApiError(400, Reason.InvalidRequest, `missing chunks: ${shown}`);
  }
  const received = chunks.reduce((sum, c) => sum + c.rows.length, 0);
  if (received !== session.totalRows) {
    throw new ApiError(400, Reason.InvalidRequest, `the chunks hold ${received} rows, the import announced ${session.totalRows}`);
  }

  // by USCC, in the order first seen; the same USCC again replaces the earlier row (as the app does: a
  // re-export lists the newest state last), and the earlier one is reported as the duplicate
  const kept = new Map<string, { row: DirectoryRow; line: number }>();
  const rejected: DirectoryReject[] = [];
  let position = 0;
  for (const chunk of chunks) {
    for (const raw of chunk.rows) {
      position++;
      const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
      const line = Number.isSafeInteger(record.row) && (record.row as number) > 0 ? (record.row as number) : position;
      const checked = checkEntity(record);
      if ('reason' in checked) {
        const quoted = typeof record.uscc === 'string' ? record.uscc.slice(0, 40) : '';
        rejected.push({ row: line, uscc: quoted, reason: checked.reason, ...(checked.reason === 'field.invalid' ? { field: checked.field! } : {}) });
        continue;
      }
      const earlier = kept.get(checked.row.uscc);
      if (earlier) rejected.push({ row: earlier.line, uscc: checked.row.uscc, reason: 'uscc.duplicate' });
      kept.set(checked.row.uscc, { row: checked.row, line });
    }
  }
  rejected.sort((a, b) => a.row - b.row);
  return { rows: [...kept.values()].map((k) => k.row), rejected };
}
