import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Head } from '../tsdb/head';
import { STALE_NAN } from '../model/staleNaN';
import { apiData, QueryEngine } from './engine';

/** Series sampled every 15 s from 0 to 10 min. */
function storage(series: Record<string, (i: number) => number>): Head {
  const head = new Head();
  const app = head.appender();
  for (const [text, fn] of Object.entries(series)) {
    const [name, rest] = text.split('{');
    const pairs = rest ? [...rest.slice(0, -1).matchAll(/(\w+)="([^"]*)"/g)].flatMap((m) => [m[1], m[2]]) : [];
    const labels = Labels.fromPairs(['__name__', name, ...pairs]);
    for (let i = 0; i <= 40; i++) app.append(0, labels, i * 15_000, fn(i));
  }
  app.commit();
  return head;
}

const head = storage({
  'req_total{job="api",code="200"}': (i) => i * 30,
  'req_total{job="api",code="500"}': (i) => i * 3,
  'req_total{job="web",code="200"}': (i) => i * 15,
  'up{job="api"}': () => 1,
  'up{job="web"}': () => 0,
  'gone{job="api"}': (i) => (i === 20 ? STALE_NAN : i),
});
const engine = new QueryEngine();

async function instant(q: string, t = 600_000) {
  return apiData((await engine.instantQuery(head.querier(), q, t)).value);
}

describe('QueryEngine instant queries', () => {
  it.each([
    ['sum(increase(req_total[1m]))', [{ metric: {}, value: [600, '192'] }]],
    ['sum by (job) (req_total)', [
      { metric: { job: 'api' }, value: [600, '1320'] },
      { metric: { job: 'web' }, value: [600, '600'] },
    ]],
    ['req_total{code="500"} / ignoring(code) group_left req_total{code="200",job="api"}', [{ metric: { code: '500', job: 'api' }, value: [600, '0.1'] }]],
    ['up == bool 1', [
      { metric: { job: 'api' }, value: [600, '1'] },
      { metric: { job: 'web' }, value: [600, '0'] },
    ]],
    ['topk(1, req_total)', [{ metric: { __name__: 'req_total', code: '200', job: 'api' }, value: [600, '1200'] }]],
    ['sort_desc(sum by (job) (req_total))', [
      { metric: { job: 'api' }, value: [600, '1320'] },
      { metric: { job: 'web' }, value: [600, '600'] },
    ]],
    ['absent(nope{job="x"})', [{ metric: { job: 'x' }, value: [600, '1'] }]],
    ['req_total{job="web"} offset 5m', [{ metric: { __name__: 'req_total', code: '200', job: 'web' }, value: [600, '300'] }]],
    ['last_over_time(req_total{job="web"}[1m])', [{ metric: { __name__: 'req_total', code: '200', job: 'web' }, value: [600, '600'] }]],
    ['label_replace(up{job="api"}, "svc", "$1-x", "job", "(.*)")', [{ metric: { __name__: 'up', job: 'api', svc: 'api-x' }, value: [600, '1'] }]],
  ])('%s', async (q, want) => {
    expect((await instant(q)).result).toEqual(want);
  });

  it('stops reading a series at its stale marker', async () => {
    expect((await instant('gone', 300_000)).result).toEqual([]);
    expect((await instant('gone', 315_000)).result).toEqual([{ metric: { __name__: 'gone', job: 'api' }, value: [315, '21'] }]);
  });

  it('answers scalars and strings', async () => {
    expect(await instant('1 / 0')).toEqual({ resultType: 'scalar', result: [600, '+Inf'] });
    expect(await instant('"hi"')).toEqual({ resultType: 'string', result: [600, 'hi'] });
  });

  it('returns the raw samples of a range selector, left-open', async () => {
    const d = await instant('up{job="api"}[30s]');
    expect(d).toEqual({ resultType: 'matrix', result: [{ metric: { __name__: 'up', job: 'api' }, values: [[585, '1'], [600, '1']] }] });
  });

  it('warns about rate over something that may not be a counter, at its place in the query', async () => {
    const r = await engine.instantQuery(head.querier(), 'rate(up[1m])', 600_000);
    expect(r.infos).toEqual(['PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "up" (1:6)']);
    expect(r.annotations.infos).toEqual(['PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "up"']);
  });

  it.each([
    ['quantile(2, up)', 'warnings', 'PromQL warning: quantile value should be between 0 and 1, got 2 (1:10)'],
    ['sum(\n  rate(up[1m])\n)', 'infos', 'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "up" (2:8)'],
    ['histogram_quantile(-1, up)', 'warnings', 'PromQL warning: quantile value should be between 0 and 1, got -1 (1:20)'],
    ['limit_ratio(1.5, up)', 'warnings', 'PromQL warning: ratio value should be between -1 and 1, got 1.5, capping to 1 (1:13)'],
  ] as const)('places the annotation of %j as the HTTP API does', async (q, kind, want) => {
    expect((await engine.instantQuery(head.querier(), q, 600_000))[kind]).toContain(want);
  });

  it('sums up where histogram_quantile had to lift bucket counts, over all steps', async () => {
    const h = storage({ 'h_bucket{le="1"}': () => 10, 'h_bucket{le="2"}': (i) => (i < 20 ? 7 : 4), 'h_bucket{le="+Inf"}': () => 12 });
    const r = await engine.rangeQuery(h.querier(), 'histogram_quantile(0.5, h_bucket)', 240_000, 360_000, 60_000);
    expect(r.infos).toEqual([
      'PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile) for metric name "h_bucket", from buckets 2 to 2, with a max diff of 6, over 3 samples from 1970-01-01T00:04:00Z to 1970-01-01T00:06:00Z (1:25)',
    ]);
  });

  it('lists ten annotations of a kind and counts the rest, as the HTTP API does', async () => {
    const many = `${Array.from({ length: 12 }, (_, k) => `quantile(${k + 2}, up)`).join(' or ')}`;
    const r = await engine.instantQuery(head.querier(), many, 600_000);
    expect(r.annotations.warnings).toHaveLength(12);
    expect(r.warnings).toHaveLength(11);
    expect(r.warnings[10]).toBe('2 more warning annotations omitted');
  });
});

describe('QueryEngine range queries', () => {
  it('evaluates every step and sorts series by labels', async () => {
    const r = await engine.rangeQuery(head.querier(), 'sum by (job) (req_total) > 100', 0, 120_000, 60_000);
    expect(apiData(r.value)).toEqual({
      resultType: 'matrix',
      result: [
        { metric: { job: 'api' }, values: [[60, '132'], [120, '264']] },
        { metric: { job: 'web' }, values: [[120, '120']] },
      ],
    });
  });

  it('evaluates subqueries on steps aligned to their resolution', async () => {
    const r = await engine.rangeQuery(head.querier(), 'max_over_time(sum(req_total)[1m:30s])', 120_000, 120_000, 60_000);
    expect(apiData(r.value).result).toEqual([{ metric: {}, values: [[120, '384']] }]);
  });

  // Prometheus resolves end() and range() from the requested end, which the last step may fall short of.
  it.each([
    ['sum(timestamp(up{job="api"} @ end()))', '90'],
    ['end()', '100'],
    ['range()', '100'],
  ])('takes %s from the requested end', async (q, want) => {
    const r = await engine.rangeQuery(head.querier(), q, 0, 100_000, 40_000);
    expect(apiData(r.value).result).toEqual([{ metric: {}, values: [0, 40, 80].map((t) => [t, want]) }]);
  });
});

describe('QueryEngine errors', () => {
  it.each([
    ['up + on(job) req_total', 'execution', /found duplicate series for the match group \{job="api"\} on the right hand-side/],
    ['req_total + ignoring(code) up', 'execution', /multiple matches for labels: many-to-one matching must be explicit/],
    ['sum(', 'bad_data', /parse error/],
  ])('%s fails with %s', async (q, type, message) => {
    await expect(engine.instantQuery(head.querier(), q, 600_000)).rejects.toMatchObject({ type, message: expect.stringMatching(message) });
  });

  it('refuses range vectors in range queries', async () => {
    await expect(engine.rangeQuery(head.querier(), 'up[1m]', 0, 60_000, 15_000)).rejects.toMatchObject({
      type: 'bad_data',
      message: 'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    });
  });

  it('refuses more than 11,000 steps', async () => {
    await expect(engine.rangeQuery(head.querier(), 'up', 0, 11_001_000, 1000)).rejects.toMatchObject({ type: 'bad_data', message: /exceeded maximum resolution/ });
  });

  it('enforces the sample limit', async () => {
    const small = new QueryEngine({ maxSamples: 10 });
    await expect(small.rangeQuery(head.querier(), 'req_total', 0, 600_000, 15_000)).rejects.toMatchObject({
      type: 'execution',
      message: 'query processing would load too many samples into memory in query execution',
    });
  });

  it.each(['wide', 'rate(wide[1m])'])('refuses %s once past the sample limit, before decoding every series', async (q) => {
    const many = new Head();
    const app = many.appender();
    for (let i = 0; i < 3000; i++) for (let t = 0; t <= 600_000; t += 15_000) app.append(0, Labels.from({ __name__: 'wide', i: String(i) }), t, i);
    app.commit();
    const inner = many.querier();
    let reads = 0;
    const counting: typeof inner = Object.create(inner, {
      selectLazy: {
        value: async (...args: Parameters<typeof inner.selectLazy>) =>
          (await inner.selectLazy(...args)).map((s) => ({ ...s, labels: s.labels, read: (into?: Parameters<typeof s.read>[0]) => (reads++, s.read(into)) })),
      },
    });
    const small = new QueryEngine({ maxSamples: 41 * 100 });
    await expect(small.rangeQuery(counting, q, 0, 600_000, 15_000)).rejects.toMatchObject({ type: 'execution', message: /too many samples/ });
    expect(reads).toBeLessThan(200);
  });

  // gone's one chunk holds 41 samples, one a stale marker: the limit counts the 40 others, not the chunk's count.
  it.each([
    [40, 'answers'],
    [39, 'refuses'],
  ])('an instant query for a range vector of 40 samples under a limit of %i %s', async (maxSamples, verdict) => {
    const q = new QueryEngine({ maxSamples }).instantQuery(head.querier(), 'gone[10m]', 600_000);
    if (verdict === 'answers') expect((await q).value).toMatchObject({ type: 'matrix', series: [{ ts: { length: 39 } }] });
    else await expect(q).rejects.toMatchObject({ type: 'execution', message: 'query processing would load too many samples into memory in query execution' });
  });

  it('stops when cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(engine.instantQuery(head.querier(), 'up', 600_000, { signal: ac.signal })).rejects.toMatchObject({ type: 'canceled' });
  });

  it('stops at the timeout', async () => {
    const hasty = new QueryEngine({ timeoutMs: -1 });
    await expect(hasty.instantQuery(head.querier(), 'up', 600_000)).rejects.toMatchObject({ type: 'timeout' });
  });
});

describe('QueryEngine time slicing', () => {
  // 8,192 series: every loop over them hands the thread back at least 7 times
  // when each checkpoint yields (sliceMs 0).
  const wide = new Head();
  const app = wide.appender();
  for (let k = 0; k < 8192; k++) app.append(0, Labels.fromPairs(['__name__', 'x', 'id', String(k), 'g', String(k % 7)]), 0, k);
  app.commit();
  const slicing = new QueryEngine({ sliceMs: 0 });

  /** Timer turns the event loop takes while the query runs: a scrape's timer gets as many chances to fire. */
  async function turnsDuring(q: string): Promise<number> {
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns++;
      setTimeout(spin, 0);
    };
    setTimeout(spin, 0);
    await slicing.instantQuery(wide.querier(), q, 0);
    done = true;
    return turns;
  }

  // Each query against one that does everything but its last step.
  it.each([
    ['x', 'vector(0)'],
    ['timestamp(x)', 'vector(0)'],
    // A selector's series fold into the aggregation as they are made: the selector's loop is the aggregation's.
    ['sum by (g) (x)', 'vector(0)'],
    ['count_values("v", x)', 'vector(0)'],
    ['sum by (g) (x * 1)', 'x * 1'],
    ['count_values("v", x * 1)', 'x * 1'],
    ['topk by (g) (1, x)', 'x'],
    ['x + on (id) x', 'x'],
    ['x and on (id) x', 'x'],
    ['x or on (id) x', 'x'],
    ['x * 2', 'x'],
  ])('%s lets timers run while it works through every series', async (q, before) => {
    const base = await turnsDuring(before);
    expect(await turnsDuring(q)).toBeGreaterThanOrEqual(base + 7);
  });
});

describe('aggregations folding a selector or a range function as it reads', () => {
  // Values that test every accumulator: large ones that overflow sum into avg's incremental mean, NaN, infinities, -0, gaps.
  const data = new Head();
  const app = data.appender();
  const odd = [1e308, -1e308, 0.1, Number.NaN, Infinity, -0, 3, 2.5e-300, -7.25];
  for (let k = 0; k < 60; k++) {
    for (let t = 0; t <= 600_000; t += 15_000) {
      if ((k + t / 15_000) % 5 === 0) continue;
      app.append(0, Labels.fromPairs(['__name__', 'x', 'id', String(k), 'g', String(k % 4)]), t, odd[(k * 7 + t / 15_000) % odd.length] * (k + 1));
    }
  }
  app.commit();

  it.each(['sum', 'avg', 'count', 'group', 'min', 'max', 'stddev', 'stdvar', 'quantile (0.3,', 'count_values ("v",'])('%s gives what it gives over the same series made by an expression', async (op) => {
    const [name, param = '('] = op.split(' ');
    for (const [grouping, inner] of [['', 'x'], ['by (g)', 'x'], ['without (id)', 'x'], ['by (g)', 'rate(x[2m])'], ['without (id)', 'max_over_time(x[1m])']]) {
      const agg = (arg: string) => `${name} ${grouping} ${param} ${arg})`;
      const folded = await engine.rangeQuery(data.querier(), agg(inner), 0, 600_000, 15_000);
      const whole = await engine.rangeQuery(data.querier(), agg(`${inner} * 1`), 0, 600_000, 15_000);
      const got = apiData(folded.value);
      expect(got.result.length).toBeGreaterThan(0);
      expect(JSON.stringify(got)).toBe(JSON.stringify(apiData(whole.value)));
    }
  });
});

describe('explain', () => {
  it('reports series and samples per node', async () => {
    const r = await engine.instantQuery(head.querier(), 'sum(req_total)', 600_000, { explain: true });
    expect(r.explain).toMatchObject({ expr: 'sum(req_total)', series: 1, samples: 1, children: [{ expr: 'req_total', series: 3, samples: 3 }] });
  });
});

describe('QueryEngine operators and aggregations', () => {
  it.each([
    ['up and on(job) req_total{code="500"}', [{ metric: { __name__: 'up', job: 'api' }, value: [600, '1'] }]],
    ['up unless on(job) req_total{code="500"}', [{ metric: { __name__: 'up', job: 'web' }, value: [600, '0'] }]],
    ['sum by (job) (req_total{code="500"}) or sum by (job) (up)', [
      { metric: { job: 'api' }, value: [600, '120'] },
      { metric: { job: 'web' }, value: [600, '0'] },
    ]],
    ['sum by (job) (req_total{code="500"}) + fill(0) sum by (job) (up)', [
      { metric: { job: 'api' }, value: [600, '121'] },
      { metric: { job: 'web' }, value: [600, '0'] },
    ]],
    ['count_values("v", up)', [
      { metric: { v: '1' }, value: [600, '1'] },
      { metric: { v: '0' }, value: [600, '1'] },
    ]],
    ['quantile(0.5, req_total)', [{ metric: {}, value: [600, '600'] }]],
    ['stddev(up)', [{ metric: {}, value: [600, '0.5'] }]],
    ['increase(req_total{job="web"}[1m] anchored)', [{ metric: { code: '200', job: 'web' }, value: [600, '60'] }]],
  ])('%s', async (q, want) => {
    expect((await instant(q)).result).toEqual(want);
  });
});
