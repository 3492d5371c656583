/**
 * Append-only logs in a doc (an enterprise's edit log, visits, plans, policy events and assignment history;
 * a demand's events and attachments; an issue's records) are checked by the relay as multisets of JSON
 * lines; the enterprise file (access.ts) and the other doc kinds (access-kinds.ts) apply the same rule, so it
 * is written once here.
 */

/**
 * Every record of `before` is still in `after` (as many times). Not a prefix test: two devices that
 * appended offline end up with their records interleaved in Yjs order.
 */
export function containsAll(after: readonly string[], before: readonly string[]): boolean {
  if (after.length < before.length) return false;
  const left = new Map<string, number>();
  for (const r of after) left.set(r, (left.get(r) ?? 0) + 1);
  for (const r of before) {
    const n = left.get(r) ?? 0;
    if (n === 0) return false;
    left.set(r, n - 1);
  }
  return true;
}

/** The records of `after` that `before` does not have (as a multiset; `after` contains all of `before`). */
export function addedRecords(after: readonly string[], before: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const r of before) left.set(r, (left.get(r) ?? 0) + 1);
  return after.filter((r) => {
    const n = left.get(r) ?? 0;
    if (n > 0) left.set(r, n - 1);
    return n === 0;
  });
}
