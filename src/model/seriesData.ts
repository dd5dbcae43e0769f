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

/**
 * Arrays one reader decodes series after series into, grown as needed: a
 * query over a day of a thousand series then touches one series' worth of
 * memory instead of writing every sample into fresh arrays.
 */
export class SampleBuffers {
  ts = new Float64Array(0);
  vs = new Float64Array(0);

  /** Room for n samples in both arrays (their old contents go). */
  ensure(n: number): void {
    if (this.ts.length >= n) return;
    const size = Math.max(n, this.ts.length * 2);
    this.ts = new Float64Array(size);
    this.vs = new Float64Array(size);
  }
}

/** A selected series whose samples are decoded only when read, as Prometheus's storage.Series hands out an iterator. */
export interface LazySeries {
  readonly labels: Labels;
  /** Whether a sample in the select's span may carry a start time (read's `st` is set only then). */
  readonly mayHaveStartTimes: boolean;
  /** Whether a sample in the select's span may be a native histogram (read's `hs` is set only then). */
  readonly mayHaveHistograms: boolean;
  /** At least as many samples as read returns (its chunks' sample counts), known without decoding. */
  readonly sampleBound: number;
  /**
   * Its samples in the select's span, undefined when it has none there. With
   * `into`, `ts` and `vs` are views of its arrays, valid until the next read
   * into them; without, fresh arrays.
   */
  read(into?: SampleBuffers): SeriesData | undefined;
}
