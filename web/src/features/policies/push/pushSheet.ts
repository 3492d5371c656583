/**
 * The push list of an item (for the SMS / phone campaign) as sheet rows: one row per qualifying
 * enterprise, its first contact with a phone in their own columns (what a phone campaign dials), the others
 * in one cell. Every string goes through neutraliseCell: a name typed as `=HYPERLINK(...)` stays text.
 */
import { neutraliseCell, type Contact, type EnterpriseRow } from '@bangqi/shared';
import type { Cell } from '../../export/sheet.ts';
import { rowPolicyStatuses } from '../../../state/policyMatch.ts';
import { pe } from '../match/strings.ts';

export const PUSH_COLUMN_WIDTHS = [32, 22, 12, 14, 10, 10, 10, 16, 36, 14];

export function pushSheetRows(code: string, rows: readonly EnterpriseRow[], contacts: ReadonlyMap<string, Contact[]>, userName: (id: string) => string): Cell[][] {
  const h = pe.headers;
  const header: Cell[] = [h.name, h.uscc, h.town, h.industry, h.responsible, h.contact, h.role, h.phone, h.otherContacts, h.status];
  const body = rows.map((r): Cell[] => {
    const list = contacts.get(r.id) ?? [];
    const main = list.find((c) => c.phone !== '') ?? list[0];
    const others = list.filter((c) => c !== main).map((c) => [c.name, c.role, c.phone].filter(Boolean).join(' '));
    const s = rowPolicyStatuses(r)[code];
    return [
      r.name,
      r.uscc,
      r.town,
      r.industry,
      r.responsibleId ? userName(r.responsibleId) : '',
      main?.name ?? '',
      main?.role ?? '',
      main?.phone ?? '',
      others.join('；'),
      s ? (s.amount ? `${s.status} ${s.amount}` : s.status) : '',
    ].map((v) => neutraliseCell(v));
  });
  return [header, ...body];
}

export async function writePushXlsx(data: Cell[][], fileName: string): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  await writeXlsxFile(data, {
    sheet: pe.sheetName,
    columns: PUSH_COLUMN_WIDTHS.map((width) => ({ width })),
    stickyRowsCount: 1,
  }).toFile(fileName);
}
