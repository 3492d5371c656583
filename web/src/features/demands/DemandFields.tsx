/**
 * The demand's typed fields (标题, 类别, 紧急程度, 内容, 联系人, 电话) as one form body, shared by the
 * raise dialog and the page's edit form; `fieldErrors` says what is wrong in Chinese.
 */
import { For, Show } from 'solid-js';
import { DEMAND_CATEGORIES, URGENCY_TIERS, type DemandCategory, type UrgencyTier } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import type { RaiseFields } from '../../state/demands.ts';
import { Field } from '../../ui/Field.tsx';
import { URGENCY_LABELS, d } from './strings.ts';

export interface FieldsDraft extends Omit<RaiseFields, 'category'> {
  category: DemandCategory | '';
}

export type FieldErrors = Partial<Record<'title' | 'category' | 'contactPhone', string>>;

const PHONE = /^[0-9+\-() ]{5,20}$/;

export function fieldErrors(f: FieldsDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (f.title.trim() === '') errors.title = d.titleRequired;
  if (f.category === '') errors.category = d.categoryRequired;
  if (f.contactPhone.trim() !== '' && !PHONE.test(f.contactPhone.trim())) errors.contactPhone = d.phoneInvalid;
  return errors;
}

export function DemandFields(props: {
  prefix: string;
  value: FieldsDraft;
  errors: FieldErrors;
  onChange: (patch: Partial<FieldsDraft>) => void;
  /** the file's contacts, offered to fill 联系人/电话 in one tap */
  contacts?: { name: string; phone: string }[];
}) {
  const { demands } = useApp();
  const id = (name: string) => `${props.prefix}-${name}`;
  return (
    <>
      <Field label={d.title} for={id('title')} error={props.errors.title} errorTestId="demand-title-error">
        <input
          id={id('title')}
          type="text"
          maxlength={200}
          data-testid="demand-field-title"
          value={props.value.title}
          aria-invalid={props.errors.title ? 'true' : undefined}
          onInput={(e) => props.onChange({ title: e.currentTarget.value })}
        />
      </Field>
      <div class="field-pair">
        <Field label={d.category} for={id('category')} error={props.errors.category} errorTestId="demand-category-error">
          <select
            id={id('category')}
            data-testid="demand-field-category"
            value={props.value.category}
            aria-invalid={props.errors.category ? 'true' : undefined}
            onChange={(e) => props.onChange({ category: e.currentTarget.value as DemandCategory })}
          >
            <option value="">—</option>
            <For each={DEMAND_CATEGORIES}>{(c) => <option value={c} selected={c === props.value.category}>{c}</option>}</For>
          </select>
        </Field>
        <Field label={d.urgency} for={id('urgency')} hint={<p class="muted small">{d.urgencyHint(demands.settings().deadlineTiers)}</p>}>
          <select
            id={id('urgency')}
            data-testid="demand-field-urgency"
            value={props.value.urgency}
            onChange={(e) => props.onChange({ urgency: e.currentTarget.value as UrgencyTier })}
          >
            <For each={URGENCY_TIERS}>{(u) => <option value={u} selected={u === props.value.urgency}>{URGENCY_LABELS[u]}</option>}</For>
          </select>
        </Field>
      </div>
      <Field label={d.description} for={id('description')}>
        <textarea
          id={id('description')}
          rows={4}
          maxlength={5000}
          data-testid="demand-field-description"
          value={props.value.description}
          onInput={(e) => props.onChange({ description: e.currentTarget.value })}
        />
      </Field>
      <Show when={(props.contacts ?? []).length > 0}>
        <label class="dem-label small">
          {d.pickContact}
          <select
            data-testid="demand-pick-contact"
            onChange={(e) => {
              const c = props.contacts?.[Number(e.currentTarget.value)];
              if (c) props.onChange({ contactName: c.name, contactPhone: c.phone });
            }}
          >
            <option value="">—</option>
            <For each={props.contacts}>{(c, i) => <option value={i()}>{`${c.name} ${c.phone}`}</option>}</For>
          </select>
        </label>
      </Show>
      <div class="field-pair">
        <Field label={d.contactName} for={id('contact')}>
          <input id={id('contact')} type="text" maxlength={100} data-testid="demand-field-contact" value={props.value.contactName} onInput={(e) => props.onChange({ contactName: e.currentTarget.value })} />
        </Field>
        <Field label={d.contactPhone} for={id('phone')} error={props.errors.contactPhone}>
          <input
            id={id('phone')}
            type="tel"
            inputmode="tel"
            maxlength={20}
            data-testid="demand-field-phone"
            value={props.value.contactPhone}
            aria-invalid={props.errors.contactPhone ? 'true' : undefined}
            onInput={(e) => props.onChange({ contactPhone: e.currentTarget.value })}
          />
        </Field>
      </div>
    </>
  );
}
