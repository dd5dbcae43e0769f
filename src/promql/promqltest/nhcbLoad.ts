// What `load_with_nhcb` adds to a test script's load (promqltest's
// appendCustomHistogram): every classic histogram among the loaded series
// (`_bucket`, `_count`, `_sum` sharing labels but `le`) also as a series of
// custom-bucket native histograms under the base name, one per timestamp at
// which any of its float series has a sample.

import { classicToNhcb } from '../../model/histogram/convertNhcb';
import { FloatHistogram } from '../../model/histogram/floatHistogram';
import { METRIC_NAME, type Labels } from '../../model/labels';
import { parseGoFloat } from '../classicHistogram';
import type { SeriesDesc } from '../parser/seriesDesc';

/** One converted series: its labels (base name, no `le`) and histograms in time order. */
export interface NhcbSeries {
  labels: Labels;
  samples: { t: number; h: FloatHistogram }[];
}

interface Parts {
  bounds: number[];
  counts: number[];
  count?: number;
  sum: number;
}

const SUFFIX = /^(.*)_(bucket|count|sum)$/;

/**
 * The classic histograms among `defs` (sample k at `k * gap` ms) as NHCB
 * series. Throws convertnhcb's or validation's error, as the load then fails.
 */
export function nhcbSeries(defs: Iterable<SeriesDesc>, gap: number): NhcbSeries[] {
  const groups = new Map<string, { labels: Labels; byT: Map<number, Parts> }>();
  for (const d of defs) {
    const m = SUFFIX.exec(d.labels.metricName);
    if (!m) continue;
    const suffix = m[2];
    let le = 0;
    if (suffix === 'bucket') {
      const parsed = parseGoFloat(d.labels.get('le'));
      // A bucket without a usable `le` takes no part, as in appendCustomHistogram.
      if (parsed === undefined || Number.isNaN(parsed)) continue;
      le = parsed;
    }
    const labels = d.labels.builder().set(METRIC_NAME, m[1]).del('le').labels();
    const key = labels.key();
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { labels, byT: new Map() }));
    d.values.forEach((v, k) => {
      if (v.omitted || v.histogram) return;
      const t = k * gap;
      let p = g.byT.get(t);
      if (!p) g.byT.set(t, (p = { bounds: [], counts: [], sum: 0 }));
      if (suffix === 'bucket') {
        p.bounds.push(le);
        p.counts.push(v.value);
      } else if (suffix === 'count') p.count = v.value;
      else p.sum = v.value;
    });
  }
  const out: NhcbSeries[] = [];
  for (const g of groups.values()) {
    const samples = [...g.byT].sort((a, b) => a[0] - b[0]).map(([t, p]) => {
      const converted = classicToNhcb(p.bounds, p.counts, p.count, p.sum);
      const h = converted instanceof FloatHistogram ? converted : converted.toFloat();
      const err = converted.validate() ?? h.validate();
      if (err) throw new Error(`load_with_nhcb: ${g.labels.toString()} at ${t}ms: ${err.message}`);
      return { t, h };
    });
    out.push({ labels: g.labels, samples });
  }
  return out;
}
