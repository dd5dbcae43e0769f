// What a receiver gets for one aggregation group (template.Data), and the
// webhook body built from it exactly as Alertmanager's webhook notifier sends
// it (notify/webhook Message, version 4), fields in Go's order.

import { isResolved, rfc3339, type Alert } from './alert';

export interface NotificationAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: number;
  endsAt: number;
  generatorURL: string;
  fingerprint: string;
}

export interface Notification {
  receiver: string;
  status: 'firing' | 'resolved';
  alerts: NotificationAlert[];
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  groupKey: string;
  truncatedAlerts: number;
}

/** Pairs present with the same value in every map (template.Data's CommonLabels). */
function common(maps: Record<string, string>[]): Record<string, string> {
  if (maps.length === 0) return {};
  const out: Record<string, string> = { ...maps[0] };
  for (const m of maps.slice(1)) for (const k of Object.keys(out)) if (m[k] !== out[k]) delete out[k];
  return out;
}

/** template.Data for a group's alerts at `now`; maxAlerts > 0 truncates as webhook max_alerts does. */
export function buildNotification(receiver: string, groupKey: string, groupLabels: Record<string, string>, alerts: Alert[], externalURL: string, now: number, maxAlerts = 0): Notification {
  const shown = maxAlerts > 0 ? alerts.slice(0, maxAlerts) : alerts;
  const list: NotificationAlert[] = shown.map((a) => ({
    status: isResolved(a, now) ? 'resolved' : 'firing',
    labels: { ...a.labels },
    annotations: { ...a.annotations },
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    generatorURL: a.generatorURL,
    fingerprint: a.fingerprint,
  }));
  return {
    receiver,
    status: alerts.some((a) => !isResolved(a, now)) ? 'firing' : 'resolved',
    alerts: list,
    groupLabels: { ...groupLabels },
    commonLabels: common(alerts.map((a) => a.labels)),
    commonAnnotations: common(alerts.map((a) => a.annotations)),
    externalURL,
    groupKey,
    truncatedAlerts: alerts.length - shown.length,
  };
}

/** The webhook body (Alertmanager's webhook.Message, version "4"). */
export function webhookPayload(n: Notification): string {
  // Go sorts map keys when it encodes JSON.
  const sorted = (m: Record<string, string>) => Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
  return JSON.stringify({
    receiver: n.receiver,
    status: n.status,
    alerts: n.alerts.map((a) => ({
      status: a.status,
      labels: sorted(a.labels),
      annotations: sorted(a.annotations),
      startsAt: rfc3339(a.startsAt),
      endsAt: rfc3339(a.endsAt),
      generatorURL: a.generatorURL,
      fingerprint: a.fingerprint,
    })),
    groupLabels: sorted(n.groupLabels),
    commonLabels: sorted(n.commonLabels),
    commonAnnotations: sorted(n.commonAnnotations),
    externalURL: n.externalURL,
    version: '4',
    groupKey: n.groupKey,
    truncatedAlerts: n.truncatedAlerts,
  });
}
