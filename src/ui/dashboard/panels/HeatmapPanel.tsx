// The heatmap panel: a histogram's buckets (rows, by `le`) over time
// (columns), each cell coloured by how many observations fell in it, drawn
// on a canvas; hovering a cell names its bucket's bounds, time and count.
import { useCallback, useMemo, useRef, useState, type MouseEvent } from 'react';
import { heatmapBuckets, type HeatmapMatrix } from '../../../dashboards/heatmapBuckets';
import { histogramMatrix } from '../../../dashboards/histogramHeatmap';
import type { Panel } from '../../../dashboards/model';
import { formattedText, formatValue } from '../../../dashboards/units';
import { formatTime } from '../../components/GraphTooltip';
import { HistogramHeatmap } from '../../components/HistogramHeatmap';
import type { PanelTime } from '../panelData';
import { heatColor } from './heatmapColors';
import { cellShade } from '../../../dashboards/histogramLayout';
import { useCanvasDraw } from '../../components/useCanvasDraw';
import { alignSeries, type PanelSeries } from './panelSeries';

export interface HeatmapPanelProps {
  panel: Panel & { type: 'heatmap' };
  series: PanelSeries[];
  time: PanelTime;
  width: number;
  height: number;
}

const AXIS_LEFT = 64;
const AXIS_BOTTOM = 22;

interface Cell {
  step: number;
  bucket: number;
  x: number;
  y: number;
}

export function HeatmapPanel(props: HeatmapPanelProps) {
  return props.series.some((s) => s.histograms) ? <NativeHeatmapPanel {...props} /> : <BucketSeriesHeatmap {...props} />;
}

/** Native histograms: all the panel's histogram series summed bucket by bucket into one map, as one heatmap shows one distribution. */
function NativeHeatmapPanel({ panel, series, time, width, height }: HeatmapPanelProps) {
  const matrix = useMemo(() => {
    const withHistograms = series.filter((s) => s.histograms);
    const { times } = alignSeries(withHistograms);
    const columns = withHistograms.map((s) => {
      const at = new Map<number, number>();
      s.times.forEach((t, i) => at.set(t, i));
      return Array.from(times, (t) => s.histograms![at.get(t) ?? -1] ?? null);
    });
    return histogramMatrix(times, columns);
  }, [series]);
  return (
    <HistogramHeatmap
      matrix={matrix}
      width={width}
      height={height}
      unit={panel.fieldConfig.defaults.unit}
      timeZone={time.timezone === 'utc' ? 'UTC' : 'local'}
      scheme={panel.options.colorScheme}
      label={`Heatmap of ${matrix.rows.length} buckets over ${matrix.times.length} steps`}
    />
  );
}

/** Classic histograms: `_bucket` series by their `le`. */
function BucketSeriesHeatmap({ panel, series, time, width, height }: HeatmapPanelProps) {
  const matrix = useMemo(() => {
    const { times, columns } = alignSeries(series);
    return heatmapBuckets({ resultType: 'matrix', times, series: series.map((s, i) => ({ labels: s.labels, vs: columns[i] })), warnings: [], infos: [] });
  }, [series]);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [cell, setCell] = useState<Cell | null>(null);
  const plotW = Math.max(1, width - AXIS_LEFT);
  const plotH = Math.max(1, height - AXIS_BOTTOM);
  const scheme = panel.options.colorScheme;

  const draw = useCallback((ctx: CanvasRenderingContext2D) => drawCells(ctx, matrix, plotW, plotH, scheme), [matrix, plotW, plotH, scheme]);
  useCanvasDraw(canvasRef, plotW, plotH, draw);

  if (matrix.buckets.length === 0) {
    return <div className="panel-empty">No data: a heatmap needs native histograms, or series with an `le` label (a classic histogram&apos;s _bucket series).</div>;
  }

  const n = matrix.times.length;
  const rows = matrix.buckets.length;
  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const step = Math.floor((x / plotW) * n);
    const bucket = rows - 1 - Math.floor((y / plotH) * rows);
    setCell(step >= 0 && step < n && bucket >= 0 && bucket < rows ? { step, bucket, x, y } : null);
  };
  const labelEvery = Math.max(1, Math.ceil((rows * 16) / plotH));
  const tz = time.timezone === 'utc' ? 'UTC' : 'local';
  const timeTicks = n > 0 ? [0, Math.floor(n / 2), n - 1].filter((v, i, a) => a.indexOf(v) === i) : [];
  const unit = panel.fieldConfig.defaults.unit;
  const bound = (v: number) => (Number.isFinite(v) ? formattedText(formatValue(v, unit, null, time.timezone)) : v > 0 ? '+Inf' : '-Inf');
  return (
    <div className="heatmap" style={{ width, height }}>
      <div className="heatmap-yaxis" style={{ width: AXIS_LEFT, height: plotH }} aria-hidden="true">
        {matrix.buckets.map((b, i) =>
          i % labelEvery === 0 ? (
            <span key={b.le} style={{ bottom: ((i + 0.5) / rows) * plotH - 7 }}>
              {b.upper === Infinity ? '+Inf' : bound(b.upper)}
            </span>
          ) : null,
        )}
      </div>
      <canvas
        ref={canvasRef}
        className="heatmap-canvas"
        style={{ left: AXIS_LEFT, width: plotW, height: plotH }}
        role="img"
        aria-label={`Heatmap of ${rows} buckets over ${n} steps`}
        onMouseMove={onMove}
        onMouseLeave={() => setCell(null)}
      />
      <div className="heatmap-xaxis" style={{ left: AXIS_LEFT, width: plotW }} aria-hidden="true">
        {timeTicks.map((i) => (
          // The last label ends at its tick rather than centring on it, so the panel's edge does not cut it.
          <span key={i} style={{ left: `${((i + 0.5) / n) * 100}%`, ...(i === n - 1 && n > 1 ? { transform: 'translateX(-100%)' } : {}) }}>
            {formatTime(matrix.times[i], tz).slice(11, 16)}
          </span>
        ))}
      </div>
      {cell ? (
        <div className="graph-tooltip heatmap-tooltip" role="status" style={{ top: cell.y + 12, ...(cell.x > plotW / 2 ? { right: width - AXIS_LEFT - cell.x + 12 } : { left: AXIS_LEFT + cell.x + 12 }) }}>
          <div className="graph-tooltip-time">{formatTime(matrix.times[cell.step], tz)}</div>
          <div>
            Bucket {bound(matrix.buckets[cell.bucket].lower)} – {bound(matrix.buckets[cell.bucket].upper)}
          </div>
          <div>Count {Number.isNaN(matrix.counts[cell.bucket][cell.step]) ? 'no sample' : formattedText(formatValue(matrix.counts[cell.bucket][cell.step], 'short', null))}</div>
        </div>
      ) : null}
    </div>
  );
}

/** Rows from the lowest bucket at the bottom; empty cells (0 or no sample) left clear. */
function drawCells(ctx: CanvasRenderingContext2D, m: HeatmapMatrix, w: number, h: number, scheme: HeatmapPanelProps['panel']['options']['colorScheme']) {
  ctx.clearRect(0, 0, w, h);
  const n = m.times.length;
  const rows = m.buckets.length;
  if (n === 0 || rows === 0 || m.max <= 0) return;
  const cw = w / n;
  const ch = h / rows;
  // A hairline between cells, only where cells are wide enough that it does not stripe the map.
  const gapX = cw > 6 ? 1 : 0;
  const gapY = ch > 6 ? 1 : 0;
  for (let b = 0; b < rows; b++) {
    const y = h - (b + 1) * ch;
    const counts = m.counts[b];
    for (let i = 0; i < n; i++) {
      const c = counts[i];
      if (!(c > 0)) continue;
      ctx.fillStyle = heatColor(scheme, cellShade(c, m.max));
      ctx.fillRect(i * cw, y, cw - gapX + (gapX ? 0 : 0.5), ch - gapY);
    }
  }
}
