import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { Head } from '../tsdb/head';
import { apiData, QueryEngine } from './engine';

const STEP = 15_000;

/**
 * Series sampled every 15 s from 15 s to 10 min; `st` gives a sample's start
 * time from its time (0 = none), as an OTLP or AppenderV2 writer would pass it.
 */
function storage(series: Record<string, { v: (i: number) => number; st?: (t: number) => number }>): Head {
  const head = new Head();
  const app = head.appender();
  for (const [name, { v, st }] of Object.entries(series)) {
    const [metric, kind] = name.split(':');
    const labels = Labels.fromPairs(['__name__', metric, 'kind', kind]);
    for (let i = 1; i <= 40; i++) app.append(0, labels, i * STEP, v(i), st?.(i * STEP) ?? 0);
  }
  app.commit();
  return head;
}

// 15 per sample, as a delta series (each starting where the last ended), a
// cumulative one (one start for all), the delta without start times, and
// one whose start times reach back over earlier samples.
const head = storage({
  'req_total:delta': { v: () => 15, st: (t) => t - STEP },
  'req_total:cumulative': { v: (i) => i * 15, st: () => 1 },
  'req_total:bare': { v: () => 15 },
  'bad_total:overlap': { v: (i) => i * 15, st: (t) => t - 2 * STEP },
  'plain_total:plain': { v: (i) => i * 15 },
});
const engine = new QueryEngine();

async function instant(q: string, t = 600_000) {
  const r = await engine.instantQuery(head.querier(), q, t);
  return { result: apiData(r.value).result, warnings: r.warnings };
}

/** Each result series' value by its kind label. */
async function byKind(q: string, t = 600_000): Promise<Record<string, number>> {
  const { result } = await instant(q, t);
  return Object.fromEntries((result as { metric: { kind: string }; value: [number, string] }[]).map((s) => [s.metric.kind, Number(s.value[1])]));
}

describe('evaluation with start times', () => {
  it.each<[string, Record<string, number>]>([
    // Each delta sample is a reset; without start times the same data is a flat counter.
    ['rate(req_total[1m])', { cumulative: 1, delta: 1, bare: 0 }],
    ['increase(req_total[1m])', { cumulative: 60, delta: 60, bare: 0 }],
    ['irate(req_total[1m])', { cumulative: 1, delta: 1, bare: 0 }],
    ['resets(req_total[1m])', { cumulative: 0, delta: 3, bare: 0 }],
    ['delta(req_total[1m])', { cumulative: 60, delta: 0, bare: 0 }],
    // A subquery's samples carry no start times, whatever its inner expression.
    ['rate(req_total[1m:15s])', { cumulative: 1, delta: 0, bare: 0 }],
    ['rate(last_over_time(req_total[15s])[1m:15s])', { cumulative: 1, delta: 0, bare: 0 }],
  ])('%s', async (q, want) => {
    const got = await byKind(q);
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const [kind, v] of Object.entries(want)) expect(got[kind]).toBeCloseTo(v, 10);
  });

  it('counts from zero at the start time of the first sample in the window instead of extrapolating left', async () => {
    // Window (−15 s, 45 s] holds 15, 30, 45 and the start at 1 ms: 45 since then, against 30 extrapolated by 7.5 s.
    expect(await byKind('increase({__name__=~"req_total|plain_total",kind=~"cumulative|plain"}[1m])', 45_000)).toEqual({ cumulative: 45, plain: 37.5 });
    // Window (15 s, 75 s] starts after it: both extrapolate alike.
    expect(await byKind('increase({__name__=~"req_total|plain_total",kind=~"cumulative|plain"}[1m])', 75_000)).toEqual({ cumulative: 60, plain: 60 });
  });

  it('warns once of start times overlapping earlier samples, naming the metric', async () => {
    expect((await instant('rate(bad_total[1m])')).warnings).toEqual([
      'PromQL warning: sample has start time that overlaps with previous sample timestamp for metric "bad_total" (1:6)',
    ]);
    expect((await instant('rate(req_total[1m])')).warnings).toEqual([]);
    expect((await instant('resets(bad_total[1m])')).warnings).toEqual([]);
  });

  it('gives each sample’s start time in seconds from start_timestamp(), 0 where unknown', async () => {
    expect(await byKind('start_timestamp({__name__=~"req_total|plain_total"})')).toEqual({ bare: 0, cumulative: 0.001, delta: 585, plain: 0 });
  });

  it.each([
    ['start_timestamp(req_total * 1)', 'an expression, whose samples carry no start times'],
    ['start_timestamp(plain_total)', 'data without start times, as Prometheus without UseStartTimestamps'],
  ])('answers nothing for %s: %s', async (q) => {
    expect((await instant(q)).result).toEqual([]);
  });

  it('evaluates start_timestamp() at every step of a range query', async () => {
    const r = await engine.rangeQuery(head.querier(), 'start_timestamp(req_total{kind="delta"})', 20_000, 50_000, 10_000);
    expect(apiData(r.value).result).toEqual([{ metric: { kind: 'delta' }, values: [[20, '0'], [30, '15'], [40, '15'], [50, '30']] }]);
  });
});
