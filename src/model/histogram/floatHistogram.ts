import { CounterResetHint, type HistogramInit, type Span } from './types';

/** Float counts, what PromQL computes with: buckets hold absolute counts; `sum` carries the stale NaN of a stale marker. */
export class FloatHistogram {
  counterResetHint: CounterResetHint;
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  count: number;
  sum: number;
  positiveSpans: Span[];
  negativeSpans: Span[];
  positiveBuckets: number[];
  negativeBuckets: number[];
  customValues: readonly number[] | undefined;

  constructor(init: HistogramInit = {}) {
    this.counterResetHint = init.counterResetHint ?? CounterResetHint.Unknown;
    this.schema = init.schema ?? 0;
    this.zeroThreshold = init.zeroThreshold ?? 0;
    this.zeroCount = init.zeroCount ?? 0;
    this.count = init.count ?? 0;
    this.sum = init.sum ?? 0;
    this.positiveSpans = init.positiveSpans ?? [];
    this.negativeSpans = init.negativeSpans ?? [];
    this.positiveBuckets = init.positiveBuckets ?? [];
    this.negativeBuckets = init.negativeBuckets ?? [];
    this.customValues = init.customValues;
  }
}
