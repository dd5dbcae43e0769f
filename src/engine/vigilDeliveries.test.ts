import { describe, expect, it } from 'vitest';
import type { Notification } from '../notify/webhook';
import { VigilDeliveries } from './vigilDeliveries';

function note(groupKey: string, alerts: [string, 'firing' | 'resolved'][]): Notification {
  return {
    receiver: 'page',
    status: alerts.some(([, s]) => s === 'firing') ? 'firing' : 'resolved',
    alerts: alerts.map(([fp, status]) => ({ status, labels: { alertname: fp }, annotations: {}, startsAt: 1, endsAt: status === 'resolved' ? 2 : 0, generatorURL: '', fingerprint: fp })),
    groupLabels: {},
    commonLabels: {},
    commonAnnotations: {},
    externalURL: '',
    groupKey,
    truncatedAlerts: 0,
  };
}

const DEFAULTS = { sendResolved: true, title: '', text: '' };

describe('VigilDeliveries', () => {
  it("shows a group's firing alerts on the banner until they resolve or stop being active", async () => {
    const d = new VigilDeliveries();
    await d.toBanner(note('g1', [['a', 'firing'], ['b', 'firing']]), { ...DEFAULTS, title: '{{ .Status }} {{ len .Alerts }}' });
    expect(d.bannerView(new Set(['a', 'b']))).toEqual([{ key: 'page|g1', receiver: 'page', title: 'firing 2', text: 'a\nb', fingerprints: ['a', 'b'] }]);
    expect(d.bannerView(new Set(['a']))[0].fingerprints).toEqual(['a']);
    await d.toBanner(note('g1', [['a', 'resolved'], ['b', 'resolved']]), DEFAULTS);
    expect(d.bannerView(new Set(['a', 'b']))).toEqual([]);
  });

  it('keeps desktop notices with rising ids, resolved ones only when send_resolved is set', async () => {
    const d = new VigilDeliveries();
    await d.toDesktop(note('g1', [['a', 'firing']]), { ...DEFAULTS, sendResolved: false });
    await d.toDesktop(note('g1', [['a', 'resolved']]), { ...DEFAULTS, sendResolved: false });
    await d.toDesktop(note('g1', [['a', 'resolved']]), DEFAULTS);
    expect(d.desktopView().map((n) => [n.id, n.title])).toEqual([
      [1, '[FIRING:1]'],
      [2, '[RESOLVED]'],
    ]);
  });

  it('forgets the banner when the configuration changes', async () => {
    const d = new VigilDeliveries();
    await d.toBanner(note('g1', [['a', 'firing']]), DEFAULTS);
    d.clear();
    expect(d.bannerView(new Set(['a']))).toEqual([]);
  });
});
