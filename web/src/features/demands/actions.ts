/**
 * What the action forms typed → the event to append, or the Chinese message saying what is missing.
 * Pure, so every rule is unit-tested (the relay checks roles; this checks what a person can get wrong).
 */
import type { DemandEventInput, DemandEventType, OrgUser, Satisfaction } from '@bangqi/shared';
import { d } from './strings.ts';

export interface ActionDraft {
  /** picked departments (交办) */
  departments: string[];
  /** more departments typed as text (交办), separated by 、，, or spaces */
  other: string;
  /** note / comment / instruction / reason, by action */
  note: string;
  satisfaction: Satisfaction | '';
  /** working days asked for (申请延期), as typed */
  days: string;
}

export interface ActionContext {
  /** the acting handler's department ('' for coordinators: they act for every department) */
  department: string;
  maxExtensionDays: number;
}

/** Splits typed department names on 、，, ; and whitespace; trimmed, de-duplicated, in typed order. */
export function parseDepartments(text: string): string[] {
  return [...new Set(text.split(/[、，,；;\s]+/u).map((s) => s.trim()).filter((s) => s !== ''))];
}

/** Departments offered for 交办: those of handler users in the org (and those already dispatched), sorted. */
export function departmentChoices(users: readonly Pick<OrgUser, 'role' | 'department' | 'disabled'>[], current: readonly string[]): string[] {
  const set = new Set<string>(current);
  for (const u of users) if (u.role === 'handler' && !u.disabled && u.department.trim() !== '') set.add(u.department.trim());
  return [...set].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

export function validateAction(type: DemandEventType, draft: ActionDraft, ctx: ActionContext): { input: DemandEventInput } | { error: string } {
  const note = draft.note.trim();
  switch (type) {
    case 'dispatch': {
      const departments = [...new Set([...draft.departments, ...parseDepartments(draft.other)])];
      if (departments.length === 0) return { error: d.dispatchRequired };
      return { input: { type, departments, note } };
    }
    case 'progress':
      if (note === '') return { error: d.progressRequired };
      return { input: { type, department: ctx.department, note } };
    case 'resolve':
      if (note === '') return { error: d.resolveRequired };
      return { input: { type, department: ctx.department, note } };
    case 'callback':
      if (draft.satisfaction === '') return { error: d.satisfactionRequired };
      if (draft.satisfaction === '不满意' && note === '') return { error: d.commentRequired };
      return { input: { type, satisfaction: draft.satisfaction, comment: note } };
    case 'close':
      return { input: { type, note } };
    case 'reject':
      if (note === '') return { error: d.rejectRequired };
      return { input: { type, note } };
    case 'escalate':
      if (note === '') return { error: d.instructionRequired };
      return { input: { type, instruction: note, automatic: false } };
    case 'extend-request': {
      if (ctx.maxExtensionDays < 1) return { error: d.extendExhausted };
      const days = Number(draft.days.trim());
      if (!Number.isInteger(days) || days < 1 || days > ctx.maxExtensionDays) return { error: d.extendDaysInvalid(ctx.maxExtensionDays) };
      if (note === '') return { error: d.extendReasonRequired };
      return { input: { type, workingDays: days, reason: note } };
    }
    default:
      return { error: d.actionFailed };
  }
}
