// A panel's answers as named series, whatever their shape: each range
// series, each instant row (one point at its time), each series of a range
// selector. Every series carries its legend name, its display name and its
// field config after overrides, so every panel type names, formats and
// colours a series the same way.

import { displayName, resolveField, type SeriesField } from '../../../dashboards/fieldDisplay';
import { legendName } from '../../../dashboards/legend';
import { goFloat } from '../../../dashboards/histogramLayout';
import type { Panel } from '../../../dashboards/model';
import type { HistogramJSON } from '../../../model/histogram/types';
import type { PanelData } from '../panelData';

export interface PanelSeries {
  /** Unique within the panel: the target and the series' place in its answer. */
  key: string;
  refId: string;
  /** As legends, tooltips and stats show it. */
  name: string;
  labels: Record<string, string>;
  /** Sample times in ms, ascending. */
  times: Float64Array;
  /** NaN where there is no sample. */
  values: Float64Array;
  field: SeriesField;
  /** From an instant query: one point per series. */
  instant: boolean;
  /** Native histograms aligned with times (null at float samples); the heatmap draws their buckets. */
  histograms?: (HistogramJSON | null)[];
}

/**
 * A histogram sample's value in every panel drawing one number per sample
 * (stat, gauge, time series, table) is its count, as Prometheus's graph shows
 * a native histogram; Grafana leaves those panels to histogram_count() and
 * friends, which still work the same here.
 */
function withCounts(values: Float64Array, hs: readonly (HistogramJSON | null)[] | undefined): Float64Array {
  if (!hs?.some((h) => h !== null)) return values;
  return Float64Array.from(values, (v, i) => (hs[i] ? goFloat(hs[i].count) : v));
}

export function panelSeries(panel: Panel, data: PanelData): PanelSeries[] {
  const hidden = new Set(panel.targets.filter((t) => t.hide).map((t) => t.refId));
  const out: PanelSeries[] = [];
  for (const frame of data.frames) {
    if (hidden.has(frame.refId)) continue;
    const add = (labels: Record<string, string>, times: Float64Array, floats: Float64Array, instant: boolean, hs?: (HistogramJSON | null)[]) => {
      const legend = legendName(frame.legendFormat, labels, frame.expr);
      const field = resolveField(panel.fieldConfig.defaults, panel.fieldConfig.overrides, legend);
      // An override may itself rename the series; byName matchers see the legend name, as Grafana's see the frame's.
      const name = displayName(field.config, labels, legend);
      const values = withCounts(floats, hs);
      out.push({ key: `${frame.refId}#${out.length}`, refId: frame.refId, name, labels, times, values, field, instant, ...(values === floats ? {} : { histograms: hs }) });
    };
    const r = frame.result;
    if (r.resultType === 'matrix' && 'times' in r) {
      for (const s of r.series) add(s.labels, r.times, s.vs, false, s.hs);
    } else if ('rows' in r) {
      if (r.matrix) for (const s of r.matrix) add(s.labels, s.ts, s.vs, false, s.hs);
      else for (const row of r.rows) add(row.labels, Float64Array.of(row.t), Float64Array.of(row.value), true, row.histogram ? [row.histogram] : undefined);
    }
  }
  return out;
}

/** Series on one time axis, for uPlot: the union of their times, each series NaN where it has no sample. */
export function alignSeries(series: readonly PanelSeries[]): { times: Float64Array; columns: Float64Array[] } {
  if (series.length === 0) return { times: new Float64Array(0), columns: [] };
  const first = series[0].times;
  if (series.every((s) => s.times === first || sameTimes(s.times, first))) return { times: first, columns: series.map((s) => s.values) };
  const all = new Set<number>();
  for (const s of series) for (const t of s.times) all.add(t);
  const times = Float64Array.from([...all].sort((a, b) => a - b));
  const at = new Map<number, number>();
  times.forEach((t, i) => at.set(t, i));
  const columns = series.map((s) => {
    const col = new Float64Array(times.length).fill(NaN);
    s.times.forEach((t, i) => {
      col[at.get(t)!] = s.values[i];
    });
    return col;
  });
  return { times, columns };
}

function sameTimes(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
