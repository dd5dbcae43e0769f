// histogram_quantile and histogram_fraction over classic histograms (series
// of cumulative `le` buckets), as BucketQuantile and BucketFraction in
// Prometheus's promql/quantile.go, and over native histograms beside them.

import type { FloatHistogram } from '../model/histogram/floatHistogram';
import { type Labels } from '../model/labels';
import { nativeHistogramFraction, nativeHistogramQuantile, type NativeResult } from './nativeQuantile';
import { Annotations, forMetric, type ForcedMonotonicity } from './annotations';
import { almostEqual } from './almost';
import type { PosRange } from './parser/ast';
import { formatG } from '../model/goFloat';
import { gridTime, newStepSeries, type Grid, type StepSeries } from './value';

const BUCKET_LABEL = 'le';
// Bucket counts this close are treated as equal (smallDeltaTolerance).
const SMALL_DELTA_TOLERANCE = 1e-12;

interface Bucket {
  upperBound: number;
  count: number;
}

/** Go's strconv.ParseFloat for the forms bucket labels take. */
export function parseGoFloat(s: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return Number(s);
  return undefined;
}

function sortAndCoalesce(buckets: Bucket[]): Bucket[] {
  buckets.sort((a, b) => (a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0));
  const out: Bucket[] = [];
  for (const b of buckets) {
    const last = out[out.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else out.push({ ...b });
  }
  return out;
}

/** Makes counts non-decreasing; returns whether it had to (ensureMonotonicAndIgnoreSmallDeltas). */
function ensureMonotonic(buckets: Bucket[]): ForcedMonotonicity | undefined {
  let forced: ForcedMonotonicity | undefined;
  let prev = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    const curr = buckets[i].count;
    if (curr === prev) continue;
    if (almostEqual(prev, curr, SMALL_DELTA_TOLERANCE)) {
      buckets[i].count = prev;
      continue;
    }
    if (curr < prev) {
      forced ??= { minBucket: Infinity, maxBucket: -Infinity, maxDiff: 0 };
      forced.minBucket = Math.min(forced.minBucket, buckets[i].upperBound);
      forced.maxBucket = Math.max(forced.maxBucket, buckets[i].upperBound);
      forced.maxDiff = Math.max(forced.maxDiff, prev - curr);
      buckets[i].count = prev;
      continue;
    }
    prev = curr;
  }
  return forced;
}

export function bucketQuantile(q: number, input: Bucket[]): { value: number; forced?: ForcedMonotonicity } {
  if (Number.isNaN(q)) return { value: NaN };
  if (q < 0) return { value: -Infinity };
  if (q > 1) return { value: Infinity };
  input.sort((a, b) => (a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0));
  if (input[input.length - 1].upperBound !== Infinity) return { value: NaN };
  const buckets = sortAndCoalesce(input);
  const forced = ensureMonotonic(buckets);
  if (buckets.length < 2) return { value: NaN, forced };
  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return { value: NaN, forced };
  let rank = q * observations;
  let b = 0;
  while (b < buckets.length - 1 && !(buckets[b].count >= rank)) b++;
  if (b === buckets.length - 1) return { value: buckets[buckets.length - 2].upperBound, forced };
  if (b === 0 && buckets[0].upperBound <= 0) return { value: buckets[0].upperBound, forced };
  let bucketStart = 0;
  const bucketEnd = buckets[b].upperBound;
  let count = buckets[b].count;
  if (b > 0) {
    bucketStart = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return { value: bucketStart + (bucketEnd - bucketStart) * (rank / count), forced };
}

export function bucketFraction(lower: number, upper: number, input: Bucket[]): number {
  input.sort((a, b) => (a.upperBound < b.upperBound ? -1 : a.upperBound > b.upperBound ? 1 : 0));
  if (input[input.length - 1].upperBound !== Infinity) return NaN;
  const buckets = sortAndCoalesce(input);
  const count = buckets[buckets.length - 1].count;
  if (count === 0 || Number.isNaN(lower) || Number.isNaN(upper)) return NaN;
  if (lower >= upper) return 0;
  let rank = 0;
  let lowerRank = 0;
  let upperRank = 0;
  let lowerSet = false;
  let upperSet = false;
  let lowerBound = buckets[0].upperBound <= 0 ? -Infinity : 0;
  for (let i = 0; i < buckets.length; i++) {
    const b = buckets[i];
    if (i > 0) lowerBound = buckets[i - 1].upperBound;
    const upperBound = b.upperBound;
    const interpolate = (v: number) => (lowerBound === -Infinity ? b.count : rank + ((b.count - rank) * (v - lowerBound)) / (upperBound - lowerBound));
    if (!lowerSet && lowerBound >= lower) {
      lowerRank = rank;
      lowerSet = true;
    }
    if (!upperSet && lowerBound >= upper) {
      upperRank = rank;
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    if (!lowerSet && lowerBound < lower && upperBound > lower) {
      lowerRank = interpolate(lower);
      lowerSet = true;
    }
    if (!upperSet && lowerBound < upper && upperBound > upper) {
      upperRank = interpolate(upper);
      upperSet = true;
    }
    if (lowerSet && upperSet) break;
    rank = b.count;
  }
  if (!lowerSet || lowerRank > count) lowerRank = count;
  if (!upperSet || upperRank > count) upperRank = count;
  return (upperRank - lowerRank) / count;
}

interface BucketGroup {
  labels: Labels;
  members: { series: StepSeries; le: number }[];
}

/** Groups bucket series by their labels without `le`, warning once per series with a bad `le`; series of native histograms only are left out. */
function groupBuckets(input: StepSeries[], annos: Annotations, at: PosRange): BucketGroup[] {
  const groups = new Map<string, BucketGroup>();
  for (const s of input) {
    if (s.hs !== undefined && !hasFloatStep(s)) continue;
    const leText = s.labels.get(BUCKET_LABEL);
    const le = parseGoFloat(leText);
    if (le === undefined) {
      annos.warn(forMetric(`bucket label "le" is missing or has a malformed value of ${JSON.stringify(leText)}`, s.labels.metricName), at);
      continue;
    }
    const labels = s.labels.without(BUCKET_LABEL);
    const key = labels.key();
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels, members: [] }));
    g.members.push({ series: s, le });
  }
  return [...groups.values()];
}

function hasFloatStep(s: StepSeries): boolean {
  for (let i = 0; i < s.has.length; i++) if (s.has[i] && s.hs![i] === undefined) return true;
  return false;
}

/** A bucket series' float sample at step i (a native histogram there is no bucket). */
function isBucketAt(s: StepSeries, i: number): boolean {
  return s.has[i] === 1 && s.hs?.[i] === undefined;
}

/** What a function does with one native histogram at step i, and where its infos point. */
interface NativeStep {
  fn: (i: number, h: FloatHistogram) => NativeResult;
  at: PosRange;
}

/**
 * Classic bucket groups and native histograms step by step (resetHistograms):
 * where a native histogram has the labels of a classic group that has
 * buckets at the same step, neither is evaluated and a warning says so.
 */
function perStep(
  input: StepSeries[],
  n: number,
  annos: Annotations,
  at: PosRange,
  fn: (i: number, buckets: Bucket[], g: BucketGroup) => number,
  native: NativeStep,
): StepSeries[] {
  const groups = groupBuckets(input, annos, at);
  const out = new Map<string, StepSeries>();
  const put = (labels: Labels, i: number, v: number) => {
    const key = labels.key();
    let s = out.get(key);
    if (!s) out.set(key, (s = newStepSeries(labels, n, true)));
    s.vals[i] = v;
    s.has[i] = 1;
  };
  const natives = input.filter((s) => s.hs !== undefined);
  const mixed = new Map<BucketGroup, Uint8Array>();
  if (natives.length > 0) {
    const byKey = new Map(groups.map((g) => [g.labels.key(), g]));
    for (const s of natives) {
      const g = byKey.get(s.labels.key());
      for (let i = 0; i < n; i++) {
        const h = s.hs![i];
        if (h === undefined) continue;
        if (g !== undefined && g.members.some((m) => isBucketAt(m.series, i))) {
          annos.warn(forMetric('vector contains a mix of classic and native histograms', s.labels.metricName), at);
          let steps = mixed.get(g);
          if (!steps) mixed.set(g, (steps = new Uint8Array(n)));
          steps[i] = 1;
          continue;
        }
        const r = native.fn(i, h);
        if (r.nanInfo !== undefined) annos.info(forMetric(r.nanInfo, s.labels.metricName), native.at);
        put(s.labels, i, r.value);
      }
    }
  }
  for (const g of groups) {
    const skip = mixed.get(g);
    for (let i = 0; i < n; i++) {
      if (skip?.[i]) continue;
      const buckets: Bucket[] = [];
      for (const m of g.members) if (isBucketAt(m.series, i)) buckets.push({ upperBound: m.le, count: m.series.vals[i] });
      if (buckets.length === 0) continue;
      put(g.labels, i, fn(i, buckets, g));
    }
  }
  return [...out.values()];
}

function validateQuantile(q: Float64Array, annos: Annotations, at: PosRange): void {
  for (const v of q) if (Number.isNaN(v) || v < 0 || v > 1) annos.warn(`quantile value should be between 0 and 1, got ${formatG(v)}`, at);
}

/** Where in the query the arguments are, for the annotations' positions. */
export interface HistogramArgs {
  quantile: PosRange;
  buckets: PosRange;
}

export function histogramQuantile(q: Float64Array, input: StepSeries[], grid: Grid, annos: Annotations, at: HistogramArgs): StepSeries[] {
  validateQuantile(q, annos, at.quantile);
  const native = { fn: (i: number, h: FloatHistogram) => nativeHistogramQuantile(q[i], h), at: at.quantile };
  return perStep(input, grid.n, annos, at.buckets, (i, buckets, g) => {
    const r = bucketQuantile(q[i], buckets);
    if (r.forced) {
      const message = forMetric(
        'input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile)',
        g.labels.metricName,
      );
      annos.forcedMonotonicity(message, at.buckets, gridTime(grid, i), r.forced);
    }
    return r.value;
  }, native);
}

/** OpenMetrics' float text (`0.0`, `1.0`, `0.25`), as labels.FormatOpenMetricsFloat, for the quantile label. */
function openMetricsFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  const s = formatG(f).replace(/e([+-])0(\d)$/, 'e$1$2');
  return /[e.]/.test(s) ? s : `${s}.0`;
}

/** histogram_quantiles: one output series per quantile, labelled with it. */
export function histogramQuantiles(qs: Float64Array[], label: string, input: StepSeries[], grid: Grid, annos: Annotations, at: HistogramArgs[]): StepSeries[] {
  const out: StepSeries[] = [];
  for (const [k, q] of qs.entries()) {
    const text = openMetricsFloat(q[0]);
    for (const s of histogramQuantile(q, input, grid, annos, at[k])) out.push({ ...s, labels: s.labels.builder().set(label, text).labels() });
  }
  return out;
}

export function histogramFraction(lower: Float64Array, upper: Float64Array, input: StepSeries[], n: number, annos: Annotations, at: { lower: PosRange; buckets: PosRange }): StepSeries[] {
  const native = { fn: (i: number, h: FloatHistogram) => nativeHistogramFraction(lower[i], upper[i], h), at: at.lower };
  return perStep(input, n, annos, at.buckets, (i, buckets) => bucketFraction(lower[i], upper[i], buckets), native);
}
