import { describe, expect, it } from 'vitest';
import { Histogram } from '../model/histogram/histogram';
import { Labels } from '../model/labels';
import { Head } from '../tsdb/head';
import { Explore } from './explore';

const NOW = 1_700_000_000_000;
const PAGE = `# HELP http_requests_total Requests served.
# TYPE http_requests_total counter
http_requests_total{code="200",handler="/a"} 5
http_requests_total{code="200",handler="/b"} 3
http_requests_total{code="500",handler="/a"} 1
# TYPE temperature_celsius gauge
# UNIT temperature_celsius celsius
temperature_celsius 21.5
# EOF
`;

function loaded(): Explore {
  const x = new Explore(new Head(), () => NOW);
  expect(x.importExposition(PAGE)).toEqual({ samples: 4, rejected: 0 });
  return x;
}

describe('Explore', () => {
  it('lists every metric with its metadata and series count', async () => {
    expect(await loaded().metrics()).toEqual([
      { name: 'http_requests_total', type: 'counter', help: 'Requests served.', unit: '', series: 3 },
      { name: 'temperature_celsius', type: 'gauge', help: '', unit: 'celsius', series: 1 },
    ]);
  });

  it('gives each label of a selector its values, most series first', async () => {
    expect(await loaded().labels('http_requests_total')).toEqual({
      ok: true,
      value: [
        { name: 'code', distinct: 2, series: 3, values: [{ value: '200', series: 2 }, { value: '500', series: 1 }] },
        { name: 'handler', distinct: 2, series: 3, values: [{ value: '/a', series: 2 }, { value: '/b', series: 1 }] },
      ],
    });
  });

  it('answers a selector it cannot read with the error, not a throw', async () => {
    expect(await loaded().labels('sum(x)')).toMatchObject({ ok: false, error: { errorType: 'bad_data' } });
  });

  it('explains a query as a tree with series counts', async () => {
    const r = await loaded().explain('sum(http_requests_total)', NOW - 60_000, NOW, 15_000);
    expect(r).toMatchObject({ ok: true, value: { tree: { expr: 'sum(http_requests_total)', series: 1, children: [{ expr: 'http_requests_total', series: 3 }] } } });
  });

  it('exports what it imported, and the export imports again', async () => {
    const { text, histogramSamplesLeftOut } = await loaded().exportOpenMetrics();
    expect(histogramSamplesLeftOut).toBe(0);
    expect(text.match(/# EOF/g)).toHaveLength(1);
    expect(text).toContain('http_requests_total{code="500",handler="/a"} 1.0 1700000000.000');
    const again = new Explore(new Head(), () => NOW);
    expect(again.importExposition(text)).toEqual({ samples: 4, rejected: 0 });
  });

  it('leaves stored native histograms out of the export, counted, and the export imports again without zeros in their place', async () => {
    const head = new Head();
    const x = new Explore(head, () => NOW);
    x.importExposition(PAGE);
    const app = head.appender();
    const h = new Histogram({ schema: 0, zeroThreshold: 0.001, zeroCount: 1, count: 3, sum: 1.5, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [2] });
    const latency = Labels.from({ __name__: 'latency_seconds' });
    let ref = 0;
    for (const t of [NOW - 30_000, NOW - 15_000]) ref = app.appendHistogram(ref, latency, t, h);
    app.commit();
    const { text, histogramSamplesLeftOut } = await x.exportOpenMetrics();
    expect(histogramSamplesLeftOut).toBe(2);
    expect(text).not.toContain('latency_seconds');
    const again = new Explore(new Head(), () => NOW);
    expect(again.importExposition(text)).toEqual({ samples: 4, rejected: 0 });
    expect((await again.metrics()).map((m) => m.name)).toEqual(['http_requests_total', 'temperature_celsius']);
  });

  it('stores nothing from a file that does not parse', async () => {
    const x = new Explore(new Head(), () => NOW);
    expect(() => x.importExposition('good 1\nbad{ 2\n')).toThrow();
    expect(await x.metrics()).toEqual([]);
  });
});
