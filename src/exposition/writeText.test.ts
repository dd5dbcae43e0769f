import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Histogram } from '../model/histogram/histogram';
import { Labels } from '../model/labels';
import type { Metadata } from '../model/metricType';
import { STALE_NAN } from '../model/staleNaN';
import type { SeriesData } from '../model/seriesData';
import { OpenMetricsParser } from './openMetrics';
import { readEntries } from './parsedEntries';
import { PromTextParser } from './promText';
import { histogramSamples, openMetricsSeconds, writeOpenMetrics, writePromText } from './writeText';

const enc = new TextEncoder();

function series(labels: Record<string, string>, points: [number, number][]): SeriesData {
  return { labels: Labels.from(labels), ts: Float64Array.from(points.map((p) => p[0])), vs: Float64Array.from(points.map((p) => p[1])) };
}

type Row = [string, number, number];

function rowsOf(data: readonly SeriesData[]): Row[] {
  return data.flatMap((s) => [...s.ts].map((t, i): Row => [s.labels.toString(), t, s.vs[i]])).sort(compareRows);
}

function readBack(text: string, openMetrics: boolean): Row[] {
  const buf = enc.encode(text);
  const p = openMetrics ? new OpenMetricsParser(buf, { strict: true }) : new PromTextParser(buf);
  return readEntries(p)
    .flatMap((e): Row[] => (e.entry === 'series' ? [[e.labels.toString(), e.timestamp!, e.value]] : []))
    .sort(compareRows);
}

function compareRows(a: Row, b: Row): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
}

const meta = (type: Metadata['type'], help = '', unit = ''): Metadata => ({ type, help, unit });

const HISTOGRAM = [
  series({ __name__: 'rpc_seconds_bucket', le: '0.5', path: '/a' }, [[1000, 1], [2000, 2]]),
  series({ __name__: 'rpc_seconds_bucket', le: '+Inf', path: '/a' }, [[1000, 2], [2000, 4]]),
  series({ __name__: 'rpc_seconds_bucket', le: '1.0', path: '/a' }, [[1000, 2], [2000, 3]]),
  series({ __name__: 'rpc_seconds_count', path: '/a' }, [[1000, 2], [2000, 4]]),
  series({ __name__: 'rpc_seconds_sum', path: '/a' }, [[1000, 0.7], [2000, 1.9]]),
];
const OTHERS = [
  series({ __name__: 'http_requests_total', code: '200' }, [[1000, 10], [2000, 11]]),
  series({ __name__: 'temperature', room: 'a "quoted"\\ back\nslash' }, [[1500, -3.5]]),
  series({ __name__: 'my.dotted', 'label.with.dots': 'ü' }, [[1000, NaN], [2000, Infinity], [3000, -Infinity]]),
  series({ __name__: 'undocumented' }, [[1234, 1e-300], [5678, 1.7976931348623157e308]]),
];
const METADATA = new Map<string, Metadata>([
  ['rpc_seconds', meta('histogram', 'RPC latency with "quotes" and \\ and\nnewline.', 'seconds')],
  ['http_requests_total', meta('counter', 'Requests.')],
  ['temperature', meta('gauge', 'Room temperature.')],
]);

describe('writePromText', () => {
  it('writes families contiguously with TYPE and HELP, reading back to the same samples', () => {
    const data = [...OTHERS, ...HISTOGRAM];
    const text = writePromText(data, { metadata: METADATA });
    expect(text).toContain('# HELP rpc_seconds RPC latency with "quotes" and \\\\ and\\nnewline.\n# TYPE rpc_seconds histogram\n');
    expect(text).toContain('# TYPE http_requests_total counter\nhttp_requests_total{code="200"} 10 1000\n');
    expect(text).toContain('{"my.dotted","label.with.dots"="ü"} NaN 1000\n');
    expect(readBack(text, false)).toEqual(rowsOf(data));
  });

  it('leaves stale markers out', () => {
    expect(writePromText([series({ __name__: 'up' }, [[1, 1], [2, STALE_NAN]])])).toBe('up 1 1\n');
  });
});

describe('writeOpenMetrics', () => {
  it('writes a page the strict parser accepts, groups per timestamp, reading back to the same samples', () => {
    const data = [...OTHERS, ...HISTOGRAM];
    const text = writeOpenMetrics(data, { metadata: METADATA });
    expect(text.endsWith('\n# EOF\n')).toBe(true);
    expect(text).toContain(
      [
        '# TYPE rpc_seconds histogram',
        '# UNIT rpc_seconds seconds',
        '# HELP rpc_seconds RPC latency with \\"quotes\\" and \\\\ and\\nnewline.',
        'rpc_seconds_bucket{le="0.5",path="/a"} 1.0 1.000',
        'rpc_seconds_bucket{le="1.0",path="/a"} 2.0 1.000',
        'rpc_seconds_bucket{le="+Inf",path="/a"} 2.0 1.000',
        'rpc_seconds_count{path="/a"} 2.0 1.000',
        'rpc_seconds_sum{path="/a"} 0.7 1.000',
        'rpc_seconds_bucket{le="0.5",path="/a"} 2.0 2.000',
      ].join('\n'),
    );
    expect(text).toContain('# TYPE http_requests counter\n# HELP http_requests Requests.\nhttp_requests_total{code="200"} 10.0 1.000\n');
    expect(readBack(text, true)).toEqual(rowsOf(data));
  });

  it('writes a family whose sample names do not fit its type as unknown families', () => {
    const data = [series({ __name__: 'jobs' }, [[1000, 1]]), series({ __name__: 'jobs_total' }, [[1000, 2]])];
    const text = writeOpenMetrics(data, { metadata: new Map([['jobs', meta('counter')]]) });
    expect(text).toBe('# TYPE jobs unknown\njobs 1.0 1.000\n# TYPE jobs_total unknown\njobs_total 2.0 1.000\n# EOF\n');
  });

  it.each([1700000000123, 1005, 1, 0, -1, -1500, 1726839814829])('writes %d ms as seconds that Prometheus reads back exactly', (ms) => {
    expect(Math.trunc(Number(openMetricsSeconds(ms)) * 1000)).toBe(ms);
  });
});

const labelText = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 });
const arbSeries = fc.record({
  name: fc.oneof(fc.constantFrom('up', 'a_b:c', 'x'), labelText),
  labels: fc.dictionary(fc.oneof(fc.constantFrom('job', 'le_x', '_a'), labelText), labelText, { maxKeys: 3 }),
  points: fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: 4_000_000_000_000 }), fc.double()), { selector: (p) => p[0], minLength: 1, maxLength: 4 }),
});

describe('round trips of any series', () => {
  it.each([false, true])('through the writer and parser (OpenMetrics: %s)', (openMetrics) => {
    fc.assert(
      fc.property(fc.uniqueArray(arbSeries, { selector: (s) => s.name, maxLength: 4 }), (arb) => {
        const data = arb.map((s) =>
          series(
            { ...s.labels, __name__: s.name },
            s.points.map(([t, v]): [number, number] => [t, Object.is(v, -0) ? 0 : v]).sort((a, b) => a[0] - b[0]),
          ),
        );
        const text = openMetrics ? writeOpenMetrics(data) : writePromText(data);
        expect(readBack(text, openMetrics)).toEqual(rowsOf(data));
      }),
      { numRuns: 200 },
    );
  });
});

describe('native histogram samples', () => {
  const h = new Histogram({ schema: 0, zeroThreshold: 0.001, zeroCount: 1, count: 3, sum: 1.5, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [2] });
  // A series that was a float, then a histogram, then a float again; and one of histograms only.
  const mixed: SeriesData = { ...series({ __name__: 'm' }, [[1000, 5], [2000, 0], [3000, 7]]), hs: [undefined, h, undefined] };
  const only: SeriesData = { ...series({ __name__: 'h_seconds' }, [[1000, 0], [2000, 0]]), hs: [h, h] };
  const meta = new Map<string, Metadata>([['h_seconds', { type: 'histogram', help: 'Latency.', unit: '' }]]);

  it('are left out of both formats rather than written as 0, and counted', () => {
    for (const openMetrics of [false, true]) {
      const text = (openMetrics ? writeOpenMetrics : writePromText)([mixed, only], { metadata: meta });
      expect(text).not.toContain('h_seconds');
      expect(readBack(text, openMetrics)).toEqual([
        ['{__name__="m"}', 1000, 5],
        ['{__name__="m"}', 3000, 7],
      ]);
    }
    expect(histogramSamples([mixed, only])).toBe(3);
  });
});
