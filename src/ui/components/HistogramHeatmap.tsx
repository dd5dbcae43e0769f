// Native histograms over time as a heatmap on a canvas: time across, buckets
// up by their bounds (log axis for positive bounds), each cell coloured by its
// value; hovering a cell names its time, bucket and value. The query page
// draws one per histogram series, the dashboards' heatmap panel one per panel.
import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { cellHover, rowAt, type HistogramMatrix } from '../../dashboards/histogramHeatmap';
import { axisTicks, boundText, cellShade, countText, spacedTicks } from '../../dashboards/histogramLayout';
import type { HeatmapOptions } from '../../dashboards/model';
import { heatColor } from '../dashboard/panels/heatmapColors';
import type { TimeZone } from './graphOptions';
import { formatTime } from './GraphTooltip';
import { formatValue } from './units';
import { useCanvasDraw } from './useCanvasDraw';
import './Histogram.css';

export interface HistogramHeatmapProps {
  matrix: HistogramMatrix;
  /** Width in CSS px; by default the container's. */
  width?: number;
  height: number;
  /** Unit of the bucket bounds (see units.ts). */
  unit?: string;
  timeZone: TimeZone;
  scheme?: HeatmapOptions['colorScheme'];
  /** Accessible name of the canvas. */
  label: string;
}

const AXIS_LEFT = 56;
const AXIS_BOTTOM = 20;

export function HistogramHeatmap({ matrix, width, height, unit = '', timeZone, scheme = 'Oranges', label }: HistogramHeatmapProps) {
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [measured, setMeasured] = useState(0);
  const [hover, setHover] = useState<{ step: number; row: number; x: number; y: number } | null>(null);
  const w = width ?? (measured || 600);
  const plotW = Math.max(1, w - AXIS_LEFT);
  const plotH = Math.max(1, height - AXIS_BOTTOM);

  useEffect(() => {
    const wrap = wrapRef.current;
    if (width !== undefined || !wrap) return;
    const fit = () => setMeasured(wrap.clientWidth);
    fit();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(fit);
    observer.observe(wrap);
    return () => observer.disconnect();
  }, [width]);

  const draw = useCallback((ctx: CanvasRenderingContext2D) => drawCells(ctx, matrix, plotW, plotH, scheme), [matrix, plotW, plotH, scheme]);
  useCanvasDraw(canvasRef, plotW, plotH, draw);

  const n = matrix.times.length;
  const onMove = (e: MouseEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = e.clientX - box.left;
    const y = e.clientY - box.top;
    const step = Math.floor((x / plotW) * n);
    const row = step >= 0 && step < n ? rowAt(matrix, 1 - y / plotH, step) : -1;
    setHover(row >= 0 ? { step, row, x, y } : null);
  };
  // Without a unit, bounds read as Prometheus writes them (0.5, not 500m).
  const bound = (v: number) => (unit ? formatValue(v, unit) : boundText(v));
  const shown = hover ? cellHover(matrix, hover.step, hover.row, bound) : null;
  // Labels 14 px tall, kept off the +Inf and zero bands' own labels.
  const bands = [
    ...(matrix.axis.top > 0 ? [{ at: plotH * (1 - matrix.axis.top / 2), size: 14 }] : []),
    ...(matrix.axis.bottom > 0 ? [{ at: (plotH * matrix.axis.bottom) / 2, size: 14 }] : []),
  ];
  const ticks = spacedTicks(axisTicks(matrix.axis), plotH, () => 14, bands);
  const timeTicks = n > 0 ? [0, Math.floor((n - 1) / 2), n - 1].filter((v, i, a) => a.indexOf(v) === i) : [];
  const clock = (ms: number) => formatTime(ms, timeZone).split(' ')[1].slice(0, 5);
  return (
    <div ref={wrapRef} className="histogram-heatmap" style={{ width: width ?? '100%', height }}>
      <div className="histogram-heatmap-yaxis" style={{ width: AXIS_LEFT, height: plotH }} aria-hidden="true">
        {matrix.axis.top > 0 ? <span style={{ bottom: plotH * (1 - matrix.axis.top / 2) - 7 }}>+Inf</span> : null}
        {ticks.map((t) => (
          <span key={t.value} style={{ bottom: t.at * plotH - 7 }}>
            {bound(t.value)}
          </span>
        ))}
        {matrix.axis.bottom > 0 ? <span style={{ bottom: (plotH * matrix.axis.bottom) / 2 - 7 }}>{matrix.axis.scale === 'log' ? 'zero' : '-Inf'}</span> : null}
      </div>
      <canvas
        ref={canvasRef}
        className="histogram-heatmap-canvas"
        style={{ left: AXIS_LEFT, width: plotW, height: plotH }}
        role="img"
        aria-label={label}
        onMouseMove={onMove}
        onMouseLeave={() => setHover(null)}
      />
      <div className="histogram-heatmap-xaxis" style={{ left: AXIS_LEFT, width: plotW }} aria-hidden="true">
        {timeTicks.map((i) => (
          <span key={i} style={{ left: `${((i + 0.5) / n) * 100}%`, ...(i === n - 1 && n > 1 ? { transform: 'translateX(-100%)' } : i === 0 ? { transform: 'none' } : {}) }}>
            {clock(matrix.times[i])}
          </span>
        ))}
      </div>
      {hover && shown ? (
        <div
          className="graph-tooltip histogram-tooltip"
          role="status"
          aria-label="Heatmap cell"
          style={{ top: hover.y + 12, ...(hover.x > plotW * 0.4 ? { right: w - AXIS_LEFT - hover.x + 12 } : { left: AXIS_LEFT + hover.x + 12 }) }}
        >
          <div className="graph-tooltip-time">{formatTime(shown.t, timeZone)}</div>
          <div>Bucket {shown.bucket}</div>
          <div>Value {countText(shown.value)}</div>
        </div>
      ) : null}
    </div>
  );
}

/** Cells at their bounds' place; a bucket thinner than a pixel still shows as one. */
function drawCells(ctx: CanvasRenderingContext2D, m: HistogramMatrix, w: number, h: number, scheme: HeatmapOptions['colorScheme']) {
  ctx.clearRect(0, 0, w, h);
  const n = m.times.length;
  if (n === 0 || m.max <= 0) return;
  const cw = w / n;
  const gap = cw > 6 ? 1 : 0;
  m.rows.forEach((row, r) => {
    const values = m.values[r];
    const top = h * (1 - row.to);
    const rh = Math.max(1, h * (row.to - row.from));
    for (let i = 0; i < n; i++) {
      const shade = cellShade(values[i], m.max);
      if (shade === 0) continue;
      ctx.fillStyle = heatColor(scheme, shade);
      // Half a pixel of overlap where there is no gap, so columns do not show seams.
      ctx.fillRect(i * cw, top, cw - gap + (gap ? 0 : 0.5), rh);
    }
  });
}
