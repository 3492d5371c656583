/**
 * What the plan dialog holds, kept on every change (Web Storage, see storage/drafts.ts) so a reload or a
 * crash while filing never loses the typed purpose or lateness reason: the next time the same dialog
 * opens, it comes back. Cleared when the plan is saved or the dialog is closed on purpose.
 */
import { VISIT_TYPES, type VisitType } from '@bangqi/shared';

export interface PlanDraft {
  enterpriseId: string;
  type: VisitType;
  plannedOn: string;
  purpose: string;
  department: string;
  lateReason: string;
  assignees: string[];
}

/** Worth keeping: something the user chose or typed beyond the dialog's defaults. */
export function hasContent(d: PlanDraft, givenEnterprise: boolean): boolean {
  return d.plannedOn !== '' || d.purpose.trim() !== '' || d.department.trim() !== '' || d.lateReason.trim() !== '' || (!givenEnterprise && d.enterpriseId !== '');
}

/** A stored draft, or null when absent or unreadable (an old or foreign value never breaks the dialog). */
export function readPlanDraft(raw: string | null): PlanDraft | null {
  if (!raw) return null;
  try {
    const o = JSON.parse(raw) as Record<string, unknown>;
    const s = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      enterpriseId: s(o.enterpriseId),
      type: (VISIT_TYPES as readonly unknown[]).includes(o.type) ? (o.type as VisitType) : '日常走访',
      plannedOn: s(o.plannedOn),
      purpose: s(o.purpose),
      department: s(o.department),
      lateReason: s(o.lateReason),
      assignees: Array.isArray(o.assignees) ? o.assignees.filter((x): x is string => typeof x === 'string') : [],
    };
  } catch {
    return null;
  }
}
