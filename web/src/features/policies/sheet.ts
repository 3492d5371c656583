/**
 * The import template and the library export share one layout: the POLICY_COLUMNS headers, one row per
 * item, conditions in their readable columns (conditionsToColumns), so an exported library edited in a
 * spreadsheet imports back unchanged. Text cells are neutralised (a name typed as `=…` stays text).
 */
import { POLICY_COLUMNS, conditionsToColumns, neutraliseCell, type PolicyItem } from '@bangqi/shared';

export type SheetCell = string | number | null;

export function policySheetHeader(): string[] {
  return POLICY_COLUMNS.map((c) => c.label);
}

export function policySheetRow(item: PolicyItem): SheetCell[] {
  const conditions = conditionsToColumns(item.conditions) as Record<string, string>;
  return POLICY_COLUMNS.map((c): SheetCell => {
    if (c.key in conditions) return neutraliseCell(conditions[c.key]!) as SheetCell;
    if (c.key === 'withdrawn') return item.withdrawn ? '是' : '否';
    if (c.key === 'amountWan') return item.amountWan;
    const v = item[c.key as keyof PolicyItem];
    return neutraliseCell(typeof v === 'string' ? v : String(v ?? '')) as SheetCell;
  });
}

/** Header, then the items (none for the blank template). */
export function policySheet(items: readonly PolicyItem[]): SheetCell[][] {
  return [policySheetHeader(), ...items.map(policySheetRow)];
}

export async function writePolicySheet(items: readonly PolicyItem[], sheetName: string, fileName: string): Promise<void> {
  const { default: writeXlsxFile } = await import('write-excel-file/browser');
  await writeXlsxFile(policySheet(items), {
    sheet: sheetName,
    columns: POLICY_COLUMNS.map((c) => ({ width: c.key === 'name' || c.key === 'benefit' ? 28 : c.key === 'code' ? 14 : 16 })),
    stickyRowsCount: 1,
  }).toFile(fileName);
}
