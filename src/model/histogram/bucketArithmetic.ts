// Adding and subtracting bucket runs (float_histogram.go's addBuckets,
// kahanAddBuckets, intersectCustomBucketBounds and
// addCustomBucketsWithMismatches): B's buckets merged into A's spans, A's
// arrays changed in place and returned.

import { getBoundExponential } from './bounds';
import { kahanInc } from '../kahanSum';
import { isExponentialSchema } from './schema';
import type { Span } from './types';

export interface SpansAndBuckets {
  spans: Span[];
  buckets: number[];
}

/**
 * addBuckets: adds (or, `negative`, subtracts) B's buckets to A's, creating
 * missing ones. B's exponential buckets with an upper bound ≤ threshold are
 * skipped (they are in the zero bucket already). One schema for both.
 */
export function addBuckets(
  schema: number,
  threshold: number,
  negative: boolean,
  spansA: Span[],
  bucketsA: number[],
  spansB: readonly Span[],
  bucketsB: readonly number[],
): SpansAndBuckets {
  const r = kahanAddBuckets(schema, threshold, negative, spansA, bucketsA, spansB, bucketsB, undefined, undefined);
  return { spans: r.spans, buckets: r.buckets };
}

/**
 * kahanAddBuckets: addBuckets with Kahan compensation: compensationA holds
 * A's compensation terms (grown alongside), compensationB B's (added after
 * the value when non-zero). Without compensationA it is addBuckets' plain +=.
 */
export function kahanAddBuckets(
  schema: number,
  threshold: number,
  negative: boolean,
  spansA: Span[],
  bucketsA: number[],
  spansB: readonly Span[],
  bucketsB: readonly number[],
  compensationA: number[] | undefined,
  compensationB: readonly number[] | undefined,
): SpansAndBuckets & { compensation: number[] | undefined } {
  let iSpan = -1;
  let iBucket = -1;
  let iInSpan = 0;
  let indexA = 0;
  let indexB = 0;
  let bIdxB = 0;
  let lowerThanThreshold = true;

  const addAt = (i: number, v: number, cv: number): void => {
    if (compensationA === undefined) {
      bucketsA[i] += v;
      return;
    }
    [bucketsA[i], compensationA[i]] = kahanInc(v, bucketsA[i], compensationA[i]);
    if (cv !== 0) [bucketsA[i], compensationA[i]] = kahanInc(cv, bucketsA[i], compensationA[i]);
  };
  const insertAt = (i: number, v: number, cv: number): void => {
    bucketsA.splice(i, 0, v);
    compensationA?.splice(i, 0, cv);
  };

  for (const spanB of spansB) {
    indexB += spanB.offset;
    for (let j = 0; j < spanB.length; j++) {
      place: {
        if (lowerThanThreshold && isExponentialSchema(schema) && getBoundExponential(indexB, schema) <= threshold) break place;
        lowerThanThreshold = false;
        let bucketB = bucketsB[bIdxB];
        let compB = compensationB !== undefined ? compensationB[bIdxB] : 0;
        if (negative) {
          bucketB *= -1;
          compB *= -1;
        }
        if (iSpan === -1) {
          if (spansA.length === 0 || spansA[0].offset > indexB) {
            // Before all of A's buckets.
            insertAt(0, bucketB, compB);
            if (spansA.length > 0 && spansA[0].offset === indexB + 1) {
              spansA[0].length++;
              spansA[0].offset--;
              break place;
            }
            spansA.unshift({ offset: indexB, length: 1 });
            // The formerly first span's absolute offset becomes relative.
            if (spansA.length > 1) spansA[1].offset -= indexB + 1;
            break place;
          } else if (spansA[0].offset === indexB) {
            addAt(0, bucketB, compB);
            break place;
          }
          iSpan = 0;
          iBucket = 0;
          iInSpan = 0;
          indexA = spansA[0].offset;
        }
        let deltaIndex = indexB - indexA;
        for (;;) {
          const remainingInSpan = spansA[iSpan].length - iInSpan;
          if (deltaIndex < remainingInSpan) {
            // In the current span.
            iBucket += deltaIndex;
            iInSpan += deltaIndex;
            addAt(iBucket, bucketB, compB);
            break;
          }
          deltaIndex -= remainingInSpan;
          iBucket += remainingInSpan;
          iSpan++;
          if (iSpan === spansA.length || deltaIndex < spansA[iSpan].offset) {
            // In the gap behind the previous span (or past the last).
            insertAt(iBucket, bucketB, compB);
            if (deltaIndex === 0) {
              // Right after the previous span: extend it.
              if (iSpan < spansA.length) spansA[iSpan].offset--;
              iSpan--;
              iInSpan = spansA[iSpan].length;
              spansA[iSpan].length++;
            } else if (iSpan < spansA.length && deltaIndex === spansA[iSpan].offset - 1) {
              // Right before the next span: extend that one.
              iInSpan = 0;
              spansA[iSpan].offset--;
              spansA[iSpan].length++;
            } else {
              iInSpan = 0;
              if (iSpan < spansA.length) spansA[iSpan].offset -= deltaIndex + 1;
              spansA.splice(iSpan, 0, { offset: deltaIndex, length: 1 });
            }
            break;
          }
          // Try the start of the next span.
          deltaIndex -= spansA[iSpan].offset;
          iInSpan = 0;
        }
      }
      indexA = indexB;
      indexB++;
      bIdxB++;
    }
  }
  return { spans: spansA, buckets: bucketsA, compensation: compensationA };
}

/** The bounds both NHCB bound sets share (intersectCustomBucketBounds); undefined when either is empty or none match. */
export function intersectCustomBucketBounds(boundsA: readonly number[] | undefined, boundsB: readonly number[] | undefined): number[] | undefined {
  const a = boundsA ?? [];
  const b = boundsB ?? [];
  if (a.length === 0 || b.length === 0) return undefined;
  let result: number[] | undefined;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      (result ??= []).push(a[i]);
      i++;
      j++;
    } else if (a[i] < b[j]) {
      i++;
    } else {
      j++;
    }
  }
  return result;
}

/**
 * addCustomBucketsWithMismatches: both NHCB histograms mapped onto the
 * intersected bounds (each bucket into the first shared bound ≥ its own upper
 * bound, else +Inf), summed with Kahan compensation, and laid out again
 * without empty buckets. `compensationA` (A's Kahan terms) is added in when given.
 */
export function addCustomBucketsWithMismatches(
  negative: boolean,
  spansA: readonly Span[],
  bucketsA: readonly number[],
  boundsA: readonly number[] | undefined,
  spansB: readonly Span[],
  bucketsB: readonly number[],
  boundsB: readonly number[] | undefined,
  compensationA: readonly number[] | undefined,
  intersectedBounds: readonly number[] | undefined,
): SpansAndBuckets & { compensation: number[] } {
  const inter = intersectedBounds ?? [];
  const target = new Array<number>(inter.length + 1).fill(0);
  const cTarget = new Array<number>(inter.length + 1).fill(0);

  const mapBuckets = (spans: readonly Span[], buckets: readonly number[], bounds: readonly number[], neg: boolean, withCompensation: boolean): void => {
    let srcIdx = 0;
    let bucketIdx = 0;
    let intersectIdx = 0;
    for (const span of spans) {
      srcIdx += span.offset;
      for (let k = 0; k < span.length; k++) {
        if (bucketIdx < buckets.length) {
          const value = buckets[bucketIdx];
          let t = target.length - 1; // The +Inf bucket unless a shared bound covers it.
          if (srcIdx < bounds.length) {
            const srcBound = bounds[srcIdx];
            while (intersectIdx < inter.length) {
              if (inter[intersectIdx] >= srcBound) {
                t = intersectIdx;
                break;
              }
              intersectIdx++;
            }
          }
          if (neg) {
            [target[t], cTarget[t]] = kahanInc(-value, target[t], cTarget[t]);
          } else {
            [target[t], cTarget[t]] = kahanInc(value, target[t], cTarget[t]);
            if (withCompensation && compensationA !== undefined) [target[t], cTarget[t]] = kahanInc(compensationA[bucketIdx], target[t], cTarget[t]);
          }
        }
        srcIdx++;
        bucketIdx++;
      }
    }
  };
  mapBuckets(spansA, bucketsA, boundsA ?? [], false, true);
  mapBuckets(spansB, bucketsB, boundsB ?? [], negative, false);

  const spans: Span[] = [];
  const buckets: number[] = [];
  const compensation: number[] = [];
  let lastIdx = -1;
  for (let i = 0; i < target.length; i++) {
    if (target[i] === 0 && cTarget[i] === 0) continue;
    buckets.push(target[i]);
    compensation.push(cTarget[i]);
    if (spans.length > 0 && i === lastIdx + 1) spans[spans.length - 1].length++;
    else spans.push({ offset: spans.length > 0 ? i - lastIdx - 1 : i, length: 1 });
    lastIdx = i;
  }
  return { spans, buckets, compensation };
}
