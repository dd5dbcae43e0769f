// Rules, alerts, silences and alert history as the engine reports them,
// refreshed on the engine's alert and rule events (never polled), for the
// Alerts and Rules pages and the firing-alerts banner.

import { create } from 'zustand';
import type { AlertingViews } from '../../engine/api';
import { engine, onEngineEvent, whenSubscribed } from '../engineClient';

interface AlertsState {
  views: AlertingViews | null;
  refresh(): Promise<void>;
}

export const useAlerts = create<AlertsState>((set) => ({
  views: null,
  async refresh() {
    set({ views: await engine().alerting() });
  },
}));

/** Alerts the person should see now: firing and not silenced or inhibited. */
export function firingCount(views: AlertingViews | null): number {
  return views ? views.alerts.filter((a) => a.state === 'active').length : 0;
}

let started = false;
// A rule group evaluation changes many alerts at once; one refresh covers the burst.
const COALESCE_MS = 300;
let timer: ReturnType<typeof setTimeout> | undefined;

export function startAlertsStore(): void {
  if (started) return;
  started = true;
  const refresh = () => void useAlerts.getState().refresh();
  void whenSubscribed().then(refresh);
  onEngineEvent((e) => {
    if (e.kind !== 'alerts' && e.kind !== 'rules') return;
    timer ??= setTimeout(() => {
      timer = undefined;
      refresh();
    }, COALESCE_MS);
  });
}
