/**
 * What the relay checks in the enterprise file's parts beyond the root names: numbers where numbers
 * belong, string lists, record lists with known string fields, well-formed edit-log records. Returns the
 * problems (English, for logs and refusals) and the edit log as JSON lines for the append-only check.
 */
import * as Y from 'yjs';
import { CONTACT_KEYS } from './contacts.ts';
import type { FileEdit } from './edits.ts';
import { SCALES } from './enterprise.ts';
import { isIsoDate, LICENCE_KEYS } from './licences.ts';
import { MAX_VALUE, recordsProblem } from './records.ts';
import { plansSchemaProblems } from '../visits/plans.ts';
import { visitsSchemaProblems } from '../visits/visits.ts';

const EDIT_KINDS: readonly string[] = ['created', 'set', 'change'] satisfies FileEdit['kind'][];

export function fileSchemaProblems(doc: Y.Doc): { badParts: string[]; edits: string[] } {
  const bad: string[] = [];
  const profile = doc.getMap<unknown>('profile');
  const employees = profile.get('employees');
  if (employees !== undefined && employees !== null && !(Number.isInteger(employees) && (employees as number) >= 0)) {
    bad.push('profile.employees must be a whole number ≥ 0');
  }
  for (const [axis, limit] of [['lat', 90], ['lng', 180]] as const) {
    const v = profile.get(axis);
    if (v !== undefined && v !== null && !(typeof v === 'number' && Math.abs(v) <= limit)) bad.push(`profile.${axis} is not a coordinate`);
  }
  const scale = profile.get('scale');
  if (scale !== undefined && scale !== '' && !(SCALES as readonly unknown[]).includes(scale)) bad.push('profile.scale is not 规上/规下');
  const establishedOn = profile.get('establishedOn');
  if (establishedOn !== undefined && establishedOn !== '' && !(typeof establishedOn === 'string' && isIsoDate(establishedOn))) {
    bad.push('profile.establishedOn is not a YYYY-MM-DD date');
  }

  const lists = ['formerNames', 'contacts', 'licences', 'edits'].map((name) => [name, doc.getArray<unknown>(name)] as const);
  for (const [name, list] of lists) {
    // A root sent as a map reads as an array with map entries: garbage under a known name.
    if ((list as unknown as { _map: Map<string, unknown> })._map.size > 0) bad.push(`${name} is not a list`);
  }
  const [formerNames, contacts, licences, log] = lists.map(([, list]) => list) as [Y.Array<unknown>, Y.Array<unknown>, Y.Array<unknown>, Y.Array<unknown>];
  if (formerNames.toArray().some((n) => typeof n !== 'string' || n.length > MAX_VALUE)) bad.push('formerNames holds a non-text');
  const contactProblem = recordsProblem(contacts, CONTACT_KEYS);
  if (contactProblem) bad.push(`contacts: ${contactProblem}`);
  const licenceProblem = recordsProblem(licences, LICENCE_KEYS);
  if (licenceProblem) bad.push(`licences: ${licenceProblem}`);
  bad.push(...plansSchemaProblems(doc));
  bad.push(...visitsSchemaProblems(doc));

  const edits: string[] = [];
  for (const e of log.toArray()) {
    if (!isFileEdit(e)) {
      bad.push('edits holds a malformed record');
      break;
    }
    edits.push(JSON.stringify(e));
  }
  return { badParts: bad, edits };
}

function isFileEdit(e: unknown): e is FileEdit {
  if (!e || typeof e !== 'object' || Array.isArray(e) || e instanceof Y.AbstractType) return false;
  const r = e as Record<string, unknown>;
  const keys = Object.keys(r).sort().join();
  return (
    keys === 'at,by,field,id,kind,replaces,value' &&
    typeof r.id === 'string' &&
    EDIT_KINDS.includes(r.kind as string) &&
    typeof r.field === 'string' &&
    typeof r.value === 'string' &&
    typeof r.by === 'string' &&
    typeof r.at === 'number' &&
    Array.isArray(r.replaces) &&
    r.replaces.every((x) => typeof x === 'string')
  );
}
