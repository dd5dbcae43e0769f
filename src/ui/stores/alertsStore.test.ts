// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AlertingViews, DesktopNotice } from '../../engine/api';
import { newlyFiring, newNotices, useAlerts } from './alertsStore';

const alerting = vi.fn<() => Promise<AlertingViews>>();
vi.mock('../engineClient', () => ({ engine: () => ({ alerting }), onEngineEvent: () => () => {}, whenSubscribed: () => Promise.resolve() }));

type NotifierAlert = AlertingViews['alerts'][number];

function alert(fingerprint: string, state: NotifierAlert['state'] = 'active'): NotifierAlert {
  return { fingerprint, labels: { alertname: fingerprint }, annotations: { summary: `${fingerprint} <b>now</b>` }, startsAt: 1, endsAt: 0, generatorURL: '', state, silencedBy: [], inhibitedBy: [], receivers: [] };
}

function views(alerts: NotifierAlert[]): AlertingViews {
  return { groups: [], alerts, ruleAlerts: [], silences: [], history: [], webhookUrl: '', receivers: [], routed: null };
}

function routed(alerts: NotifierAlert[], desktop: DesktopNotice[]): AlertingViews {
  return { ...views(alerts), routed: { banner: [], desktop } };
}

const shown: { title: string; body?: string; tag?: string }[] = [];
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  constructor(title: string, opts?: NotificationOptions) {
    shown.push({ title, body: opts?.body, tag: opts?.tag });
  }
}

function setHidden(hidden: boolean): void {
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
}

afterEach(() => {
  shown.length = 0;
  useAlerts.setState({ views: null });
  vi.unstubAllGlobals();
});

describe('newlyFiring', () => {
  it.each([
    ['a new alert', [], [alert('a')], ['a']],
    ['one already firing', [alert('a')], [alert('a')], []],
    ['one unsilenced', [alert('a', 'suppressed')], [alert('a')], ['a']],
    ['a silenced one', [], [alert('a', 'suppressed')], []],
  ])('%s', (_, before, now, expected) => {
    expect(newlyFiring(views(before), views(now)).map((a) => a.fingerprint)).toEqual(expected);
  });
});

describe('newNotices', () => {
  const d = (id: number): DesktopNotice => ({ id, title: `t${id}`, text: '', tag: 'g' });
  it.each([
    ['ones after the newest seen', routed([], [d(1), d(2)]), routed([], [d(1), d(2), d(3)]), [3]],
    ['all of them when alertmanager.yml was just saved', views([]), routed([], [d(1)]), [1]],
    ['none when nothing new', routed([], [d(4)]), routed([], [d(4)]), []],
  ])('%s', (_, before, now, expected) => {
    expect(newNotices(before, now).map((n) => n.id)).toEqual(expected);
  });
});

describe('alerts store', () => {
  it("shows alertmanager.yml's desktop notices, titled by its templates, while the tab is hidden", async () => {
    vi.stubGlobal('Notification', FakeNotification);
    setHidden(true);
    alerting.mockResolvedValueOnce(routed([alert('a')], []));
    await useAlerts.getState().refresh();
    alerting.mockResolvedValueOnce(routed([alert('a'), alert('b')], [{ id: 1, title: '[FIRING:1] B', text: 'b is down', tag: 'team|{}' }]));
    await useAlerts.getState().refresh();
    expect(shown).toEqual([{ title: '[FIRING:1] B', body: 'b is down', tag: 'team|{}' }]);
  });

  it('keeps the engine views and notifies the desktop only of alerts newly firing while the tab is hidden', async () => {
    vi.stubGlobal('Notification', FakeNotification);
    setHidden(true);
    alerting.mockResolvedValueOnce(views([alert('old')]));
    await useAlerts.getState().refresh();
    expect(useAlerts.getState().views?.alerts.map((a) => a.fingerprint)).toEqual(['old']);
    expect(shown).toEqual([]); // already firing when the tab opened

    alerting.mockResolvedValueOnce(views([alert('old'), alert('new')]));
    await useAlerts.getState().refresh();
    expect(shown).toEqual([{ title: 'Firing: new', body: 'new <b>now</b>', tag: 'new' }]);
  });

  it('shows no desktop notification while the tab is visible or without permission', async () => {
    vi.stubGlobal('Notification', FakeNotification);
    setHidden(false);
    alerting.mockResolvedValueOnce(views([]));
    await useAlerts.getState().refresh();
    alerting.mockResolvedValueOnce(views([alert('a')]));
    await useAlerts.getState().refresh();
    expect(shown).toEqual([]);

    setHidden(true);
    FakeNotification.permission = 'default';
    alerting.mockResolvedValueOnce(views([alert('a'), alert('b')]));
    await useAlerts.getState().refresh();
    expect(shown).toEqual([]);
    FakeNotification.permission = 'granted';
  });
});
