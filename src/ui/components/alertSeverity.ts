// Which firing alert the banner names first. Prometheus has no severity of
// its own; by convention the `severity` label carries one of these words.

import type { AlertingViews } from '../../engine/api';

type NotifierAlert = AlertingViews['alerts'][number];

// Most severe first; an unknown or missing severity sorts after `info`.
const SEVERITIES = ['critical', 'page', 'error', 'warning', 'info'];

/** 0 for critical, rising as the severity falls; unknown and missing last. */
export function severityRank(labels: Record<string, string>): number {
  const i = SEVERITIES.indexOf((labels.severity ?? '').toLowerCase());
  return i < 0 ? SEVERITIES.length : i;
}

/**
 * Alerts the person should see now (firing, neither silenced nor inhibited),
 * most severe first, then oldest first. With an alertmanager.yml saved, only
 * those its routes delivered to a banner receiver.
 */
export function bannerAlerts(views: AlertingViews | null): NotifierAlert[] {
  if (!views) return [];
  const routed = views.routed ? new Set(views.routed.banner.flatMap((b) => b.fingerprints)) : undefined;
  return views.alerts
    .filter((a) => a.state === 'active' && (!routed || routed.has(a.fingerprint)))
    .sort((a, b) => severityRank(a.labels) - severityRank(b.labels) || a.startsAt - b.startsAt || a.fingerprint.localeCompare(b.fingerprint));
}
