import { describe, expect, it, vi } from 'vitest';
import type { PrometheusClient } from '@prometheus-io/codemirror-promql';
import { EqlRegex, EqlSingle, Neq, NeqRegex } from '@prometheus-io/lezer-promql';
import type { MetricMeta } from '../../model/queryResult';
import { ok, type Failure } from '../../model/result';
import { EngineCompletionClient, selectorFor } from './promClient';

type Matcher = NonNullable<Parameters<PrometheusClient['labelValues']>[2]>[number];
const matcher = (type: number, name: string, value: string) => ({ type, name, value, matchesEmpty: () => false }) as Matcher;

function fakeApi() {
  const names = Array.from({ length: 10_000 }, (_, i) => `metric_${i}`);
  return {
    labelNames: vi.fn(async (match?: string[]) => ok(match ? ['instance', 'job'] : ['__name__', 'instance', 'job', 'mode'])),
    labelValues: vi.fn(async (name: string, match?: string[]) => {
      if (name === '__name__') return ok(names);
      return ok(match ? [`${name}-for-${match[0]}`] : [`${name}-a`, `${name}-b`]);
    }),
    series: vi.fn(async (_match: string[]) => ok([{ __name__: 'up', job: 'node' }])),
    metadata: vi.fn(async () =>
      ok<Record<string, MetricMeta[]>>({
        http_requests: [{ type: 'counter', help: 'Requests served.', unit: '' }],
        process_cpu_seconds: [{ type: 'counter', help: 'CPU time.', unit: 'seconds' }],
      }),
    ),
  };
}

describe('EngineCompletionClient', () => {
  it('serves metric names from __name__ values, fetching once for many keystrokes', async () => {
    const api = fakeApi();
    const client = new EngineCompletionClient(api);
    const answers = await Promise.all(['m', 'me', 'met'].map((p) => client.metricNames(p)));
    await client.metricNames('metr');
    expect(answers[0]).toHaveLength(10_000);
    expect(answers[2][9_999]).toBe('metric_9999');
    expect(api.labelValues).toHaveBeenCalledTimes(1);
    expect(api.labelValues).toHaveBeenCalledWith('__name__', undefined);
    await client.labelValues('__name__');
    expect(api.labelValues).toHaveBeenCalledTimes(1);
  });

  it('maps metadata to TYPE and HELP only', async () => {
    const client = new EngineCompletionClient(fakeApi());
    expect(await client.metricMetadata()).toEqual({
      http_requests: [{ type: 'counter', help: 'Requests served.' }],
      process_cpu_seconds: [{ type: 'counter', help: 'CPU time.' }],
    });
  });

  it('asks label names for a metric with a match selector', async () => {
    const api = fakeApi();
    const client = new EngineCompletionClient(api);
    expect(await client.labelNames()).toEqual(['__name__', 'instance', 'job', 'mode']);
    expect(await client.labelNames('up')).toEqual(['instance', 'job']);
    expect(api.labelNames.mock.calls).toEqual([[undefined], [['up']]]);
  });

  it('asks label values with the selector built from the metric and other matchers', async () => {
    const api = fakeApi();
    const client = new EngineCompletionClient(api);
    expect(await client.labelValues('job')).toEqual(['job-a', 'job-b']);
    const values = await client.labelValues('instance', 'up', [matcher(EqlSingle, 'job', 'node'), matcher(EqlSingle, 'instance', '')]);
    expect(values).toEqual(['instance-for-up{job="node"}']);
    await client.labelValues('instance', 'up', [matcher(EqlSingle, 'job', 'node')]);
    expect(api.labelValues).toHaveBeenCalledTimes(2);
  });

  it('returns series as label maps', async () => {
    const api = fakeApi();
    const client = new EngineCompletionClient(api);
    const series = await client.series('up');
    expect(series).toEqual([new Map([['__name__', 'up'], ['job', 'node']])]);
    expect(api.series).toHaveBeenCalledWith(['up']);
  });

  it('serves a stale answer at once and refreshes it in the background', async () => {
    let now = 0;
    const api = fakeApi();
    const client = new EngineCompletionClient(api, { maxAgeMs: 1000, now: () => now });
    await client.labelValues('job');
    now = 5000;
    expect(await client.labelValues('job')).toEqual(['job-a', 'job-b']);
    expect(api.labelValues).toHaveBeenCalledTimes(2);
    await client.labelValues('job');
    expect(api.labelValues).toHaveBeenCalledTimes(2);
  });

  it('answers empty on failure, reports it, and asks again next time', async () => {
    const onError = vi.fn();
    const labelNames = vi.fn().mockRejectedValueOnce(new Error('engine gone')).mockResolvedValue(ok(['job']));
    const client = new EngineCompletionClient({ ...fakeApi(), labelNames }, { onError });
    expect(await client.labelNames()).toEqual([]);
    expect(onError).toHaveBeenCalledWith(new Error('engine gone'));
    expect(await client.labelNames()).toEqual(['job']);
  });

  it("reports a source's failed look-up in its own words, answers empty, and clears the report once one succeeds", async () => {
    const refused: Failure = { where: 'http://prom:9090', errorType: 'bad_data', what: 'invalid parameter "match[]": 1:2: parse error', httpStatus: 400 };
    const reports: (Failure | null)[] = [];
    const errors: unknown[] = [];
    const labelNames = vi.fn().mockResolvedValueOnce({ ok: false, error: refused }).mockResolvedValue(ok(['__name__', 'job']));
    const client = new EngineCompletionClient({ ...fakeApi(), labelNames }, { onError: (e) => errors.push(e), onAnswer: (f) => reports.push(f) });
    expect(await client.labelNames()).toEqual([]);
    expect(reports).toEqual([refused]);
    expect(errors).toEqual([new Error('bad_data: invalid parameter "match[]": 1:2: parse error (HTTP 400)')]);
    expect(await client.labelNames()).toEqual(['__name__', 'job']);
    expect(reports).toEqual([refused, null]);
  });

  it('keeps at most maxEntries answers', async () => {
    const api = fakeApi();
    const client = new EngineCompletionClient(api, { maxEntries: 2 });
    await client.labelValues('a');
    await client.labelValues('b');
    await client.labelValues('c');
    await client.labelValues('a');
    expect(api.labelValues).toHaveBeenCalledTimes(4);
  });

  it('forgets everything on destroy', async () => {
    const api = fakeApi();
    const client = new EngineCompletionClient(api);
    await client.metricNames();
    client.destroy();
    await client.metricNames();
    expect(api.labelValues).toHaveBeenCalledTimes(2);
  });
});

describe('selectorFor', () => {
  it.each([
    { metric: 'up', matchers: [], label: undefined, want: 'up' },
    { metric: undefined, matchers: [], label: undefined, want: '' },
    { metric: 'up', matchers: [matcher(Neq, 'job', 'x')], label: undefined, want: 'up{job!="x"}' },
    { metric: 'up', matchers: [matcher(EqlRegex, 'a', 'b.*'), matcher(NeqRegex, 'c', 'd')], label: undefined, want: 'up{a=~"b.*",c!~"d"}' },
    { metric: '', matchers: [matcher(EqlSingle, 'job', 'n')], label: undefined, want: '{job="n"}' },
    { metric: 'up', matchers: [matcher(EqlSingle, 'job', 'n')], label: 'job', want: 'up' },
    { metric: 'up', matchers: [matcher(EqlSingle, 'service.name', 'n')], label: undefined, want: 'up{"service.name"="n"}' },
  ])('$want', ({ metric, matchers, label, want }) => {
    expect(selectorFor(metric, matchers, label)).toBe(want);
  });
});
