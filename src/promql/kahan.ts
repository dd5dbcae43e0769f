// Neumaier-compensated summation, as Prometheus's util/kahansum.Inc, so sums
// and means over many samples match Prometheus to the last digit.

/** Adds `inc` to `sum` with compensation `c`; returns the new [sum, c]. */
export function kahanInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (!Number.isFinite(t) && !Number.isNaN(t)) return [t, 0];
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}
