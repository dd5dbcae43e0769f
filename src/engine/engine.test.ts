import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_DASHBOARD_UID, SHIPPED_DASHBOARDS } from '../dashboards/shipped/index';
import { newDashboard, newPanel } from '../dashboards/defaults';
import type { AlertingViews, EngineEvent } from './api';
import { Engine, type EngineOptions } from './engine';
import { SettingsStore } from './settingsStore';
import { STARTER_RULE_FILE, STARTER_RULES } from './starterRules';

const ORIGIN = 'http://127.0.0.1:5173';
let dbSeq = 0;
const running: Engine[] = [];

function options(over: Partial<EngineOptions> = {}): EngineOptions {
  dbSeq++;
  return {
    origin: ORIGIN,
    host: '127.0.0.1:5173',
    fetch: async () => new Response('nothing here', { status: 404 }),
    now: () => Date.now(),
    role: 'shared',
    settingsDb: `engine-test-settings-${dbSeq}`,
    tsdbDb: `engine-test-tsdb-${dbSeq}`,
    boardsDb: `engine-test-boards-${dbSeq}`,
    checkpointEveryMs: 200,
    ...over,
  };
}

async function start(opts: EngineOptions): Promise<Engine> {
  const e = await Engine.start(opts);
  running.push(e);
  return e;
}

const FAST = (host: string) => `global:
  scrape_interval: 250ms
  scrape_timeout: 200ms
scrape_configs:
  - job_name: vigil
    metrics_path: /vigil/metrics
    static_configs: [{ targets: ['${host}'] }]
  - job_name: demo
    static_configs:
      - targets: ['${host}']
        labels: { __metrics_path__: /demo/1/metrics, instance: demo-1 }
`;

const far = (v: AlertingViews) => v.groups.find((g) => g.name === 'far');

async function until<T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 5000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() - t0 > ms) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
});

describe('Engine', () => {
  it('starts on a first visit with its own metrics and three demo instances as targets', async () => {
    const e = await start(options());
    const targets = await e.targets();
    expect(targets.map((t) => `${t.pool} ${t.labels.instance}`).sort()).toEqual(['demo demo-1', 'demo demo-2', 'demo demo-3', 'vigil 127.0.0.1:5173']);
  });

  it('scrapes, stores and answers PromQL over what it scraped', async () => {
    const e = await start(options());
    expect(await e.setConfig(FAST('127.0.0.1:5173'))).toEqual({ ok: true, value: undefined });
    const up = await until(
      () => e.instantQuery('', 'up', Date.now()),
      (r) => r.ok && r.value.rows.length === 2,
    );
    expect(up.ok).toBe(true);
    if (!up.ok) return;
    expect(up.value.rows.map((r) => [r.labels.job, r.value]).sort()).toEqual([
      ['demo', 1],
      ['vigil', 1],
    ]);
    const now = Date.now();
    const range = await e.rangeQuery('', 'sum(http_requests_total)', now - 2000, now, 250);
    expect(range.ok).toBe(true);
    if (range.ok) expect(range.value.series).toHaveLength(1);
    expect(await e.selfMetrics()).toMatch(/^vigil_scrape_loops 2$/m);
    expect(await e.labelValues('', 'job')).toEqual({ ok: true, value: ['demo', 'vigil'] });
  });

  it('refuses a broken configuration with line and cause, keeping the one in force', async () => {
    const e = await start(options());
    const before = await e.getConfig();
    const r = await e.setConfig('global:\n  scrape_intervall: 5s\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.problems?.[0]).toMatchObject({ line: 2, message: expect.stringContaining('scrape_intervall') });
    expect(await e.getConfig()).toBe(before);
    expect(await e.targets()).toHaveLength(4);
  });

  it('keeps its configuration and samples across a restart, as across a reload', async () => {
    const opts = options();
    const first = await start(opts);
    await first.setConfig(FAST('127.0.0.1:5173'));
    await until(
      () => first.instantQuery('', 'up', Date.now()),
      (r) => r.ok && r.value.rows.length === 2,
    );
    // From here on only the new configuration's two targets are up; before it, the default one's may have been.
    const settledAt = Date.now();
    await new Promise((r) => setTimeout(r, 500));
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const stoppedAt = Date.now();

    const second = await start({ ...opts, role: 'follower' });
    expect(await second.getConfig()).toBe(FAST('127.0.0.1:5173'));
    const r = await second.rangeQuery('', 'up', settledAt, stoppedAt, 250);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.value.series.length).toBe(2);
  });

  it('evaluates rules: an alert fires, a silence mutes it, the history keeps it', async () => {
    const e = await start(options());
    await e.setConfig(FAST('127.0.0.1:5173').replace('scrape_timeout: 200ms', 'scrape_timeout: 200ms\n  evaluation_interval: 250ms'));
    const bad = await e.setRuleFile('demo.yml', 'groups:\n  - name: demo\n    rules:\n      - alert: Broken\n        expr: sum(\n');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.problems?.[0].line).toBeGreaterThan(0);
    const rule = `groups:
  - name: demo
    rules:
      - record: job:up:sum
        expr: sum by (job) (up)
      - alert: DemoIsUp
        expr: up{job="demo"} == 1
        labels: { severity: page }
        annotations: { summary: '{{ $labels.instance }} answers' }
`;
    expect(await e.setRuleFile('demo.yml', rule)).toEqual({ ok: true, value: undefined });
    const firing = await until(
      () => e.alerting(),
      (v) => v.alerts.length === 1,
      8000,
    );
    expect(firing.alerts[0]).toMatchObject({ labels: { alertname: 'DemoIsUp', instance: 'demo-1' }, annotations: { summary: 'demo-1 answers' }, state: 'active' });
    const recorded = await until(
      () => e.instantQuery('', 'job:up:sum', Date.now()),
      (r) => r.ok && r.value.rows.length > 0,
    );
    expect(recorded.ok && recorded.value.rows.map((r) => r.labels.job).sort()).toEqual(['demo', 'vigil']);
    const now = Date.now();
    const silence = await e.createSilence({ matchers: [{ name: 'alertname', value: 'DemoIsUp', isRegex: false, isEqual: true }], startsAt: now, endsAt: now + 3_600_000, createdBy: 'test', comment: 'known' });
    expect(silence.ok).toBe(true);
    const muted = await e.alerting();
    expect(muted.alerts[0].state).toBe('suppressed');
    expect(muted.history.map((h) => h.labels.alertname)).toContain('DemoIsUp');
    expect((await e.ruleFiles()).map((f) => f.name)).toEqual([STARTER_RULE_FILE, 'demo.yml']);
    const backtest = await e.backtest({ ruleYaml: '- alert: X\n  expr: up ==\n', startMs: now - 5000, endMs: now, stepMs: 1000 });
    expect(backtest).toMatchObject({ ok: false, error: { errorType: 'bad_data', what: expect.stringMatching(/^line 2, column \d+: /) } });
  });

  it('evaluates a rule group against a remote source, storing its output here, and keeps the source across a restart', async () => {
    const asked: string[] = [];
    const remote = (async (url: string | URL | Request, init?: RequestInit) => {
      const u = String(url);
      if (u.startsWith('http://down:9090/')) throw new TypeError('Failed to fetch');
      if (!u.startsWith('http://far:9090/')) return new Response('nothing here', { status: 404 });
      const form = new URLSearchParams(String(init?.body ?? ''));
      asked.push(form.get('query') ?? '');
      const result = [{ metric: { job: 'far' }, value: [Number(form.get('time')), '42'] }];
      return new Response(JSON.stringify({ status: 'success', data: { resultType: 'vector', result } }));
    }) as typeof fetch;
    const opts = options({ fetch: remote });
    const e = await start(opts);
    await e.setConfig('global:\n  evaluation_interval: 250ms\n');
    expect(await e.setRuleFile('far.yml', 'groups:\n  - name: far\n    rules:\n      - record: far:up:sum\n        expr: sum by (job) (up)\n')).toEqual({ ok: true, value: undefined });
    expect(await e.setRuleGroupSource('far.yml', 'near', 'http://far:9090')).toMatchObject({ ok: false, error: { what: 'no rule group "near" in "far.yml"' } });
    expect(await e.setRuleGroupSource('far.yml', 'far', 'far:9090')).toMatchObject({ ok: false, error: { what: expect.stringMatching(/^invalid source URL "far:9090"/) } });
    expect(await e.setRuleGroupSource('far.yml', 'far', 'http://far:9090')).toEqual({ ok: true, value: undefined });
    const recorded = await until(
      () => e.instantQuery('', 'far:up:sum', Date.now()),
      (r) => r.ok && r.value.rows.length > 0,
    );
    expect(recorded.ok && recorded.value.rows.map((r) => [r.labels.job, r.value])).toEqual([['far', 42]]);
    expect(asked[0]).toBe('sum by (job) (up)');
    expect((await e.alerting()).groups.map((g) => [g.name, g.source])).toEqual([
      ['vigil-demo', ''],
      ['far', 'http://far:9090'],
    ]);

    expect(await e.setRuleGroupSource('far.yml', 'far', 'http://down:9090')).toEqual({ ok: true, value: undefined });
    const failing = await until(
      () => e.alerting(),
      (v) => far(v)?.rules[0]?.health === 'err',
    );
    expect(far(failing)?.rules[0].lastError).toMatch(/^http:\/\/down:9090: internal: cannot reach http:\/\/down:9090\/api\/v1\/query/);

    await e.stop();
    running.splice(running.indexOf(e), 1);
    const again = await start(opts);
    expect(far(await again.alerting())?.source).toBe('http://down:9090');
    await again.deleteRuleFile('far.yml');
    await again.setRuleFile('far.yml', 'groups:\n  - name: far\n    rules:\n      - record: x\n        expr: vector(1)\n');
    expect(far(await again.alerting())?.source).toBe('');
  });

  it('says each phase of its start as it begins, the store\'s restore with its progress', async () => {
    const seen: string[] = [];
    await start(options({ onStartup: (phase, done = 0, total = 0) => seen.push(total > 0 ? `${phase} ${done}/${total}` : phase) }));
    const phases = seen.map((p) => p.replace(/ \d+\/\d+$/, '')).filter((p, i, all) => all.indexOf(p) === i);
    expect(phases[0]).toBe('opening the settings');
    expect(phases).toContain('reading the store');
    expect(phases.at(-1)).toBe('loading the configuration, rules and silences');
  });

  it('runs queries under the limits set on Settings, refuses a limit that is not a whole number, and keeps them across a restart', async () => {
    const opts = options();
    const e = await start(opts);
    const { limits, defaults } = await e.queryLimits();
    expect(limits).toEqual(defaults);
    expect(defaults.maxPointsPerSeries).toBe(11_000);
    expect(await e.setQueryLimits({ ...limits, maxSamples: 0 })).toMatchObject({ ok: false, error: { what: 'samples in memory must be a whole number of at least 1, not 0' } });
    expect(await e.setQueryLimits({ ...limits, timeoutMs: 500 })).toMatchObject({ ok: false, error: { what: 'timeout must be at least 1s, not 500ms' } });
    expect(await e.setQueryLimits({ ...limits, maxPointsPerSeries: 100 })).toEqual({ ok: true, value: undefined });

    const t = Date.now();
    const refused = await e.rangeQuery('', 'vector(1)', t - 101_000, t, 1000);
    expect(refused).toMatchObject({
      ok: false,
      error: {
        errorType: 'bad_data',
        what: 'exceeded maximum resolution of 100 points per timeseries. Try decreasing the query resolution (?step=XX)',
        hint: 'The limit is 100 points per series (Settings → Query limits): coarsen the step or shorten the range.',
      },
    });
    expect(await e.rangeQuery('', 'vector(1)', t - 100_000, t, 1000)).toMatchObject({ ok: true });

    await e.stop();
    running.splice(running.indexOf(e), 1);
    const again = await start(opts);
    expect((await again.queryLimits()).limits).toEqual({ ...defaults, maxPointsPerSeries: 100 });
  });

  it('sends a remote source the headers set for its URL, keeps them across a restart, and refuses a line it cannot read', async () => {
    const tenants: (string | null)[] = [];
    const remote = (async (_url: string | URL | Request, init?: RequestInit) => {
      tenants.push(new Headers(init?.headers).get('X-Scope-OrgID'));
      return new Response(JSON.stringify({ status: 'success', data: ['up'] }));
    }) as typeof fetch;
    const opts = options({ fetch: remote });
    const e = await start(opts);
    expect(await e.setSourceHeaders('https://mimir.example\n  X-Scope-OrgID team-a\n')).toMatchObject({ ok: false, error: { what: 'line 2: expected "Name: value", got "X-Scope-OrgID team-a"' } });
    expect(await e.setSourceHeaders('https://mimir.example\n  X-Scope-OrgID: team-a\n')).toEqual({ ok: true, value: undefined });
    await e.labelNames('https://mimir.example/prometheus');
    await e.labelNames('http://other:9090');
    expect(tenants).toEqual(['team-a', null]);
    await e.stop();
    running.splice(running.indexOf(e), 1);
    const again = await start(opts);
    expect(await again.sourceHeaders()).toBe('https://mimir.example\n  X-Scope-OrgID: team-a\n');
    await again.labelNames('https://mimir.example/prometheus');
    expect(tenants.at(-1)).toBe('team-a');
  });

  it('hands a remote source’s native histogram answers to the page as the source gave them, as local ones are shaped', async () => {
    const H = { count: '3', sum: '1.5', buckets: [[0, '0.5', '1', '1'], [0, '1', '2', '2']] };
    const remote = (async (url: string | URL | Request) => {
      const data = String(url).includes('/query_range')
        ? { resultType: 'matrix', result: [{ metric: { __name__: 'lat' }, histograms: [[10, H], [20, H]] }] }
        : { resultType: 'vector', result: [{ metric: { __name__: 'lat' }, histogram: [20, H] }] };
      return new Response(JSON.stringify({ status: 'success', data }));
    }) as typeof fetch;
    const e = await start(options({ fetch: remote }));
    const instant = await e.instantQuery('http://prom:9090', 'lat', 20_000);
    expect(instant).toMatchObject({ ok: true, value: { resultType: 'vector', rows: [{ labels: { __name__: 'lat' }, t: 20_000, histogram: H }] } });
    const range = await e.rangeQuery('http://prom:9090', 'lat', 10_000, 20_000, 10_000);
    if (!range.ok) throw new Error(JSON.stringify(range.error));
    const [series] = range.value.series;
    expect(series.hs).toEqual([H, H]);
    expect(Array.from(range.value.times)).toEqual([10_000, 20_000]);
  });

  it('answers a bad query with Prometheus’s error type and message', async () => {
    const e = await start(options());
    const r = await e.instantQuery('', 'sum(', Date.now());
    expect(r).toMatchObject({ ok: false, error: { errorType: 'bad_data' } });
  });
});

describe('Engine starter rules', () => {
  it('installs the demo\'s starter rule file on the first start, and a deleted one stays deleted after a restart', async () => {
    const opts = options();
    const first = await start(opts);
    expect(await first.ruleFiles()).toEqual([{ name: STARTER_RULE_FILE, text: STARTER_RULES }]);
    await first.deleteRuleFile(STARTER_RULE_FILE);
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const second = await start(opts);
    expect(await second.ruleFiles()).toEqual([]);
  });

  it('leaves an existing user\'s rule files as they are', async () => {
    const opts = options();
    const settings = await SettingsStore.open(opts.settingsDb);
    const mine = [{ name: 'demo.rules.yml', text: 'groups: []\n' }];
    await settings.set('rule_files', JSON.stringify(mine));
    settings.close();
    const e = await start(opts);
    expect(await e.ruleFiles()).toEqual(mine);
  });
});

describe('Engine boards', () => {
  it('stores the shipped boards on the first start, and a deleted one stays deleted after a restart', async () => {
    const opts = options();
    const first = await start(opts);
    expect((await first.dashboards()).map((d) => d.uid).sort()).toEqual(SHIPPED_DASHBOARDS.map((d) => d.uid).sort());
    expect(await first.dashboard(DEMO_DASHBOARD_UID)).toMatchObject({ ok: true, value: { title: 'Demo service' } });
    expect(await first.deleteDashboard(DEMO_DASHBOARD_UID)).toEqual({ ok: true, value: undefined });
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start(opts);
    expect(await second.dashboard(DEMO_DASHBOARD_UID)).toMatchObject({ ok: false, error: { errorType: 'not_found' } });
  });

  it('tells every listener when a board is saved, starred or deleted, and keeps the star beside the board', async () => {
    const e = await start(options());
    const heard: EngineEvent[] = [];
    await e.subscribe((ev) => heard.push(ev));
    const board = { ...newDashboard('web', 'Web'), panels: [newPanel('stat', 1, 'Up')] };
    expect(await e.saveDashboard(board, { overwrite: false })).toMatchObject({ ok: true, value: { version: 1 } });
    await e.starDashboard('web', true);
    expect((await e.dashboards()).find((d) => d.uid === 'web')).toMatchObject({ title: 'Web', starred: true });
    expect(await e.saveDashboard(board, { overwrite: false })).toMatchObject({ ok: false, error: { errorType: 'conflict' } });
    expect(await e.deleteDashboard('web')).toMatchObject({ ok: true });
    expect(heard.filter((ev) => ev.kind === 'dashboards')).toHaveLength(3);
  });

  it('answers a batch in the order asked, a failing query failing alone, duplicates with the same answer', async () => {
    const e = await start(options());
    const t = Date.now();
    const answers = await e.queryBatch([
      { source: '', expr: 'vector(1)', kind: 'instant', timeMs: t },
      { source: '', expr: 'sum(', kind: 'instant', timeMs: t },
      { source: '', expr: 'vector(2)', kind: 'range', startMs: t - 60_000, endMs: t, stepMs: 15_000 },
      { source: '', expr: 'vector(1)', kind: 'instant', timeMs: t },
    ]);
    expect(answers[0]).toMatchObject({ ok: true, value: { resultType: 'vector', rows: [{ value: 1 }] } });
    expect(answers[1]).toMatchObject({ ok: false, error: { errorType: 'bad_data' } });
    expect(answers[2]).toMatchObject({ ok: true, value: { resultType: 'matrix', series: [{ labels: {} }] } });
    expect(answers[3]).toEqual(answers[0]);
  });
});
