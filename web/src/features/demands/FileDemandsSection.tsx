/**
 * The 诉求 section of an enterprise file: its demands (state, remaining time) from the demands table,
 * newest first, and the 提诉求 button (offline too).
 */
import { For, Show, createMemo, createSignal } from 'solid-js';
import { useApp } from '../../state/app.tsx';
import type { EnterpriseFile } from '../../state/enterpriseFile.ts';
import { DemandCard } from './parts.tsx';
import { RaiseDialog, raiseDraftKey, readRaiseDraft } from './RaiseDialog.tsx';
import { d } from './strings.ts';
import './demands.css';

export function FileDemandsSection(props: { id: string; file: EnterpriseFile }) {
  const { demands, drafts } = useApp();
  const [raising, setRaising] = createSignal(false);
  // An unfinished 提诉求 (reload, crash): the button says so and the dialog starts from it.
  const [hasDraft, setHasDraft] = createSignal(readRaiseDraft(drafts.draft(raiseDraftKey(props.id)).peek()) !== null);
  const rows = createMemo(() =>
    demands
      .rows()
      .filter((r) => r.enterpriseId === props.id)
      .sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id)),
  );
  const contacts = () => props.file.contacts().map((c) => ({ name: c.name, phone: c.phone }));
  return (
    <section class="file-section dem-file-section" data-testid="file-demands" data-count={rows().length}>
      <div class="dem-section-head">
        <h2>{d.fileSection}</h2>
        <button type="button" class="primary" data-testid="raise-demand" data-draft={hasDraft() ? '1' : undefined} onClick={() => setRaising(true)}>
          {hasDraft() ? d.raiseResume : d.raise}
        </button>
      </div>
      <Show when={rows().length > 0} fallback={<p class="muted small">{d.fileEmpty}</p>}>
        <ul class="dem-list">
          <For each={rows()}>
            {(row) => (
              <li>
                <DemandCard row={row} showEnterprise={false} />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={raising()}>
        <RaiseDialog
          enterprise={{ id: props.id, name: props.file.profile().name, town: props.file.profile().town }}
          contacts={contacts()}
          onClose={() => {
            setRaising(false);
            setHasDraft(readRaiseDraft(drafts.draft(raiseDraftKey(props.id)).peek()) !== null);
          }}
        />
      </Show>
    </section>
  );
}
