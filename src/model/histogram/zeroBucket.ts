// Widening the zero bucket (float_histogram.go's zeroCountForLargerThreshold,
// trimBucketsInZeroBucket, reconcileZeroBuckets): when two histograms with
// different zero thresholds meet, both take the larger one, moved up to a
// bucket boundary where it would cut a populated bucket.

import type { FloatHistogram } from './floatHistogram';
import { kahanInc } from '../kahanSum';

/**
 * The zero count h would have with the larger threshold (and its Kahan
 * compensation from c, when given), and the threshold actually used: moved
 * up to the bound of a populated bucket the requested one falls inside.
 */
export function zeroCountForLargerThreshold(
  h: FloatHistogram,
  largerThreshold: number,
  c: FloatHistogram | undefined,
): { zeroCount: number; threshold: number; cZeroCount: number } {
  let cZeroCount = c !== undefined ? c.zeroCount : 0;
  if (largerThreshold === h.zeroThreshold) return { zeroCount: h.zeroCount, threshold: largerThreshold, cZeroCount };
  if (largerThreshold < h.zeroThreshold) throw new Error(`new threshold ${largerThreshold.toFixed(6)} is less than old threshold ${h.zeroThreshold.toFixed(6)}`);
  outer: for (;;) {
    let zeroCount = h.zeroCount;
    let it = h.positiveBucketIterator();
    let bucketsIdx = 0;
    while (it.next()) {
      const b = it.at();
      if (b.lower >= largerThreshold) break;
      [zeroCount, cZeroCount] = kahanInc(b.count, zeroCount, cZeroCount);
      if (c !== undefined) [zeroCount, cZeroCount] = kahanInc(c.positiveBuckets[bucketsIdx], zeroCount, cZeroCount);
      if (b.upper > largerThreshold) {
        if (b.count !== 0) largerThreshold = b.upper;
        break;
      }
      bucketsIdx++;
    }
    it = h.negativeBucketIterator();
    bucketsIdx = 0;
    while (it.next()) {
      const b = it.at();
      if (b.upper <= -largerThreshold) break;
      [zeroCount, cZeroCount] = kahanInc(b.count, zeroCount, cZeroCount);
      if (c !== undefined) [zeroCount, cZeroCount] = kahanInc(c.negativeBuckets[bucketsIdx], zeroCount, cZeroCount);
      if (b.lower < -largerThreshold) {
        if (b.count !== 0) {
          // The positive side was counted for a threshold now too small: redo all.
          largerThreshold = -b.lower;
          continue outer;
        }
        break;
      }
      bucketsIdx++;
    }
    return { zeroCount, threshold: largerThreshold, cZeroCount };
  }
}

/** Zeroes the buckets now inside the zero bucket (their counts are in zeroCount already) and compacts them away. */
export function trimBucketsInZeroBucket(h: FloatHistogram, c: FloatHistogram | undefined): void {
  let it = h.positiveBucketIterator();
  let i = 0;
  while (it.next()) {
    if (it.at().lower >= h.zeroThreshold) break;
    h.positiveBuckets[i] = 0;
    if (c !== undefined) c.positiveBuckets[i] = 0;
    i++;
  }
  it = h.negativeBucketIterator();
  i = 0;
  while (it.next()) {
    if (it.at().upper <= -h.zeroThreshold) break;
    h.negativeBuckets[i] = 0;
    if (c !== undefined) c.negativeBuckets[i] = 0;
    i++;
  }
  if (c !== undefined) h.kahanCompact(0, c);
  else h.compact(0);
}

/**
 * reconcileZeroBuckets: widens h's zero bucket (and c's) until both share
 * one threshold not inside a populated bucket of either; returns the zero
 * count (and compensation) `other` would have, leaving other unchanged.
 */
export function reconcileZeroBuckets(h: FloatHistogram, other: FloatHistogram, c: FloatHistogram | undefined): { zeroCount: number; cZeroCount: number } {
  let otherZeroCount = other.zeroCount;
  let otherZeroThreshold = other.zeroThreshold;
  let otherCZeroCount = 0;
  while (otherZeroThreshold !== h.zeroThreshold) {
    if (h.zeroThreshold > otherZeroThreshold) {
      const r = zeroCountForLargerThreshold(other, h.zeroThreshold, undefined);
      otherZeroCount = r.zeroCount;
      otherZeroThreshold = r.threshold;
      otherCZeroCount = r.cZeroCount;
    }
    if (otherZeroThreshold > h.zeroThreshold) {
      const r = zeroCountForLargerThreshold(h, otherZeroThreshold, c);
      h.zeroCount = r.zeroCount;
      h.zeroThreshold = r.threshold;
      if (c !== undefined) c.zeroCount = r.cZeroCount;
      trimBucketsInZeroBucket(h, c);
    }
  }
  return { zeroCount: otherZeroCount, cZeroCount: otherCZeroCount };
}
