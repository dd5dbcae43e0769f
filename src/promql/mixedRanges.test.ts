import { describe, expect, it } from 'vitest';
import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Labels } from '../model/labels';
import { Head } from '../tsdb/head';
import { QueryEngine } from './engine';

const H = (count: number) => new FloatHistogram({ count, sum: count, positiveSpans: [{ offset: 0, length: 1 }], positiveBuckets: [count] });

/** `mix` every 10 s: floats 7, 5, a histogram, 9, histograms of count 3, 3, 1; `flt` the same floats alone. */
function storage(): Head {
  const head = new Head();
  const app = head.appender();
  const mix = Labels.fromPairs(['__name__', 'mix']);
  const flt = Labels.fromPairs(['__name__', 'flt']);
  const seq: (number | FloatHistogram)[] = [7, 5, H(2), 9, H(3), H(3), H(1)];
  seq.forEach((v, k) => {
    if (typeof v === 'number') {
      app.append(0, mix, k * 10_000, v);
      app.append(0, flt, k * 10_000, v);
    } else {
      app.appendHistogram(0, mix, k * 10_000, v);
    }
  });
  app.commit();
  return head;
}

const head = storage();
const engine = new QueryEngine();
const INFO = 'PromQL info: ignored histograms in a range containing both floats and histograms for metric name "mix"';

async function at(q: string, t: number): Promise<{ v?: number; infos: string[] }> {
  const r = await engine.instantQuery(head.querier(), q, t);
  if (r.value.type !== 'vector') throw new Error('expected a vector');
  return { v: r.value.samples[0]?.v, infos: r.annotations.infos };
}

describe('float-only range functions over a series holding histograms', () => {
  it.each([
    'min_over_time',
    'max_over_time',
    'ts_of_min_over_time',
    'ts_of_max_over_time',
    'stddev_over_time',
    'stdvar_over_time',
    'mad_over_time',
    'deriv',
  ])('%s answers from the floats alone, as over the same floats without histograms, with an info', async (fn) => {
    const mixed = await at(`${fn}(mix[40s])`, 30_000);
    const floats = await at(`${fn}(flt[40s])`, 30_000);
    expect(mixed.v).toBe(floats.v);
    expect(mixed.infos).toEqual([INFO]);
    expect(floats.infos).toEqual([]);
  });

  it('min_over_time never sees the 0 standing for a histogram', async () => {
    expect((await at('min_over_time(mix[40s])', 30_000)).v).toBe(5);
  });

  it.each([
    ['quantile_over_time(0.5, mix[40s])', 'quantile_over_time(0.5, flt[40s])'],
    ['predict_linear(mix[40s], 0)', 'predict_linear(flt[40s], 0)'],
    ['double_exponential_smoothing(mix[40s], 0.5, 0.5)', 'double_exponential_smoothing(flt[40s], 0.5, 0.5)'],
  ])('%s', async (q, same) => {
    const r = await at(q, 30_000);
    expect(r.v).toBe((await at(same, 30_000)).v);
    expect(r.v).toBeDefined();
    expect(r.infos).toEqual([INFO]);
  });

  it('a window of histograms only gives nothing and no info', async () => {
    expect(await at('max_over_time(mix[25s])', 60_000)).toEqual({ v: undefined, infos: [] });
  });

  it('deriv over one float and a histogram gives nothing, with the info', async () => {
    expect(await at('deriv(mix[15s])', 30_000)).toEqual({ v: undefined, infos: [INFO] });
  });
});

describe('resets and changes across floats and histograms', () => {
  it.each([
    // 7 → 5 resets; 5 → H, H → 9, 9 → H switch kinds; H(3) → H(3) neither; H(3) → H(1) resets.
    ['resets(mix[70s])', 60_000, 5],
    ['changes(mix[70s])', 60_000, 5],
    ['resets(mix[25s])', 60_000, 1],
    ['changes(mix[25s])', 50_000, 1],
    ['changes(mix[15s])', 50_000, 0],
    ['resets(flt[70s])', 60_000, 1],
  ])('%s at %d is %d', async (q, t, want) => {
    expect((await at(q, t)).v).toBe(want);
  });

  it('a range query agrees with instant queries step by step', async () => {
    const r = await engine.rangeQuery(head.querier(), 'changes(mix[30s])', 0, 60_000, 10_000);
    if (r.value.type !== 'matrix') throw new Error('expected a matrix');
    const steps = [];
    for (let t = 0; t <= 60_000; t += 10_000) steps.push((await at('changes(mix[30s])', t)).v);
    expect(Array.from(r.value.series[0].vs)).toEqual(steps);
  });
});
