/**
 * One photo of a visit as a thumbnail: the local blob, or fetched from the relay on demand (another
 * device's photo); a placeholder while loading and while it cannot be had (offline, not uploaded yet).
 * Tapping opens the full image in a new tab.
 */
import { Match, Switch, createMemo } from 'solid-js';
import { createBlobUrl } from '../../blobs/createBlobUrl.ts';
import { useApp } from '../../state/app.tsx';
import { v } from './strings.ts';

export function PhotoThumb(props: { hash: string; index: number; caption?: string }) {
  const { blobs, sync } = useApp();
  const online = createMemo(() => sync.status().connection === 'online');
  const state = createBlobUrl(blobs, () => props.hash, online);
  const label = () => props.caption || v.photoAlt(props.index + 1);
  return (
    <figure class="photo-thumb" data-testid="photo-thumb" data-hash={props.hash} data-state={state().status}>
      <Switch fallback={<div class="photo-placeholder">{v.photoLoading}</div>}>
        <Match when={state().status === 'ready' && (state() as { url: string }).url}>
          {(url) => (
            <a href={url()} target="_blank" rel="noopener">
              <img src={url()} alt={label()} loading="lazy" data-testid="photo-img" />
            </a>
          )}
        </Match>
        <Match when={state().status === 'unavailable'}>
          <div class="photo-placeholder" data-testid="photo-unavailable">
            {v.photoPending}
          </div>
        </Match>
      </Switch>
      {props.caption ? <figcaption class="small">{props.caption}</figcaption> : null}
    </figure>
  );
}
