/**
 * 许可证照: type, number and expiry date, with the days left (expired in red, within 30 days
 * highlighted). Edited in place like contacts; dates come from a date input, so they are YYYY-MM-DD.
 */
import { For, Show, createSignal } from 'solid-js';
import { LICENCE_TYPES, chinaDay, daysLeft, isIsoDate, type Licence, type LicenceValues } from '@bangqi/shared';
import type { EnterpriseFile } from '../../state/enterpriseFile.ts';
import { f } from './strings.ts';

const EMPTY: LicenceValues = { type: '', number: '', expiresOn: '' };
/** Licences expiring within this many days are highlighted on the file. */
const SOON_DAYS = 30;

export function DaysLeft(props: { expiresOn: string; today: string }) {
  const days = () => daysLeft(props.expiresOn, props.today);
  return (
    <Show when={days() !== null} fallback={<span class="muted small">{f.noExpiry}</span>}>
      <span
        class="days-left"
        classList={{ expired: days()! < 0, soon: days()! >= 0 && days()! <= SOON_DAYS }}
        data-testid="licence-days"
        data-days={days()}
      >
        {f.daysLeft(days()!)}
      </span>
    </Show>
  );
}

function LicenceRow(props: { licence: Licence; file: EnterpriseFile; today: string }) {
  const set = (values: Partial<LicenceValues>) => props.file.updateLicence(props.licence.id, values);
  return (
    <li class="record" data-testid="licence" data-id={props.licence.id}>
      <div class="record-fields">
        <input
          type="text"
          list="licence-types"
          data-testid="licence-type"
          aria-label={f.licenceType}
          maxlength={100}
          value={props.licence.type}
          onChange={(e) => e.currentTarget.value.trim() && set({ type: e.currentTarget.value.trim() })}
        />
        <input type="text" data-testid="licence-number" aria-label={f.licenceNumber} maxlength={100} value={props.licence.number} onChange={(e) => set({ number: e.currentTarget.value.trim() })} />
        <input
          type="date"
          data-testid="licence-expires"
          aria-label={f.licenceExpires}
          value={props.licence.expiresOn}
          onChange={(e) => (e.currentTarget.value === '' || isIsoDate(e.currentTarget.value)) && set({ expiresOn: e.currentTarget.value })}
        />
      </div>
      <div class="record-actions">
        <DaysLeft expiresOn={props.licence.expiresOn} today={props.today} />
        <button type="button" class="link danger" data-testid="licence-remove" onClick={() => props.file.removeLicence(props.licence.id)}>
          {f.remove}
        </button>
      </div>
    </li>
  );
}

export function LicencesSection(props: { file: EnterpriseFile }) {
  const [draft, setDraft] = createSignal<LicenceValues>(EMPTY);
  const [error, setError] = createSignal<string | null>(null);
  const today = () => chinaDay(Date.now());
  const add = () => {
    const d = draft();
    const values = { type: d.type.trim(), number: d.number.trim(), expiresOn: d.expiresOn };
    if (!values.type) return setError(f.licenceTypeRequired);
    if (values.expiresOn !== '' && !isIsoDate(values.expiresOn)) return setError(f.dateInvalid);
    props.file.addLicence(values);
    setDraft(EMPTY);
    setError(null);
  };
  const bind = (key: keyof LicenceValues) => ({
    value: draft()[key],
    onInput: (e: InputEvent & { currentTarget: HTMLInputElement }) => setDraft({ ...draft(), [key]: e.currentTarget.value }),
  });
  return (
    <section class="file-section" data-testid="licences-section" aria-labelledby="licences-title">
      <h2 id="licences-title">
        {f.licences} <span class="muted small">{props.file.licences().length || ''}</span>
      </h2>
      <datalist id="licence-types">
        <For each={LICENCE_TYPES}>{(type) => <option value={type} />}</For>
      </datalist>
      <Show when={props.file.licences().length > 0} fallback={<p class="muted small">{f.licencesEmpty}</p>}>
        <ul class="records">
          <For each={props.file.licences()}>{(l) => <LicenceRow licence={l} file={props.file} today={today()} />}</For>
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
          <input type="text" list="licence-types" data-testid="licence-new-type" placeholder={f.licenceType} aria-label={f.licenceType} maxlength={100} {...bind('type')} />
          <input type="text" data-testid="licence-new-number" placeholder={f.licenceNumber} aria-label={f.licenceNumber} maxlength={100} {...bind('number')} />
          <input type="date" data-testid="licence-new-expires" aria-label={f.licenceExpires} {...bind('expiresOn')} />
          <button type="submit" data-testid="licence-add">
            ＋ {f.licenceAdd}
          </button>
        </div>
        <Show when={error()}>
          {(msg) => (
            <p class="field-error" data-testid="licence-error" role="alert">
              {msg()}
            </p>
          )}
        </Show>
      </form>
    </section>
  );
}
