// Float comparison with a relative tolerance, as Prometheus's util/almost.Equal
// (used to ignore tiny bucket deltas and to compare test expectations).

const MIN_NORMAL = 2.2250738585072014e-308;

/** True when a and b are equal within relative epsilon; NaN equals NaN. */
export function almostEqual(a: number, b: number, epsilon: number): boolean {
  if (a === b) return true;
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  const absSum = Math.abs(a) + Math.abs(b);
  const diff = Math.abs(a - b);
  if (a === 0 || b === 0 || absSum < MIN_NORMAL) return diff < epsilon * MIN_NORMAL;
  return diff / Math.min(absSum, Number.MAX_VALUE) < epsilon;
}
