// uPlot options for the query graph. uPlot's own legend is off: it writes
// series labels as HTML, and label values are untrusted, so the legend and the
// hover values are React components and uPlot series carry neutral labels.
import uPlot from 'uplot';
import { stackBands } from './graphData';
import { formatTicks, formatValue } from './units';
import { seriesFill } from './seriesStyle';

export type TimeZone = 'local' | 'UTC';

/** What the chart reports back; times in ms as the engine keeps them. */
export interface GraphEvents {
  zoom(startMs: number, endMs: number): void;
  resetZoom(): void;
  /** idx is the step under the cursor, or null when it left the plot; left/top in CSS px within the plot area. */
  hover(idx: number | null, left: number, top: number): void;
}

export interface GraphOptionsInput {
  width: number;
  height: number;
  /** Per series, in result order. */
  colors: readonly string[];
  shown: readonly boolean[];
  stacked: boolean;
  log: boolean;
  yFromZero: boolean;
  unit: string;
  timeZone: TimeZone;
  /** Canvas cannot read CSS variables, so the theme's colours are passed in. */
  axisColor: string;
  gridColor: string;
  events: GraphEvents;
}

// uPlot's time-axis table with 24-hour, year-first dates as Prometheus shows
// them. Columns: tick spacing (s), label, then what is added below the label
// when the year, month, day, hour, minute or second rolls over, and mode 1.
const NL = '\n';
export const TIME_TICKS: uPlot.Axis.TimeValuesConfig = [
  [365 * 86400, '{YYYY}', null, null, null, null, null, null, 1],
  [28 * 86400, '{MMM}', `${NL}{YYYY}`, null, null, null, null, null, 1],
  [86400, '{MM}-{DD}', `${NL}{YYYY}`, null, null, null, null, null, 1],
  [3600, '{HH}:{mm}', `${NL}{YYYY}-{MM}-{DD}`, null, `${NL}{MM}-{DD}`, null, null, null, 1],
  [60, '{HH}:{mm}', `${NL}{YYYY}-{MM}-{DD}`, null, `${NL}{MM}-{DD}`, null, null, null, 1],
  [1, '{HH}:{mm}:{ss}', `${NL}{YYYY}-{MM}-{DD}`, null, `${NL}{MM}-{DD}`, null, null, null, 1],
  [0.001, '{HH}:{mm}:{ss}.{fff}', `${NL}{YYYY}-{MM}-{DD}`, null, `${NL}{MM}-{DD}`, null, null, null, 1],
];

// Axis fonts as uPlot's defaults, so the label-width estimate below holds.
export const AXIS_FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
export const CHAR_PX = 7;
export const MIN_Y_AXIS_PX = Math.ceil(('2026-12-07'.length * CHAR_PX) / 2) + 16;

export function graphOptions(input: GraphOptionsInput): uPlot.Options {
  const { colors, shown, stacked, log, yFromZero, unit, timeZone, axisColor, gridColor, events } = input;
  const axisStyle = {
    stroke: axisColor,
    font: AXIS_FONT,
    grid: { stroke: gridColor, width: 1 },
    ticks: { stroke: gridColor, width: 1 },
  };
  return {
    width: input.width,
    height: input.height,
    legend: { show: false },
    ...(timeZone === 'UTC' ? { tzDate: (ts: number) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC') } : {}),
    scales: {
      x: { time: true },
      y: log ? { distr: 3, log: 10 } : yFromZero ? { range: rangeFromZero } : {},
    },
    axes: [
      // uPlot's default 50 px between ticks packs "HH:mm:ss" labels edge to edge at 15 s ticks.
      { ...axisStyle, values: TIME_TICKS, space: 80 },
      {
        ...axisStyle,
        // A log axis spans decades, so each tick gets its own prefix (1 µs, 1 ms, 1 s).
        values: (_u, splits) => (log ? splits.map((v) => (v === null ? '' : formatValue(v, unit))) : formatTicks(splits, unit)),
        // Never narrower than half the time axis's widest label ("2026-12-07"), which a tick at the plot's left edge centres on that edge.
        size: (_u, values) => Math.max(MIN_Y_AXIS_PX, ...(values ?? []).map((v) => v.length * CHAR_PX + 18)),
      },
    ],
    series: [
      {},
      ...colors.map((stroke, i) => ({
        label: `series ${i + 1}`,
        stroke,
        width: 1.25,
        show: shown[i] ?? true,
        spanGaps: false,
        ...(stacked ? { fill: seriesFill(stroke) } : {}),
      })),
    ],
    ...(stacked ? { bands: stackBands(shown) } : {}),
    cursor: {
      drag: { x: true, y: false, setScale: true },
      // One hover dot per series is a DOM node each; with 1,000 series that stalls.
      points: { show: false },
      bind: {
        dblclick: (_u, _target, handler) => (e) => {
          events.resetZoom();
          return handler(e);
        },
      },
    },
    hooks: {
      setSelect: [
        (u) => {
          const { left, width } = u.select;
          if (width < 1) return;
          events.zoom(u.posToVal(left, 'x') * 1000, u.posToVal(left + width, 'x') * 1000);
        },
      ],
      setCursor: [(u) => events.hover(u.cursor.idx ?? null, u.cursor.left ?? -1, u.cursor.top ?? -1)],
    },
  };
}

/** Keeps 0 on the axis (Prometheus's "y-axis from zero"), padded as uPlot pads by default. */
export function rangeFromZero(_u: uPlot, min: number | null, max: number | null): uPlot.Range.MinMax {
  if (min === null || max === null) return [0, 1];
  return uPlot.rangeNum(Math.min(0, min), Math.max(0, max), 0.1, true);
}

/** Axis text and grid colours from the page's CSS colour, so the chart follows light and dark themes. */
export function themeColors(el: HTMLElement): { axisColor: string; gridColor: string } {
  const color = getComputedStyle(el).color || 'rgb(128, 128, 128)';
  const rgb = /^rgba?\(([^,]+),([^,]+),([^,)]+)/.exec(color);
  const gridColor = rgb ? `rgba(${rgb[1]},${rgb[2]},${rgb[3]}, 0.15)` : 'rgba(128, 128, 128, 0.2)';
  return { axisColor: color, gridColor };
}
