import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangeFunctions, type Window } from './rangeFunctions';
import { slidingFunctions } from './slidingFunctions';

// Values that stress the edge cases: counter resets, NaN, ±Inf, ±0 and ties.
const value = fc.oneof(fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 1, 5), fc.double({ noNaN: false }), fc.integer({ min: -20, max: 20 }));

/** Every step's window over one series, as rangeCall slides it: (t - range, t]. */
function windows(vs: number[], range: number, step: number): Window[] {
  const ts = Float64Array.from(vs, (_, i) => i * 10);
  const vals = Float64Array.from(vs);
  const out: Window[] = [];
  let lo = 0;
  let hi = 0;
  for (let t = 0; t <= vs.length * 10 + range; t += step) {
    while (hi < ts.length && ts[hi] <= t) hi++;
    while (lo < hi && ts[lo] <= t - range) lo++;
    out.push({ ts, vs: vals, lo, hi, start: t - range, end: t, range, evalT: t });
  }
  return out;
}

describe('sliding range functions', () => {
  it.each(Object.keys(slidingFunctions))('%s gives the plain function’s floats at every step', (name) => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.integer({ min: 1, max: 80 }), fc.integer({ min: 1, max: 30 }), (vs, range, step) => {
        const fn = slidingFunctions[name]();
        for (const w of windows(vs, range, step)) {
          expect(Object.is(fn(w, []), rangeFunctions[name](w, []))).toBe(true);
        }
      }),
    );
  });
});
