// A native histogram as the HTTP API writes it (Prometheus's
// jsonutil.MarshalHistogram): count and sum as Go floats, then each non-empty
// bucket, negative to positive, as [boundaryRule, lower, upper, count].

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import type { HistogramJSON } from '../model/histogram/types';
import { formatSampleValue } from '../model/goFloat';

/** 0 open left, 1 open right, 2 open both, 3 closed both. */
function boundaryRule(lowerInclusive: boolean, upperInclusive: boolean): number {
  if (lowerInclusive) return upperInclusive ? 3 : 1;
  return upperInclusive ? 0 : 2;
}

export function histogramJSON(h: FloatHistogram): HistogramJSON {
  const out: HistogramJSON = { count: formatSampleValue(h.count), sum: formatSampleValue(h.sum) };
  const buckets: [number, string, string, string][] = [];
  const it = h.allBucketIterator();
  while (it.next()) {
    const b = it.at();
    // Empty buckets are left out, as Prometheus leaves them out.
    if (b.count === 0) continue;
    buckets.push([boundaryRule(b.lowerInclusive, b.upperInclusive), formatSampleValue(b.lower), formatSampleValue(b.upper), formatSampleValue(b.count)]);
  }
  if (buckets.length > 0) out.buckets = buckets;
  return out;
}
