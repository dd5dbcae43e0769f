// The histogram series of a range result, each as its own heatmap under its
// name: one heatmap cannot show several distributions at once, so a query
// yielding several draws several (as prometheus#11268 plans for Prometheus's
// graph). Beyond a few, the rest are named and left for a narrower query.
import { useMemo } from 'react';
import { histogramMatrix, type SplitResult } from '../../dashboards/histogramHeatmap';
import type { TimeZone } from './graphOptions';
import { HistogramHeatmap } from './HistogramHeatmap';
import { seriesName } from './seriesStyle';

/** More heatmaps than this make a page no one reads; the rest are counted. */
export const MAX_HEATMAPS = 6;

export interface HistogramSeriesHeatmapsProps {
  times: Float64Array;
  series: SplitResult['histograms'];
  unit?: string;
  timeZone: TimeZone;
  height?: number;
}

export function HistogramSeriesHeatmaps({ times, series, unit, timeZone, height = 220 }: HistogramSeriesHeatmapsProps) {
  const drawn = useMemo(
    () => series.slice(0, MAX_HEATMAPS).map((s) => ({ name: seriesName(s.labels), matrix: histogramMatrix(times, [s.hs]) })),
    [times, series],
  );
  if (series.length === 0) return null;
  return (
    <div className="histogram-series-list">
      {drawn.map(({ name, matrix }) => (
        <figure key={name} className="histogram-series">
          <figcaption className="histogram-series-name">{name}</figcaption>
          <HistogramHeatmap matrix={matrix} height={height} unit={unit} timeZone={timeZone} label={`Heatmap of ${name}: ${matrix.rows.length} buckets over ${times.length} steps`} />
        </figure>
      ))}
      {series.length > MAX_HEATMAPS ? (
        <p className="muted small">
          {series.length - MAX_HEATMAPS} more histogram series not drawn: narrow the query (a label matcher, or sum by fewer labels).
        </p>
      ) : null}
    </div>
  );
}
