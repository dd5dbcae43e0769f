// A float histogram as Prometheus's HTTP API writes it (util/jsonutil
// MarshalHistogram): count and sum as Go float strings, then every non-empty
// bucket of AllBucketIterator as [boundaryRule, lower, upper, count].

import { getBoundExponential } from './bounds';
import { FloatHistogram } from './floatHistogram';
import { CUSTOM_BUCKETS_SCHEMA, EXPONENTIAL_SCHEMA_MAX, EXPONENTIAL_SCHEMA_MIN, type HistogramJSON, type Span } from './types';
import { formatSampleValue, parseSampleValue } from '../goFloat';

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

/** Where each API bucket goes: the zero bucket, or an index on one side. */
interface PlacedBucket {
  negative: boolean;
  index: number;
  count: number;
}

/**
 * The float histogram behind the API's JSON: what a rule evaluated against a
 * remote source records. The JSON names no schema, so it is inferred from the
 * bounds: exponential when every bucket is exactly one of some schema's
 * (getBound), else custom buckets (NHCB) whose bounds are the ones the JSON
 * shows (so custom buckets whose shown bounds happen to be one schema's read
 * as exponential: the JSON cannot tell them apart). Empty buckets are not
 * written, so a missing zero bucket leaves the zero threshold 0, and the
 * counter reset hint is unknown.
 */
export function fromHistogramJSON(json: HistogramJSON): FloatHistogram {
  const buckets = (json.buckets ?? []).map(([rule, lower, upper, count]) => ({ rule, lower: parseSampleValue(lower), upper: parseSampleValue(upper), count: parseSampleValue(count) }));
  const isZero = (b: { rule: number; lower: number; upper: number }) => b.rule === 3 && Number.isFinite(b.upper) && b.lower === -b.upper;
  const zero = buckets.find(isZero);
  const others = buckets.filter((b) => !isZero(b));
  const schema = exponentialSchemaOf(others);
  const placed = schema === undefined ? undefined : others.map((b) => placeExponential(b, schema));
  const init = { count: parseSampleValue(json.count), sum: parseSampleValue(json.sum), zeroThreshold: zero?.upper ?? 0, zeroCount: zero?.count ?? 0 };
  if (schema !== undefined && placed) return new FloatHistogram({ ...init, schema, ...sides(placed) });
  if (zero) throw new Error(`histogram JSON: a zero bucket [${zero.lower}, ${zero.upper}] beside buckets that fit no exponential schema`);
  const bounds = [...new Set(others.flatMap((b) => [b.lower, b.upper]).filter(Number.isFinite))].sort((a, b) => a - b);
  const custom = others.map((b) => ({ negative: false, index: b.upper === Infinity ? bounds.length : bounds.indexOf(b.upper), count: b.count }));
  return new FloatHistogram({ ...init, schema: CUSTOM_BUCKETS_SCHEMA, customValues: bounds, ...sides(custom) });
}

/** The schema whose bounds every bucket's are, finest first; undefined when none fits. */
function exponentialSchemaOf(buckets: { lower: number; upper: number }[]): number | undefined {
  if (buckets.some((b) => !Number.isFinite(b.lower) || !Number.isFinite(b.upper))) return undefined;
  for (let schema = EXPONENTIAL_SCHEMA_MAX; schema >= EXPONENTIAL_SCHEMA_MIN; schema--) {
    if (buckets.every((b) => exponentialIndex(Math.abs(b.lower), Math.abs(b.upper), schema) !== undefined)) return schema;
  }
  return undefined;
}

/** The index whose bucket spans (a, b] in magnitude (either order), or undefined. */
function exponentialIndex(a: number, b: number, schema: number): number | undefined {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  if (!(lo > 0)) return undefined;
  const guess = Math.round(Math.log2(hi) * 2 ** schema);
  for (const idx of [guess, guess - 1, guess + 1]) {
    if (getBoundExponential(idx, schema) === hi && getBoundExponential(idx - 1, schema) === lo) return idx;
  }
  return undefined;
}

function placeExponential(b: { lower: number; upper: number; count: number }, schema: number): PlacedBucket {
  const negative = b.upper <= 0;
  return { negative, index: exponentialIndex(Math.abs(b.lower), Math.abs(b.upper), schema) as number, count: b.count };
}

/** Spans and absolute counts for each side, from buckets in any order. */
function sides(placed: PlacedBucket[]): { positiveSpans: Span[]; positiveBuckets: number[]; negativeSpans: Span[]; negativeBuckets: number[] } {
  const side = (negative: boolean) => {
    const mine = placed.filter((p) => p.negative === negative).sort((a, b) => a.index - b.index);
    const spans: Span[] = [];
    let next = 0;
    for (const p of mine) {
      const last = spans.at(-1);
      if (last && p.index === next) last.length++;
      else spans.push({ offset: spans.length === 0 ? p.index : p.index - next, length: 1 });
      next = p.index + 1;
    }
    return { spans, counts: mine.map((p) => p.count) };
  };
  const pos = side(false);
  const neg = side(true);
  return { positiveSpans: pos.spans, positiveBuckets: pos.counts, negativeSpans: neg.spans, negativeBuckets: neg.counts };
}
