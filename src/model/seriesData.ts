// One series' samples as a select answers them, the shape storage hands to
// queries, exports and remote writes alike.

import type { FloatHistogram } from './histogram/floatHistogram';
import type { Histogram } from './histogram/histogram';
import type { Labels } from './labels';

/** One series' samples in [mint, maxt]: timestamps in integer ms, values as float64 (stale NaN kept). */
export interface SeriesData {
  labels: Labels;
  ts: Float64Array;
  vs: Float64Array;
  /** Start times aligned with ts (0 = unknown); left out when no sample in the range has one. */
  st?: Float64Array;
  /** Native histogram samples aligned with ts (vs is 0 there); left out when the range holds none. A stale marker is a float stale NaN, never a histogram. */
  hs?: (Histogram | FloatHistogram | undefined)[];
}
