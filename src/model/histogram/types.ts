// Native histograms as Prometheus's model/histogram holds them: an integer
// Histogram (what a scrape brings; buckets delta-encoded, as chunks store them)
// and a FloatHistogram (what PromQL computes with; absolute bucket counts).
// Method names follow Go's in camelCase (Add → add, CopyToSchema →
// copyToSchema), so a reader can hold the two side by side.

/** What a histogram says about a counter reset (Prometheus's CounterResetHint). */
export const CounterResetHint = { Unknown: 0, CounterReset: 1, NotCounterReset: 2, Gauge: 3 } as const;
export type CounterResetHint = (typeof CounterResetHint)[keyof typeof CounterResetHint];

/** A run of `length` consecutive buckets, starting `offset` indexes after the previous span's end (the first span's offset is its start index). */
export interface Span {
  offset: number;
  length: number;
}

/** The schema of custom-bucket (NHCB) histograms: bounds in customValues. */
export const CUSTOM_BUCKETS_SCHEMA = -53;
export const EXPONENTIAL_SCHEMA_MIN = -4;
export const EXPONENTIAL_SCHEMA_MAX = 8;

/** The fields both kinds have, for building one: `new FloatHistogram({ schema: 0, count: 3, ... })`. */
export interface HistogramInit {
  counterResetHint?: CounterResetHint;
  schema?: number;
  zeroThreshold?: number;
  zeroCount?: number;
  count?: number;
  sum?: number;
  positiveSpans?: Span[];
  negativeSpans?: Span[];
  positiveBuckets?: number[];
  negativeBuckets?: number[];
  /** Set only for the custom-buckets schema; shared between copies, never mutated. */
  customValues?: readonly number[];
}

/**
 * A histogram as the HTTP API writes it (`"histogram": [t, {...}]`): count and
 * sum as Go float strings, buckets as [boundaryRule, lower, upper, count] with
 * boundaryRule 0 open left, 1 open right, 2 open both, 3 closed both. Local
 * and remote answers share it, so the UI draws both alike.
 */
export interface HistogramJSON {
  count: string;
  sum: string;
  buckets?: [number, string, string, string][];
}
