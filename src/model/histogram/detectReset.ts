// Counter reset detection between two float histograms (float_histogram.go's
// DetectReset, detectReset and detectResetWithMismatchedCustomBounds), as
// rate(), increase() and resets() need it.

import type { Bucket } from './bounds';
import type { FloatBucketIterator } from './bucketIterators';
import type { FloatHistogram } from './floatHistogram';
import { customBucketBoundsMatch } from './schema';
import { CounterResetHint, CUSTOM_BUCKETS_SCHEMA } from './types';
import { zeroCountForLargerThreshold } from './zeroBucket';

/**
 * DetectReset: true when any count but the sum fell from `previous`, or a
 * populated bucket vanished, or resolution rose / the zero threshold shrank
 * (only possible with a reset). The hints CounterReset and NotCounterReset
 * answer at once; Gauge is treated as Unknown, as PromQL still allows it.
 */
export function detectReset(h: FloatHistogram, previous: FloatHistogram): boolean {
  if (h.counterResetHint === CounterResetHint.CounterReset) return true;
  if (h.counterResetHint === CounterResetHint.NotCounterReset) return false;
  if (h.count < previous.count) return true;
  if (h.usesCustomBuckets()) {
    if (!previous.usesCustomBuckets()) return true;
    if (!customBucketBoundsMatch(h.customValues, previous.customValues)) return detectResetWithMismatchedCustomBounds(h, previous);
  }
  if (h.schema > previous.schema) return true;
  if (h.zeroThreshold < previous.zeroThreshold) return true;
  const prev = zeroCountForLargerThreshold(previous, h.zeroThreshold, undefined);
  if (prev.threshold !== h.zeroThreshold) return true; // The threshold lies inside a populated bucket of previous.
  if (h.zeroCount < prev.zeroCount) return true;
  if (bucketsReset(h.floatBucketIterator(true, h.zeroThreshold, h.schema), previous.floatBucketIterator(true, h.zeroThreshold, h.schema))) return true;
  return bucketsReset(h.floatBucketIterator(false, h.zeroThreshold, h.schema), previous.floatBucketIterator(false, h.zeroThreshold, h.schema));
}

/** Go's detectReset over two iterators of one schema: a populated previous bucket missing now, or a smaller count. */
function bucketsReset(currIt: FloatBucketIterator, prevIt: FloatBucketIterator): boolean {
  if (!prevIt.next()) return false;
  const anyPopulatedLeft = (): boolean => {
    do {
      if (prevIt.currCount !== 0) return true;
    } while (prevIt.next());
    return false;
  };
  if (!currIt.next()) return anyPopulatedLeft();
  for (;;) {
    while (currIt.currIdx < prevIt.currIdx) {
      if (!currIt.next()) return anyPopulatedLeft();
    }
    if (currIt.currIdx > prevIt.currIdx) {
      if (prevIt.currCount !== 0) return true;
    } else if (currIt.currCount < prevIt.currCount) {
      return true;
    }
    if (!prevIt.next()) return false;
  }
}

/** NHCB histograms with different bounds: compare the counts rolled up to each bound both share. */
function detectResetWithMismatchedCustomBounds(h: FloatHistogram, previous: FloatHistogram): boolean {
  if (h.schema !== CUSTOM_BUCKETS_SCHEMA || previous.schema !== CUSTOM_BUCKETS_SCHEMA) throw new Error('detectResetWithMismatchedCustomBounds called with non-NHCB schema');
  const currBounds = h.customValues ?? [];
  const prevBounds = previous.customValues ?? [];
  const currIt = h.floatBucketIterator(true, 0, CUSTOM_BUCKETS_SCHEMA);
  const prevIt = previous.floatBucketIterator(true, 0, CUSTOM_BUCKETS_SCHEMA);

  interface Rollup {
    started: boolean;
    hasMore: boolean;
    bucket: Bucket | undefined;
  }
  const rollupSumForBound = (it: FloatBucketIterator, r: Rollup, bound: number): number => {
    let bucket = r.bucket;
    if (!r.started) {
      r.started = true;
      if (!it.next()) {
        r.hasMore = false;
        return 0;
      }
      bucket = it.at();
    }
    let sum = 0;
    while (bucket !== undefined && bucket.upper <= bound) {
      sum += bucket.count;
      if (!it.next()) {
        r.hasMore = false;
        r.bucket = undefined;
        return sum;
      }
      bucket = it.at();
    }
    r.hasMore = true;
    r.bucket = bucket;
    return sum;
  };

  const curr: Rollup = { started: false, hasMore: false, bucket: undefined };
  const prev: Rollup = { started: false, hasMore: false, bucket: undefined };
  let ci = 0;
  let pi = 0;
  while (ci <= currBounds.length && pi <= prevBounds.length) {
    const currBound = ci < currBounds.length ? currBounds[ci] : Infinity;
    const prevBound = pi < prevBounds.length ? prevBounds[pi] : Infinity;
    if (currBound === prevBound) {
      const currSum = !curr.started || curr.hasMore ? rollupSumForBound(currIt, curr, currBound) : 0;
      const prevSum = !prev.started || prev.hasMore ? rollupSumForBound(prevIt, prev, currBound) : 0;
      if (currSum < prevSum) return true;
      ci++;
      pi++;
    } else if (currBound < prevBound) {
      ci++;
    } else {
      pi++;
    }
  }
  return false;
}
