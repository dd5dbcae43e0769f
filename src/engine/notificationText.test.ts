import { describe, expect, it } from 'vitest';
import type { Notification } from '../notify/webhook';
import { notificationText } from './notificationText';

const alert = (name: string, instance: string, status: 'firing' | 'resolved', summary = ''): Notification['alerts'][number] => ({
  status,
  labels: { alertname: name, instance, severity: 'page' },
  annotations: summary ? { summary } : ({} as Record<string, string>),
  startsAt: Date.UTC(2024, 0, 2, 3, 4, 5),
  endsAt: status === 'resolved' ? Date.UTC(2024, 0, 2, 4, 0, 0) : 0,
  generatorURL: 'http://vigil/#/rules',
  fingerprint: instance,
});

function note(alerts: Notification['alerts'], groupLabels: Record<string, string>): Notification {
  const common: Record<string, string> = { ...alerts[0].labels };
  for (const a of alerts) for (const k of Object.keys(common)) if (a.labels[k] !== common[k]) delete common[k];
  return {
    receiver: 'team',
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts,
    groupLabels,
    commonLabels: common,
    commonAnnotations: {},
    externalURL: 'http://vigil',
    groupKey: '{}:{}',
    truncatedAlerts: 0,
  };
}

describe('notificationText', () => {
  const two = note([alert('Down', 'a', 'firing', 'a is down'), alert('Down', 'b', 'resolved')], { alertname: 'Down' });

  it.each([
    // Alertmanager's __subject: status, firing count, group label values, then the other common labels.
    ['', '[FIRING:1] Down (page)'],
    ['{{ .CommonLabels.alertname }} for {{ .Receiver }}', 'Down for team'],
    ['{{ range .Alerts }}{{ .Labels.instance }}={{ .Status }} {{ end }}', 'a=firing b=resolved'],
    ['{{ len .Alerts.Resolved }} resolved, {{ .ExternalURL }}', '1 resolved, http://vigil'],
    ['{{ range .GroupLabels.SortedPairs }}{{ .Name }}:{{ .Value }}{{ end }}', 'alertname:Down'],
    ['{{ (index .Alerts 0).StartsAt }}', '2024-01-02T03:04:05.000Z'],
  ])('title %j reads %j', async (title, want) => {
    expect((await notificationText(two, title, '')).title).toBe(want);
  });

  it('defaults its text to one line per alert: summary, else description, else name', async () => {
    expect((await notificationText(two, '', '')).text).toBe('a is down\nDown');
  });

  it("offers Alertmanager's __text_alert_list", async () => {
    const one = note([alert('Down', 'a', 'firing', 'a is down')], {});
    expect((await notificationText(one, '', '{{ template "__text_alert_list" .Alerts }}')).text).toBe(
      'Labels:\n - alertname = Down\n - instance = a\n - severity = page\nAnnotations:\n - summary = a is down\nSource: http://vigil/#/rules',
    );
  });

  it('says where a broken template fails, at the line the author wrote', async () => {
    await expect(notificationText(two, '{{ .Status', '')).rejects.toThrow(/template: title:1/);
  });
});
