/** The demand's info: read-only for most, an edit form (保存 writes the changed fields) for the raiser and coordinators. */
import { Show, createSignal } from 'solid-js';
import type { DemandCategory, DemandInfo } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import type { EditableInfo } from '../../state/demands.ts';
import { DemandFields, fieldErrors, type FieldErrors, type FieldsDraft } from './DemandFields.tsx';
import { URGENCY_LABELS, d } from './strings.ts';

const draftOf = (info: DemandInfo): FieldsDraft => ({
  title: info.title,
  description: info.description,
  category: info.category,
  urgency: info.urgency,
  contactName: info.contactName,
  contactPhone: info.contactPhone,
});

export function InfoSection(props: { id: string; info: DemandInfo; canEdit: boolean }) {
  const { demands } = useApp();
  const [editing, setEditing] = createSignal<FieldsDraft | null>(null);
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [busy, setBusy] = createSignal(false);
  const save = async () => {
    const draft = editing();
    if (!draft || busy()) return;
    const problems = fieldErrors(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    // Only what changed: two people editing different fields both keep theirs.
    const before = draftOf(props.info);
    const changed: EditableInfo = {};
    const next = { ...draft, title: draft.title.trim(), description: draft.description.trim(), contactName: draft.contactName.trim(), contactPhone: draft.contactPhone.trim() };
    for (const key of Object.keys(next) as (keyof FieldsDraft)[]) {
      if (next[key] !== before[key]) (changed as Record<string, string>)[key] = next[key] as string;
    }
    setBusy(true);
    try {
      if (Object.keys(changed).length > 0) await demands.updateInfo(props.id, changed as EditableInfo & { category?: DemandCategory });
      setEditing(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="dem-section" data-testid="demand-info">
      <div class="dem-section-head">
        <h2>{d.description}</h2>
        <Show when={props.canEdit && !editing()}>
          <button type="button" data-testid="demand-edit" onClick={() => setEditing(draftOf(props.info))}>
            {d.edit}
          </button>
        </Show>
      </div>
      <Show
        when={editing()}
        fallback={
          <>
            <p class="dem-description" data-testid="demand-description">
              {props.info.description || '—'}
            </p>
            <dl class="dem-facts">
              <dt>{d.category}</dt>
              <dd>{props.info.category}</dd>
              <dt>{d.urgency}</dt>
              <dd>{URGENCY_LABELS[props.info.urgency]}</dd>
              <dt>{d.contactName}</dt>
              <dd data-testid="demand-contact">{props.info.contactName || '—'}</dd>
              <dt>{d.contactPhone}</dt>
              <dd>
                <Show when={props.info.contactPhone} fallback="—">
                  <a href={`tel:${props.info.contactPhone}`}>{props.info.contactPhone}</a>
                </Show>
              </dd>
            </dl>
          </>
        }
      >
        {(draft) => (
          <form
            class="file-form"
            data-testid="demand-edit-form"
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <DemandFields prefix="de" value={draft()} errors={errors()} onChange={(p) => setEditing({ ...draft(), ...p })} />
            <div class="dialog-actions">
              <button type="button" onClick={() => setEditing(null)}>
                {d.cancel}
              </button>
              <button type="submit" class="primary" data-testid="demand-save" disabled={busy()}>
                {busy() ? d.busy : d.save}
              </button>
            </div>
          </form>
        )}
      </Show>
    </section>
  );
}
