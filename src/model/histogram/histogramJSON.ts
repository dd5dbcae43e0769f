// A float histogram as Prometheus's HTTP API writes it (util/jsonutil
// MarshalHistogram): count and sum as Go float strings, then every non-empty
// bucket of AllBucketIterator as [boundaryRule, lower, upper, count].

import type { FloatHistogram } from './floatHistogram';
import type { HistogramJSON } from './types';
import { formatSampleValue } from '../goFloat';

/** boundaryRule: 0 open left (lower exclusive), 1 open right, 2 open both, 3 closed both. */
function boundaryRule(lowerInclusive: boolean, upperInclusive: boolean): number {
  if (lowerInclusive) return upperInclusive ? 3 : 1;
  return upperInclusive ? 0 : 2;
}

/** The API's JSON shape of `fh`; `buckets` is left out when every bucket is empty, as Prometheus does. */
export function toHistogramJSON(fh: FloatHistogram): HistogramJSON {
  const out: HistogramJSON = { count: formatSampleValue(fh.count), sum: formatSampleValue(fh.sum) };
  const buckets: [number, string, string, string][] = [];
  for (let it = fh.allBucketIterator(); it.next(); ) {
    const b = it.at();
    if (b.count === 0) continue;
    buckets.push([boundaryRule(b.lowerInclusive, b.upperInclusive), formatSampleValue(b.lower), formatSampleValue(b.upper), formatSampleValue(b.count)]);
  }
  if (buckets.length > 0) out.buckets = buckets;
  return out;
}
