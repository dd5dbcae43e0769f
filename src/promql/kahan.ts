// Neumaier-compensated summation, as Prometheus's util/kahansum.Inc, so sums
// and means over many samples match Prometheus to the last digit.

/** Adds `inc` to sums[at] with compensation comps[at], in place: no allocation on hot paths. */
export function kahanAddAt(sums: Float64Array, comps: Float64Array, at: number, inc: number): void {
  const sum = sums[at];
  const t = sum + inc;
  sums[at] = t;
  if (!Number.isFinite(t) && !Number.isNaN(t)) comps[at] = 0;
  else if (Math.abs(sum) >= Math.abs(inc)) comps[at] += sum - t + inc;
  else comps[at] += inc - t + sum;
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
