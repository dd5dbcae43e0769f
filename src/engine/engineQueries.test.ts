import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Labels } from '../model/labels';
import { InFlight } from '../model/inFlight';
import { Head } from '../tsdb/head';
import { EngineQueries } from './engineQueries';
import { Explore } from './explore';
import { SelfMetrics } from './selfMetrics';

const NOW = 1_700_000_000_000;

function store(): EngineQueries {
  const head = new Head();
  new Explore(head, () => NOW).importExposition('# TYPE up gauge\nup{job="a"} 1\nup{job="b"} 0\n# EOF\n');
  return new EngineQueries(head, new SelfMetrics(), new InFlight());
}

describe("this browser's store as a data source", () => {
  it('answers queries and look-ups as values', async () => {
    const ds = store();
    expect(await ds.labelValues('job', ['up'])).toEqual({ ok: true, value: ['a', 'b'] });
    expect(await ds.labelNames()).toEqual({ ok: true, value: ['__name__', 'job'] });
    expect(await ds.series(['up{job="a"}'])).toEqual({ ok: true, value: [{ __name__: 'up', job: 'a' }] });
    expect(await ds.metadata('up')).toMatchObject({ ok: true, value: { up: [{ type: 'gauge' }] } });
    const r = await ds.instantQuery('sum(up)', NOW);
    expect(r).toMatchObject({ ok: true, value: { resultType: 'vector', rows: [{ value: 1 }] } });
  });

  it.each<[string, (ds: EngineQueries) => Promise<unknown>]>([
    ['a look-up with a bad selector', (ds) => ds.labelValues('job', ['sum(up)'])],
    ['a query that does not parse', (ds) => ds.instantQuery('sum(', NOW)],
    ['a range query that does not parse', (ds) => ds.rangeQuery('sum(', NOW - 60_000, NOW, 15_000)],
  ])('answers %s with a bad_data failure, not a throw', async (_, ask) => {
    expect(await ask(store())).toMatchObject({ ok: false, error: { where: "this browser's store", errorType: 'bad_data' } });
  });

  it('formats an expression, or says why it does not parse', () => {
    const ds = store();
    expect(ds.format('sum(up)by(job)')).toEqual({ ok: true, value: 'sum by (job) (up)' });
    expect(ds.format('sum(')).toMatchObject({ ok: false, error: { errorType: 'bad_data' } });
  });
});

describe('native histograms in query results', () => {
  function histogramStore(): EngineQueries {
    const head = new Head();
    const app = head.appender();
    const lat = Labels.fromPairs(['__name__', 'lat', 'job', 'api']);
    // Two observations in (1,2] (schema 0, bucket index 1) every 15 s, the count growing by 2.
    for (let i = 0; i < 5; i++) {
      const c = 2 * (i + 1);
      app.appendHistogram(0, lat, NOW - 60_000 + i * 15_000, new FloatHistogram({ count: c, sum: 3 * c, positiveSpans: [{ offset: 1, length: 1 }], positiveBuckets: [c] }));
    }
    app.append(0, Labels.fromPairs(['__name__', 'up', 'job', 'api']), NOW, 1);
    app.commit();
    return new EngineQueries(head, new SelfMetrics(), new InFlight());
  }

  it('an instant row carries the histogram as the API writes it, its value NaN', async () => {
    const r = await histogramStore().instantQuery('{job="api"}', NOW);
    if (!r.ok) throw new Error(r.error.what);
    const byName = Object.fromEntries(r.value.rows.map((row) => [row.labels.__name__, row]));
    expect(byName.lat).toEqual({ labels: { __name__: 'lat', job: 'api' }, t: NOW, value: NaN, histogram: { count: '10', sum: '30', buckets: [[0, '1', '2', '10']] } });
    expect(byName.up.histogram).toBeUndefined();
  });

  it('a range result and a raw matrix hold histograms in hs, NaN in vs', async () => {
    const ds = histogramStore();
    const g = await ds.rangeQuery('lat', NOW - 30_000, NOW, 15_000);
    if (!g.ok) throw new Error(g.error.what);
    expect(Array.from(g.value.series[0].vs)).toEqual([NaN, NaN, NaN]);
    expect(g.value.series[0].hs?.map((h) => h?.count)).toEqual(['6', '8', '10']);
    const m = await ds.instantQuery('lat[30s]', NOW);
    if (!m.ok) throw new Error(m.error.what);
    expect(m.value.matrix?.[0].hs?.map((h) => h?.count)).toEqual(['8', '10']);
    expect(Array.from(m.value.matrix?.[0].vs ?? [])).toEqual([NaN, NaN]);
  });
});
