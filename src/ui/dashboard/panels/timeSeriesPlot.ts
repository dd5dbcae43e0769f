// uPlot data and options for a dashboard's time-series panel: Grafana's draw
// styles (line, bars, points), fill opacity, normal and percent stacking, a
// log or bounded y axis in the field's unit, and thresholds drawn as lines or
// bands behind the series. The query page's graph shares its time axis,
// gaps and stacking (graphData, graphOptions).

import uPlot from 'uplot';
import type { TimeSeriesOptions } from '../../../dashboards/model';
import { plotColumn, stackBands, stackColumns, toSeconds } from '../../components/graphData';
import { AXIS_FONT, CHAR_PX, MIN_Y_AXIS_PX, TIME_TICKS, type GraphEvents, type TimeZone } from '../../components/graphOptions';

export interface PlotSeriesStyle {
  color: string;
  drawStyle: TimeSeriesOptions['drawStyle'];
  lineWidth: number;
  /** 0..100 */
  fillOpacity: number;
  pointSize: number;
  show: boolean;
  /** A series of one point (an instant answer) is drawn as a point whatever its style. */
  points: boolean;
}

/** Each step's share of the shown series' total, 0..1, for percent stacking (Grafana's stacking mode "100%"). */
export function percentColumns(columns: readonly Float64Array[], shown: readonly boolean[]): Float64Array[] {
  const n = columns[0]?.length ?? 0;
  const total = new Float64Array(n);
  columns.forEach((vs, s) => {
    if (shown[s] === false) return;
    for (let i = 0; i < n; i++) if (Number.isFinite(vs[i])) total[i] += vs[i];
  });
  return columns.map((vs) => vs.map((v, i) => (total[i] === 0 ? NaN : v / total[i])));
}

export function timeSeriesData(
  times: Float64Array,
  columns: readonly Float64Array[],
  stacking: TimeSeriesOptions['stacking'],
  shown: readonly boolean[],
  log: boolean,
): uPlot.AlignedData {
  const base = stacking === 'percent' ? percentColumns(columns, shown) : columns;
  const drawn = stacking === 'none' ? base : stackColumns(base, shown);
  return [toSeconds(times), ...drawn.map((vs) => plotColumn(vs, log))];
}

/** A CSS colour at `alpha` opacity: hex gets an alpha byte, hsl()/rgb() a slash alpha. */
export function withAlpha(color: string, alpha: number): string {
  const a = Math.min(1, Math.max(0, alpha));
  if (/^#[0-9a-f]{6}$/i.test(color)) return `${color}${Math.round(a * 255).toString(16).padStart(2, '0')}`;
  if (/^#[0-9a-f]{3}$/i.test(color)) return `#${[...color.slice(1)].map((c) => c + c).join('')}${Math.round(a * 255).toString(16).padStart(2, '0')}`;
  const fn = /^(hsl|rgb)a?\((.*)\)$/i.exec(color);
  if (!fn) return color;
  // Legacy comma syntax takes the alpha as a fourth argument; space syntax after a slash.
  if (fn[2].includes(',')) return `${fn[1]}a(${fn[2].split(',').slice(0, 3).map((p) => p.trim()).join(', ')}, ${a})`;
  return `${fn[1]}(${fn[2].split('/')[0].trim()} / ${a})`;
}

/** Grafana's axis decimals: as many as the tick increment has (UPlotAxisBuilder's guessDecimals), none chosen for whole steps. */
export function tickDecimals(increment: number): number | null {
  const d = (String(Number(increment.toFixed(6))).split('.')[1] ?? '').length;
  return d > 0 ? d : null;
}

export interface TimeSeriesPlotInput {
  width: number;
  height: number;
  /** The board's range in ms, read whenever the x axis is scaled: it always spans it, as Grafana's does. */
  timeRange: () => { startMs: number; endMs: number };
  series: readonly PlotSeriesStyle[];
  stacking: TimeSeriesOptions['stacking'];
  logBase: TimeSeriesOptions['logBase'];
  /** The field's min and max ('' data decides). */
  min: number | null;
  max: number | null;
  /** An axis tick as text, `decimals` from the tick increment (null: chosen by value). */
  formatTick: (value: number, decimals: number | null) => string;
  /** Threshold steps in axis units, from the lowest (base, -Infinity) up. */
  thresholds: readonly { value: number; color: string }[];
  thresholdsStyle: TimeSeriesOptions['thresholdsStyle'];
  timeZone: TimeZone;
  axisColor: string;
  gridColor: string;
  events: Pick<GraphEvents, 'zoom' | 'hover'>;
}

export function timeSeriesPlotOptions(input: TimeSeriesPlotInput): uPlot.Options {
  const { series, stacking, logBase, min, max, thresholds, thresholdsStyle, events } = input;
  const axisStyle = { stroke: input.axisColor, font: AXIS_FONT, grid: { stroke: input.gridColor, width: 1 }, ticks: { stroke: input.gridColor, width: 1 } };
  const stacked = stacking !== 'none';
  const fixed = stacking === 'percent' ? { min: 0, max: 1 } : { min, max };
  const bars = uPlot.paths.bars?.({ size: [0.6, 64] });
  return {
    width: input.width,
    height: input.height,
    legend: { show: false },
    ...(input.timeZone === 'UTC' ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') } : {}),
    scales: {
      x: { time: true, range: () => [input.timeRange().startMs / 1000, input.timeRange().endMs / 1000] },
      y: logBase
        ? { distr: 3, log: logBase, ...(fixed.min !== null && fixed.min > 0 ? { min: fixed.min } : {}), ...(fixed.max !== null ? { max: fixed.max } : {}) }
        : {
            range: (_u, dataMin, dataMax) => {
              const lo = fixed.min ?? dataMin;
              const hi = fixed.max ?? dataMax;
              if (lo === null || hi === null) return [0, 1];
              const [pMin, pMax] = uPlot.rangeNum(lo, hi, 0.1, true);
              return [fixed.min ?? pMin, fixed.max ?? pMax];
            },
          },
    },
    axes: [
      { ...axisStyle, values: TIME_TICKS, space: 80 },
      {
        ...axisStyle,
        values: (_u, splits, _axis, _space, incr) => {
          const decimals = logBase ? null : tickDecimals(incr);
          return splits.map((v) => (v === null ? '' : input.formatTick(v, decimals)));
        },
        // As the query graph's: never narrower than half a date label, which the first time tick centres on the plot's edge.
        size: (_u, values) => Math.max(MIN_Y_AXIS_PX, ...(values ?? []).map((v) => v.length * CHAR_PX + 18)),
      },
    ],
    series: [
      {},
      ...series.map((s, i) => {
        const fill = s.fillOpacity > 0 ? withAlpha(s.color, s.fillOpacity / 100) : stacked ? withAlpha(s.color, 0.35) : undefined;
        const pointsOnly = s.drawStyle === 'points' || s.points;
        return {
          label: `series ${i + 1}`,
          stroke: s.color,
          width: s.lineWidth,
          show: s.show,
          spanGaps: false,
          ...(fill ? { fill } : {}),
          ...(s.drawStyle === 'bars' && bars ? { paths: bars, fill: fill ?? withAlpha(s.color, 0.8) } : {}),
          ...(pointsOnly ? { paths: () => null, points: { show: true, size: Math.max(s.pointSize, 4), fill: s.color, stroke: s.color } } : {}),
        };
      }),
    ],
    ...(stacked ? { bands: stackBands(series.map((s) => s.show)) } : {}),
    cursor: {
      drag: { x: true, y: false, setScale: false },
      points: { show: false },
    },
    hooks: {
      drawClear: thresholdsStyle === 'off' || thresholds.length === 0 ? [] : [(u) => drawThresholds(u, thresholds, thresholdsStyle)],
      setSelect: [
        (u) => {
          const { left, width } = u.select;
          if (width < 1) return;
          events.zoom(u.posToVal(left, 'x') * 1000, u.posToVal(left + width, 'x') * 1000);
          u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
        },
      ],
      setCursor: [(u) => events.hover(u.cursor.idx ?? null, u.cursor.left ?? -1, u.cursor.top ?? -1)],
    },
  };
}

/** Grafana's thresholds style: each step from its value to the next as a band, and/or a dashed line at its value. */
function drawThresholds(u: uPlot, steps: readonly { value: number; color: string }[], style: TimeSeriesOptions['thresholdsStyle']): void {
  const { ctx } = u;
  const { left, top, width, height } = u.bbox;
  const yOf = (v: number) => Math.min(top + height, Math.max(top, u.valToPos(v, 'y', true)));
  ctx.save();
  steps.forEach((step, i) => {
    const lo = Number.isFinite(step.value) ? yOf(step.value) : top + height;
    const hi = i + 1 < steps.length ? yOf(steps[i + 1].value) : top;
    if (style === 'area' || style === 'line+area') {
      ctx.fillStyle = withAlpha(step.color, 0.15);
      ctx.fillRect(left, hi, width, lo - hi);
    }
    if ((style === 'line' || style === 'line+area') && Number.isFinite(step.value)) {
      ctx.strokeStyle = step.color;
      ctx.lineWidth = 2 * uPlot.pxRatio;
      ctx.setLineDash([10 * uPlot.pxRatio, 10 * uPlot.pxRatio]);
      ctx.beginPath();
      ctx.moveTo(left, lo);
      ctx.lineTo(left + width, lo);
      ctx.stroke();
    }
  });
  ctx.restore();
}
