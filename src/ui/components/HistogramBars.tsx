// One native histogram at one instant as bucket bars: x by the buckets'
// bounds (log axis for positive bounds, as the heatmap's y), height by count.
// SVG, as the bars are few and each can be named and hovered; hovering (or
// focusing) a bar says its bounds and count.
import { useMemo, useState } from 'react';
import { axisLayout, axisTicks, boundText, bucketSpan, bucketText, countText, parseBuckets, spacedTicks } from '../../dashboards/histogramLayout';
import type { HistogramJSON } from '../../model/histogram/types';
import { formatValue } from './units';
import './Histogram.css';

export interface HistogramBarsProps {
  histogram: HistogramJSON;
  width?: number;
  height?: number;
  /** Unit of the bucket bounds (see units.ts). */
  unit?: string;
  /** Accessible name of the chart. */
  label: string;
}

const PAD_LEFT = 4;
const PAD_BOTTOM = 16;

export function HistogramBars({ histogram, width = 320, height = 120, unit = '', label }: HistogramBarsProps) {
  const bars = useMemo(() => {
    const buckets = parseBuckets(histogram);
    const axis = axisLayout(buckets);
    const max = Math.max(0, ...buckets.map((b) => b.count).filter(Number.isFinite));
    return { buckets, axis, max, ticks: axisTicks(axis) };
  }, [histogram]);
  const [hovered, setHovered] = useState<number | null>(null);
  const plotW = width - 2 * PAD_LEFT;
  const plotH = height - PAD_BOTTOM;
  // Without a unit, bounds read as Prometheus writes them (0.5, not 500m).
  const bound = (v: number) => (unit ? formatValue(v, unit) : boundText(v));
  const text = (i: number) => `${bucketText(bars.buckets[i], bound)}: ${countText(bars.buckets[i].count)}`;
  // About 6.5 px a character at the tick font, and a gap between labels.
  const ticks = spacedTicks(bars.ticks, plotW, (t) => bound(t.value).length * 6.5 + 8);
  if (bars.buckets.length === 0) return null;
  return (
    <div className="histogram-bars">
      <svg width={width} height={height} role="img" aria-label={label} onMouseLeave={() => setHovered(null)}>
        {/* Under the bars, each bar's whole column is its hover target, so a short bar is as easy to point at as a tall one. */}
        {bars.buckets.map((b, i) => {
          const [from, to] = bucketSpan(bars.axis, b);
          return (
            <rect key={`hit-${b.lower}|${b.upper}`} x={PAD_LEFT + from * plotW} y={0} width={Math.max(2, (to - from) * plotW)} height={plotH} fill="transparent" onMouseEnter={() => setHovered(i)} />
          );
        })}
        {bars.buckets.map((b, i) => {
          const [from, to] = bucketSpan(bars.axis, b);
          const x = PAD_LEFT + from * plotW;
          const barW = Math.max(1, (to - from) * plotW - (to - from) * plotW * 0.08);
          const barH = bars.max > 0 && b.count > 0 ? Math.max(1, (b.count / bars.max) * plotH) : 0;
          return (
            <rect
              key={`${b.lower}|${b.upper}`}
              className={hovered === i ? 'histogram-bar hovered' : 'histogram-bar'}
              x={x}
              y={plotH - barH}
              width={barW}
              height={barH}
              aria-label={text(i)}
              onMouseEnter={() => setHovered(i)}
            />
          );
        })}
        <line x1={PAD_LEFT} x2={PAD_LEFT + plotW} y1={plotH + 0.5} y2={plotH + 0.5} className="histogram-axis" />
        {ticks.map((t, k) => (
          <text key={t.value} x={PAD_LEFT + t.at * plotW} y={height - 3} textAnchor={k === 0 && t.at < 0.1 ? 'start' : t.at > 0.9 ? 'end' : 'middle'} className="histogram-tick">
            {bound(t.value)}
          </text>
        ))}
      </svg>
      <div className="histogram-bars-hover muted small" role="status" aria-label="Bucket">
        {hovered === null ? 'Hover a bar for its bucket and count' : text(hovered)}
      </div>
    </div>
  );
}
