/** The enterprise's contacts (name, role, phone): root `contacts`, a records list (see records.ts). */
import type * as Y from 'yjs';
import { addRecord, readRecords, removeRecord, updateRecord, type RecordOf } from './records.ts';

export const CONTACT_KEYS = ['name', 'role', 'phone'] as const;
export type Contact = RecordOf<(typeof CONTACT_KEYS)[number]>;
export type ContactValues = Omit<Contact, 'id'>;

export const contactsArray = (doc: Y.Doc) => doc.getArray<Y.Map<string>>('contacts');

export const readContacts = (doc: Y.Doc): Contact[] => readRecords(contactsArray(doc), CONTACT_KEYS);
export const addContactRecord = (doc: Y.Doc, values: ContactValues) => addRecord(doc, contactsArray(doc), values);
export const updateContactRecord = (doc: Y.Doc, id: string, values: Partial<ContactValues>) => updateRecord(contactsArray(doc), id, values);
export const removeContactRecord = (doc: Y.Doc, id: string) => removeRecord(contactsArray(doc), id);

export type PhoneProblem = { code: 'phone.format' };

/** Folds full-width digits and drops spaces and brackets people type around area codes. */
export function normalizePhone(input: string): string {
  return input
    .replace(/[\uFF10-\uFF19\uFF0D]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s()（）]/g, '');
}

const MOBILE = /^(\+?86)?1[3-9]\d{9}$/;
/** 0 + 2–3 digit area code, 7–8 digit number, optional extension; or 400/800 service numbers. */
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const SERVICE = /^[48]00-?\d{3}-?\d{4}$/;

/** Null for a valid (normalized) mobile or landline number, or an empty one. */
export function checkPhone(phone: string): PhoneProblem | null {
  if (phone === '' || MOBILE.test(phone) || LANDLINE.test(phone) || SERVICE.test(phone)) return null;
  return { code: 'phone.format' };
}
