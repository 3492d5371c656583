/**
 * 联系人: every contact is editable in place (written on change, so two devices editing different
 * fields of one contact merge), removable, and new ones are added below. A phone number is written only
 * once it is a valid mobile or landline number; until then the input keeps it with the message.
 */
import { For, Show, createSignal } from 'solid-js';
import { checkPhone, normalizePhone, type Contact, type ContactValues } from '@bangqi/shared';
import type { EnterpriseFile } from '../../state/enterpriseFile.ts';
import { f } from './strings.ts';

const EMPTY: ContactValues = { name: '', role: '', phone: '' };

function ContactRow(props: { contact: Contact; file: EnterpriseFile }) {
  const [badPhone, setBadPhone] = createSignal<string | null>(null);
  const set = (values: Partial<ContactValues>) => props.file.updateContact(props.contact.id, values);
  return (
    <li class="record" data-testid="contact" data-id={props.contact.id}>
      <div class="record-fields">
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
      </div>
      <div class="record-actions">
        <Show when={props.contact.phone && badPhone() === null}>
          <a class="call" href={`tel:${props.contact.phone}`} aria-label={f.callNamed(props.contact.name)}>
            {f.call}
          </a>
        </Show>
        <button type="button" class="link danger" data-testid="contact-remove" onClick={() => props.file.removeContact(props.contact.id)}>
          {f.remove}
        </button>
      </div>
      <Show when={badPhone() !== null}>
        <p class="field-error" data-testid="contact-phone-error" role="alert">
          {f.phoneInvalid}
        </p>
      </Show>
    </li>
  );
}

export function ContactsSection(props: { file: EnterpriseFile }) {
  const [draft, setDraft] = createSignal<ContactValues>(EMPTY);
  const [error, setError] = createSignal<string | null>(null);
  const add = () => {
    const d = draft();
    const values = { name: d.name.trim(), role: d.role.trim(), phone: normalizePhone(d.phone) };
    if (!values.name) return setError(f.contactNameRequired);
    if (checkPhone(values.phone)) return setError(f.phoneInvalid);
    props.file.addContact(values);
    setDraft(EMPTY);
    setError(null);
  };
  const bind = (key: keyof ContactValues) => ({
    value: draft()[key],
    onInput: (e: InputEvent & { currentTarget: HTMLInputElement }) => setDraft({ ...draft(), [key]: e.currentTarget.value }),
  });
  return (
    <section class="file-section" data-testid="contacts-section" aria-labelledby="contacts-title">
      <h2 id="contacts-title">
        {f.contacts} <span class="muted small">{props.file.contacts().length || ''}</span>
      </h2>
      <Show when={props.file.contacts().length > 0} fallback={<p class="muted small">{f.contactsEmpty}</p>}>
        <ul class="records">
          <For each={props.file.contacts()}>{(c) => <ContactRow contact={c} file={props.file} />}</For>
        </ul>
      </Show>
      <form
        class="record-add"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <div class="record-fields">
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
          <button type="submit" data-testid="contact-add">
            ＋ {f.contactAdd}
          </button>
        </div>
        <Show when={error()}>
          {(msg) => (
            <p class="field-error" data-testid="contact-error" role="alert">
              {msg()}
            </p>
          )}
        </Show>
      </form>
    </section>
  );
}
