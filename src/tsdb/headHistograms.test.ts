import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import { Labels } from '../model/labels';
import { Matcher } from '../model/matcher';
import { isStaleNaN, STALE_NAN } from '../model/staleNaN';
import { Head } from './head';
import { ENC_HISTOGRAM } from './chunkEncoding';
import { CounterResetHeader } from './histogramChunk';

const lat = Labels.from({ __name__: 'latency', job: 'api' });
const h = (count: number) => new Histogram({ schema: 0, count, sum: count * 1.5, positiveSpans: [{ offset: 0, length: 2 }], positiveBuckets: [count - 1, 2 - count] });
const fh = (count: number) => new FloatHistogram({ schema: 0, count, sum: count, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [count] });

type Sample = [number, number | Histogram | FloatHistogram];

function load(head: Head, samples: Sample[]) {
  const app = head.appender();
  let ref = 0;
  for (const [t, v] of samples) ref = typeof v === 'number' ? app.append(ref, lat, t, v) : app.appendHistogram(ref, lat, t, v);
  return app.commit();
}

async function read(head: Head, mint = 0, maxt = 1e9) {
  const got = await head.querier().select([new Matcher('=', '__name__', 'latency')], mint, maxt);
  return got[0];
}

describe('head histograms', () => {
  it('returns histogram samples in hs, aligned with ts, with 0 in vs', async () => {
    const head = new Head();
    const a = h(2);
    const b = fh(3);
    expect(load(head, [[1000, a], [2000, b]]).appended).toBe(2);
    const s = await read(head);
    expect([...s.ts]).toEqual([1000, 2000]);
    expect([...s.vs]).toEqual([0, 0]);
    expect(s.hs).toEqual([a, b]);
  });

  it('interleaves a series switching between floats and histograms in time order', async () => {
    const head = new Head();
    load(head, [[1000, 1], [2000, h(2)], [3000, 3], [4000, fh(4)], [5000, 5]]);
    const s = await read(head);
    expect([...s.ts]).toEqual([1000, 2000, 3000, 4000, 5000]);
    expect([...s.vs]).toEqual([1, 0, 3, 0, 5]);
    expect(s.hs!.map((x) => x?.count)).toEqual([undefined, 2, undefined, 4, undefined]);
  });

  it('cuts a read to [mint, maxt] and leaves hs out when only floats are there', async () => {
    const head = new Head();
    load(head, [[1000, 1], [2000, h(2)], [3000, 3]]);
    const s = await read(head, 2500, 4000);
    expect([...s.ts]).toEqual([3000]);
    expect(s.hs).toBeUndefined();
    expect((await read(head, 1500, 2500)).hs!.map((x) => x?.count)).toEqual([2]);
  });

  it.each<[string, Sample[], { appended: number; outOfOrder: number; duplicate: number }]>([
    ['older than the newest sample: out of order', [[2000, h(1)], [1000, h(2)]], { appended: 1, outOfOrder: 1, duplicate: 0 }],
    ['a histogram older than the newest float: out of order', [[2000, 1], [1000, h(2)]], { appended: 1, outOfOrder: 1, duplicate: 0 }],
    ['another histogram at the newest time: duplicate', [[1000, h(1)], [1000, h(2)]], { appended: 1, outOfOrder: 0, duplicate: 1 }],
    ['a float at a histogram\'s time: duplicate', [[1000, h(1)], [1000, 1]], { appended: 1, outOfOrder: 0, duplicate: 1 }],
  ])('%s', (_, samples, want) => {
    const stats = load(new Head(), samples);
    expect({ appended: stats.appended, outOfOrder: stats.outOfOrder, duplicate: stats.duplicate }).toEqual(want);
  });

  it('drops an equal histogram appended again at its time silently', () => {
    const head = new Head();
    load(head, [[1000, h(1)]]);
    expect(load(head, [[1000, h(1)]])).toMatchObject({ appended: 0, duplicate: 0, outOfOrder: 0 });
    expect(load(head, [[1000, fh(1)]])).toMatchObject({ appended: 0, duplicate: 1 });
  });

  it('stores a float stale NaN on a histogram series as a histogram stale marker and reads it back as the float stale NaN', async () => {
    const head = new Head();
    load(head, [[1000, h(1)], [2000, STALE_NAN]]);
    const series = head.get(1)!;
    expect(series.histograms!.length).toBe(2);
    expect(series.histograms!.read(0, 1e9).hs[1]).toBeInstanceOf(Histogram);
    const s = await read(head);
    expect([...s.ts]).toEqual([1000, 2000]);
    expect(isStaleNaN(s.vs[1])).toBe(true);
    expect(s.hs![1]).toBeUndefined();
  });

  it('keeps a float histogram series\' stale marker a float histogram', () => {
    const head = new Head();
    load(head, [[1000, fh(1)], [2000, STALE_NAN]]);
    expect(head.get(1)!.histograms!.read(0, 1e9).hs[1]).toBeInstanceOf(FloatHistogram);
  });

  it('leaves out hs when the range holds only a stale marker', async () => {
    const head = new Head();
    load(head, [[1000, h(1)], [2000, STALE_NAN]]);
    const s = await read(head, 1500, 3000);
    expect(isStaleNaN(s.vs[0])).toBe(true);
    expect(s.hs).toBeUndefined();
  });

  it('counts a series with only histograms for labels-only reads', async () => {
    const head = new Head();
    load(head, [[1000, h(1)]]);
    expect((await head.querier().selectLabels([new Matcher('=', 'job', 'api')], 0, 2000)).map(String)).toEqual([lat.toString()]);
    expect(await head.querier().selectLabels([new Matcher('=', 'job', 'api')], 1500, 2000)).toEqual([]);
  });

  it('keeps histograms in Prometheus chunks, cut at a counter reset, a kind switch and 120 samples', async () => {
    const head = new Head();
    const samples: Sample[] = [];
    for (let i = 1; i <= 130; i++) samples.push([i * 1000, h(i + 2)]);
    samples.push([131_000, h(1)], [132_000, fh(5)]);
    load(head, samples);
    const chunks = head.get(1)!.histograms!.sealed;
    expect(chunks.map((c) => [c.encoding, c.bytes[2], (c.bytes[0] << 8) | c.bytes[1]])).toEqual([
      [ENC_HISTOGRAM, CounterResetHeader.Unknown, 120],
      [ENC_HISTOGRAM, CounterResetHeader.NotCounterReset, 10],
      [ENC_HISTOGRAM, CounterResetHeader.CounterReset, 1],
    ]);
    const s = await read(head);
    expect(s.hs!.map((x) => x?.count)).toEqual([...samples.map(([, v]) => (v as Histogram).count)]);
    expect(s.hs![131]).toBeInstanceOf(FloatHistogram);
  });

  it.each([
    ['an integer chunk after a counter reset', [...Array.from({ length: 12 }, (_, i): Sample => [i * 1000, h(i + 2)]), [12_000, h(1)], [13_000, h(2)]]],
    ['a float gauge chunk', Array.from({ length: 5 }, (_, i): Sample => [i * 1000, new FloatHistogram({ counterResetHint: 3, count: 5 - i, sum: i, positiveSpans: [{ offset: 1, length: 1 }], positiveBuckets: [5 - i] })])],
  ] as [string, Sample[]][])('resumes %s from its stored bytes and goes on writing what the head would', (_, samples) => {
    const head = new Head();
    load(head, samples);
    const open = head.get(1)!.histograms!.openChunk()!;
    const restored = new Head();
    restored.restoreSeries(1, lat.flat().slice());
    const s = restored.get(1)!;
    s.maxTime = head.get(1)!.maxTime;
    s.resumeOpenHistograms(open, restored.chunkOptions, -Infinity);
    expect(s.histograms!.openChunk()).toEqual(open);
    const last = samples[samples.length - 1][1];
    const more = last instanceof FloatHistogram ? last : h(3);
    load(head, [[99_000, more]]);
    load(restored, [[99_000, more]]);
    expect(s.histograms!.openChunk()).toEqual(head.get(1)!.histograms!.openChunk());
  });
});
