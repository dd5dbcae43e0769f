import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Labels } from '../model/labels';
import { Head } from '../tsdb/head';
import { QueryEngine } from './engine';

/** `lat` holds a float histogram every 15 s from 0 to 150 s (count i+1, sum 2·(i+1)); `up` floats beside it. */
function storage(): Head {
  const head = new Head();
  const app = head.appender();
  const lat = Labels.fromPairs(['__name__', 'lat', 'job', 'api']);
  const up = Labels.fromPairs(['__name__', 'up', 'job', 'api']);
  for (let i = 0; i <= 10; i++) {
    app.appendHistogram(0, lat, i * 15_000, new FloatHistogram({ count: i + 1, sum: 2 * (i + 1) }));
    app.append(0, up, i * 15_000, 1);
  }
  app.commit();
  return head;
}

const head = storage();
const engine = new QueryEngine();

describe('native histograms in PromQL', () => {
  it('an instant selector picks the latest histogram sample', async () => {
    const r = await engine.instantQuery(head.querier(), 'lat', 100_000);
    expect(r.value.type).toBe('vector');
    if (r.value.type !== 'vector') return;
    expect(r.value.samples).toHaveLength(1);
    expect(r.value.samples[0].h?.count).toBe(7);
  });

  it.each([
    { q: 'histogram_count(lat)', want: 7 },
    { q: 'histogram_sum(lat)', want: 14 },
    { q: 'histogram_avg(lat)', want: 2 },
  ])('$q reads the histogram and drops the name', async ({ q, want }) => {
    const r = await engine.instantQuery(head.querier(), q, 100_000);
    if (r.value.type !== 'vector') throw new Error('expected a vector');
    expect(r.value.samples.map((s) => [s.labels.toString(), s.v])).toEqual([['{job="api"}', want]]);
  });

  it('histogram_count leaves float samples out', async () => {
    const r = await engine.instantQuery(head.querier(), 'histogram_count({job="api"})', 100_000);
    if (r.value.type !== 'vector') throw new Error('expected a vector');
    expect(r.value.samples).toHaveLength(1);
  });

  it('a range query keeps histograms per step', async () => {
    const r = await engine.rangeQuery(head.querier(), 'histogram_count(lat)', 0, 150_000, 30_000);
    if (r.value.type !== 'matrix') throw new Error('expected a matrix');
    expect(Array.from(r.value.series[0].vs)).toEqual([1, 3, 5, 7, 9, 11]);
  });

  it.each([
    { q: 'lat * 2', count: 14 },
    { q: '2 * lat', count: 14 },
    { q: 'lat / 7', count: 1 },
    { q: 'lat + lat', count: 14 },
    { q: 'lat - lat', count: 0 },
    { q: '-lat', count: -7 },
  ])('$q computes on the histogram', async ({ q, count }) => {
    const r = await engine.instantQuery(head.querier(), q, 100_000);
    if (r.value.type !== 'vector') throw new Error('expected a vector');
    expect(r.value.samples.map((s) => s.h?.count)).toEqual([count]);
  });

  it.each([
    { q: 'lat + 1', info: 'PromQL info: incompatible sample types encountered for binary operator "+": histogram + float' },
    { q: 'lat * lat', info: 'PromQL info: incompatible sample types encountered for binary operator "*": histogram * histogram' },
    { q: '1 / lat', info: 'PromQL info: incompatible sample types encountered for binary operator "/": float / histogram' },
  ])('$q gives no sample and says why', async ({ q, info }) => {
    const r = await engine.instantQuery(head.querier(), q, 100_000);
    if (r.value.type !== 'vector') throw new Error('expected a vector');
    expect(r.value.samples).toEqual([]);
    expect(r.infos).toEqual([`${info} (1:1)`]);
  });

  it.each(['abs(lat)', 'year(lat)', 'clamp(lat, 0, 1)', 'sort(lat)', 'max(lat)'])('%s takes floats only and leaves the histogram out', async (q) => {
    const r = await engine.instantQuery(head.querier(), q, 100_000);
    if (r.value.type !== 'vector') throw new Error('expected a vector');
    expect(r.value.samples).toEqual([]);
  });

  it.each([
    { q: 'sum(lat)', count: 7 },
    { q: 'avg(lat)', count: 7 },
    { q: 'rate(lat[1m])', count: 0.06666666666666665 },
  ])('$q gives a histogram', async ({ q, count }) => {
    const r = await engine.instantQuery(head.querier(), q, 100_000);
    if (r.value.type !== 'vector') throw new Error('expected a vector');
    expect(r.value.samples.map((s) => s.h?.count)).toEqual([count]);
  });

  it.each([
    { q: 'increase(lat[1m] anchored)', count: 4 },
    { q: 'increase(lat[1m] smoothed)', count: 4 },
    { q: 'rate(lat[1m] anchored)', count: 4 / 60 },
    { q: 'lat smoothed', count: 7 + 2 / 3 },
  ])('$q gives a histogram from the extended selector', async ({ q, count }) => {
    const r = await engine.instantQuery(head.querier(), q, 100_000);
    if (r.value.type !== 'vector') throw new Error('expected a vector');
    expect(r.value.samples).toHaveLength(1);
    expect(r.value.samples[0].h?.count).toBeCloseTo(count, 12);
  });

  it('an instant anchored or smoothed range over histograms fails, as Prometheus', async () => {
    await expect(engine.instantQuery(head.querier(), 'lat[1m] anchored', 100_000)).rejects.toThrow('anchored modifier is not supported with histograms');
    await expect(engine.instantQuery(head.querier(), 'lat[1m] smoothed', 100_000)).rejects.toThrow('smoothed modifier is not supported with histograms');
  });

  it('info() passes a histogram through with the info series\' labels added', async () => {
    const h = new Head();
    const app = h.appender();
    app.appendHistogram(0, Labels.fromPairs(['__name__', 'lat', 'instance', 'a', 'job', 'api']), 90_000, new FloatHistogram({ count: 3, sum: 6 }));
    app.append(0, Labels.fromPairs(['__name__', 'target_info', 'instance', 'a', 'job', 'api', 'region', 'eu']), 90_000, 1);
    app.commit();
    const r = await engine.instantQuery(h.querier(), 'info(lat)', 100_000);
    if (r.value.type !== 'vector') throw new Error('expected a vector');
    expect(r.value.samples.map((x) => [x.labels.get('region'), x.h?.count])).toEqual([['eu', 3]]);
  });
});

describe('the smoothed selector over a series turning from floats to histograms', () => {
  // Floats 10 and 20 at 0 s and 60 s, histograms from 600 s on: lookbacks of 5 minutes either side.
  const mixed = new Head();
  const app = mixed.appender();
  const m = Labels.fromPairs(['__name__', 'm']);
  app.append(0, m, 0, 10);
  app.append(0, m, 60_000, 20);
  app.appendHistogram(0, m, 600_000, new FloatHistogram({ count: 1, sum: 1 }));
  app.appendHistogram(0, m, 660_000, new FloatHistogram({ count: 3, sum: 3 }));
  app.commit();

  it('smooths floats as floats and histograms as histograms, and skips steps whose lookback mixes them', async () => {
    const r = await engine.rangeQuery(mixed.querier(), 'm smoothed', 30_000, 630_000, 300_000);
    if (r.value.type !== 'matrix') throw new Error('expected a matrix');
    const s = r.value.series[0];
    expect(Array.from(s.ts)).toEqual([30_000, 630_000]);
    expect(s.vs[0]).toBe(15);
    expect(s.hs?.[1]?.count).toBe(2);
    expect(r.warnings).toEqual(['PromQL warning: encountered a mix of histograms and floats for metric name "m" (1:1)']);
  });
});

describe('the trim operators </ and >/', () => {
  /** `cbh` holds custom buckets (-Inf,5] with 1 and (5,+Inf] with 100 at 0 s; `one` is the float 1 beside it. */
  const trimHead = (() => {
    const h = new Head();
    const app = h.appender();
    const cbh = new FloatHistogram({ schema: -53, count: 101, sum: 33, customValues: [5], positiveSpans: [{ offset: 0, length: 2 }], positiveBuckets: [1, 100] });
    app.appendHistogram(0, Labels.fromPairs(['__name__', 'cbh', 'job', 'api']), 0, cbh);
    app.append(0, Labels.fromPairs(['__name__', 'one', 'job', 'api']), 0, 1);
    app.commit();
    return h;
  })();
  const instant = async (q: string) => {
    const r = await engine.instantQuery(trimHead.querier(), q, 0);
    if (r.value.type !== 'vector') throw new Error('expected a vector');
    return { samples: r.value.samples, infos: r.infos };
  };

  const named = '{__name__="cbh", job="api"}';

  it.each([
    { q: 'cbh >/ 1', labels: named, count: 100.8, buckets: [0.8, 100] },
    // One-to-one matching with on() keeps the matching labels only, as for any operator.
    { q: 'cbh >/ on (job) one', labels: '{job="api"}', count: 100.8, buckets: [0.8, 100] },
    { q: 'cbh </ 5', labels: named, count: 1, buckets: [1] },
    { q: 'cbh </ +Inf', labels: named, count: 101, buckets: [1, 100] },
  ])('$q cuts the buckets and, like a filter, keeps the metric name', async ({ q, labels, count, buckets }) => {
    const { samples, infos } = await instant(q);
    expect(samples.map((s) => [s.labels.toString(), s.h?.count, s.h?.positiveBuckets])).toEqual([[labels, count, buckets]]);
    expect(infos).toEqual([]);
  });

  it('trims a copy: the stored histogram is read whole afterwards', async () => {
    await instant('cbh </ 0');
    const { samples } = await instant('cbh');
    expect(samples[0].h?.positiveBuckets).toEqual([1, 100]);
  });

  it.each([
    { q: 'one </ 1', types: 'float </ float' },
    { q: 'one >/ one', types: 'float >/ float' },
    { q: '1 </ cbh', types: 'float </ histogram' },
    { q: 'cbh >/ cbh', types: 'histogram >/ histogram' },
  ])('$q gives no sample and says why', async ({ q, types }) => {
    const { samples, infos } = await instant(q);
    expect(samples).toEqual([]);
    const op = q.includes('</') ? '</' : '>/';
    expect(infos).toEqual([`PromQL info: incompatible sample types encountered for binary operator "${op}": ${types} (1:1)`]);
  });

  it('refuses between two scalars, as Prometheus does', async () => {
    await expect(engine.instantQuery(trimHead.querier(), '1 </ 2', 0)).rejects.toThrow('operator "</" not allowed for Scalar operations');
  });
});
