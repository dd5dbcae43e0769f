import { describe, expect, it } from 'vitest';
import { acceptAlert, fingerprint, mergeAlerts, rfc3339 } from './alert';
import { buildNotification, webhookPayload } from './webhook';
import { webhookReceiver } from './webhookReceiver';

const T = Date.UTC(2024, 0, 2, 3, 4, 5, 678);

describe('fingerprint', () => {
  it('is FNV-1a 64 over sorted names and values, as model.LabelSet.Fingerprint', () => {
    expect(fingerprint({})).toBe('cbf29ce484222325');
    expect(fingerprint({ b: '2', a: '1' })).toBe(fingerprint({ a: '1', b: '2' }));
    expect(fingerprint({ a: '1' })).not.toBe(fingerprint({ a: '2' }));
    expect(fingerprint({ a: 'x' })).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('rfc3339', () => {
  it.each([
    [0, '0001-01-01T00:00:00Z'],
    [T, '2024-01-02T03:04:05.678Z'],
    [Date.UTC(2024, 0, 2), '2024-01-02T00:00:00Z'],
    [Date.UTC(2024, 0, 2, 0, 0, 0, 500), '2024-01-02T00:00:00.5Z'],
  ])('%d → %s', (ms, want) => {
    expect(rfc3339(ms)).toBe(want);
  });
});

describe('mergeAlerts', () => {
  it('keeps the earliest start and lets the newer report set the rest', () => {
    const a = acceptAlert({ labels: { a: '1' }, annotations: { s: 'old' }, startsAt: 100, endsAt: 1000, generatorURL: '' }, 100, 300);
    const b = acceptAlert({ labels: { a: '1' }, annotations: { s: 'new' }, startsAt: 200, endsAt: 900, generatorURL: '' }, 200, 300);
    expect(mergeAlerts(a, b, 200)).toMatchObject({ startsAt: 100, endsAt: 1000, annotations: { s: 'new' } });
    const timedOut = acceptAlert({ labels: { a: '1' }, annotations: {}, startsAt: 0, endsAt: 0, generatorURL: '' }, 100, 300);
    expect(timedOut).toMatchObject({ startsAt: 100, endsAt: 400, timeout: true });
  });
});

describe('webhookPayload', () => {
  it("matches Alertmanager's version 4 JSON, field for field", () => {
    const firing = acceptAlert({ labels: { alertname: 'Down', job: 'api', instance: 'a' }, annotations: { summary: 'a down' }, startsAt: T, endsAt: 0, generatorURL: 'http://vigil/graph' }, T, 300_000);
    const resolved = acceptAlert({ labels: { alertname: 'Down', job: 'api', instance: 'b' }, annotations: { summary: 'b down' }, startsAt: T - 1000, endsAt: T, generatorURL: '' }, T, 300_000);
    const n = buildNotification('hook', '{}:{alertname="Down"}', { alertname: 'Down' }, [{ ...firing, endsAt: 0 }, resolved], 'http://vigil', T + 1);
    expect(JSON.parse(webhookPayload(n))).toEqual({
      receiver: 'hook',
      status: 'firing',
      alerts: [
        { status: 'firing', labels: { alertname: 'Down', instance: 'a', job: 'api' }, annotations: { summary: 'a down' }, startsAt: '2024-01-02T03:04:05.678Z', endsAt: '0001-01-01T00:00:00Z', generatorURL: 'http://vigil/graph', fingerprint: firing.fingerprint },
        { status: 'resolved', labels: { alertname: 'Down', instance: 'b', job: 'api' }, annotations: { summary: 'b down' }, startsAt: '2024-01-02T03:04:04.678Z', endsAt: '2024-01-02T03:04:05.678Z', generatorURL: '', fingerprint: resolved.fingerprint },
      ],
      groupLabels: { alertname: 'Down' },
      commonLabels: { alertname: 'Down', job: 'api' },
      commonAnnotations: {},
      externalURL: 'http://vigil',
      version: '4',
      groupKey: '{}:{alertname="Down"}',
      truncatedAlerts: 0,
    });
    expect(Object.keys(JSON.parse(webhookPayload(n)))).toEqual(['receiver', 'status', 'alerts', 'groupLabels', 'commonLabels', 'commonAnnotations', 'externalURL', 'version', 'groupKey', 'truncatedAlerts']);
  });

  it('truncates to max_alerts and counts the rest', () => {
    const alerts = ['a', 'b', 'c'].map((i) => acceptAlert({ labels: { i }, annotations: {}, startsAt: T, endsAt: T + 1, generatorURL: '' }, T, 1));
    const n = buildNotification('hook', 'k', {}, alerts, '', T, 2);
    expect([n.alerts.length, n.truncatedAlerts]).toEqual([2, 1]);
  });

  it('POSTs the payload and fails on a non-2xx answer', async () => {
    const calls: { url: string; body: string }[] = [];
    const ok = webhookReceiver({ name: 'hook', url: 'http://x/hook', fetch: (async (url: string, init: RequestInit) => (calls.push({ url, body: String(init.body) }), new Response('', { status: 200 }))) as unknown as typeof fetch });
    const n = buildNotification('hook', 'k', {}, [], '', T);
    await ok.notify(n);
    expect(calls).toEqual([{ url: 'http://x/hook', body: webhookPayload(n) }]);
    const bad = webhookReceiver({ name: 'hook', url: 'http://x/hook', fetch: (async () => new Response('', { status: 500 })) as unknown as typeof fetch });
    await expect(bad.notify(n)).rejects.toThrow('unexpected status code 500: http://x/hook');
  });
});
