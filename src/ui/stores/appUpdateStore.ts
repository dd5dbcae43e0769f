// A new build of Vigil, offered and never forced. The service worker of a new
// build installs beside the running one and waits; the page offers Reload, and
// only that click tells it to take over (skipWaiting) and reloads this tab, so
// nothing reloads under an edit. Another tab's Reload moves the worker for
// every tab; the others then say so and still wait for their own click.

import { create } from 'zustand';

/** 'waiting': a new version is installed; 'elsewhere': another tab switched to it, this one runs the old code. */
export type UpdateOffer = 'none' | 'waiting' | 'elsewhere';

/** The part of workbox-window's Workbox used here (a fake stands in for it in tests). */
export interface WorkerRegistrar {
  addEventListener(type: 'waiting' | 'controlling', listener: (e: { isUpdate?: boolean }) => void): void;
  register(): Promise<unknown>;
  update(): Promise<void>;
  messageSkipWaiting(): void;
}

/** A long-open tab looks for a new build this often (a reload or a new tab looks at once). */
export const UPDATE_CHECK_MS = 60 * 60 * 1000;

interface AppUpdateState {
  offer: UpdateOffer;
  /** Switches to the new version: reloads at once if another tab already switched, else asks the waiting worker first. */
  apply(): void;
  dismiss(): void;
}

export const useAppUpdate = create<AppUpdateState>(() => ({ offer: 'none', apply: () => {}, dismiss: () => {} }));

/** Registers the service worker and turns its events into the offer; returns a stop for tests. */
export function watchUpdates(wb: WorkerRegistrar, reload: () => void): () => void {
  let asked = false;
  wb.addEventListener('waiting', () => useAppUpdate.setState({ offer: 'waiting' }));
  wb.addEventListener('controlling', (e) => {
    // A first install also takes control (clientsClaim); that is no new version.
    if (!e.isUpdate) return;
    if (asked) reload();
    else useAppUpdate.setState({ offer: 'elsewhere' });
  });
  useAppUpdate.setState({
    offer: 'none',
    apply: () => {
      if (useAppUpdate.getState().offer === 'elsewhere') return reload();
      asked = true;
      wb.messageSkipWaiting();
    },
    dismiss: () => useAppUpdate.setState({ offer: 'none' }),
  });
  void wb.register();
  const timer = setInterval(() => void wb.update(), UPDATE_CHECK_MS);
  return () => clearInterval(timer);
}
