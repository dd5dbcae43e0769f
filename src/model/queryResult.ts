// What a query or a look-up answers, whoever answers it (this browser's store
// or a remote Prometheus): plain data that crosses a worker boundary by
// structured clone, a range result already in the columns uPlot draws.

import type { HistogramJSON } from './histogram/types';

/** A series' raw samples: timestamps in ms beside float64 values. */
export interface SeriesColumns {
  labels: Record<string, string>;
  ts: Float64Array;
  vs: Float64Array;
  /** Native histogram samples aligned with ts (null where the sample is a float); left out when none is. */
  hs?: (HistogramJSON | null)[];
}

/** One series of a range result, its values aligned with RangeColumns.times. */
export interface GraphSeries {
  labels: Record<string, string>;
  /** NaN where the series has no sample at that step. */
  vs: Float64Array;
  /** Native histograms aligned with times (null where the step has a float or nothing); left out when none is. */
  hs?: (HistogramJSON | null)[];
}

/** A range result as the columns uPlot draws: one shared time axis (ms), one value column per series. */
export interface RangeColumns {
  resultType: 'matrix';
  times: Float64Array;
  series: GraphSeries[];
  warnings: string[];
  infos: string[];
}

export interface InstantRow {
  labels: Record<string, string>;
  /** Sample time in ms. */
  t: number;
  value: number;
  /** Set when the sample is a native histogram (value is then NaN). */
  histogram?: HistogramJSON;
}

export interface InstantResult {
  resultType: 'vector' | 'scalar' | 'string' | 'matrix';
  rows: InstantRow[];
  /** For a string result. */
  text?: string;
  /** For a matrix result (range selector at the top level): samples per series. */
  matrix?: SeriesColumns[];
  warnings: string[];
  infos: string[];
}

export interface MetricMeta {
  type: string;
  help: string;
  unit: string;
}
