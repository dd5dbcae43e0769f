import { type Bucket, bucketToString } from './bounds';
import { addBuckets, addCustomBucketsWithMismatches, intersectCustomBucketBounds, kahanAddBuckets } from './bucketArithmetic';
import { AllFloatBucketIterator, type BucketIterator, FloatBucketIterator, ReverseFloatBucketIterator } from './bucketIterators';
import { detectReset } from './detectReset';
import { kahanInc } from '../kahanSum';
import { kahanReduceResolution, reduceResolution } from './reduceResolution';
import { customBucketBoundsMatch, HistogramError, invalidSchemaError, isCustomBucketsSchema, isExponentialSchema } from './schema';
import { checkHistogramBuckets, checkHistogramCustomBounds, checkHistogramSpans, compactBuckets, spansMatch } from './spans';
import { testExpression } from './testExpression';
import { trimBuckets } from './trimBuckets';
import { CounterResetHint, type HistogramInit, type Span } from './types';
import { reconcileZeroBuckets } from './zeroBucket';
import { formatG } from '../goFloat';

/** What add, sub and kahanAdd report beside changing the receiver (Go's extra return values). */
export interface HistogramOpResult {
  /** One side said CounterReset, the other NotCounterReset; the hint became Unknown. PromQL warns. */
  counterResetCollision: boolean;
  /** NHCB bounds differed and were reduced to the ones both share. PromQL adds an info annotation. */
  nhcbBoundsReconciled: boolean;
  /** ErrHistogramsIncompatibleSchema (exponential mixed with custom buckets); the receiver is unchanged then. */
  err?: HistogramError;
}

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

  usesCustomBuckets(): boolean {
    return isCustomBucketsSchema(this.schema);
  }

  /** A deep copy; custom values are interned and shared; an NHCB copy drops the zero bucket and negative side. */
  copy(): FloatHistogram {
    const c = new FloatHistogram();
    this.copyTo(c);
    return c;
  }

  /** Deep copy into `to`. */
  copyTo(to: FloatHistogram): void {
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
      to.negativeSpans = copySpans(this.negativeSpans);
      to.negativeBuckets = this.negativeBuckets.slice();
      to.customValues = undefined;
    }
    to.positiveSpans = copySpans(this.positiveSpans);
    to.positiveBuckets = this.positiveBuckets.slice();
  }

  /** A deep copy at targetSchema ≤ schema (buckets merged); the hint is not copied (Go leaves it Unknown). Throws for custom buckets on either side. */
  copyToSchema(targetSchema: number): FloatHistogram {
    if (targetSchema === this.schema) return this.copy();
    if (this.usesCustomBuckets()) throw new Error(`cannot reduce resolution to ${targetSchema} when there are custom buckets`);
    if (isCustomBucketsSchema(targetSchema)) throw new Error('cannot reduce resolution to custom buckets schema');
    if (targetSchema > this.schema) throw new Error(`cannot copy from schema ${this.schema} to ${targetSchema}`);
    const p = reduceResolution(this.positiveSpans, this.positiveBuckets, this.schema, targetSchema, false);
    const n = reduceResolution(this.negativeSpans, this.negativeBuckets, this.schema, targetSchema, false);
    return new FloatHistogram({
      schema: targetSchema,
      zeroThreshold: this.zeroThreshold,
      zeroCount: this.zeroCount,
      count: this.count,
      sum: this.sum,
      positiveSpans: p.spans,
      positiveBuckets: p.buckets,
      negativeSpans: n.spans,
      negativeBuckets: n.buckets,
    });
  }

  /** Go's String(): "{count:C, sum:S, [lower,upper):count, …}", non-empty buckets from lowest to highest, all %g. */
  toString(): string {
    const parts = [`{count:${formatG(this.count)}, sum:${formatG(this.sum)}`];
    const neg: Bucket[] = [];
    for (let it = this.negativeBucketIterator(); it.next(); ) {
      const b = it.at();
      if (b.count !== 0) neg.push(b);
    }
    for (let i = neg.length - 1; i >= 0; i--) parts.push(bucketToString(neg[i]));
    if (this.zeroCount !== 0) parts.push(bucketToString(this.zeroBucket()));
    for (let it = this.positiveBucketIterator(); it.next(); ) {
      const b = it.at();
      if (b.count !== 0) parts.push(bucketToString(b));
    }
    return parts.join(', ') + '}';
  }

  /** The `{{schema:0 count:3 sum:5 buckets:[1 2]}}` form promqltest and promtool print (TestExpression). */
  testExpression(): string {
    return testExpression(this);
  }

  /** The zero bucket [-zeroThreshold, zeroThreshold]; an NHCB histogram has none and throws. */
  zeroBucket(): Bucket {
    if (this.usesCustomBuckets()) throw new Error('histograms with custom buckets have no zero bucket');
    return { lower: -this.zeroThreshold, upper: this.zeroThreshold, lowerInclusive: true, upperInclusive: true, count: this.zeroCount, index: 0 };
  }

  /** Scales every count and the sum, in place; a negative factor makes it a gauge. Returns this. */
  mul(factor: number): FloatHistogram {
    this.zeroCount *= factor;
    this.count *= factor;
    this.sum *= factor;
    for (let i = 0; i < this.positiveBuckets.length; i++) this.positiveBuckets[i] *= factor;
    for (let i = 0; i < this.negativeBuckets.length; i++) this.negativeBuckets[i] *= factor;
    if (factor < 0) this.counterResetHint = CounterResetHint.Gauge;
    return this;
  }

  /** Divides in place as mul multiplies; dividing by zero leaves count/sum/zero count ±Inf or NaN and removes all buckets, as Go does. */
  div(scalar: number): FloatHistogram {
    this.zeroCount /= scalar;
    this.count /= scalar;
    this.sum /= scalar;
    if (scalar === 0) {
      this.positiveBuckets = [];
      this.negativeBuckets = [];
      this.positiveSpans = [];
      this.negativeSpans = [];
      return this;
    }
    for (let i = 0; i < this.positiveBuckets.length; i++) this.positiveBuckets[i] /= scalar;
    for (let i = 0; i < this.negativeBuckets.length; i++) this.negativeBuckets[i] /= scalar;
    if (scalar < 0) this.counterResetHint = CounterResetHint.Gauge;
    return this;
  }

  /**
   * Adds `other` into this histogram (other is untouched): zero thresholds
   * and schemas reconciled to the wider and coarser, NHCB bounds to their
   * intersection. The result may hold empty buckets; compact() normalises.
   */
  add(other: FloatHistogram): HistogramOpResult {
    return this.addOrSub(other, false);
  }

  /** As add, subtracting. PromQL's `-` then sets the hint to Gauge itself, as Prometheus does. */
  sub(other: FloatHistogram): HistogramOpResult {
    return this.addOrSub(other, true);
  }

  private addOrSub(other: FloatHistogram, negative: boolean): HistogramOpResult {
    if (this.usesCustomBuckets() !== other.usesCustomBuckets()) return incompatible();
    const counterResetCollision = this.adjustCounterReset(other);
    if (!this.usesCustomBuckets()) {
      const z = reconcileZeroBuckets(this, other, undefined);
      this.zeroCount = negative ? this.zeroCount - z.zeroCount : this.zeroCount + z.zeroCount;
    }
    this.count = negative ? this.count - other.count : this.count + other.count;
    this.sum = negative ? this.sum - other.sum : this.sum + other.sum;

    if (this.usesCustomBuckets()) {
      if (customBucketBoundsMatch(this.customValues, other.customValues)) {
        const r = addBuckets(this.schema, this.zeroThreshold, negative, this.positiveSpans, this.positiveBuckets, other.positiveSpans, other.positiveBuckets);
        this.positiveSpans = r.spans;
        this.positiveBuckets = r.buckets;
        return { counterResetCollision, nhcbBoundsReconciled: false };
      }
      const bounds = intersectCustomBucketBounds(this.customValues, other.customValues);
      const r = addCustomBucketsWithMismatches(negative, this.positiveSpans, this.positiveBuckets, this.customValues, other.positiveSpans, other.positiveBuckets, other.customValues, undefined, bounds);
      this.positiveSpans = r.spans;
      this.positiveBuckets = r.buckets;
      this.customValues = bounds;
      return { counterResetCollision, nhcbBoundsReconciled: true };
    }

    let oPos = { spans: other.positiveSpans, buckets: other.positiveBuckets };
    let oNeg = { spans: other.negativeSpans, buckets: other.negativeBuckets };
    if (other.schema < this.schema) {
      const p = reduceResolution(this.positiveSpans, this.positiveBuckets, this.schema, other.schema, false);
      const n = reduceResolution(this.negativeSpans, this.negativeBuckets, this.schema, other.schema, false);
      this.positiveSpans = p.spans;
      this.positiveBuckets = p.buckets;
      this.negativeSpans = n.spans;
      this.negativeBuckets = n.buckets;
      this.schema = other.schema;
    } else if (other.schema > this.schema) {
      oPos = reduceResolution(oPos.spans, oPos.buckets, other.schema, this.schema, false);
      oNeg = reduceResolution(oNeg.spans, oNeg.buckets, other.schema, this.schema, false);
    }
    const p = addBuckets(this.schema, this.zeroThreshold, negative, this.positiveSpans, this.positiveBuckets, oPos.spans, oPos.buckets);
    const n = addBuckets(this.schema, this.zeroThreshold, negative, this.negativeSpans, this.negativeBuckets, oNeg.spans, oNeg.buckets);
    this.positiveSpans = p.spans;
    this.positiveBuckets = p.buckets;
    this.negativeSpans = n.spans;
    this.negativeBuckets = n.buckets;
    return { counterResetCollision, nhcbBoundsReconciled: false };
  }

  /**
   * KahanAdd: add with Kahan compensation kept in `c` (a histogram of
   * compensation terms sharing this one's layout), which sum and avg use so
   * their floats match Prometheus's. Pass undefined the first time and keep
   * the returned `c`; finish with the receiver plus c (see Prometheus's aggregation).
   */
  kahanAdd(other: FloatHistogram, c: FloatHistogram | undefined): HistogramOpResult & { c: FloatHistogram | undefined } {
    if (this.usesCustomBuckets() !== other.usesCustomBuckets()) return { ...incompatible(), c: undefined };
    const counterResetCollision = this.adjustCounterReset(other);
    const comp = c ?? this.newCompensationHistogram();
    if (!this.usesCustomBuckets()) {
      const z = reconcileZeroBuckets(this, other, comp);
      [this.zeroCount, comp.zeroCount] = kahanInc(z.zeroCount, this.zeroCount, comp.zeroCount);
      [this.zeroCount, comp.zeroCount] = kahanInc(z.cZeroCount, this.zeroCount, comp.zeroCount);
    }
    [this.count, comp.count] = kahanInc(other.count, this.count, comp.count);
    [this.sum, comp.sum] = kahanInc(other.sum, this.sum, comp.sum);

    if (this.usesCustomBuckets()) {
      let nhcbBoundsReconciled = false;
      if (customBucketBoundsMatch(this.customValues, other.customValues)) {
        const r = kahanAddBuckets(this.schema, this.zeroThreshold, false, this.positiveSpans, this.positiveBuckets, other.positiveSpans, other.positiveBuckets, comp.positiveBuckets, undefined);
        this.positiveSpans = r.spans;
        this.positiveBuckets = r.buckets;
        comp.positiveBuckets = r.compensation ?? [];
      } else {
        nhcbBoundsReconciled = true;
        const bounds = intersectCustomBucketBounds(this.customValues, other.customValues);
        const r = addCustomBucketsWithMismatches(false, this.positiveSpans, this.positiveBuckets, this.customValues, other.positiveSpans, other.positiveBuckets, other.customValues, comp.positiveBuckets, bounds);
        this.positiveSpans = r.spans;
        this.positiveBuckets = r.buckets;
        comp.positiveBuckets = r.compensation;
        this.customValues = bounds;
        comp.customValues = bounds;
      }
      comp.positiveSpans = this.positiveSpans;
      return { counterResetCollision, nhcbBoundsReconciled, c: comp };
    }

    let cPos = comp.positiveBuckets;
    let cNeg = comp.negativeBuckets;
    let oPos: { spans: readonly Span[]; buckets: readonly number[]; compensation?: number[] } = { spans: other.positiveSpans, buckets: other.positiveBuckets };
    let oNeg: { spans: readonly Span[]; buckets: readonly number[]; compensation?: number[] } = { spans: other.negativeSpans, buckets: other.negativeBuckets };
    if (other.schema < this.schema) {
      const p = kahanReduceResolution(this.positiveSpans, this.positiveBuckets, cPos, this.schema, other.schema);
      const n = kahanReduceResolution(this.negativeSpans, this.negativeBuckets, cNeg, this.schema, other.schema);
      [this.positiveSpans, this.positiveBuckets, cPos] = [p.spans, p.buckets, p.compensation];
      [this.negativeSpans, this.negativeBuckets, cNeg] = [n.spans, n.buckets, n.compensation];
      this.schema = other.schema;
    } else if (other.schema > this.schema) {
      if (oPos.buckets.length > 0) oPos = kahanReduceResolution(oPos.spans, oPos.buckets, new Array<number>(oPos.buckets.length).fill(0), other.schema, this.schema);
      if (oNeg.buckets.length > 0) oNeg = kahanReduceResolution(oNeg.spans, oNeg.buckets, new Array<number>(oNeg.buckets.length).fill(0), other.schema, this.schema);
    }
    const p = kahanAddBuckets(this.schema, this.zeroThreshold, false, this.positiveSpans, this.positiveBuckets, oPos.spans, oPos.buckets, cPos, oPos.compensation);
    const n = kahanAddBuckets(this.schema, this.zeroThreshold, false, this.negativeSpans, this.negativeBuckets, oNeg.spans, oNeg.buckets, cNeg, oNeg.compensation);
    this.positiveSpans = p.spans;
    this.positiveBuckets = p.buckets;
    this.negativeSpans = n.spans;
    this.negativeBuckets = n.buckets;
    comp.positiveBuckets = p.compensation ?? [];
    comp.negativeBuckets = n.compensation ?? [];
    comp.schema = this.schema;
    comp.zeroThreshold = this.zeroThreshold;
    comp.positiveSpans = this.positiveSpans;
    comp.negativeSpans = this.negativeSpans;
    return { counterResetCollision, nhcbBoundsReconciled: false, c: comp };
  }

  /** A compensation histogram for kahanAdd: this one's layout (spans shared) with zero counts. */
  newCompensationHistogram(): FloatHistogram {
    return new FloatHistogram({
      counterResetHint: this.counterResetHint,
      schema: this.schema,
      zeroThreshold: this.zeroThreshold,
      customValues: this.customValues,
      positiveBuckets: new Array<number>(this.positiveBuckets.length).fill(0),
      positiveSpans: this.positiveSpans,
      negativeSpans: this.negativeSpans,
      negativeBuckets: this.usesCustomBuckets() ? [] : new Array<number>(this.negativeBuckets.length).fill(0),
    });
  }

  /**
   * The hint after adding or subtracting histograms (adjustCounterReset):
   * equal hints stay, Gauge wins, then Unknown; CounterReset against
   * NotCounterReset becomes Unknown and reports a collision (true).
   */
  adjustCounterReset(other: FloatHistogram): boolean {
    const h = this.counterResetHint;
    const o = other.counterResetHint;
    if (o === h || h === CounterResetHint.Gauge) return false;
    if (o === CounterResetHint.Gauge) {
      this.counterResetHint = CounterResetHint.Gauge;
      return false;
    }
    if (h === CounterResetHint.Unknown) return false;
    this.counterResetHint = CounterResetHint.Unknown;
    return o !== CounterResetHint.Unknown;
  }

  /**
   * Exact data equality: schema, count, sum, zero count and every bucket by
   * bit pattern; zero threshold and layout (zero-length spans aside); custom
   * bounds only for NHCB.
   */
  equals(h2: FloatHistogram | undefined): boolean {
    if (h2 === undefined) return false;
    if (this.schema !== h2.schema || !sameBits(this.count, h2.count) || !sameBits(this.sum, h2.sum)) return false;
    if (this.usesCustomBuckets() && !customBucketBoundsMatch(this.customValues, h2.customValues)) return false;
    if (this.zeroThreshold !== h2.zeroThreshold || !sameBits(this.zeroCount, h2.zeroCount)) return false;
    if (!spansMatch(this.negativeSpans, h2.negativeSpans) || !floatBucketsMatch(this.negativeBuckets, h2.negativeBuckets)) return false;
    return spansMatch(this.positiveSpans, h2.positiveSpans) && floatBucketsMatch(this.positiveBuckets, h2.positiveBuckets);
  }

  /** Bytes Go's FloatHistogram takes on 64-bit (Size): 168 for the struct plus 8 per span, bucket and custom value. */
  size(): number {
    return 168 + 8 * (this.positiveSpans.length + this.negativeSpans.length + this.positiveBuckets.length + this.negativeBuckets.length + (this.customValues?.length ?? 0));
  }

  /** Removes empty buckets at span ends and runs longer than maxEmptyBuckets, merges spans closer than that; in place, returns this. */
  compact(maxEmptyBuckets: number): FloatHistogram {
    const p = compactBuckets(this.positiveBuckets, undefined, this.positiveSpans, maxEmptyBuckets, false);
    const n = compactBuckets(this.negativeBuckets, undefined, this.negativeSpans, maxEmptyBuckets, false);
    this.positiveBuckets = p.buckets;
    this.positiveSpans = p.spans;
    this.negativeBuckets = n.buckets;
    this.negativeSpans = n.spans;
    return this;
  }

  /** compact for kahanAdd's pair: compensation buckets are cut and kept with their buckets. */
  kahanCompact(maxEmptyBuckets: number, c: FloatHistogram): void {
    const p = compactBuckets(this.positiveBuckets, c.positiveBuckets, this.positiveSpans, maxEmptyBuckets, false);
    const n = compactBuckets(this.negativeBuckets, c.negativeBuckets, this.negativeSpans, maxEmptyBuckets, false);
    this.positiveBuckets = p.buckets;
    this.positiveSpans = p.spans;
    c.positiveBuckets = p.compensation ?? [];
    this.negativeBuckets = n.buckets;
    this.negativeSpans = n.spans;
    c.negativeBuckets = n.compensation ?? [];
  }

  /** Whether this histogram, following `previous`, shows a counter reset (DetectReset; hints CounterReset/NotCounterReset decide at once). */
  detectReset(previous: FloatHistogram): boolean {
    return detectReset(this, previous);
  }

  /** Positive buckets upwards from the zero bucket. */
  positiveBucketIterator(): BucketIterator {
    return this.floatBucketIterator(true, 0, this.schema);
  }

  /** Negative buckets downwards from the zero bucket. */
  negativeBucketIterator(): BucketIterator {
    return this.floatBucketIterator(false, 0, this.schema);
  }

  /** Positive buckets from the highest down to the zero bucket. */
  positiveReverseBucketIterator(): BucketIterator {
    return new ReverseFloatBucketIterator(this.schema, this.positiveSpans, this.positiveBuckets, true, this.customValues);
  }

  /** Negative buckets from the lowest up to the zero bucket. */
  negativeReverseBucketIterator(): BucketIterator {
    return new ReverseFloatBucketIterator(this.schema, this.negativeSpans, this.negativeBuckets, false, undefined);
  }

  /** Negative, zero and positive buckets ascending; bounds overlapping the zero bucket clipped to it. */
  allBucketIterator(): BucketIterator {
    return new AllFloatBucketIterator(this, this.negativeReverseBucketIterator(), this.positiveBucketIterator());
  }

  /** Positive, zero and negative buckets descending; bounds overlapping the zero bucket clipped to it. */
  allReverseBucketIterator(): BucketIterator {
    return new AllFloatBucketIterator(this, this.positiveReverseBucketIterator(), this.negativeBucketIterator());
  }

  /**
   * The low-level iterator: one side's buckets merged down to targetSchema,
   * skipping exponential buckets with |upper bound| ≤ absoluteStartValue.
   */
  floatBucketIterator(positive: boolean, absoluteStartValue: number, targetSchema: number): FloatBucketIterator {
    return positive
      ? new FloatBucketIterator(this.schema, this.positiveSpans, this.positiveBuckets, true, this.customValues, targetSchema, absoluteStartValue)
      : new FloatBucketIterator(this.schema, this.negativeSpans, this.negativeBuckets, false, undefined, targetSchema, absoluteStartValue);
  }

  /** Checks spans against buckets, negative counts and fields the schema forbids (not count against the buckets' total: float rounding). */
  validate(): HistogramError | undefined {
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
      const neg = checkHistogramBuckets(this.negativeBuckets, false);
      if (neg.err) return neg.err.wrap('negative side');
      if (this.zeroCount < 0) return new HistogramError('NegativeBucketCount', `zero bucket has observation count of ${formatG(this.zeroCount)}`);
      if (this.customValues !== undefined) return new HistogramError('ExpSchemaCustomBounds');
    } else {
      return invalidSchemaError(this.schema);
    }
    if (this.count < 0) return new HistogramError('NegativeCount', `observation count is  ${formatG(this.count)}`);
    const pos = checkHistogramBuckets(this.positiveBuckets, false);
    if (pos.err) return pos.err.wrap('positive side');
    return undefined;
  }

  /** Merges buckets down to targetSchema (< schema), in place; throws as Histogram.reduceResolution does. */
  reduceResolution(targetSchema: number): void {
    if (this.usesCustomBuckets()) throw new Error('cannot reduce resolution when there are custom buckets');
    if (isCustomBucketsSchema(targetSchema)) throw new Error('cannot reduce resolution to custom buckets schema');
    if (targetSchema >= this.schema) throw new Error(`cannot reduce resolution from schema ${this.schema} to ${targetSchema}`);
    const p = reduceResolution(this.positiveSpans, this.positiveBuckets, this.schema, targetSchema, false);
    const n = reduceResolution(this.negativeSpans, this.negativeBuckets, this.schema, targetSchema, false);
    this.positiveSpans = p.spans;
    this.positiveBuckets = p.buckets;
    this.negativeSpans = n.spans;
    this.negativeBuckets = n.buckets;
    this.schema = targetSchema;
  }

  /** Whether any count, the sum or a custom bound is ±Inf (HasOverflow), as aggregating past float64's range leaves it. */
  hasOverflow(): boolean {
    const inf = (v: number): boolean => v === Infinity || v === -Infinity;
    if (inf(this.zeroCount) || inf(this.count) || inf(this.sum)) return true;
    return this.positiveBuckets.some(inf) || this.negativeBuckets.some(inf) || (this.customValues ?? []).some(inf);
  }

  /** `</` (isUpperTrim) and `>/`: keeps observations below/above rhs, interpolating inside the bucket holding it; in place, returns this. */
  trimBuckets(rhs: number, isUpperTrim: boolean): FloatHistogram {
    trimBuckets(this, rhs, isUpperTrim);
    return this;
  }
}

function incompatible(): HistogramOpResult {
  return { counterResetCollision: false, nhcbBoundsReconciled: false, err: new HistogramError('IncompatibleSchema') };
}

function copySpans(spans: readonly Span[]): Span[] {
  return spans.map((s) => ({ offset: s.offset, length: s.length }));
}

const bitsA = new Float64Array(1);
const bitsB = new Float64Array(1);
const wordsA = new BigUint64Array(bitsA.buffer);
const wordsB = new BigUint64Array(bitsB.buffer);

/** math.Float64bits(a) == math.Float64bits(b): NaN payloads and the sign of zero count. */
export function sameBits(a: number, b: number): boolean {
  bitsA[0] = a;
  bitsB[0] = b;
  return wordsA[0] === wordsB[0];
}

function floatBucketsMatch(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameBits(a[i], b[i])) return false;
  return true;
}
