/**
 * 合并提示: fields whose value typed on another device was overwritten when two devices' edits met
 * (edits.ts explains how they are found). Each lists the kept value and the other one(s), who typed
 * them and when; 改用此值 writes that value, 保留当前值 confirms the kept one. Either closes the entry on
 * every device, and the log keeps both values.
 */
import { For, Show } from 'solid-js';
import { useApp } from '../../state/app.tsx';
import type { EnterpriseFile } from '../../state/enterpriseFile.ts';
import { dateTime } from '../../ui/strings.ts';
import { actorName } from '../assignment/strings.ts';
import { f, fieldLabel } from './strings.ts';

/** Writes a logged value back into its field (the log writes numbers and the location as text). */
function restore(file: EnterpriseFile, field: string, value: string): void {
  if (field === 'employees') return file.setEmployees(value === '' ? null : Number(value));
  if (field === 'location') {
    const [lat, lng] = value === '' ? [null, null] : value.split(',').map(Number);
    return file.setLocation(lat ?? null, lng ?? null);
  }
  file.setField(field as Parameters<EnterpriseFile['setField']>[0], value);
}

export function MergeNotice(props: { file: EnterpriseFile }) {
  const { org } = useApp();
  return (
    <Show when={props.file.conflicts().length > 0}>
      <aside class="merge-notice" data-testid="merge-notice" role="status" aria-labelledby="merge-title">
        <h2 id="merge-title">⚠ {f.mergeTitle}</h2>
        <p class="small">{f.mergeHint}</p>
        <ul>
          <For each={props.file.conflicts()}>
            {(c) => (
              <li data-testid="merge-field" data-field={c.field}>
                <strong>{fieldLabel(c.field)}</strong>
                <span class="merge-kept">{f.mergeKept(c.kept)}</span>
                <For each={c.lost}>
                  {(e) => (
                    <span class="merge-lost" data-testid="merge-lost">
                      {f.mergeLost(e.value, actorName(e.by, org.userName), dateTime(e.at))}
                      <button type="button" class="link" data-testid="merge-use" onClick={() => restore(props.file, c.field, e.value)}>
                        {f.mergeUse}
                      </button>
                    </span>
                  )}
                </For>
                <button type="button" data-testid="merge-confirm" onClick={() => props.file.confirmMerge(c.field)}>
                  {f.mergeConfirm}
                </button>
              </li>
            )}
          </For>
        </ul>
      </aside>
    </Show>
  );
}
