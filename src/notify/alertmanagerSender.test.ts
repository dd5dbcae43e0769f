import { describe, expect, it } from 'vitest';
import { FakeClock } from '../model/fakeClock';
import { DEFAULT_RELABEL, type RelabelConfig } from '../model/relabel';
import type { PostedAlert } from './alert';
import { AlertmanagerSender, alertmanagerUrls, postableAlerts, type AlertmanagerSetConfig } from './alertmanagerSender';

const T = Date.UTC(2024, 0, 2, 3, 4, 5);

function set(over: Partial<AlertmanagerSetConfig> = {}): AlertmanagerSetConfig {
  return { staticConfigs: [{ targets: ['am:9093'], labels: {} }], scheme: 'http', pathPrefix: '', apiVersion: 'v2', timeout: 10_000, relabelConfigs: [], alertRelabelConfigs: [], headers: {}, ...over };
}

function alert(name: string, labels: Record<string, string> = {}): PostedAlert {
  return { labels: { alertname: name, ...labels }, annotations: { summary: `${name} fires` }, startsAt: T, endsAt: T + 240_000, generatorURL: 'http://vigil/#/query' };
}

const rule = (r: Partial<RelabelConfig>): RelabelConfig => ({ ...DEFAULT_RELABEL, ...r });

/** An Alertmanager that records each post and answers with `status` (0: the network fails). */
function fakeAm() {
  const posts: { url: string; headers: Record<string, string>; alerts: Record<string, unknown>[] }[] = [];
  const am = {
    posts,
    status: 200,
    fetch: (async (url: string, init: RequestInit) => {
      if (am.status === 0) throw new TypeError('Failed to fetch');
      posts.push({ url, headers: init.headers as Record<string, string>, alerts: JSON.parse(init.body as string) });
      return new Response('', { status: am.status });
    }) as unknown as typeof fetch,
  };
  return am;
}

describe('alertmanagerUrls', () => {
  it.each([
    ['a plain target', set(), ['http://am:9093/api/v2/alerts']],
    ['a path prefix, slashes cleaned as path.Join', set({ pathPrefix: '/am/', scheme: 'https' }), ['https://am:9093/am/api/v2/alerts']],
    ['duplicates once', set({ staticConfigs: [{ targets: ['am:9093', 'am:9093'], labels: {} }] }), ['http://am:9093/api/v2/alerts']],
    [
      'relabelling that rewrites the address and drops a target',
      set({
        staticConfigs: [{ targets: ['a:1', 'b:2'], labels: { dc: 'x' } }],
        relabelConfigs: [rule({ sourceLabels: ['__address__'], regex: 'b:.*', action: 'drop' }), rule({ sourceLabels: ['dc'], targetLabel: '__address__', replacement: '$1.example:9093' })],
      }),
      ['http://x.example:9093/api/v2/alerts'],
    ],
  ])('%s', (_name, cfg, want) => {
    expect(alertmanagerUrls(cfg)).toEqual(want);
  });
});

describe('postableAlerts', () => {
  it('is models.PostableAlerts as Prometheus marshals it', () => {
    expect(JSON.parse(postableAlerts([alert('Down', { job: 'api' })]))).toEqual([
      { annotations: { summary: 'Down fires' }, endsAt: '2024-01-02T03:08:05Z', startsAt: '2024-01-02T03:04:05Z', generatorURL: 'http://vigil/#/query', labels: { alertname: 'Down', job: 'api' } },
    ]);
  });
});

describe('AlertmanagerSender', () => {
  it('adds external labels an alert lacks, relabels globally then per set, and posts to each Alertmanager', async () => {
    const clock = new FakeClock(T);
    const am = fakeAm();
    const s = new AlertmanagerSender({ ...clock, fetch: am.fetch });
    s.configure({
      externalLabels: { cluster: 'eu', job: 'ext' },
      alertRelabelConfigs: [rule({ sourceLabels: ['severity'], regex: 'info', action: 'drop' })],
      alertmanagers: [set({ headers: { Authorization: 'Bearer t' } }), set({ staticConfigs: [{ targets: ['b:9093'], labels: {} }], alertRelabelConfigs: [rule({ regex: 'cluster', action: 'labeldrop' })] })],
    });
    s.send([alert('Down', { job: 'api' }), alert('Chatty', { severity: 'info' })]);
    await clock.advance(0);
    expect(am.posts.map((p) => [p.url, p.alerts.map((a) => a.labels)])).toEqual([
      ['http://am:9093/api/v2/alerts', [{ alertname: 'Down', cluster: 'eu', job: 'api' }]],
      ['http://b:9093/api/v2/alerts', [{ alertname: 'Down', job: 'api' }]],
    ]);
    expect(am.posts[0].headers).toEqual({ Authorization: 'Bearer t', 'Content-Type': 'application/json' });
    expect(s.statuses().map((x) => [x.state, x.sent])).toEqual([['up', 1], ['up', 1]]);
  });

  it('holds alerts across an outage, retries with backoff and drains when the Alertmanager returns', async () => {
    const clock = new FakeClock(T);
    const am = fakeAm();
    const s = new AlertmanagerSender({ ...clock, fetch: am.fetch });
    s.configure({ externalLabels: {}, alertRelabelConfigs: [], alertmanagers: [set()] });
    am.status = 0;
    s.send([alert('A')]);
    await clock.advance(0);
    s.send([alert('B')]);
    await clock.advance(10_000);
    expect(s.statuses()[0]).toMatchObject({ state: 'down', pending: 2, sent: 0, dropped: 0 });
    expect(s.statuses()[0].lastError).toContain('Failed to fetch');
    am.status = 503;
    await clock.advance(5_000);
    expect(s.statuses()[0].lastError).toBe('bad response status 503');
    am.status = 200;
    await clock.advance(5_000);
    expect(s.statuses()[0]).toMatchObject({ state: 'up', pending: 0, sent: 2, dropped: 0 });
    expect(am.posts.at(-1)!.alerts.map((a) => (a.labels as Record<string, string>).alertname)).toEqual(['A', 'B']);
  });

  it('drops the oldest waiting alerts of a full queue and counts them; the batch in flight is not cut', async () => {
    const clock = new FakeClock(T);
    const am = fakeAm();
    am.status = 0;
    const s = new AlertmanagerSender({ ...clock, fetch: am.fetch, queueCapacity: 3 });
    s.configure({ externalLabels: {}, alertRelabelConfigs: [], alertmanagers: [set()] });
    for (const n of ['A', 'B', 'C', 'D', 'E']) s.send([alert(n)]);
    await clock.advance(0);
    expect(s.statuses()[0]).toMatchObject({ pending: 3, dropped: 2 });
    am.status = 200;
    await clock.advance(10_000);
    expect(am.posts.flatMap((p) => p.alerts.map((a) => (a.labels as Record<string, string>).alertname))).toEqual(['A', 'D', 'E']);
  });

  it('keeps a queue whose Alertmanager stays configured and stops one that goes', async () => {
    const clock = new FakeClock(T);
    const am = fakeAm();
    am.status = 0;
    const s = new AlertmanagerSender({ ...clock, fetch: am.fetch });
    s.configure({ externalLabels: {}, alertRelabelConfigs: [], alertmanagers: [set()] });
    s.send([alert('A')]);
    await clock.advance(0);
    s.configure({ externalLabels: {}, alertRelabelConfigs: [], alertmanagers: [set({ timeout: 1000 }), set({ staticConfigs: [{ targets: ['b:1'], labels: {} }] })] });
    expect(s.statuses().map((x) => [x.url, x.pending])).toEqual([['http://am:9093/api/v2/alerts', 1], ['http://b:1/api/v2/alerts', 0]]);
    s.configure({ externalLabels: {}, alertRelabelConfigs: [], alertmanagers: [] });
    expect(s.statuses()).toEqual([]);
  });
});

describe('AlertmanagerSender problems', () => {
  it('shows a set whose target relabels into a URL as a problem instead of failing the config', () => {
    const clock = new FakeClock(T);
    const s = new AlertmanagerSender({ ...clock, fetch: fakeAm().fetch });
    s.configure({ externalLabels: {}, alertRelabelConfigs: [], alertmanagers: [set({ relabelConfigs: [rule({ targetLabel: '__address__', replacement: 'http://x' })] })] });
    expect(s.statuses()).toMatchObject([{ url: '', state: 'down', lastError: 'alertmanagers[0]: "http://x" is not a valid hostname' }]);
  });
});
