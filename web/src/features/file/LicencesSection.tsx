/**
 * 许可证照: type, number and expiry date, with the days left (expired in red, within 30 days
 * highlighted). Edited in place like contacts; dates come from a date input, so they are YYYY-MM-DD.
 */
import { For, Show } from 'solid-js';
import { LICENCE_TYPES, chinaDay, daysLeft, isIsoDate, type Licence, type LicenceValues } from '@bangqi/shared';
import type { EnterpriseFile } from '../../state/enterpriseFile.ts';
import { RecordRow, RecordSection } from '../../ui/RecordList.tsx';
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
    <RecordRow
      testId="licence"
      id={props.licence.id}
      removeLabel={f.remove}
      onRemove={() => props.file.removeLicence(props.licence.id)}
      actions={<DaysLeft expiresOn={props.licence.expiresOn} today={props.today} />}
    >
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
    </RecordRow>
  );
}

export function LicencesSection(props: { file: EnterpriseFile }) {
  const today = () => chinaDay(Date.now());
  const add = (d: LicenceValues) => {
    const values = { type: d.type.trim(), number: d.number.trim(), expiresOn: d.expiresOn };
    if (!values.type) return f.licenceTypeRequired;
    if (values.expiresOn !== '' && !isIsoDate(values.expiresOn)) return f.dateInvalid;
    props.file.addLicence(values);
    return null;
  };
  return (
    <RecordSection
      name="licences"
      testId="licence"
      title={f.licences}
      empty={f.licencesEmpty}
      addLabel={f.licenceAdd}
      records={props.file.licences()}
      row={(l) => <LicenceRow licence={l} file={props.file} today={today()} />}
      blank={EMPTY}
      add={add}
      fields={(bind) => (
        <>
          <input type="text" list="licence-types" data-testid="licence-new-type" placeholder={f.licenceType} aria-label={f.licenceType} maxlength={100} {...bind('type')} />
          <input type="text" data-testid="licence-new-number" placeholder={f.licenceNumber} aria-label={f.licenceNumber} maxlength={100} {...bind('number')} />
          <input type="date" data-testid="licence-new-expires" aria-label={f.licenceExpires} {...bind('expiresOn')} />
        </>
      )}
    >
      <datalist id="licence-types">
        <For each={LICENCE_TYPES}>{(type) => <option value={type} />}</For>
      </datalist>
    </RecordSection>
  );
}
