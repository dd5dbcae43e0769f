// A series' native histogram samples in memory, beside its float chunks, and
// the merge that hands both to a reader as one SeriesData (histograms in `hs`,
// 0 in `vs` there). A histogram stale marker (sum = stale NaN, as Prometheus
// stores one) reads back as the float stale NaN with no histogram.

import { FloatHistogram } from '../model/histogram/floatHistogram';
import { Histogram } from '../model/histogram/histogram';
import { float64Slab } from '../model/slab';
import { isStaleNaN, STALE_NAN } from '../model/staleNaN';
import type { SeriesData } from '../model/seriesData';

export type AnyHistogram = Histogram | FloatHistogram;

/** The stale marker of the same kind as `last` (Prometheus's headAppender.Append for a stale NaN on a histogram series). */
export function staleMarkerLike(last: AnyHistogram): AnyHistogram {
  return last instanceof Histogram ? new Histogram({ sum: STALE_NAN }) : new FloatHistogram({ sum: STALE_NAN });
}

/** Histogram samples in time order. */
export class HistogramSamples {
  private times: number[] = [];
  private values: AnyHistogram[] = [];

  push(t: number, h: AnyHistogram): void {
    this.times.push(t);
    this.values.push(h);
  }

  get length(): number {
    return this.times.length;
  }

  get minTime(): number {
    return this.times.length > 0 ? this.times[0] : Infinity;
  }

  get maxTime(): number {
    return this.times.length > 0 ? this.times[this.times.length - 1] : -Infinity;
  }

  /** Whether a sample lies in [mint, maxt]. */
  hasIn(mint: number, maxt: number): boolean {
    const i = firstAtOrAfter(this.times, mint);
    return i < this.times.length && this.times[i] <= maxt;
  }

  /** Index range [lo, hi) of the samples in [mint, maxt]. */
  span(mint: number, maxt: number): [number, number] {
    return [firstAtOrAfter(this.times, mint), firstAtOrAfter(this.times, maxt + 1)];
  }

  timeAt(i: number): number {
    return this.times[i];
  }

  at(i: number): AnyHistogram {
    return this.values[i];
  }
}

function firstAtOrAfter(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Merges float samples (already cut to [mint, maxt]) with the histogram
 * samples in [mint, maxt] into one time-ordered answer; undefined when
 * neither has any. A series never holds a float and a histogram at one time.
 */
export function withHistograms(floats: { ts: Float64Array; vs: Float64Array } | undefined, hist: HistogramSamples | undefined, mint: number, maxt: number): { ts: Float64Array; vs: Float64Array; hs?: SeriesData['hs'] } | undefined {
  if (hist === undefined) return floats;
  const [lo, hi] = hist.span(mint, maxt);
  if (lo === hi) return floats;
  const nf = floats === undefined ? 0 : floats.ts.length;
  const n = nf + hi - lo;
  const ts = float64Slab.take(n);
  const vs = float64Slab.take(n);
  const hs: SeriesData['hs'] = new Array<AnyHistogram | undefined>(n);
  let anyHistogram = false;
  let f = 0;
  let h = lo;
  for (let i = 0; i < n; i++) {
    if (h < hi && (f === nf || hist.timeAt(h) < floats!.ts[f])) {
      const v = hist.at(h);
      ts[i] = hist.timeAt(h++);
      if (isStaleNaN(v.sum)) {
        vs[i] = STALE_NAN;
        hs[i] = undefined;
      } else {
        vs[i] = 0;
        hs[i] = v;
        anyHistogram = true;
      }
    } else {
      ts[i] = floats!.ts[f];
      vs[i] = floats!.vs[f++];
      hs[i] = undefined;
    }
  }
  return anyHistogram ? { ts, vs, hs } : { ts, vs };
}
