// native_histogram_min_bucket_factor and native_histogram_bucket_limit, as
// Prometheus's maxSchemaAppender and bucketLimitAppender apply them to a
// scraped histogram before it is stored: merge buckets (a lower schema) rather
// than refuse the sample, and fail the scrape only when merging cannot help.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import type { Histogram } from '../model/histogram/histogram';
import { isExponentialSchema, isExponentialSchemaReserved } from '../model/histogram/schema';
import { EXPONENTIAL_SCHEMA_MAX, EXPONENTIAL_SCHEMA_MIN } from '../model/histogram/types';

/** errBucketLimit's message. */
export const BUCKET_LIMIT_EXCEEDED = 'histogram bucket limit exceeded';

/** pickSchema: the highest schema whose bucket growth factor (2^2^-schema) is at least `bucketFactor`; ≤ 1 means no floor on the factor. */
export function pickSchema(bucketFactor: number): number {
  const floor = Math.floor(-Math.log2(Math.log2(bucketFactor <= 1 ? 1.00271 : bucketFactor)));
  return Math.min(EXPONENTIAL_SCHEMA_MAX, Math.max(EXPONENTIAL_SCHEMA_MIN, floor)) + 0; // + 0: never -0
}

/**
 * Brings `h` (in place) to at most `maxSchema` and, with a `bucketLimit`
 * above 0, to at most that many buckets by lowering its schema one step at a
 * time. False when it stays over the limit: custom buckets cannot be merged,
 * and schema -4 is as coarse as it gets.
 */
export function fitHistogram(h: Histogram | FloatHistogram, bucketLimit: number, maxSchema: number): boolean {
  if (isExponentialSchemaReserved(h.schema) && h.schema > maxSchema) h.reduceResolution(maxSchema);
  if (bucketLimit <= 0) return true;
  const buckets = () => h.positiveBuckets.length + h.negativeBuckets.length;
  if (buckets() > bucketLimit && !isExponentialSchema(h.schema)) return false;
  while (buckets() > bucketLimit) {
    if (h.schema <= EXPONENTIAL_SCHEMA_MIN) return false;
    h.reduceResolution(h.schema - 1);
  }
  return true;
}
