/**
 * 新建企业档案: name and (optional) USCC first, so the file gets its id from the USCC (one USCC, one doc
 * on every device) and an enterprise that already has a file is opened instead of created twice.
 */
import { Show, createMemo, createSignal, onMount } from 'solid-js';
import { useNavigate } from '@solidjs/router';
import { checkUscc, normalizeUscc, usccProblemText } from '@bangqi/shared';
import { useApp } from '../../state/app.tsx';
import { creationAssignment } from '../../state/assignment.ts';
import { createFile } from '../../state/enterpriseFile.ts';
import { Field } from '../../ui/Field.tsx';
import { f } from './strings.ts';
import './file.css';

export function CreateDialog(props: { onClose: () => void }) {
  const { docs, enterprises, auth } = useApp();
  const navigate = useNavigate();
  let dialog: HTMLDialogElement | undefined;
  const [name, setName] = createSignal('');
  const [uscc, setUscc] = createSignal('');
  const [tried, setTried] = createSignal(false);
  const [busy, setBusy] = createSignal(false);
  onMount(() => dialog?.showModal());
  const code = () => normalizeUscc(uscc());
  const usccProblem = createMemo(() => (code() === '' ? null : checkUscc(code())));
  const nameMissing = () => tried() && name().trim() === '';
  const submit = async () => {
    setTried(true);
    if (name().trim() === '' || usccProblem() || busy()) return;
    setBusy(true);
    try {
      const p = auth.principal();
      const { id, existed } = await createFile(docs, enterprises.rows(), { name: name().trim(), uscc: code() }, p?.userId ?? 'unknown', creationAssignment(p));
      dialog?.close();
      navigate(`/enterprises/${id}${existed ? '?existed=1' : ''}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={dialog} class="create-dialog" data-testid="create-dialog" aria-labelledby="create-title" onClose={() => props.onClose()}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="create-title">{f.createTitle}</h2>
        <Field label={f.createName} for="c-name" error={nameMissing() && f.createNameRequired} errorTestId="create-name-error">
          <input
            id="c-name"
            type="text"
            data-testid="create-name"
            maxlength={200}
            autocomplete="off"
            value={name()}
            aria-invalid={nameMissing() ? 'true' : undefined}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <Field
          label={f.createUscc}
          for="c-uscc"
          hint={<Show when={!usccProblem()}><p class="muted small">{f.createUsccHint}</p></Show>}
          error={usccProblem() && usccProblemText(usccProblem()!)}
          errorTestId="create-uscc-error"
        >
          <input
            id="c-uscc"
            type="text"
            data-testid="create-uscc"
            autocapitalize="characters"
            autocomplete="off"
            maxlength={30}
            value={uscc()}
            aria-invalid={usccProblem() ? 'true' : undefined}
            onInput={(e) => setUscc(e.currentTarget.value)}
          />
        </Field>
        <div class="dialog-actions">
          <button type="button" onClick={() => dialog?.close()}>
            {f.createCancel}
          </button>
          <button type="submit" class="primary" data-testid="create-submit" disabled={busy()}>
            {f.createSubmit}
          </button>
        </div>
      </form>
    </dialog>
  );
}
