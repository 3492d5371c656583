/**
 * Audit details as one line of `key: value` pairs for the admin's eyes: ids of people and teams read as
 * names, an assignment ({teamId, responsibleId}, as in 分配变更 from/to) as "服务队 · 责任人", other nested
 * objects as their own pairs in brackets. Keys stay as the relay wrote them, so unknown ones remain legible.
 */
import { a } from '../assignment/strings.ts';
import { ad } from './strings.ts';

export interface DetailNames {
  /** a person's name, undefined when the id names no one */
  user(id: string): string | undefined;
  team(id: string): string | undefined;
}

export function detailText(detail: Record<string, unknown>, names: DetailNames): string {
  return ad.detail(Object.entries(detail).map(([key, value]) => ad.detailPair(key, valueText(value, names))));
}

function valueText(value: unknown, names: DetailNames): string {
  if (value === null || value === undefined || value === '') return ad.none;
  if (typeof value === 'string') return names.user(value) ?? names.team(value) ?? value;
  if (Array.isArray(value)) return value.length === 0 ? ad.none : ad.list(value.map((v) => valueText(v, names)));
  if (isAssignment(value)) return assignmentText(value, names);
  if (typeof value === 'object') return ad.inParens(detailText(value as Record<string, unknown>, names));
  return String(value);
}

type AssignmentValue = { teamId?: string; responsibleId?: string };

/** Only teamId and/or responsibleId, both text: where a file sits (the relay's access key). */
function isAssignment(value: object): value is AssignmentValue {
  const keys = Object.keys(value);
  return (
    keys.length > 0 &&
    keys.every((k) => (k === 'teamId' || k === 'responsibleId') && typeof (value as Record<string, unknown>)[k] === 'string')
  );
}

function assignmentText(value: AssignmentValue, names: DetailNames): string {
  const { teamId, responsibleId } = value;
  if (!teamId && !responsibleId) return a.unassigned;
  const parts: string[] = [];
  if (teamId !== undefined) parts.push(teamId === '' ? a.noTeam : (names.team(teamId) ?? teamId));
  if (responsibleId !== undefined) parts.push(responsibleId === '' ? a.unassigned : (names.user(responsibleId) ?? responsibleId));
  return ad.assignmentPlace(parts);
}
