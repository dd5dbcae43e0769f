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
  if (values.length === 0 || Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  sortNaNFirst(values);
  const n = values.length;
  const rank = q * (n - 1);
  const lower = Math.max(0, Math.floor(rank));
  const upper = Math.min(n - 1, lower + 1);
  const weight = rank - Math.floor(rank);
  return values[lower] * (1 - weight) + values[upper] * weight;
}
