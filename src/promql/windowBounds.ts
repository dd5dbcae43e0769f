// Where each step's window starts and ends in a series' samples. A graph's
// step is usually many scrape intervals (a day at 250 points: 346 s over 5 s
// samples), so each bound gallops forward from the last rather than walking
// every sample between them.

/** The first index k ≥ from with ts[k] > x (ts ascending), or ts.length. */
export function firstAfter(ts: Float64Array, from: number, x: number): number {
  const n = ts.length;
  if (from >= n || ts[from] > x) return from;
  // ts[lo] ≤ x throughout; the step doubles until it overshoots, then halves back.
  let lo = from;
  let step = 1;
  while (lo + step < n && ts[lo + step] <= x) {
    lo += step;
    step *= 2;
  }
  let hi = Math.min(n, lo + step);
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (ts[mid] <= x) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * For each step i, the samples in (starts[i] - before, ends[i] + after] as
 * [los[i], his[i]); starts and ends ascend, as a range query's steps do.
 */
export function windowBounds(ts: Float64Array, starts: Float64Array, ends: Float64Array, before: number, after: number, los: Int32Array, his: Int32Array): void {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < starts.length; i++) {
    hi = firstAfter(ts, hi, ends[i] + after);
    lo = Math.min(firstAfter(ts, lo, starts[i] - before), hi);
    los[i] = lo;
    his[i] = hi;
  }
}
