/**
 * The demand's attachments: added from a file picker (camera or files) into the device's blob store
 * (uploaded in the background, offline first), listed with name and size; images show a thumbnail,
 * anything opens in a new tab — fetched from the relay on demand on other devices.
 */
import { For, Match, Show, Switch, createSignal } from 'solid-js';
import type { AttachmentRef } from '@bangqi/shared';
import { createBlobUrl } from '../../blobs/createBlobUrl.ts';
import { useApp } from '../../state/app.tsx';
import { bytes, reasonText } from '../../ui/strings.ts';
import { d } from './strings.ts';

export function AttachmentsSection(props: { id: string; attachments: AttachmentRef[]; canAdd: boolean }) {
  const { blobs, demands } = useApp();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const add = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setBusy(true);
    setError(null);
    try {
      for (const file of Array.from(files)) {
        const mime = file.type || 'application/octet-stream';
        const stored = await blobs.put(file, mime);
        await demands.addAttachment(props.id, { hash: stored.hash, bytes: stored.bytes, mime, name: file.name });
      }
    } catch (err) {
      const reason = (err as { reason?: unknown }).reason;
      setError(typeof reason === 'string' ? reasonText(reason) : d.actionFailed);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="dem-section" data-testid="demand-attachments">
      <div class="dem-section-head">
        <h2>{d.attachments}</h2>
        <Show when={props.canAdd}>
          <label class="button dem-add-attachment">
            {busy() ? d.attachmentBusy : d.addAttachment}
            <input
              type="file"
              multiple
              class="visually-hidden"
              data-testid="demand-attachment-input"
              disabled={busy()}
              onChange={(e) => {
                const input = e.currentTarget;
                void add(input.files).then(() => (input.value = ''));
              }}
            />
          </label>
        </Show>
      </div>
      <Show when={error()}>
        <p class="field-error" role="alert">
          {error()}
        </p>
      </Show>
      <Show when={props.attachments.length > 0} fallback={<p class="muted small">{d.noAttachments}</p>}>
        <ul class="dem-attachments">
          <For each={props.attachments}>{(a) => <AttachmentItem attachment={a} />}</For>
        </ul>
      </Show>
    </section>
  );
}

function AttachmentItem(props: { attachment: AttachmentRef }) {
  const { blobs, sync } = useApp();
  const url = createBlobUrl(blobs, () => props.attachment.hash, () => sync.status().connection === 'online');
  const isImage = () => props.attachment.mime.startsWith('image/');
  return (
    <li class="dem-attachment" data-testid="demand-attachment" data-hash={props.attachment.hash}>
      <Switch fallback={<span class="dem-thumb dem-thumb-empty" aria-hidden="true" />}>
        <Match when={(() => { const s = url(); return s.status === 'ready' && isImage() ? s.url : null; })()}>
          {(src) => <img class="dem-thumb" src={src()} alt={props.attachment.name} loading="lazy" />}
        </Match>
      </Switch>
      <span class="dem-attachment-name">
        {props.attachment.name}
        <span class="muted small"> {bytes(props.attachment.bytes)}</span>
      </span>
      <Switch>
        <Match when={(() => { const s = url(); return s.status === 'ready' ? s.url : null; })()}>
          {(href) => (
            <a href={href()} target="_blank" rel="noopener" download={props.attachment.name}>
              {d.openAttachment}
            </a>
          )}
        </Match>
        <Match when={url().status === 'unavailable'}>
          <span class="muted small">{d.attachmentUnavailable}</span>
        </Match>
      </Switch>
    </li>
  );
}
