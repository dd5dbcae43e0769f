import { describe, expect, it } from 'vitest';
import { isStartTimeReset, rangeFunctions, startTimeOverlaps, type Window } from './rangeFunctions';

/** A window (end - range, end] over samples at the given seconds, with start times in seconds (0 = unknown) when given. */
function win(points: [number, number][], end: number, range: number, st?: number[]): Window {
  return {
    ts: Float64Array.from(points.map((p) => p[0] * 1000)),
    vs: Float64Array.from(points.map((p) => p[1])),
    lo: 0,
    hi: points.length,
    start: (end - range) * 1000,
    end: end * 1000,
    range: range * 1000,
    evalT: end * 1000,
    st: st && Float64Array.from(st, (s) => s * 1000),
  };
}

const counter: [number, number][] = [
  [10, 10],
  [20, 20],
  [30, 5],
  [40, 15],
];

describe('range functions', () => {
  it.each<[string, [number, number][], number[], number | undefined]>([
    // 5 of net increase plus the reset's 20, extrapolated over 40 s of a 30 s span.
    ['increase', counter, [], 25 * (40 / 30)],
    ['rate', counter, [], (25 * (40 / 30)) / 40],
    ['delta', counter, [], 5 * (40 / 30)],
    ['irate', counter, [], 1],
    ['idelta', counter, [], 10],
    ['resets', counter, [], 1],
    ['changes', counter, [], 3],
    ['sum_over_time', counter, [], 50],
    ['avg_over_time', counter, [], 12.5],
    ['min_over_time', counter, [], 5],
    ['max_over_time', counter, [], 20],
    ['count_over_time', counter, [], 4],
    ['last_over_time', counter, [], 15],
    ['first_over_time', counter, [], 10],
    ['ts_of_max_over_time', counter, [], 20],
    ['ts_of_max_over_time', [[10, 1], [20, 3], [30, 3]], [], 30],
    ['ts_of_min_over_time', [[10, 1], [20, 1], [30, 3]], [], 20],
    ['quantile_over_time', counter, [0.5], 12.5],
    ['stdvar_over_time', counter, [], 31.25],
    ['present_over_time', counter, [], 1],
    ['mad_over_time', counter, [], 5],
    ['deriv', [[0, 0], [10, 10], [20, 20]], [], 1],
    ['predict_linear', [[0, 0], [10, 10], [20, 20]], [60], 100],
    ['rate', [[10, 1]], [], undefined],
  ])('%s', (name, points, params, want) => {
    const got = rangeFunctions[name](win(points, 40, 40), params);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 10);
  });

  it('smooths with double_exponential_smoothing', () => {
    const got = rangeFunctions.double_exponential_smoothing(win([[0, 0], [10, 10], [20, 20], [30, 30]], 40, 40), [0.5, 0.5]);
    expect(got).toBeCloseTo(30, 10);
  });

  it('keeps NaN from winning max_over_time unless it is all there is', () => {
    expect(rangeFunctions.max_over_time(win([[10, NaN], [20, 3]], 40, 40), [])).toBe(3);
    expect(rangeFunctions.max_over_time(win([[10, NaN]], 40, 40), [])).toBeNaN();
  });
});

// A delta series: 5 every 10 s, each sample starting where the one before ended.
const delta: [number, number][] = [
  [10, 5],
  [20, 5],
  [30, 5],
  [40, 5],
];
const rising: [number, number][] = [
  [20, 2],
  [30, 3],
  [40, 4],
];

describe('range functions with start times', () => {
  it.each<[string, string, [number, number][], number[] | undefined, number | undefined]>([
    ['increase', 'extrapolates left without start times', rising, undefined, 2.5],
    ['increase', 'extrapolates left when no sample has a start time', rising, [0, 0, 0], 2.5],
    ['increase', 'counts from zero at a start time inside the window', rising, [10, 10, 10], 4],
    ['increase', 'extrapolates when the start time is at the sample', rising, [20, 20, 20], 2.5],
    ['increase', 'counts a lone sample from its start time', [[30, 6]], [15], 6],
    ['rate', 'counts a lone sample from its start time', [[30, 6]], [15], 6 / 40],
    ['increase', 'gives nothing for a lone sample without a start time', [[30, 6]], [0], undefined],
    ['increase', 'counts each delta sample as a reset', delta, [5, 10, 20, 30], 20],
    ['increase', 'reads a delta series as a flat counter without start times', delta, undefined, 0],
    ['delta', 'ignores start times', rising, [10, 10, 10], 2.5],
    ['irate', 'takes the last sample alone after a start-time reset', delta, [5, 10, 20, 30], 0.5],
    ['irate', 'subtracts without a start-time reset', delta, undefined, 0],
    ['idelta', 'ignores start times', delta, [5, 10, 20, 30], 0],
    ['resets', 'counts start-time resets', delta, [5, 10, 20, 30], 3],
    ['resets', 'counts none of a cumulative series keeping its start', rising, [10, 10, 10], 0],
  ])('%s %s', (name, _why, points, st, want) => {
    const got = rangeFunctions[name](win(points, 40, 40, st), []);
    if (want === undefined) expect(got).toBeUndefined();
    else expect(got).toBeCloseTo(want, 10);
  });

  it('extrapolates from a start time at the window start, which lies outside it', () => {
    // Window (10 s, 50 s]: extrapolated 10 s either side of the 20 s sampled, or from zero at 10.001 s.
    expect(rangeFunctions.increase(win(rising, 50, 40, [10, 10, 10]), [])).toBeCloseTo(4, 10);
    expect(rangeFunctions.increase(win(rising, 50, 40, [10.001, 10.001, 10.001]), [])).toBeCloseTo((4 * (29.999 + 10)) / 29.999, 10);
  });

  it.each<[string, number, number, number, number, boolean]>([
    // prevST, prevT, curST, curT
    ['unknown start', 30, 60, 0, 120, false],
    ['start after its sample (invalid)', 30, 60, 130, 120, false],
    ['start at its sample (OTel unknown start)', 30, 60, 120, 120, false],
    ['start before the previous sample (cumulative)', 30, 60, 30, 120, false],
    ['start after the previous sample', 30, 60, 90, 120, true],
    ['start at the previous sample, which has a start (delta)', 30, 60, 60, 120, true],
    ['start at the previous sample, whose start is unknown (cumulative)', 0, 60, 60, 120, false],
    ['start at the previous sample, which started at itself', 60, 60, 60, 120, false],
    ['start at the previous sample, whose start is invalid', 90, 60, 60, 120, false],
  ])('isStartTimeReset: %s', (_why, prevST, prevT, curST, curT, want) => {
    expect(isStartTimeReset(prevST, prevT, curST, curT)).toBe(want);
  });

  it.each<[string, number, number, number, boolean]>([
    ['delta', 0, 60, 60, false],
    ['cumulative', 10, 60, 10, false],
    ['unknown start', 10, 60, 0, false],
    ['start inside the previous sample’s interval', 10, 60, 30, true],
  ])('startTimeOverlaps: %s', (_why, prevST, prevT, curST, want) => {
    expect(startTimeOverlaps(prevST, prevT, curST)).toBe(want);
  });
});
