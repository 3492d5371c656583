/**
 * /policies/new and /policies/:code/edit (coordinators and admins): every field, the conditions editor
 * (one row per condition: its kind and its values), validation in Chinese before anything is written.
 * What is typed is kept as a device draft until saved or cancelled, so a reload or crash loses nothing.
 * Saving writes only the fields that changed (upsertPolicyItem), so a colleague's edit of another field
 * of the same item survives the merge.
 */
import { For, Show, createEffect, createMemo, createSignal, onMount, type JSX } from 'solid-js';
import { A, useNavigate, useParams } from '@solidjs/router';
import { POLICY_DOMAINS, POLICY_LEVELS, POLICY_MODES, upsertPolicyItem } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { mayEditPolicies } from '../../state/policies.ts';
import { CONDITION_KINDS, checkForm, emptyForm, formFromItem, type ConditionKind, type FormErrors, type PolicyForm } from './form.ts';
import { p } from './strings.ts';
import './policies.css';

const f = p.fields;
type TextKey = Exclude<keyof PolicyForm, 'conditions' | 'withdrawn' | 'level' | 'mode'>;

export function EditorPage(): JSX.Element {
  const params = useParams<{ code?: string }>();
  const { policies, auth, drafts } = useApp();
  const navigate = useNavigate();
  const isNew = () => !params.code;
  const existing = createMemo(() => (params.code ? policies.items().find((i) => i.code === params.code) : undefined));
  const draft = drafts.draft(`policy-edit:${params.code ?? '(new)'}`);
  const [form, setForm] = createSignal<PolicyForm>(emptyForm());
  const [errors, setErrors] = createSignal<FormErrors>({});
  const [started, setStarted] = createSignal(false);

  // The draft wins over the stored item (it is what the user typed last); otherwise start from the item.
  const start = () => {
    if (started()) return;
    const saved = draft.peek();
    if (saved) {
      try {
        setForm({ ...emptyForm(), ...(JSON.parse(saved) as PolicyForm) });
        setStarted(true);
        return;
      } catch {
        draft.clear();
      }
    }
    if (isNew()) setForm(emptyForm());
    else if (existing()) setForm(formFromItem(existing()!));
    else return;
    setStarted(true);
  };
  onMount(start);
  // A fresh device: the item arrives with the library doc.
  createEffect(() => {
    if (policies.ready() && existing() !== undefined) start();
  });

  const update = (patch: Partial<PolicyForm>) => {
    const next = { ...form(), ...patch };
    setForm(next);
    draft.save(JSON.stringify(next));
  };
  const setCondition = (i: number, patch: Partial<PolicyForm['conditions'][number]>) =>
    update({ conditions: form().conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)) });

  const save = (e: Event) => {
    e.preventDefault();
    const checked = checkForm(form(), { isNew: isNew(), taken: (code) => policies.items().some((i) => i.code === code) });
    if ('errors' in checked) {
      setErrors(checked.errors);
      queueMicrotask(() => document.querySelector<HTMLElement>('.pol-editor [aria-invalid="true"]')?.focus());
      return;
    }
    setErrors({});
    const by = auth.user()?.id ?? '';
    policies.change((doc) => upsertPolicyItem(doc, checked.item, by, Date.now()));
    draft.clear();
    navigate(`/policies/${encodeURIComponent(checked.item.code)}`, { replace: true });
  };
  const cancel = () => {
    draft.clear();
    navigate(isNew() ? '/policies' : `/policies/${encodeURIComponent(params.code!)}`);
  };

  const text = (key: TextKey, label: string, opts: { area?: boolean; type?: string; placeholder?: string; disabled?: boolean } = {}) => (
    <label class="field">
      <span class="field-label">{label}</span>
      {opts.area ? (
        <textarea
          data-testid={`policy-field-${key}`}
          value={form()[key] as string}
          aria-invalid={errors()[key] ? 'true' : undefined}
          onInput={(e) => update({ [key]: e.currentTarget.value })}
        />
      ) : (
        <input
          type={opts.type ?? 'text'}
          data-testid={`policy-field-${key}`}
          value={form()[key] as string}
          placeholder={opts.placeholder}
          disabled={opts.disabled}
          inputmode={key === 'amountWan' ? 'decimal' : undefined}
          aria-invalid={errors()[key] ? 'true' : undefined}
          onInput={(e) => update({ [key]: e.currentTarget.value })}
        />
      )}
      <Show when={errors()[key]}>
        <p class="field-error" data-testid={`policy-error-${key}`}>
          {errors()[key]}
        </p>
      </Show>
    </label>
  );

  const errorCount = () => Object.keys(errors()).length;

  return (
    <section class="pol-item-page" data-testid="policy-editor-page">
      <A href={isNew() ? '/policies' : `/policies/${encodeURIComponent(params.code!)}`} class="back">
        {p.back}
      </A>
      <h1>{isNew() ? p.newTitle : p.editTitle}</h1>
      <Show when={mayEditPolicies(auth.principal())} fallback={<p class="empty">{p.editorForbidden}</p>}>
        <Show when={policies.ready() && started()} fallback={<p class="empty">{policies.ready() ? p.notFound : p.loading}</p>}>
          <form class="pol-editor" onSubmit={save} novalidate>
            <div class="pol-editor-grid">
              {text('code', `${f.code} *`, { disabled: !isNew() })}
              {text('name', `${f.name} *`)}
              <label class="field">
                <span class="field-label">{f.mode} *</span>
                <select data-testid="policy-field-mode" value={form().mode} onChange={(e) => update({ mode: e.currentTarget.value as PolicyForm['mode'] })}>
                  <For each={POLICY_MODES}>{(m) => <option value={m}>{m}</option>}</For>
                </select>
              </label>
              <label class="field">
                <span class="field-label">{f.level}</span>
                <select data-testid="policy-field-level" value={form().level} onChange={(e) => update({ level: e.currentTarget.value as PolicyForm['level'] })}>
                  <option value="">{p.notSet}</option>
                  <For each={POLICY_LEVELS}>{(l) => <option value={l}>{l}</option>}</For>
                </select>
              </label>
              <label class="field">
                <span class="field-label">{f.domain}</span>
                <input list="pol-domains" data-testid="policy-field-domain" value={form().domain} onInput={(e) => update({ domain: e.currentTarget.value })} />
                <datalist id="pol-domains">
                  <For each={POLICY_DOMAINS}>{(d) => <option value={d} />}</For>
                </datalist>
              </label>
              {text('department', f.department)}
              {text('document', f.document)}
              {text('docNumber', f.docNumber)}
              {text('benefit', f.benefit)}
              {text('amountWan', f.amountWan)}
              {text('effectiveFrom', f.effectiveFrom, { type: 'date' })}
              {text('effectiveTo', f.effectiveTo, { type: 'date' })}
              {text('applyFrom', f.applyFrom, { type: 'date' })}
              {text('applyTo', f.applyTo, { type: 'date' })}
              {text('phone', f.phone, { type: 'tel' })}
              {text('url', f.url, { type: 'url', placeholder: 'https://' })}
              {text('platform', f.platform)}
            </div>
            {text('basis', f.basis, { area: true })}
            {text('target', f.target, { area: true })}
            {text('keyPoints', f.keyPoints, { area: true })}
            {text('requirements', f.requirements, { area: true })}
            {text('materials', f.materials, { area: true })}
            {text('process', f.process, { area: true })}

            <fieldset class="pol-section" data-testid="policy-conditions-editor">
              <legend class="field-label">{p.sectionConditions}</legend>
              <p class="muted small">{p.conditionsHint}</p>
              <For each={form().conditions}>
                {(c, i) => (
                  <div class="pol-cond-row" data-testid="policy-condition-row">
                    <select aria-label={p.conditionKind} value={c.kind} onChange={(e) => setCondition(i(), { kind: e.currentTarget.value as ConditionKind })}>
                      <For each={CONDITION_KINDS}>{(k) => <option value={k}>{p.kinds[k]}</option>}</For>
                    </select>
                    <span>
                      <Show
                        when={c.kind === 'scale'}
                        fallback={
                          <input
                            type={c.kind === 'before' || c.kind === 'after' ? 'date' : 'text'}
                            inputmode={c.kind === 'gte' || c.kind === 'lte' ? 'numeric' : undefined}
                            aria-label={p.conditionValues}
                            placeholder={c.kind === 'gte' || c.kind === 'lte' ? '50' : p.conditionValues}
                            value={c.text}
                            aria-invalid={errors()[`condition-${i()}`] ? 'true' : undefined}
                            onInput={(e) => setCondition(i(), { text: e.currentTarget.value })}
                          />
                        }
                      >
                        <select aria-label={p.conditionValues} value={c.text} onChange={(e) => setCondition(i(), { text: e.currentTarget.value })}>
                          <option value="">{p.notSet}</option>
                          <option value="规上">规上</option>
                          <option value="规下">规下</option>
                        </select>
                      </Show>
                      <Show when={errors()[`condition-${i()}`]}>
                        <p class="field-error">{errors()[`condition-${i()}`]}</p>
                      </Show>
                    </span>
                    <button type="button" onClick={() => update({ conditions: form().conditions.filter((_, j) => j !== i()) })}>
                      {p.removeCondition}
                    </button>
                  </div>
                )}
              </For>
              <div>
                <button type="button" data-testid="policy-add-condition" onClick={() => update({ conditions: [...form().conditions, { kind: 'industry', text: '' }] })}>
                  {p.addCondition}
                </button>
              </div>
            </fieldset>

            <Show when={errorCount() > 0}>
              <p class="error" role="alert" data-testid="policy-form-errors">
                {p.errors.fix(errorCount())}
              </p>
            </Show>
            <div class="pol-item-actions">
              <button type="submit" class="primary" data-testid="policy-save">
                {p.save}
              </button>
              <button type="button" onClick={cancel}>
                {p.cancel}
              </button>
            </div>
          </form>
        </Show>
      </Show>
    </section>
  );
}
