import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstAfter, windowBounds } from './windowBounds';

/** The sample-by-sample walk the gallop replaces. */
function linearBounds(ts: Float64Array, starts: Float64Array, ends: Float64Array, before: number, after: number): [number[], number[]] {
  const los: number[] = [];
  const his: number[] = [];
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < starts.length; i++) {
    while (hi < ts.length && ts[hi] <= ends[i] + after) hi++;
    while (lo < hi && ts[lo] <= starts[i] - before) lo++;
    los.push(lo);
    his.push(hi);
  }
  return [los, his];
}

describe('firstAfter', () => {
  const ts = Float64Array.from([10, 20, 20, 30, 40]);
  it.each([
    [0, 5, 0],
    [0, 10, 1],
    [0, 20, 3],
    [2, 25, 3],
    [0, 40, 5],
    [4, 100, 5],
    [5, 0, 5],
    [3, 5, 3],
  ])('from %i past %d is %i', (from, x, want) => {
    expect(firstAfter(ts, from, x)).toBe(want);
  });
});

describe('windowBounds', () => {
  it('finds the windows a walk over every sample finds', () => {
    const sorted = (max: number) => fc.array(fc.integer({ min: 0, max }), { maxLength: 300 }).map((a) => Float64Array.from(a.sort((x, y) => x - y)));
    fc.assert(
      fc.property(sorted(5000), sorted(5000), fc.integer({ min: 0, max: 600 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (ts, ends, range, before, after) => {
        const starts = ends.map((e) => e - range);
        const los = new Int32Array(ends.length);
        const his = new Int32Array(ends.length);
        windowBounds(ts, starts, ends, before, after, los, his);
        expect([[...los], [...his]]).toEqual(linearBounds(ts, starts, ends, before, after));
      }),
    );
  });
});
