// Bucket iterators over spans and buckets (generic.go's baseBucketIterator,
// histogram.go's regular and cumulative iterators, float_histogram.go's
// forward, reverse and all-buckets iterators): Next() moves on, At() gives
// the bucket with its bounds. PromQL's quantile and fraction walk these.

import { type Bucket, getBound, getBoundExponential, targetIdx } from './bounds';
import { isCustomBucketsSchema, isExponentialSchema } from './schema';
import type { Span } from './types';

/** Go's BucketIterator: next() advances and says whether there is a bucket; at() is the current one. */
export interface BucketIterator {
  next(): boolean;
  at(): Bucket;
}

/** The fields every iterator keeps (baseBucketIterator). */
abstract class BaseBucketIterator implements BucketIterator {
  protected spansIdx = 0;
  protected idxInSpan = 0;
  protected bucketsIdx = 0;
  /** Count in the current bucket. */
  currCount = 0;
  /** The current bucket's index within its schema. */
  currIdx = 0;

  constructor(
    protected readonly schema: number,
    protected readonly spans: readonly Span[],
    protected readonly buckets: readonly number[],
    protected readonly positive: boolean,
    protected readonly customValues: readonly number[] | undefined,
  ) {}

  abstract next(): boolean;

  at(): Bucket {
    return this.atSchema(this.schema);
  }

  protected atSchema(schema: number): Bucket {
    const idx = this.currIdx;
    let lower: number;
    let upper: number;
    if (this.positive) {
      upper = getBound(idx, schema, this.customValues);
      lower = getBound(idx - 1, schema, this.customValues);
    } else {
      lower = -getBound(idx, schema, this.customValues);
      upper = -getBound(idx - 1, schema, this.customValues);
    }
    const custom = isCustomBucketsSchema(schema);
    return {
      lower,
      upper,
      lowerInclusive: custom ? idx === 0 : lower < 0,
      upperInclusive: custom ? true : upper > 0,
      count: this.currCount,
      index: idx,
    };
  }
}

/** Walks an integer histogram's delta-encoded buckets, yielding absolute counts (regularBucketIterator). */
export class RegularBucketIterator extends BaseBucketIterator {
  next(): boolean {
    if (this.spansIdx >= this.spans.length) return false;
    let span = this.spans[this.spansIdx];
    if (this.bucketsIdx === 0) this.currIdx = span.offset;
    else this.currIdx++;
    while (this.idxInSpan >= span.length) {
      // Span exhausted (or a pathological length-0 span): on to the next.
      this.idxInSpan = 0;
      this.spansIdx++;
      if (this.spansIdx >= this.spans.length) return false;
      span = this.spans[this.spansIdx];
      this.currIdx += span.offset;
    }
    if (this.bucketsIdx >= this.buckets.length) return false; // Only an invalid histogram gets here.
    this.currCount += this.buckets[this.bucketsIdx];
    this.idxInSpan++;
    this.bucketsIdx++;
    return true;
  }
}

/**
 * A float histogram's buckets, merged down to targetSchema (≤ schema) on the
 * fly, skipping exponential buckets whose upper bound is ≤ absoluteStartValue
 * (floatBucketIterator). Used for detectReset and the plain iterators.
 */
export class FloatBucketIterator extends BaseBucketIterator {
  private origIdx = 0;
  private boundReachedStartValue: boolean;

  constructor(
    schema: number,
    spans: readonly Span[],
    buckets: readonly number[],
    positive: boolean,
    customValues: readonly number[] | undefined,
    private readonly targetSchema: number,
    private readonly absoluteStartValue: number,
  ) {
    super(schema, spans, buckets, positive, customValues);
    if (isCustomBucketsSchema(schema) && targetSchema !== schema) throw new Error('cannot merge from custom buckets schema to exponential schema');
    if (!isCustomBucketsSchema(schema) && isCustomBucketsSchema(targetSchema)) throw new Error('cannot merge from exponential buckets schema to custom schema');
    if (targetSchema > schema) throw new Error(`cannot merge from schema ${schema} to ${targetSchema}`);
    this.boundReachedStartValue = absoluteStartValue === 0;
  }

  override at(): Bucket {
    return this.atSchema(this.targetSchema);
  }

  next(): boolean {
    for (;;) {
      if (!this.advance()) return false;
      // Skip buckets below absoluteStartValue (exponential schemas only); Go recurses, we loop.
      if (!this.boundReachedStartValue && isExponentialSchema(this.targetSchema) && getBoundExponential(this.currIdx, this.targetSchema) <= this.absoluteStartValue) continue;
      this.boundReachedStartValue = true;
      return true;
    }
  }

  private advance(): boolean {
    if (this.spansIdx >= this.spans.length) return false;
    let span = this.spans[this.spansIdx];
    if (this.schema === this.targetSchema) {
      if (this.bucketsIdx === 0) this.currIdx = span.offset;
      else this.currIdx++;
      if (this.bucketsIdx >= this.buckets.length) return false;
      while (this.idxInSpan >= span.length) {
        this.idxInSpan = 0;
        this.spansIdx++;
        if (this.spansIdx >= this.spans.length) return false;
        span = this.spans[this.spansIdx];
        this.currIdx += span.offset;
      }
      this.currCount = this.buckets[this.bucketsIdx];
      this.idxInSpan++;
      this.bucketsIdx++;
      return true;
    }
    // Merge all origin buckets that fall into one target bucket; locals let
    // us look one bucket ahead and leave the state as it was when it belongs to the next.
    let origIdx = this.origIdx;
    let spansIdx = this.spansIdx;
    let idxInSpan = this.idxInSpan;
    let firstPass = true;
    this.currCount = 0;
    for (;;) {
      if (this.bucketsIdx === 0) origIdx = span.offset;
      else origIdx++;
      if (this.bucketsIdx >= this.buckets.length) {
        if (firstPass) return false;
        break;
      }
      let exhausted = false;
      while (idxInSpan >= span.length) {
        idxInSpan = 0;
        spansIdx++;
        if (spansIdx >= this.spans.length) {
          exhausted = true;
          break;
        }
        span = this.spans[spansIdx];
        origIdx += span.offset;
      }
      if (exhausted) {
        if (firstPass) return false;
        break;
      }
      const currIdx = targetIdx(origIdx, this.schema, this.targetSchema);
      if (firstPass) {
        this.currIdx = currIdx;
        firstPass = false;
      } else if (currIdx !== this.currIdx) {
        break;
      }
      this.currCount += this.buckets[this.bucketsIdx];
      idxInSpan++;
      this.bucketsIdx++;
      this.origIdx = origIdx;
      this.spansIdx = spansIdx;
      this.idxInSpan = idxInSpan;
    }
    return true;
  }
}

/** From the highest-index bucket down (reverseFloatBucketIterator): positive buckets from the top, negative from the bottom. */
export class ReverseFloatBucketIterator extends BaseBucketIterator {
  constructor(schema: number, spans: readonly Span[], buckets: readonly number[], positive: boolean, customValues: readonly number[] | undefined) {
    super(schema, spans, buckets, positive, customValues);
    this.spansIdx = spans.length - 1;
    this.bucketsIdx = buckets.length - 1;
    if (this.spansIdx >= 0) this.idxInSpan = spans[this.spansIdx].length - 1;
    this.currIdx = 0;
    for (const s of spans) this.currIdx += s.offset + s.length;
  }

  next(): boolean {
    this.currIdx--;
    if (this.bucketsIdx < 0) return false;
    while (this.idxInSpan < 0) {
      this.spansIdx--;
      if (this.spansIdx < 0) return false;
      this.idxInSpan = this.spans[this.spansIdx].length - 1;
      this.currIdx -= this.spans[this.spansIdx + 1].offset;
    }
    this.currCount = this.buckets[this.bucketsIdx];
    this.bucketsIdx--;
    this.idxInSpan--;
    return true;
  }
}

/** What the all-buckets iterator needs of its histogram: the zero bucket. */
export interface ZeroBucketSource {
  zeroThreshold: number;
  zeroCount: number;
  zeroBucket(): Bucket;
}

/**
 * Negative, zero and positive buckets in one walk (allFloatBucketIterator):
 * ascending for allBucketIterator, descending for allReverseBucketIterator.
 * A bucket overlapping the zero bucket has that bound clipped to ±zeroThreshold.
 */
export class AllFloatBucketIterator implements BucketIterator {
  private state = -1;
  private curr: Bucket | undefined;

  constructor(
    private readonly h: ZeroBucketSource,
    private readonly leftIter: BucketIterator,
    private readonly rightIter: BucketIterator,
  ) {}

  next(): boolean {
    const zt = this.h.zeroThreshold;
    for (;;) {
      if (this.state === -1) {
        if (this.leftIter.next()) {
          this.curr = clipToZeroBucket(this.leftIter.at(), zt);
          return true;
        }
        this.state = 0;
      } else if (this.state === 0) {
        this.state = 1;
        if (this.h.zeroCount > 0) {
          this.curr = this.h.zeroBucket();
          return true;
        }
      } else if (this.state === 1) {
        if (this.rightIter.next()) {
          this.curr = clipToZeroBucket(this.rightIter.at(), zt);
          return true;
        }
        this.state = 42;
        return false;
      } else {
        return false;
      }
    }
  }

  at(): Bucket {
    if (this.curr === undefined) throw new Error('AllFloatBucketIterator: at() before next()');
    return this.curr;
  }
}

function clipToZeroBucket(b: Bucket, zeroThreshold: number): Bucket {
  if (b.upper < 0 && b.upper > -zeroThreshold) b.upper = -zeroThreshold;
  else if (b.lower > 0 && b.lower < zeroThreshold) b.lower = zeroThreshold;
  return b;
}

/** What the cumulative iterator reads of an integer histogram. */
export interface CumulativeSource {
  schema: number;
  zeroThreshold: number;
  zeroCount: number;
  positiveSpans: readonly Span[];
  positiveBuckets: readonly number[];
  customValues: readonly number[] | undefined;
}

/** Cumulative counts with the zero bucket first and empty gap buckets filled in (cumulativeBucketIterator; positive buckets only). */
export class CumulativeBucketIterator implements BucketIterator {
  private posSpansIdx = -1;
  private posBucketsIdx = 0;
  private idxInSpan = 0;
  private initialized = false;
  private currIdx = 0;
  private currUpper = 0;
  private currCount = 0;
  private currCumulativeCount = 0;
  private emptyBucketCount = 0;

  constructor(private readonly h: CumulativeSource) {}

  next(): boolean {
    const h = this.h;
    if (this.posSpansIdx === -1) {
      this.posSpansIdx++;
      if (h.zeroCount === 0) return this.next();
      this.currUpper = h.zeroThreshold;
      this.currCount = h.zeroCount;
      this.currCumulativeCount = this.currCount;
      return true;
    }
    if (this.posSpansIdx >= h.positiveSpans.length) return false;
    if (this.emptyBucketCount > 0) {
      this.currUpper = getBound(this.currIdx, h.schema, h.customValues);
      this.currIdx++;
      this.emptyBucketCount--;
      return true;
    }
    const span = h.positiveSpans[this.posSpansIdx];
    if (this.posSpansIdx === 0 && !this.initialized) {
      this.currIdx = span.offset;
      this.currCount = 0; // The first bucket is absolute, not a delta to the zero bucket.
      this.initialized = true;
    }
    if (this.posBucketsIdx >= h.positiveBuckets.length) return false;
    this.currCount += h.positiveBuckets[this.posBucketsIdx];
    this.currCumulativeCount += this.currCount;
    this.currUpper = getBound(this.currIdx, h.schema, h.customValues);
    this.posBucketsIdx++;
    this.idxInSpan++;
    this.currIdx++;
    if (this.idxInSpan >= span.length) {
      this.posSpansIdx++;
      this.idxInSpan = 0;
      if (this.posSpansIdx < h.positiveSpans.length) this.emptyBucketCount = h.positiveSpans[this.posSpansIdx].offset;
    }
    return true;
  }

  at(): Bucket {
    return {
      upper: this.currUpper,
      lower: -Infinity,
      upperInclusive: true,
      lowerInclusive: true,
      count: this.currCumulativeCount,
      index: this.currIdx - 1,
    };
  }
}
