/** Writes the demands export (.xlsx, two sheets); write-excel-file is loaded only when someone exports. */
import type { Cell } from '../export/sheet.ts';
import { DEMAND_SHEET_WIDTHS, EVENT_SHEET_WIDTHS } from './demandSheet.ts';
import { xd } from './strings.ts';

export async function writeDemandsXlsx(sheets: { demands: Cell[][]; events: Cell[][] }, fromDay: string, toDay: string): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  await writeXlsxFile([
    {
      data: sheets.demands,
      sheet: xd.demandsSheet,
      columns: DEMAND_SHEET_WIDTHS.map((width) => ({ width })),
      stickyRowsCount: 1,
      dateFormat: 'yyyy-mm-dd hh:mm',
    },
    {
      data: sheets.events,
      sheet: xd.eventsSheet,
      columns: EVENT_SHEET_WIDTHS.map((width) => ({ width })),
      stickyRowsCount: 1,
      dateFormat: 'yyyy-mm-dd hh:mm',
    },
  ]).toFile(xd.fileName(fromDay, toDay));
}
