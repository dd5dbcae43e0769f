// Rules, alerts, silences and alert history as the engine reports them,
// refreshed on the engine's alert and rule events (never polled), for the
// Alerts and Rules pages and the firing-alerts banner.

import { create } from 'zustand';
import type { AlertingViews, DesktopNotice } from '../../engine/api';
import { engine, onEngineEvent, whenSubscribed } from '../engineClient';

type NotifierAlert = AlertingViews['alerts'][number];

interface AlertsState {
  views: AlertingViews | null;
  refresh(): Promise<void>;
}

export const useAlerts = create<AlertsState>((set, get) => ({
  views: null,
  async refresh() {
    const before = get().views;
    const views = await engine().alerting();
    set({ views });
    // The first fetch finds alerts that fired before the tab opened: not news.
    if (!before) return;
    if (views.routed) showDesktop(newNotices(before, views));
    else notifyDesktop(newlyFiring(before, views));
  },
}));

/** Alerts firing unmuted now that were not (or were muted) in `before`. */
export function newlyFiring(before: AlertingViews, now: AlertingViews): NotifierAlert[] {
  const known = new Set(before.alerts.filter((a) => a.state === 'active').map((a) => a.fingerprint));
  return now.alerts.filter((a) => a.state === 'active' && !known.has(a.fingerprint));
}

/**
 * A desktop notification per alert, only while the tab is hidden (a visible
 * tab has the banner) and the person allowed them. The tag is the alert's
 * fingerprint, so several hidden tabs show one notification, not one each.
 * Title and body are plain text: the Notification API renders no markup.
 */
function notifyDesktop(alerts: NotifierAlert[]): void {
  if (alerts.length === 0 || !document.hidden) return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  for (const a of alerts) {
    new Notification(`Firing: ${a.labels.alertname ?? 'alert'}`, { body: a.annotations.summary ?? a.annotations.description ?? '', tag: a.fingerprint });
  }
}

/** Desktop notices alertmanager.yml's routes sent since `before` (all of them when it was just saved). */
export function newNotices(before: AlertingViews, now: AlertingViews): DesktopNotice[] {
  const seen = Math.max(0, ...(before.routed?.desktop ?? []).map((d) => d.id));
  return (now.routed?.desktop ?? []).filter((d) => d.id > seen);
}

/** As notifyDesktop, for notices titled and worded by the receiver's templates. */
function showDesktop(notices: DesktopNotice[]): void {
  if (notices.length === 0 || !document.hidden) return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  for (const d of notices) new Notification(d.title, { body: d.text, tag: d.tag });
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
