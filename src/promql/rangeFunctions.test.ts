import { describe, expect, it } from 'vitest';
import { rangeFunctions, type Window } from './rangeFunctions';

/** A window (end - range, end] over samples at the given seconds. */
function win(points: [number, number][], end: number, range: number): Window {
  return {
    ts: Float64Array.from(points.map((p) => p[0] * 1000)),
    vs: Float64Array.from(points.map((p) => p[1])),
    lo: 0,
    hi: points.length,
    start: (end - range) * 1000,
    end: end * 1000,
    range: range * 1000,
    evalT: end * 1000,
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
