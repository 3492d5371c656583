/**
 * 提诉求 for one enterprise: title, category, urgency, description, contact (one tap from the file's
 * contacts). Creates the demand doc on the device (works offline) and opens its page. What is typed is
 * kept as a draft on every keystroke (raiseDraft), so a reload or crash loses nothing: the next 提诉求
 * on this enterprise starts from it.
 */
import { Show, createSignal, onMount } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { useApp } from '../../state/app.tsx';
import type { RaiseTarget } from '../../state/demands.ts';
import { DemandFields, fieldErrors, type FieldErrors, type FieldsDraft } from './DemandFields.tsx';
import { d } from './strings.ts';
import './demands.css';

const EMPTY: FieldsDraft = { title: '', description: '', category: '', urgency: 'ordinary', contactName: '', contactPhone: '' };

/** The draft key of a raise dialog (per enterprise, and per visit item when raised from one). */
export const raiseDraftKey = (enterpriseId: string) => `raise:${enterpriseId}`;

export function readRaiseDraft(text: string | null): FieldsDraft | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as Partial<FieldsDraft>;
    return v && typeof v === 'object' ? { ...EMPTY, ...v } : null;
  } catch {
    return null;
  }
}

export function RaiseDialog(props: {
  enterprise: RaiseTarget;
  contacts?: { name: string; phone: string }[];
  /** prefill (e.g. a visit's demand item) */
  initial?: Partial<FieldsDraft>;
  visitId?: string;
  onClose: () => void;
  onRaised?: (id: string) => void;
}) {
  const { demands, sync, drafts } = useApp();
  // eslint-disable-next-line solid/reactivity
  const saved = drafts.draft(raiseDraftKey(props.enterprise.id));
  const navigate = useNavigate();
  let dialog: HTMLDialogElement | undefined;
  // eslint-disable-next-line solid/reactivity
  const [draft, setDraft] = createSignal<FieldsDraft>(readRaiseDraft(saved.peek()) ?? { ...EMPTY, ...props.initial });
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [tried, setTried] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  const [failed, setFailed] = createSignal(false);
  onMount(() => dialog?.showModal());
  const change = (p: Partial<FieldsDraft>) => {
    const next = { ...draft(), ...p };
    setDraft(next);
    saved.save(JSON.stringify(next));
    if (tried()) setErrors(fieldErrors(next));
  };
  const submit = async () => {
    setTried(true);
    const problems = fieldErrors(draft());
    setErrors(problems);
    if (Object.keys(problems).length > 0 || busy()) return;
    setBusy(true);
    setFailed(false);
    try {
      const f = draft();
      const id = await demands.raise(props.enterprise, { ...f, category: f.category as Exclude<FieldsDraft['category'], ''> }, props.visitId);
      saved.clear();
      dialog?.close();
      props.onRaised?.(id);
      navigate(`/demands/${id}`);
    } catch (err) {
      console.error('[demand] raise failed', err);
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} class="dem-dialog" data-testid="raise-dialog" aria-labelledby="raise-title" onClose={() => props.onClose()}>
      <form
        class="file-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="raise-title">{d.raiseTitle(props.enterprise.name)}</h2>
        <DemandFields prefix="rd" value={draft()} errors={errors()} onChange={change} contacts={props.contacts} />
        <Show when={sync.status().connection !== 'online'}>
          <p class="muted small">{d.raiseOffline}</p>
        </Show>
        <Show when={failed()}>
          <p class="field-error" role="alert">
            {d.actionFailed}
          </p>
        </Show>
        <div class="dialog-actions">
          <button
            type="button"
            data-testid="raise-cancel"
            onClick={() => {
              saved.clear(); // 取消 means: not this demand (a reload keeps the draft)
              dialog?.close();
            }}
          >
            {d.cancel}
          </button>
          <button type="submit" class="primary" data-testid="raise-submit" disabled={busy()}>
            {busy() ? d.busy : d.raiseSubmit}
          </button>
        </div>
      </form>
    </dialog>
  );
}
