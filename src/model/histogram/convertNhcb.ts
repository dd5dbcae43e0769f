// A classic histogram's cumulative buckets as a custom-bucket native
// histogram (NHCB), as Prometheus's util/convertnhcb TempHistogram.Convert:
// integer counts give an integer Histogram, any fractional one a FloatHistogram.
// Scraping (convert_classic_histograms_to_nhcb) and the PromQL test scripts'
// load_with_nhcb both convert with it.

import { FloatHistogram } from './floatHistogram';
import { Histogram } from './histogram';
import { CUSTOM_BUCKETS_SCHEMA } from './types';

/**
 * `bounds` with their cumulative `counts`, in any order (sorted here, the
 * first of a repeated bound kept, as TempHistogram.SetBucketCount inserts);
 * `count` the sample count, or undefined when the classic histogram has no
 * `_count`, in which case the highest bucket's count stands for it. Throws
 * convertnhcb's errors for NaN bounds, negative, non-cumulative or
 * mismatched counts.
 */
export function classicToNhcb(bounds: readonly number[], counts: readonly number[], count: number | undefined, sum: number): Histogram | FloatHistogram {
  const order = bounds.map((_, i) => i);
  for (const i of order) {
    if (Number.isNaN(bounds[i])) throw new Error('bucket boundary must not be NaN');
    if (counts[i] < 0) throw new Error(`bucket count must be non-negative: le=${bounds[i]}, count=${counts[i]}`);
  }
  // Array.prototype.sort is stable, so of equal bounds the first given stays first.
  order.sort((a, b) => bounds[a] - bounds[b]);
  const les: number[] = [];
  const cum: number[] = [];
  for (const i of order) {
    const le = bounds[i];
    const c = counts[i];
    const last = les.length - 1;
    if (last >= 0 && les[last] === le) continue;
    if (last >= 0 && c < cum[last]) throw new Error(`count is not cumulative: ${c} < ${cum[last]}`);
    les.push(le);
    cum.push(c);
  }
  if (count !== undefined && count < 0) throw new Error(`count must be non-negative: count=${count}`);
  if (les.length === 0 || les[les.length - 1] !== Infinity) {
    les.push(Infinity);
    cum.push(count ?? (cum.length > 0 ? cum[cum.length - 1] : 0));
  }
  const total = count ?? cum[cum.length - 1];
  if (total !== cum[cum.length - 1]) throw new Error(`count mismatch: count=${total} != le=+Inf count=${cum[cum.length - 1]}`);
  const customValues = les.slice(0, -1);
  const positiveSpans = [{ offset: 0, length: les.length }];
  const integral = Number.isInteger(total) && cum.every(Number.isInteger);
  if (!integral) {
    const positiveBuckets = cum.map((c, i) => c - (i > 0 ? cum[i - 1] : 0));
    return new FloatHistogram({ schema: CUSTOM_BUCKETS_SCHEMA, count: total, sum, positiveSpans, positiveBuckets, customValues });
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
  return new Histogram({ schema: CUSTOM_BUCKETS_SCHEMA, count: total, sum, positiveSpans, positiveBuckets, customValues });
}
