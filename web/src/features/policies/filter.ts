/** The list's filters, pure so they are tested without a page. */
import { isPolicyShown, type PolicyItem, type PolicyMode } from '@bangqi/shared';

export interface PolicyFilter {
  domain: string;
  level: string;
  mode: PolicyMode | '';
  department: string;
  /** show expired and withdrawn items too */
  inactive: boolean;
}

export const NO_FILTER: PolicyFilter = { domain: '', level: '', mode: '', department: '', inactive: false };

export function applyPolicyFilter(items: readonly PolicyItem[], f: PolicyFilter, today: string): PolicyItem[] {
  return items.filter(
    (i) =>
      (f.inactive || isPolicyShown(i, today)) &&
      (f.domain === '' || i.domain === f.domain) &&
      (f.level === '' || i.level === f.level) &&
      (f.mode === '' || i.mode === f.mode) &&
      (f.department === '' || i.department === f.department),
  );
}

/** The values a filter offers: the fixed list first, then any others the library uses, without blanks. */
export function filterOptions(fixed: readonly string[], used: Iterable<string>): string[] {
  const extra = [...new Set(used)].filter((v) => v !== '' && !fixed.includes(v)).sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return [...fixed, ...extra];
}
