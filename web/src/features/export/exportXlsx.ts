/** Writes the filtered list to an .xlsx download; write-excel-file is loaded only when someone exports. */
import type { EnterpriseRow } from '@bangqi/shared';
import { COLUMN_WIDTHS, sheetRows, type NameLookup } from './sheet.ts';
import { x } from './strings.ts';

export async function exportXlsx(rows: readonly EnterpriseRow[], names: NameLookup, today: string): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  await writeXlsxFile(sheetRows(rows, names), {
    sheet: x.sheetName,
    columns: COLUMN_WIDTHS.map((width) => ({ width })),
    stickyRowsCount: 1,
    dateFormat: 'yyyy-mm-dd hh:mm',
  }).toFile(x.fileName(today.replaceAll('-', '')));
}
