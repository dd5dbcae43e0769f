// Neumaier-compensated summation, as Prometheus's util/kahansum.Inc, so sums
// and means over many samples (and histogram buckets) match Prometheus to the last digit.

/**
 * The compensation after adding `inc` to `sum` (giving `t = sum + inc`) with
 * compensation `c`. Small enough for V8 to inline, so a loop keeping its sums
 * in locals pays no allocation per sample, as kahanInc's pair costs.
 */
export function kahanComp(sum: number, inc: number, t: number, c: number): number {
  if (t === Infinity || t === -Infinity) return 0;
  if (Math.abs(sum) >= Math.abs(inc)) return c + (sum - t + inc);
  return c + (inc - t + sum);
}

/** Adds `inc` to sums[at] with compensation comps[at], in place: no allocation on hot paths. */
export function kahanAddAt(sums: Float64Array, comps: Float64Array, at: number, inc: number): void {
  const sum = sums[at];
  const t = sum + inc;
  sums[at] = t;
  comps[at] = kahanComp(sum, inc, t, comps[at]);
}

const pairSum = new Float64Array(1);
const pairComp = new Float64Array(1);

/** Adds `inc` to `sum` with compensation `c`; returns the new [sum, c]. */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  pairSum[0] = sum;
  pairComp[0] = c;
  kahanAddAt(pairSum, pairComp, 0, inc);
  return [pairSum[0], pairComp[0]];
}
