import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Labels } from '../model/labels';
import { rangeFunctions, type Window } from './rangeFunctions';
import { nextStartTimeOverlaps, slidingFunctions, type StepWriter } from './slidingFunctions';
import { newStepSeries } from './value';

// Values that stress the edge cases: counter resets, NaN, ±Inf, ±0 and ties.
const value = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1, 5), fc.double({ noNaN: false }), fc.integer({ min: -20, max: 20 }));

// Start times against a sample 10 apart from the last: unknown, the previous sample's (delta), its start (cumulative), the sample's own, after it, or overlapping.
const startOffset = fc.constantFrom(undefined, -10, -5, -25, 0, 3, -1);

/** Every step's window over one series, as rangeCall slides it: (t - range, t]. */
function windows(vs: number[], range: number, step: number, startOffsets?: (number | undefined)[], spacing = 10): Window[] {
  const ts = Float64Array.from(vs, (_, i) => i * spacing);
  const vals = Float64Array.from(vs);
  const st = startOffsets && Float64Array.from(vs, (_, i) => (startOffsets[i] === undefined ? 0 : i * 10 + startOffsets[i]));
  const out: Window[] = [];
  const steps = Math.floor((vs.length * spacing + range) / step) + 1;
  const los = new Int32Array(steps);
  const his = new Int32Array(steps);
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < steps; i++) {
    const t = i * step;
    while (hi < ts.length && ts[hi] <= t) hi++;
    while (lo < hi && ts[lo] <= t - range) lo++;
    los[i] = lo;
    his[i] = hi;
    out.push({ ts, vs: vals, lo, hi, start: t - range, end: t, range, evalT: t, st, los, his });
  }
  return out;
}

// Integers, where sums may be exact (or just past 2^53, where they are not).
const integer = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.constantFrom(-0, 2 ** 52, -(2 ** 52), 2 ** 53, 2 ** 53 + 2), fc.maxSafeInteger());

// Parameters for the functions that take one: quantiles inside, at and outside [0, 1].
const params = fc.constantFrom([0], [0.25], [0.5], [0.9], [1], [-1], [2], [NaN]);

/** What a writer puts at step i, as the plain function would return it. */
let out = newStepSeries(Labels.EMPTY, 0);
function written(fn: StepWriter, w: Window, p: readonly number[], i: number): number | undefined {
  if (out.has.length <= i) out = newStepSeries(Labels.EMPTY, 2 * i + 1);
  out.has[i] = 0;
  fn(w, p, out, i);
  return out.has[i] ? out.vals[i] : undefined;
}

describe('sliding range functions', () => {
  it.each(Object.keys(slidingFunctions))('%s gives the plain function’s floats at every step', (name) => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 30 }), params, (vs, range, step, p) => {
        const fn = slidingFunctions[name]();
        for (const [i, w] of windows(vs, range, step).entries()) {
          expect(Object.is(written(fn, w, p, i), rangeFunctions[name](w, p))).toBe(true);
        }
      }),
    );
  });

  it.each(Object.keys(slidingFunctions))('%s gives the plain function’s floats over integers', (name) => {
    fc.assert(
      fc.property(fc.array(integer, { maxLength: 40 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 30 }), params, (vs, range, step, p) => {
        const fn = slidingFunctions[name]();
        for (const [i, w] of windows(vs, range, step).entries()) {
          expect(Object.is(written(fn, w, p, i), rangeFunctions[name](w, p))).toBe(true);
        }
      }),
    );
  });

  it.each(['deriv', 'predict_linear'])('%s gives the plain function’s floats over samples whole seconds apart', (name) => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(integer, { maxLength: 40 }), fc.array(value, { maxLength: 40 }), fc.array(fc.oneof(integer, value), { maxLength: 40 })),
        fc.integer({ min: 1, max: 80_000 }),
        fc.oneof(fc.constantFrom(1000, 5000, 15_000), fc.integer({ min: 1, max: 30_000 })),
        fc.constantFrom([600], [-60], [0.5]),
        (vs, range, step, p) => {
          const fn = slidingFunctions[name]();
          for (const [i, w] of windows(vs, range, step, undefined, 1000).entries()) {
            expect(Object.is(written(fn, w, p, i), rangeFunctions[name](w, p))).toBe(true);
          }
        },
      ),
    );
  });

  it.each(Object.keys(slidingFunctions))('%s gives the plain function’s floats with start times', (name) => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(value, startOffset), { maxLength: 40 }),
        fc.integer({ min: 1, max: 80 }),
        fc.integer({ min: 1, max: 30 }),
        params,
        (samples, range, step, p) => {
          const fn = slidingFunctions[name]();
          for (const [i, w] of windows(
            samples.map((s) => s[0]),
            range,
            step,
            samples.map((s) => s[1]),
          ).entries()) {
            expect(Object.is(written(fn, w, p, i), rangeFunctions[name](w, p))).toBe(true);
          }
        },
      ),
    );
  });
});

describe('nextStartTimeOverlaps', () => {
  it.each<[string, number[], number[], number[] | undefined]>([
    ['none without overlaps', [10, 20, 30], [5, 10, 20], undefined],
    ['none for a cumulative series', [10, 20, 30], [5, 5, 5], undefined],
    ['the next overlapping sample from each position', [10, 20, 30, 40], [5, 5, 15, 15], [2, 2, 2, 4, 4]],
  ])('%s', (_why, ts, st, want) => {
    const got = nextStartTimeOverlaps(Float64Array.from(ts), Float64Array.from(st));
    expect(got && [...got]).toEqual(want);
  });
});
