// The trim operators `</` and `>/` on a float histogram (float_histogram.go's
// TrimBuckets and its helpers): buckets beyond the trim point are emptied,
// the one holding it is interpolated, and count and sum are recomputed from
// bucket midpoints when anything was cut.

import { type Bucket, fractionBelow } from './bounds';
import type { FloatHistogram } from './floatHistogram';

/** TrimBuckets, in place: isUpperTrim keeps observations below rhs (`</`), else above (`>/`). */
export function trimBuckets(h: FloatHistogram, rhs: number, isUpperTrim: boolean): void {
  let updatedCount = 0;
  let updatedSum = 0;
  let trimmed = false;
  const isCustom = h.usesCustomBuckets();
  let hasPositive = false;
  let hasNegative = false;

  const side = (positive: boolean): void => {
    const buckets = positive ? h.positiveBuckets : h.negativeBuckets;
    const it = positive ? h.positiveBucketIterator() : h.negativeBucketIterator();
    for (let i = 0; it.next(); i++) {
      const b = it.at();
      if (b.count === 0) continue;
      if (positive) hasPositive = true;
      else hasNegative = true;
      const keepAll = isUpperTrim ? b.upper <= rhs : b.lower >= rhs;
      const straddles = isUpperTrim ? b.lower < rhs : b.upper > rhs;
      if (keepAll) {
        updatedCount += b.count;
        updatedSum += computeMidpoint(b.lower, b.upper, positive, isCustom) * b.count;
      } else if (straddles) {
        const [keep, mid] = computeBucketTrim(b, rhs, isUpperTrim, positive, isCustom);
        updatedCount += keep;
        updatedSum += mid * keep;
        if (buckets[i] !== keep) {
          buckets[i] = keep;
          trimmed = true;
        }
      } else {
        buckets[i] = 0;
        trimmed = true;
      }
    }
  };
  side(true);
  side(false);

  if (h.zeroCount > 0) {
    const [keep, mid] = computeZeroBucketTrim(h.zeroBucket(), rhs, hasNegative, hasPositive, isUpperTrim);
    if (h.zeroCount !== keep) {
      h.zeroCount = keep;
      trimmed = true;
    }
    updatedSum += mid * keep;
    updatedCount += keep;
  }
  if (trimmed) {
    h.count = updatedCount;
    h.sum = updatedSum;
    h.compact(0);
  }
}

const zeroIfInf = (x: number): number => (x === Infinity || x === -Infinity ? 0 : x);

/** handleInfinityBuckets: a bucket with an infinite bound is kept whole or dropped, except NHCB's first bucket with a finite positive upper bound, taken as starting at 0. */
function handleInfinityBuckets(isUpperTrim: boolean, b: Bucket, rhs: number): [number, number] {
  if (b.lower === -Infinity) {
    if (isUpperTrim) {
      if (rhs >= b.upper) return [b.count, 0];
      if (rhs > 0 && b.upper > 0 && b.upper !== Infinity) return [(b.count * rhs) / b.upper, rhs / 2];
      if (b.upper <= 0) return [b.count, rhs];
      return [0, zeroIfInf(b.upper)];
    }
    if (rhs <= b.lower) return [b.count, 0];
    if (rhs >= 0 && b.upper > rhs && b.upper !== Infinity) return [b.count * (1 - rhs / b.upper), (rhs + b.upper) / 2];
    return [0, zeroIfInf(b.upper)];
  }
  if (b.upper === Infinity) {
    if (isUpperTrim) return [0, zeroIfInf(b.lower)];
    if (rhs >= b.lower) return [b.count, rhs];
    return [0, zeroIfInf(b.lower)];
  }
  throw new Error(`one of the bounds must be infinite for handleInfinityBuckets, got [${b.lower},${b.upper}]`);
}

function computeSplit(b: Bucket, rhs: number, isLinear: boolean): number {
  if (rhs <= b.lower) return 0;
  if (rhs >= b.upper) return b.count;
  return b.count * fractionBelow(b, rhs, isLinear);
}

function computeZeroBucketTrim(zb: Bucket, rhs: number, hasNegative: boolean, hasPositive: boolean, isUpperTrim: boolean): [number, number] {
  let lower = zb.lower;
  let upper = zb.upper;
  if (hasNegative && !hasPositive) upper = 0;
  if (hasPositive && !hasNegative) lower = 0;
  if (isUpperTrim) {
    if (rhs <= lower) return [0, 0];
    if (rhs >= upper) return [zb.count, (lower + upper) / 2];
    return [zb.count * ((rhs - lower) / (upper - lower)), (lower + rhs) / 2];
  }
  if (rhs <= lower) return [zb.count, (lower + upper) / 2];
  if (rhs >= upper) return [0, 0];
  return [zb.count * ((upper - rhs) / (upper - lower)), (rhs + upper) / 2];
}

function computeBucketTrim(b: Bucket, rhs: number, isUpperTrim: boolean, isPositive: boolean, isCustom: boolean): [number, number] {
  if (b.lower === -Infinity || b.upper === Infinity) return handleInfinityBuckets(isUpperTrim, b, rhs);
  const under = computeSplit(b, rhs, isCustom);
  if (isUpperTrim) return [under, computeMidpoint(b.lower, rhs, isPositive, isCustom)];
  return [b.count - under, computeMidpoint(rhs, b.upper, isPositive, isCustom)];
}

/** The surviving interval's representative value: arithmetic mean for linear (NHCB) buckets, signed geometric mean for exponential ones. */
function computeMidpoint(lo: number, hi: number, isPositive: boolean, isLinear: boolean): number {
  const loInf = lo === Infinity || lo === -Infinity;
  const hiInf = hi === Infinity || hi === -Infinity;
  if (loInf) {
    if (hiInf) return 0;
    return hi > 0 ? hi / 2 : hi;
  }
  if (hiInf) return lo;
  if (isLinear) return (lo + hi) / 2;
  const geoMean = Math.sqrt(Math.abs(lo * hi));
  return isPositive ? geoMean : -geoMean;
}
