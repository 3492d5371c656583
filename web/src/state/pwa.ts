/**
 * Service worker registration in prompt mode: an update waits until the user chooses 立即更新 (after
 * unsaved input is flushed) or 稍后. Marks <html data-sw-ready="1"> once a service worker controls the
 * page (browser tests wait for it before going offline).
 */
import { createSignal, type Accessor } from 'solid-js';
import { useRegisterSW } from 'virtual:pwa-register/solid';

export type UpdateCheck = 'idle' | 'checking' | 'up-to-date' | 'found' | 'failed';

export interface PwaStore {
  needRefresh: Accessor<boolean>;
  dismiss(): void;
  /** flushes input first, then activates the waiting worker and reloads */
  update(): Promise<void>;
  check(): Promise<void>;
  checkState: Accessor<UpdateCheck>;
}

export function markServiceWorkerReady(): void {
  if (!('serviceWorker' in navigator)) return;
  const mark = () => {
    if (navigator.serviceWorker.controller) document.documentElement.dataset.swReady = '1';
  };
  mark();
  navigator.serviceWorker.addEventListener('controllerchange', mark);
}

export function createPwaStore(beforeUpdate: () => Promise<void>): PwaStore {
  let registration: ServiceWorkerRegistration | undefined;
  const [checkState, setCheckState] = createSignal<UpdateCheck>('idle');
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    updateServiceWorker,
  } = useRegisterSW({
    immediate: true,
    onRegisteredSW(_url, reg) {
      registration = reg;
      markServiceWorkerReady();
      // Check hourly while the app stays open.
      if (reg) setInterval(() => void reg.update().catch(() => {}), 60 * 60 * 1000);
    },
    onRegisterError(err) {
      console.warn('[pwa] service worker registration failed', err);
    },
  });
  return {
    needRefresh,
    dismiss: () => setNeedRefresh(false),
    async update() {
      await beforeUpdate();
      await updateServiceWorker(true);
    },
    async check() {
      if (!registration) {
        setCheckState('failed');
        return;
      }
      setCheckState('checking');
      try {
        await registration.update();
        setCheckState(registration.waiting || registration.installing || needRefresh() ? 'found' : 'up-to-date');
      } catch {
        setCheckState('failed');
      }
    },
    checkState,
  };
}
