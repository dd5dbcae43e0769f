// Quantiles over plain float samples, as Prometheus's quantile() in
// promql/quantile.go (used by quantile, quantile_over_time and mad_over_time).

/** Sorts ascending with NaN first, as Prometheus's vectorByValueHeap.Less. */
export function sortNaNFirst(values: number[]): number[] {
  return values.sort((a, b) => {
    const an = Number.isNaN(a);
    const bn = Number.isNaN(b);
    if (an || bn) return an === bn ? 0 : an ? -1 : 1;
    return a - b;
  });
}

/** The q-quantile by linear interpolation between closest ranks; sorts `values` in place. */
export function quantile(q: number, values: number[]): number {
  if (values.length === 0) return NaN;
  // Sorting is needless when q is out of range: the answer is NaN or ±Inf.
  return sortedQuantile(q, q >= 0 && q <= 1 ? sortNaNFirst(values) : values, values.length);
}

/** The q-quantile of sorted[0..n), n > 0, sorted as sortNaNFirst does. */
export function sortedQuantile(q: number, sorted: ArrayLike<number>, n: number): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return sorted[lower] * (1 - weight) + sorted[upper] * weight;
}
