// What a query or a look-up answers, whoever answers it (this browser's store
// or a remote Prometheus): plain data that crosses a worker boundary by
// structured clone, a range result already in the columns uPlot draws.

/** A series' raw samples: timestamps in ms beside float64 values. */
export interface SeriesColumns {
  labels: Record<string, string>;
  ts: Float64Array;
  vs: Float64Array;
}

/** One series of a range result, its values aligned with RangeColumns.times. */
export interface GraphSeries {
  labels: Record<string, string>;
  /** NaN where the series has no sample at that step. */
  vs: Float64Array;
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
