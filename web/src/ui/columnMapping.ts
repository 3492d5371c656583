/**
 * The column-mapping step of an import (市场主体库, 政策库): field → source column. One column feeds one
 * field, so giving a column to a field takes it from whichever field had it; '' unmaps the field.
 */
export function assignColumn<K extends string>(mapping: Partial<Record<K, number>>, field: K, value: string): Partial<Record<K, number>> {
  const next = { ...mapping };
  if (value === '') {
    delete next[field];
    return next;
  }
  const column = Number(value);
  for (const key of Object.keys(next) as K[]) if (next[key] === column) delete next[key];
  next[field] = column;
  return next;
}
