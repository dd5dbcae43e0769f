// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertingViews } from '../../engine/api';
import { useAlerts } from '../stores/alertsStore';
import { AlertBanner, bannerSilence } from './AlertBanner';

const createSilence = vi.fn(async () => ({ ok: true as const, id: 's1' }));
vi.mock('../engineClient', () => ({ engine: () => ({ createSilence }), onEngineEvent: () => () => {}, whenSubscribed: () => Promise.resolve() }));

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

const XSS = '<img src=x onerror=alert(1)>';
type NotifierAlert = AlertingViews['alerts'][number];

function alert(fingerprint: string, labels: Record<string, string>, summary: string, state: NotifierAlert['state'] = 'active'): NotifierAlert {
  return { fingerprint, labels, annotations: { summary }, startsAt: 1, endsAt: 0, generatorURL: '', state, silencedBy: [], inhibitedBy: [], receivers: [] };
}

function show(alerts: NotifierAlert[]): HTMLElement {
  act(() => useAlerts.setState({ views: { groups: [], alerts, ruleAlerts: [], silences: [], history: [], webhookUrl: '', receivers: [], routed: null } }));
  const host = document.createElement('div');
  document.body.append(host);
  act(() => createRoot(host).render(<AlertBanner />));
  return host;
}

beforeEach(() => {
  document.body.replaceChildren();
  createSilence.mockClear();
});

describe('AlertBanner', () => {
  it('counts firing alerts, names the most severe first, and leaves silenced ones out', () => {
    const host = show([
      alert('a', { alertname: 'Slow', severity: 'warning' }, 'slow'),
      alert('b', { alertname: 'Down', severity: 'critical', instance: 'x' }, 'down'),
      alert('c', { alertname: 'Muted', severity: 'critical' }, 'muted', 'suppressed'),
    ]);
    expect(host.querySelector('.banner-count')?.textContent).toBe('2 alerts firing');
    expect([...host.querySelectorAll('.banner-alert-name')].map((a) => a.textContent)).toEqual(['Down on x', 'Slow']);
    expect(host.querySelector('.banner-alert-name')?.getAttribute('href')).toBe('#/alerts?alert=b');
  });

  it('shows nothing when nothing fires unmuted', () => {
    expect(show([alert('c', { alertname: 'Muted' }, 'muted', 'suppressed')]).textContent).toBe('');
  });

  it('shows markup in a name or summary as text', () => {
    const host = show([alert('x', { alertname: XSS }, XSS)]);
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('.banner-alert-summary')?.textContent).toBe(XSS);
  });

  it('silences an alert by all its labels in one click', async () => {
    const host = show([alert('b', { alertname: 'Down', instance: 'x' }, 'down')]);
    const button = host.querySelector<HTMLButtonElement>('button[aria-label="Silence Down on x"]')!;
    await act(async () => button.click());
    expect(createSilence).toHaveBeenCalledTimes(1);
    const [input] = createSilence.mock.calls[0] as unknown as [ReturnType<typeof bannerSilence>];
    expect(input.matchers).toEqual([
      { name: 'alertname', value: 'Down', isEqual: true, isRegex: false },
      { name: 'instance', value: 'x', isEqual: true, isRegex: false },
    ]);
    expect(input.endsAt - input.startsAt).toBe(2 * 3_600_000);
    expect(input).toMatchObject({ createdBy: 'vigil', comment: 'silenced from the banner' });
  });
});
