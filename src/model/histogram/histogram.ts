import { CounterResetHint, type HistogramInit, type Span } from './types';

/** Integer counts, as a scrape brings them: buckets hold deltas (the first absolute, then each the difference to the one before), as Go's Histogram and its chunks do. */
export class Histogram {
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
