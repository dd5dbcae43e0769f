// histogram_quantile and histogram_fraction of one native histogram, as
// HistogramQuantile and HistogramFraction in Prometheus's promql/quantile.go:
// exponential interpolation inside regular buckets, linear inside the zero
// bucket and custom (NHCB) buckets.

import { fractionBelow, type Bucket } from '../model/histogram/bounds';
import type { FloatHistogram } from '../model/histogram/floatHistogram';

/** The value and, when NaN observations showed, the info's message (without the metric name). */
export interface NativeResult {
  value: number;
  nanInfo?: string;
}

const NO_BUCKET: Bucket = { lower: 0, upper: 0, lowerInclusive: false, upperInclusive: false, count: 0, index: 0 };

export function nativeHistogramQuantile(q: number, h: FloatHistogram): NativeResult {
  if (q < 0) return { value: -Infinity };
  if (q > 1) return { value: Infinity };
  if (h.count === 0 || Number.isNaN(q)) return { value: NaN };

  // NaN observations (a NaN sum) count only going forward; otherwise the nearer end is the more precise.
  const forward = Number.isNaN(h.sum) || q < 0.5;
  const it = forward ? h.allBucketIterator() : h.allReverseBucketIterator();
  let rank = forward ? q * h.count : (1 - q) * h.count;
  let bucket = NO_BUCKET;
  let count = 0;
  while (it.next()) {
    bucket = it.at();
    if (bucket.count === 0) continue;
    count += bucket.count;
    if (count >= rank) break;
  }
  bucket = { ...bucket };
  if (!h.usesCustomBuckets() && bucket.lower < 0 && bucket.upper > 0) {
    if (h.negativeBuckets.length === 0 && h.positiveBuckets.length > 0) bucket.lower = 0;
    else if (h.positiveBuckets.length === 0 && h.negativeBuckets.length > 0) bucket.upper = 0;
  } else if (h.usesCustomBuckets()) {
    if (bucket.lower === -Infinity) {
      if (bucket.upper <= 0) return { value: bucket.upper };
      bucket.lower = 0;
    } else if (bucket.upper === Infinity) {
      return { value: bucket.lower };
    }
  }
  // Float error can take the running count past h.count.
  if (count > h.count) count = h.count;
  if (count < rank) {
    if (Number.isNaN(h.sum)) return { value: NaN, nanInfo: 'input to histogram_quantile has NaN observations, result is NaN' };
    return { value: bucket.upper };
  }
  if (forward) rank -= count - bucket.count;
  else rank = count - rank;
  let nanInfo: string | undefined;
  if (Number.isNaN(h.sum)) {
    while (it.next()) count += it.at().count;
    if (count < h.count) nanInfo = 'input to histogram_quantile has NaN observations, result is skewed higher';
  }
  const fraction = rank / bucket.count;
  if (h.usesCustomBuckets() || (bucket.lower <= 0 && bucket.upper >= 0)) return { value: bucket.lower + (bucket.upper - bucket.lower) * fraction, nanInfo };
  // Exponential buckets are equally wide on a log scale: interpolate there.
  const logLower = Math.log2(Math.abs(bucket.lower));
  const logUpper = Math.log2(Math.abs(bucket.upper));
  if (bucket.lower > 0) return { value: 2 ** (logLower + (logUpper - logLower) * fraction), nanInfo };
  return { value: -(2 ** (logUpper + (logLower - logUpper) * (1 - fraction))), nanInfo };
}

export function nativeHistogramFraction(lower: number, upper: number, h: FloatHistogram): NativeResult {
  if (h.count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return { value: NaN };
  if (lower >= upper) return { value: 0 };
  let count = 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  const it = h.allBucketIterator();
  while (it.next()) {
    const b = { ...it.at() };
    count += b.count;
    let zeroBucket = false;
    if (b.lower <= 0 && b.upper >= 0) {
      zeroBucket = true;
      if (h.negativeBuckets.length === 0 && h.positiveBuckets.length > 0) b.lower = 0;
      else if (h.positiveBuckets.length === 0 && h.negativeBuckets.length > 0) b.upper = 0;
    }
    const linear = h.usesCustomBuckets() || zeroBucket;
    // A bucket open to -Inf contributes nothing below v, as one open to +Inf does.
    const interpolate = (v: number) => (linear && b.lower === -Infinity ? b.count : rank + b.count * fractionBelow(b, v, linear));
    if (!lowerSet && b.lower >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && b.lower >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && b.lower < lower && b.upper > lower) {
      lowerRank = interpolate(lower);
      lowerSet = true;
    }
    if (!upperSet && b.lower < upper && b.upper > upper) {
      upperRank = interpolate(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank += b.count;
  }
  let nanInfo: string | undefined;
  if (Number.isNaN(h.sum)) {
    // NaN observations are in no bucket: count only what the buckets hold.
    while (it.next()) count += it.at().count;
    if (count < h.count) nanInfo = 'input to histogram_fraction has NaN observations, which are excluded from all fractions';
  } else {
    count = h.count;
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return { value: (upperRank - lowerRank) / h.count, nanInfo };
}
