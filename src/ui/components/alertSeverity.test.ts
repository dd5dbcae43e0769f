import { describe, expect, it } from 'vitest';
import type { AlertingViews } from '../../engine/api';
import { bannerAlerts, severityRank } from './alertSeverity';

type NotifierAlert = AlertingViews['alerts'][number];

function alert(name: string, severity: string | undefined, startsAt: number, state: NotifierAlert['state'] = 'active'): NotifierAlert {
  const labels: Record<string, string> = { alertname: name };
  if (severity !== undefined) labels.severity = severity;
  return { fingerprint: name, labels, annotations: {}, startsAt, endsAt: 0, generatorURL: '', state, silencedBy: [], inhibitedBy: [], receivers: ['vigil'] };
}

function views(alerts: NotifierAlert[]): AlertingViews {
  return { groups: [], alerts, ruleAlerts: [], silences: [], history: [], webhookUrl: '', receivers: [], routed: null };
}

describe('severityRank', () => {
  it.each([
    ['critical', 0],
    ['page', 1],
    ['error', 2],
    ['warning', 3],
    ['info', 4],
    ['WARNING', 3],
    ['whatever', 5],
    [undefined, 5],
  ])('%s ranks %i', (severity, rank) => {
    expect(severityRank(severity === undefined ? {} : { severity })).toBe(rank);
  });
});

describe('bannerAlerts', () => {
  it('lists firing alerts most severe first, older first within a severity', () => {
    const got = bannerAlerts(
      views([alert('none', undefined, 1), alert('warn', 'warning', 5), alert('crit', 'critical', 9), alert('page2', 'page', 8), alert('page1', 'page', 3), alert('info', 'info', 0)]),
    );
    expect(got.map((a) => a.labels.alertname)).toEqual(['crit', 'page1', 'page2', 'warn', 'info', 'none']);
  });

  it('leaves out silenced and inhibited alerts', () => {
    expect(bannerAlerts(views([alert('muted', 'critical', 1, 'suppressed'), alert('loud', 'info', 2)])).map((a) => a.labels.alertname)).toEqual(['loud']);
  });

  it("keeps, with alertmanager.yml saved, only alerts its routes sent to a banner", () => {
    const v = views([alert('routed', 'info', 1), alert('quiet', 'critical', 2)]);
    const routedTo = (fps: string[]) => ({ ...v, routed: { banner: [{ key: 'k', receiver: 'r', title: '', text: '', fingerprints: fps }], desktop: [] } });
    expect(bannerAlerts(routedTo(['routed'])).map((a) => a.labels.alertname)).toEqual(['routed']);
    expect(bannerAlerts(routedTo([]))).toEqual([]);
  });

  it('is empty before the first fetch', () => {
    expect(bannerAlerts(null)).toEqual([]);
  });
});
