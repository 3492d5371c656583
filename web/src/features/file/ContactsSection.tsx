/**
 * 联系人: every contact is editable in place (written on change, so two devices editing different
 * fields of one contact merge), removable, and new ones are added below. A phone number is written only
 * once it is a valid mobile or landline number; until then the input keeps it with the message.
 */
import { Show, createSignal } from 'solid-js';
import { checkPhone, normalizePhone, type Contact, type ContactValues } from '@bangqi/shared';
import type { EnterpriseFile } from '../../state/enterpriseFile.ts';
import { RecordRow, RecordSection } from '../../ui/RecordList.tsx';
import { f } from './strings.ts';

const EMPTY: ContactValues = { name: '', role: '', phone: '' };

function ContactRow(props: { contact: Contact; file: EnterpriseFile }) {
  const [badPhone, setBadPhone] = createSignal<string | null>(null);
  const set = (values: Partial<ContactValues>) => props.file.updateContact(props.contact.id, values);
  return (
    <RecordRow
      testId="contact"
      id={props.contact.id}
      removeLabel={f.remove}
      onRemove={() => props.file.removeContact(props.contact.id)}
      actions={
        <Show when={props.contact.phone && badPhone() === null}>
          <a class="call" href={`tel:${props.contact.phone}`} aria-label={f.callNamed(props.contact.name)}>
            {f.call}
          </a>
        </Show>
      }
      footer={
        <Show when={badPhone() !== null}>
          <p class="field-error" data-testid="contact-phone-error" role="alert">
            {f.phoneInvalid}
          </p>
        </Show>
      }
    >
      <input
        type="text"
        data-testid="contact-name"
        aria-label={f.contactName}
        maxlength={100}
        value={props.contact.name}
        onChange={(e) => e.currentTarget.value.trim() && set({ name: e.currentTarget.value.trim() })}
      />
      <input type="text" data-testid="contact-role" aria-label={f.contactRole} maxlength={100} value={props.contact.role} onChange={(e) => set({ role: e.currentTarget.value.trim() })} />
      <input
        type="tel"
        data-testid="contact-phone"
        aria-label={f.contactPhone}
        maxlength={40}
        value={badPhone() ?? props.contact.phone}
        aria-invalid={badPhone() !== null ? 'true' : undefined}
        onChange={(e) => {
          const phone = normalizePhone(e.currentTarget.value);
          if (checkPhone(phone)) return setBadPhone(e.currentTarget.value);
          setBadPhone(null);
          set({ phone });
        }}
      />
    </RecordRow>
  );
}

export function ContactsSection(props: { file: EnterpriseFile }) {
  const add = (d: ContactValues) => {
    const values = { name: d.name.trim(), role: d.role.trim(), phone: normalizePhone(d.phone) };
    if (!values.name) return f.contactNameRequired;
    if (checkPhone(values.phone)) return f.phoneInvalid;
    props.file.addContact(values);
    return null;
  };
  return (
    <RecordSection
      name="contacts"
      testId="contact"
      title={f.contacts}
      empty={f.contactsEmpty}
      addLabel={f.contactAdd}
      records={props.file.contacts()}
      row={(c) => <ContactRow contact={c} file={props.file} />}
      blank={EMPTY}
      add={add}
      fields={(bind, error) => (
        <>
          <input type="text" data-testid="contact-new-name" placeholder={f.contactName} aria-label={f.contactName} maxlength={100} {...bind('name')} />
          <input type="text" data-testid="contact-new-role" placeholder={f.contactRole} aria-label={f.contactRole} maxlength={100} {...bind('role')} />
          <input
            type="tel"
            data-testid="contact-new-phone"
            placeholder={f.contactPhone}
            aria-label={f.contactPhone}
            maxlength={40}
            aria-invalid={error() === f.phoneInvalid ? 'true' : undefined}
            {...bind('phone')}
          />
        </>
      )}
    />
  );
}
