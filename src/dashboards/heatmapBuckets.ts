// A histogram's `_bucket` series turned into the cells a heatmap draws. The
// series count cumulatively in `le` (each bucket holds all observations up to
// its bound), so each bucket's count is its own value minus the one below, as
// Grafana's transformToHistogramOverTime does for the "heatmap" format.

import type { RangeColumns } from '../model/queryResult';

export interface HeatmapBucket {
  /** The `le` label as written. */
  le: string;
  /** The bucket's bounds: (lower, upper]; the lowest starts at 0 (or -Inf below zero), `+Inf` is Infinity. */
  lower: number;
  upper: number;
}

export interface HeatmapMatrix {
  times: Float64Array;
  /** By upper bound, ascending, `+Inf` last. */
  buckets: HeatmapBucket[];
  /** counts[b][step]: observations in bucket b at that step; NaN where the bucket has no sample. */
  counts: Float64Array[];
  /** The largest count, for the colour scale; 0 when there is none. */
  max: number;
  /** Series left out because their `le` is missing or not a number. */
  ignored: number;
}

/** Prometheus writes the bound as a float (`0.1`, `1e-3`, `+Inf`). */
function parseLe(le: string | undefined): number {
  if (le === undefined || le.trim() === '') return NaN;
  if (/^\+?inf$/i.test(le.trim())) return Infinity;
  return Number(le);
}

/**
 * Series with the same `le` are added together (a query not summed by `le`
 * still draws one row per bound). A step where a lower bucket has no sample
 * counts it as 0, as Grafana does; a count below 0 (independent rates of
 * neighbouring buckets) is drawn as 0.
 */
export function heatmapBuckets(data: RangeColumns): HeatmapMatrix {
  const n = data.times.length;
  const byLe = new Map<number, { le: string; cum: Float64Array }>();
  let ignored = 0;
  for (const s of data.series) {
    const bound = parseLe(s.labels.le);
    if (Number.isNaN(bound)) {
      ignored++;
      continue;
    }
    let row = byLe.get(bound);
    if (!row) {
      row = { le: s.labels.le, cum: new Float64Array(n).fill(NaN) };
      byLe.set(bound, row);
    }
    for (let i = 0; i < n; i++) {
      const v = s.vs[i];
      if (Number.isNaN(v)) continue;
      row.cum[i] = Number.isNaN(row.cum[i]) ? v : row.cum[i] + v;
    }
  }
  const bounds = [...byLe.keys()].sort((a, b) => a - b);
  const buckets: HeatmapBucket[] = bounds.map((upper, b) => ({
    le: byLe.get(upper)!.le,
    lower: b === 0 ? (upper > 0 ? 0 : -Infinity) : bounds[b - 1],
    upper,
  }));
  let max = 0;
  const counts = bounds.map((upper, b) => {
    const own = byLe.get(upper)!.cum;
    const below = b === 0 ? null : byLe.get(bounds[b - 1])!.cum;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(own[i])) {
        out[i] = NaN;
        continue;
      }
      const lower = below === null || Number.isNaN(below[i]) ? 0 : below[i];
      out[i] = Math.max(0, own[i] - lower);
      if (out[i] > max) max = out[i];
    }
    return out;
  });
  return { times: data.times, buckets, counts, max, ignored };
}
