/**
 * The enterprise file (一企一档) as a Y.Doc, and the list row materialized from it.
 *
 * Layout: map `profile` (one key per scalar field, so concurrent edits of different fields merge
 * field by field), text `note` (character-level merge of 备注), map `tags` (tag → true, an add-wins set:
 * two devices adding different tags offline both keep theirs).
 */
import * as Y from 'yjs';
import { readAssignment, spliceText } from './assignment.ts';

export const ENTERPRISE_FIELDS = ['name', 'uscc', 'town', 'industry'] as const;
export type EnterpriseField = (typeof ENTERPRISE_FIELDS)[number];

export interface EnterpriseProfile {
  name: string;
  uscc: string;
  town: string;
  industry: string;
  tags: string[];
  note: string;
  createdAt: number;
  updatedAt: number;
  updatedBy: string;
}

/**
 * What lists and search read (Dexie table `enterprises`, and the relay's `rows`), never the doc.
 * Same fields as the profile; `note` holds only the first NOTE_EXCERPT characters of 备注.
 * `teamId` / `responsibleId` ('' when unassigned) are what the relay's access control reads.
 */
export interface EnterpriseRow extends EnterpriseProfile {
  id: string;
  teamId: string;
  responsibleId: string;
  assignedAt: number;
}

export const NOTE_EXCERPT = 200;

const profileMap = (doc: Y.Doc) => doc.getMap<string | number>('profile');
const noteText = (doc: Y.Doc) => doc.getText('note');
const tagsMap = (doc: Y.Doc) => doc.getMap<boolean>('tags');

function str(map: Y.Map<string | number>, key: string): string {
  const v = map.get(key);
  return typeof v === 'string' ? v : '';
}
function num(map: Y.Map<string | number>, key: string): number {
  const v = map.get(key);
  return typeof v === 'number' ? v : 0;
}

export function readEnterprise(doc: Y.Doc): EnterpriseProfile {
  const p = profileMap(doc);
  return {
    name: str(p, 'name'),
    uscc: str(p, 'uscc'),
    town: str(p, 'town'),
    industry: str(p, 'industry'),
    tags: [...tagsMap(doc).keys()].sort(),
    note: noteText(doc).toString(),
    createdAt: num(p, 'createdAt'),
    updatedAt: num(p, 'updatedAt'),
    updatedBy: str(p, 'updatedBy'),
  };
}

export function materializeEnterprise(docId: string, doc: Y.Doc): EnterpriseRow {
  const { note, ...rest } = readEnterprise(doc);
  const { teamId, responsibleId, assignedAt } = readAssignment(doc);
  return { id: docId, ...rest, note: note.slice(0, NOTE_EXCERPT), teamId, responsibleId, assignedAt };
}

/** True when the doc has never been given a profile (e.g. an id that was opened but never written). */
export function isEmptyEnterprise(doc: Y.Doc): boolean {
  return profileMap(doc).size === 0;
}

function touch(doc: Y.Doc, by: string, now: number): void {
  const p = profileMap(doc);
  p.set('updatedAt', now);
  p.set('updatedBy', by);
}

export function createEnterprise(
  doc: Y.Doc,
  init: { name: string; uscc?: string; town?: string; industry?: string; tags?: string[]; note?: string },
  by: string,
  now = Date.now(),
): void {
  doc.transact(() => {
    const p = profileMap(doc);
    p.set('name', init.name);
    p.set('uscc', init.uscc ?? '');
    p.set('town', init.town ?? '');
    p.set('industry', init.industry ?? '');
    p.set('createdAt', now);
    for (const tag of init.tags ?? []) tagsMap(doc).set(tag, true);
    if (init.note) noteText(doc).insert(0, init.note);
    touch(doc, by, now);
  });
}

/** Sets one scalar field; a no-op when the value is unchanged (so no update is produced). */
export function setEnterpriseField(doc: Y.Doc, field: EnterpriseField, value: string, by: string, now = Date.now()): void {
  if (str(profileMap(doc), field) === value) return;
  doc.transact(() => {
    profileMap(doc).set(field, value);
    touch(doc, by, now);
  });
}

export function setEnterpriseTag(doc: Y.Doc, tag: string, on: boolean, by: string, now = Date.now()): void {
  const tags = tagsMap(doc);
  if (tags.has(tag) === on) return;
  doc.transact(() => {
    if (on) tags.set(tag, true);
    else tags.delete(tag);
    touch(doc, by, now);
  });
}

/**
 * Replaces the note with `next` by the smallest single splice (common prefix/suffix kept), so
 * concurrent edits on another device elsewhere in the text merge instead of being overwritten.
 */
export function setEnterpriseNote(doc: Y.Doc, next: string, by: string, now = Date.now()): void {
  const text = noteText(doc);
  if (text.toString() === next) return;
  doc.transact(() => {
    spliceText(text, next);
    touch(doc, by, now);
  });
}
