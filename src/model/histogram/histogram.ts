import { type Bucket, bucketToString } from './bounds';
import { type BucketIterator, CumulativeBucketIterator, RegularBucketIterator } from './bucketIterators';
import { FloatHistogram, sameBits } from './floatHistogram';
import { reduceResolution } from './reduceResolution';
import { customBucketBoundsMatch, HistogramError, invalidSchemaError, isCustomBucketsSchema, isExponentialSchema } from './schema';
import { checkHistogramBuckets, checkHistogramCustomBounds, checkHistogramSpans, compactBuckets, spansMatch } from './spans';
import { CounterResetHint, type HistogramInit, type Span } from './types';
import { formatG } from '../goFloat';

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

  usesCustomBuckets(): boolean {
    return isCustomBucketsSchema(this.schema);
  }

  /** A deep copy; custom values are interned and shared; an NHCB copy drops the zero bucket and negative side it must not have. */
  copy(): Histogram {
    const c = new Histogram();
    this.copyTo(c);
    return c;
  }

  /** Deep copy into `to`. */
  copyTo(to: Histogram): void {
    to.counterResetHint = this.counterResetHint;
    to.schema = this.schema;
    to.count = this.count;
    to.sum = this.sum;
    if (this.usesCustomBuckets()) {
      to.zeroThreshold = 0;
      to.zeroCount = 0;
      to.negativeSpans = [];
      to.negativeBuckets = [];
      to.customValues = this.customValues;
    } else {
      to.zeroThreshold = this.zeroThreshold;
      to.zeroCount = this.zeroCount;
      to.negativeSpans = this.negativeSpans.map((s) => ({ offset: s.offset, length: s.length }));
      to.negativeBuckets = this.negativeBuckets.slice();
      to.customValues = undefined;
    }
    to.positiveSpans = this.positiveSpans.map((s) => ({ offset: s.offset, length: s.length }));
    to.positiveBuckets = this.positiveBuckets.slice();
  }

  /** Go's String(): "{count:N, sum:S, [lower,upper):count, …}", non-empty buckets from lowest to highest. */
  toString(): string {
    const intCount = (c: number): string => String(c);
    const parts = [`{count:${this.count}, sum:${formatG(this.sum)}`];
    const neg: Bucket[] = [];
    for (let it = this.negativeBucketIterator(); it.next(); ) {
      const b = it.at();
      if (b.count !== 0) neg.push(b);
    }
    for (let i = neg.length - 1; i >= 0; i--) parts.push(bucketToString(neg[i], intCount));
    if (this.zeroCount !== 0) parts.push(bucketToString(this.zeroBucket(), intCount));
    for (let it = this.positiveBucketIterator(); it.next(); ) {
      const b = it.at();
      if (b.count !== 0) parts.push(bucketToString(b, intCount));
    }
    return parts.join(', ') + '}';
  }

  /** The zero bucket [-zeroThreshold, zeroThreshold]; an NHCB histogram has none and throws. */
  zeroBucket(): Bucket {
    if (this.usesCustomBuckets()) throw new Error('histograms with custom buckets have no zero bucket');
    return { lower: -this.zeroThreshold, upper: this.zeroThreshold, lowerInclusive: true, upperInclusive: true, count: this.zeroCount, index: 0 };
  }

  /** Positive buckets upwards from the zero bucket, with absolute counts. */
  positiveBucketIterator(): BucketIterator {
    return new RegularBucketIterator(this.schema, this.positiveSpans, this.positiveBuckets, true, this.customValues);
  }

  /** Negative buckets downwards from the zero bucket, with absolute counts. */
  negativeBucketIterator(): BucketIterator {
    return new RegularBucketIterator(this.schema, this.negativeSpans, this.negativeBuckets, false, undefined);
  }

  /** Cumulative buckets (lower -Inf), zero bucket first, gaps filled; throws when there are negative buckets, as Go panics. */
  cumulativeBucketIterator(): BucketIterator {
    if (this.negativeBuckets.length > 0) throw new Error('CumulativeBucketIterator called on Histogram with negative buckets');
    return new CumulativeBucketIterator(this);
  }

  /**
   * Exact data equality: same schema, count, sum (by bit pattern, so NaN
   * equals the same NaN), zero bucket, layout (zero-length spans aside) and
   * bucket values; custom bounds only for NHCB.
   */
  equals(h2: Histogram | undefined): boolean {
    if (h2 === undefined) return false;
    if (this.schema !== h2.schema || this.count !== h2.count || !sameBits(this.sum, h2.sum)) return false;
    if (this.usesCustomBuckets() && !customBucketBoundsMatch(this.customValues, h2.customValues)) return false;
    if (this.zeroThreshold !== h2.zeroThreshold || this.zeroCount !== h2.zeroCount) return false;
    if (!spansMatch(this.negativeSpans, h2.negativeSpans) || !sameNumbers(this.negativeBuckets, h2.negativeBuckets)) return false;
    return spansMatch(this.positiveSpans, h2.positiveSpans) && sameNumbers(this.positiveBuckets, h2.positiveBuckets);
  }

  /** Removes empty buckets as FloatHistogram.compact does, keeping the delta encoding right; in place, returns this. */
  compact(maxEmptyBuckets: number): Histogram {
    const p = compactBuckets(this.positiveBuckets, undefined, this.positiveSpans, maxEmptyBuckets, true);
    this.positiveBuckets = p.buckets;
    this.positiveSpans = p.spans;
    const n = compactBuckets(this.negativeBuckets, undefined, this.negativeSpans, maxEmptyBuckets, true);
    this.negativeBuckets = n.buckets;
    this.negativeSpans = n.spans;
    return this;
  }

  /** A FloatHistogram with absolute counts (a deep copy), written into `fh` when given. */
  toFloat(fh: FloatHistogram = new FloatHistogram()): FloatHistogram {
    fh.counterResetHint = this.counterResetHint;
    fh.schema = this.schema;
    fh.count = this.count;
    fh.sum = this.sum;
    if (this.usesCustomBuckets()) {
      fh.zeroThreshold = 0;
      fh.zeroCount = 0;
      fh.negativeSpans = [];
      fh.negativeBuckets = [];
      fh.customValues = this.customValues;
    } else {
      fh.zeroThreshold = this.zeroThreshold;
      fh.zeroCount = this.zeroCount;
      fh.negativeSpans = this.negativeSpans.map((s) => ({ offset: s.offset, length: s.length }));
      fh.negativeBuckets = absoluteCounts(this.negativeBuckets);
      fh.customValues = undefined;
    }
    fh.positiveSpans = this.positiveSpans.map((s) => ({ offset: s.offset, length: s.length }));
    fh.positiveBuckets = absoluteCounts(this.positiveBuckets);
    return fh;
  }

  /**
   * Checks spans against buckets, counts for negatives, fields the schema
   * forbids, and that count equals the buckets' total (at least it when sum
   * is NaN, as NaN observations land in no bucket). Returns the error, or undefined.
   */
  validate(): HistogramError | undefined {
    let nCount = 0;
    if (isCustomBucketsSchema(this.schema)) {
      const err = checkHistogramCustomBounds(this.customValues, this.positiveSpans, this.positiveBuckets.length);
      if (err) return err.wrap('custom buckets');
      if (this.zeroCount !== 0) return new HistogramError('CustomBucketsZeroCount');
      if (this.zeroThreshold !== 0) return new HistogramError('CustomBucketsZeroThresh');
      if (this.negativeSpans.length > 0) return new HistogramError('CustomBucketsNegSpans');
      if (this.negativeBuckets.length > 0) return new HistogramError('CustomBucketsNegBuckets');
    } else if (isExponentialSchema(this.schema)) {
      let err = checkHistogramSpans(this.positiveSpans, this.positiveBuckets.length);
      if (err) return err.wrap('positive side');
      err = checkHistogramSpans(this.negativeSpans, this.negativeBuckets.length);
      if (err) return err.wrap('negative side');
      const neg = checkHistogramBuckets(this.negativeBuckets, true);
      if (neg.err) return neg.err.wrap('negative side');
      nCount = neg.count;
      if (this.customValues !== undefined) return new HistogramError('ExpSchemaCustomBounds');
    } else {
      return invalidSchemaError(this.schema);
    }
    const pos = checkHistogramBuckets(this.positiveBuckets, true);
    if (pos.err) return pos.err.wrap('positive side');
    const sumOfBuckets = nCount + pos.count + this.zeroCount;
    if (Number.isNaN(this.sum)) {
      if (sumOfBuckets > this.count) return new HistogramError('CountNotBigEnough', `${sumOfBuckets} observations found in buckets, but the Count field is ${this.count}`);
    } else if (sumOfBuckets !== this.count) {
      return new HistogramError('CountMismatch', `${sumOfBuckets} observations found in buckets, but the Count field is ${this.count}`);
    }
    return undefined;
  }

  /** Merges buckets down to targetSchema (< schema), in place; throws on NHCB, a custom target, a higher target or inconsistent spans, as Go returns errors. */
  reduceResolution(targetSchema: number): void {
    if (this.usesCustomBuckets()) throw new Error('cannot reduce resolution when there are custom buckets');
    if (isCustomBucketsSchema(targetSchema)) throw new Error('cannot reduce resolution to custom buckets schema');
    if (targetSchema >= this.schema) throw new Error(`cannot reduce resolution from schema ${this.schema} to ${targetSchema}`);
    const p = reduceResolution(this.positiveSpans, this.positiveBuckets, this.schema, targetSchema, true);
    const n = reduceResolution(this.negativeSpans, this.negativeBuckets, this.schema, targetSchema, true);
    this.positiveSpans = p.spans;
    this.positiveBuckets = p.buckets;
    this.negativeSpans = n.spans;
    this.negativeBuckets = n.buckets;
    this.schema = targetSchema;
  }
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function absoluteCounts(deltas: readonly number[]): number[] {
  const out = new Array<number>(deltas.length);
  let current = 0;
  for (let i = 0; i < deltas.length; i++) {
    current += deltas[i];
    out[i] = current;
  }
  return out;
}
