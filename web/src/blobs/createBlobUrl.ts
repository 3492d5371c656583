/**
 * A blob's object URL for a component: follows `hash`, asks again when the relay becomes reachable
 * (a photo of another device that was unavailable offline), and releases the URL when the hash changes
 * or the component goes away — so no URL outlives its <img>.
 */
import { createEffect, createSignal, on, onCleanup, type Accessor } from 'solid-js';
import type { BlobService } from './service.ts';

export type BlobUrlState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; url: string }
  /** not on this device and the relay cannot be asked (offline) or does not have it (yet) */
  | { status: 'unavailable' };

export function createBlobUrl(blobs: BlobService, hash: Accessor<string | null | undefined>, online?: Accessor<boolean>): Accessor<BlobUrlState> {
  const [state, setState] = createSignal<BlobUrlState>({ status: 'none' });
  const [attempt, setAttempt] = createSignal(0);
  // unavailable while offline: ask again once the relay is reachable
  if (online) {
    createEffect(
      on(online, (isOnline) => {
        if (isOnline && state().status === 'unavailable') setAttempt((n) => n + 1);
      }, { defer: true }),
    );
  }
  createEffect(
    on([hash, attempt] as const, ([h]) => {
      if (!h) {
        setState({ status: 'none' });
        return;
      }
      let current = true;
      let held = false;
      setState({ status: 'loading' });
      blobs
        .objectUrl(h)
        .then((url) => {
          if (url === null) {
            if (current) setState({ status: 'unavailable' });
            return;
          }
          if (!current) return blobs.release(h);
          held = true;
          setState({ status: 'ready', url });
        })
        .catch(() => {
          if (current) setState({ status: 'unavailable' });
        });
      onCleanup(() => {
        current = false;
        if (held) blobs.release(h);
      });
    }),
  );
  return state;
}
