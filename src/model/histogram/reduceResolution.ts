// Schema reduction (generic.go's reduceResolution and float_histogram.go's
// kahanReduceResolution): merges buckets of a finer exponential schema into
// the coarser target schema's buckets.

import { targetIdx } from './bounds';
import { kahanInc } from '../kahanSum';
import { HistogramError } from './schema';
import type { Span } from './types';

/**
 * reduceResolution: spans and buckets of originSchema as targetSchema's
 * (< originSchema). `deltaBuckets` for an integer histogram's deltas. New
 * arrays are returned; the inputs are left as they are. Throws a
 * HistogramError on a negative offset after the first span or too few/many buckets.
 */
export function reduceResolution(
  originSpans: readonly Span[],
  originBuckets: readonly number[],
  originSchema: number,
  targetSchema: number,
  deltaBuckets: boolean,
): { spans: Span[]; buckets: number[] } {
  const targetSpans: Span[] = [];
  const targetBuckets: number[] = [];
  let bucketIdx = 0;
  let bucketCountIdx = 0;
  let lastBucketCount = 0;
  let lastTargetBucketIdx = 0;
  let lastTargetBucketCount = 0;

  for (let n = 0; n < originSpans.length; n++) {
    const span = originSpans[n];
    if (n > 0 && span.offset < 0) throw new HistogramError('SpanNegativeOffset', `span number ${n + 1} with offset ${span.offset}`);
    bucketIdx += span.offset;
    for (let j = 0; j < span.length; j++) {
      if (bucketCountIdx >= originBuckets.length) {
        throw new HistogramError('SpansBucketsMismatch', `have ${originBuckets.length} buckets but spans need more`);
      }
      const b = originBuckets[bucketCountIdx];
      const t = targetIdx(bucketIdx, originSchema, targetSchema);
      if (targetSpans.length === 0) {
        targetSpans.push({ offset: t, length: 1 });
        targetBuckets.push(b);
        lastTargetBucketIdx = t;
        lastBucketCount = b;
        lastTargetBucketCount = b;
      } else if (lastTargetBucketIdx === t) {
        // Same target bucket as the previous origin bucket.
        if (deltaBuckets) {
          lastBucketCount += b;
          targetBuckets[targetBuckets.length - 1] += lastBucketCount;
          lastTargetBucketCount += lastBucketCount;
        } else {
          targetBuckets[targetBuckets.length - 1] += b;
        }
      } else {
        if (lastTargetBucketIdx + 1 === t) {
          targetSpans[targetSpans.length - 1].length++;
        } else {
          targetSpans.push({ offset: t - lastTargetBucketIdx - 1, length: 1 });
        }
        lastTargetBucketIdx = t;
        if (deltaBuckets) {
          lastBucketCount += b;
          targetBuckets.push(lastBucketCount - lastTargetBucketCount);
          lastTargetBucketCount = lastBucketCount;
        } else {
          targetBuckets.push(b);
        }
      }
      bucketIdx++;
      bucketCountIdx++;
    }
  }
  if (bucketCountIdx !== originBuckets.length) {
    throw new HistogramError('SpansBucketsMismatch', `spans need ${bucketCountIdx} buckets, have ${originBuckets.length} buckets`);
  }
  return { spans: targetSpans, buckets: targetBuckets };
}

/** kahanReduceResolution: as reduceResolution for float buckets, carrying each bucket's Kahan compensation along. */
export function kahanReduceResolution(
  originSpans: readonly Span[],
  originBuckets: readonly number[],
  originCompensation: readonly number[],
  originSchema: number,
  targetSchema: number,
): { spans: Span[]; buckets: number[]; compensation: number[] } {
  const spans: Span[] = [];
  const buckets: number[] = [];
  const compensation: number[] = [];
  let bucketIdx = 0;
  let bucketCountIdx = 0;
  let lastTargetBucketIdx = 0;
  for (const span of originSpans) {
    bucketIdx += span.offset;
    for (let j = 0; j < span.length; j++) {
      const t = targetIdx(bucketIdx, originSchema, targetSchema);
      if (spans.length === 0) {
        spans.push({ offset: t, length: 1 });
        buckets.push(originBuckets[bucketCountIdx]);
        compensation.push(originCompensation[bucketCountIdx]);
        lastTargetBucketIdx = t;
      } else if (lastTargetBucketIdx === t) {
        const last = buckets.length - 1;
        [buckets[last], compensation[last]] = kahanInc(originBuckets[bucketCountIdx], buckets[last], compensation[last]);
        [buckets[last], compensation[last]] = kahanInc(originCompensation[bucketCountIdx], buckets[last], compensation[last]);
      } else {
        if (lastTargetBucketIdx + 1 === t) spans[spans.length - 1].length++;
        else spans.push({ offset: t - lastTargetBucketIdx - 1, length: 1 });
        lastTargetBucketIdx = t;
        buckets.push(originBuckets[bucketCountIdx]);
        compensation.push(originCompensation[bucketCountIdx]);
      }
      bucketIdx++;
      bucketCountIdx++;
    }
  }
  return { spans, buckets, compensation };
}
