// A classic histogram's cumulative buckets as a custom-bucket native
// histogram (NHCB), as Prometheus's util/convertnhcb TempHistogram.Convert:
// integer counts give an integer Histogram, any fractional one a FloatHistogram.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import { CUSTOM_BUCKETS_SCHEMA } from '../model/histogram/types';

/**
 * `bounds` ascending with their cumulative `counts`; `count` the sample
 * count. Throws convertnhcb's errors for non-cumulative or mismatched counts.
 */
export function classicToNhcb(bounds: readonly number[], counts: readonly number[], count: number, sum: number): Histogram | FloatHistogram {
  const les: number[] = [];
  const cum: number[] = [];
  for (let i = 0; i < bounds.length; i++) {
    const le = bounds[i];
    const c = counts[i];
    if (Number.isNaN(le)) throw new Error('bucket boundary must not be NaN');
    if (c < 0) throw new Error(`bucket count must be non-negative: le=${le}, count=${c}`);
    const last = les.length - 1;
    if (last >= 0 && les[last] === le) continue;
    if (last >= 0 && les[last] > le) throw new Error(`bucket boundaries out of order: ${le} after ${les[last]}`);
    if (last >= 0 && c < cum[last]) throw new Error(`count is not cumulative: ${c} < ${cum[last]}`);
    les.push(le);
    cum.push(c);
  }
  if (count < 0) throw new Error(`count must be non-negative: count=${count}`);
  if (les.length === 0 || les[les.length - 1] !== Infinity) {
    les.push(Infinity);
    cum.push(count);
  }
  if (count !== cum[cum.length - 1]) throw new Error(`count mismatch: count=${count} != le=+Inf count=${cum[cum.length - 1]}`);
  const customValues = les.slice(0, -1);
  const positiveSpans = [{ offset: 0, length: les.length }];
  const integral = Number.isInteger(count) && cum.every(Number.isInteger);
  if (!integral) {
    const positiveBuckets = cum.map((c, i) => c - (i > 0 ? cum[i - 1] : 0));
    return new FloatHistogram({ schema: CUSTOM_BUCKETS_SCHEMA, count, sum, positiveSpans, positiveBuckets, customValues });
  }
  const positiveBuckets: number[] = [];
  let prevCount = 0;
  let prevDelta = 0;
  for (const c of cum) {
    const delta = c - prevCount;
    positiveBuckets.push(delta - prevDelta);
    prevCount = c;
    prevDelta = delta;
  }
  return new Histogram({ schema: CUSTOM_BUCKETS_SCHEMA, count, sum, positiveSpans, positiveBuckets, customValues });
}
