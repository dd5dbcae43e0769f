// The query graph: uPlot drawing range-query columns, with a React legend and
// hover box. The chart is built once per series set and options, and fed new
// data with setData, so refreshing 1,000 series redraws without a rebuild.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { RangeColumns } from '../../model/queryResult';
import { buildPlotData, stackBands } from './graphData';
import { graphOptions, themeColors, type GraphEvents, type TimeZone } from './graphOptions';
import { GraphTooltip } from './GraphTooltip';
import { createHoverStore } from './hoverStore';
import { Legend } from './Legend';
import { isolate, isShown, toggle, type Visibility } from './legendState';
import { seriesColor, seriesName } from './seriesStyle';
import { unitOf } from './units';
import './Graph.css';

export interface GraphProps {
  data: RangeColumns;
  stacked?: boolean;
  yScale?: 'linear' | 'log';
  yFromZero?: boolean;
  /** Unit of the values (see units.ts); by default guessed from the series' metric names. */
  unit?: string;
  timeZone?: TimeZone;
  /** A drag across the plot selected this time range (ms). */
  onZoom?(startMs: number, endMs: number): void;
  /** The plot was double-clicked. */
  onResetZoom?(): void;
  /** Height of the plot in CSS px; the width follows the container. */
  height?: number;
  /**
   * The expression drawn; a new one resets which series the legend shows.
   * Without it, the choice resets whenever the set of series changes.
   */
  query?: string;
  /** Accessible name of the plot. */
  label?: string;
  /** The page's colour theme; a change rebuilds the chart, whose canvas colours are read once. */
  theme?: string;
}

export function Graph({
  data,
  stacked = false,
  yScale = 'linear',
  yFromZero = false,
  unit,
  timeZone = 'local',
  onZoom,
  onResetZoom,
  height = 300,
  query,
  label,
  theme,
}: GraphProps) {
  const log = yScale === 'log';
  // The same series after a refresh keep the same names array, so the chart
  // is not rebuilt and the legend (memoised) does not re-render.
  const freshNames = useMemo(() => data.series.map((s) => seriesName(s.labels)), [data.series]);
  const [names, setNames] = useState(freshNames);
  if (names !== freshNames && !sameStrings(names, freshNames)) setNames(freshNames);
  const colors = useMemo(() => names.map(seriesColor), [names]);
  const guessedUnit = useMemo(() => unitOfSeries(data.series), [data.series]);
  const axisUnit = unit ?? guessedUnit;

  // Visibility belongs to one query: a new expression starts with all shown.
  const scope: unknown = query ?? names;
  const [selection, setSelection] = useState<{ scope: unknown; visibility: Visibility }>({ scope, visibility: null });
  const visibility = selection.scope === scope ? selection.visibility : null;
  const shown = useMemo(() => names.map((n) => isShown(visibility, n)), [names, visibility]);
  const plotData = useMemo(() => buildPlotData(data, { log, stacked, shown }), [data, log, stacked, shown]);

  const [hover] = useState(createHoverStore);
  const [width, setWidth] = useState(0);
  const wrapRef = useRef<HTMLDivElement>(null);
  const plotHostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const applied = useRef<{ data: uPlot.AlignedData; shown: readonly boolean[] } | null>(null);

  // What the chart reads when it is (re)built, without rebuilding when it changes.
  const latest = useRef({ plotData, shown, height, onZoom, onResetZoom });
  useEffect(() => {
    latest.current = { plotData, shown, height, onZoom, onResetZoom };
  });

  useEffect(() => {
    const host = plotHostRef.current;
    const wrap = wrapRef.current;
    if (!host || !wrap) return;
    const { plotData, shown, height } = latest.current;
    const events: GraphEvents = {
      zoom: (startMs, endMs) => latest.current.onZoom?.(startMs, endMs),
      resetZoom: () => latest.current.onResetZoom?.(),
      hover: (idx, left, top) => {
        const u = plotRef.current;
        if (!u || idx === null || left < 0) return hover.set(null);
        const over = u.over;
        hover.set({ idx, x: over.offsetLeft + left, y: over.offsetTop + top, yValue: u.posToVal(top, 'y') });
      },
    };
    const u = new uPlot(
      graphOptions({
        width: wrap.clientWidth || 600,
        height,
        colors,
        shown,
        stacked,
        log,
        yFromZero,
        unit: axisUnit,
        timeZone,
        ...themeColors(wrap),
        events,
      }),
      plotData,
      host,
    );
    plotRef.current = u;
    applied.current = { data: plotData, shown };
    return () => {
      u.destroy();
      plotRef.current = null;
      hover.set(null);
    };
    // theme is not read here: its change alone rebuilds the chart with the new CSS colours.
  }, [colors, stacked, log, yFromZero, axisUnit, timeZone, hover, theme]);

  useEffect(() => {
    const u = plotRef.current;
    const last = applied.current;
    if (!u || !last || (last.data === plotData && last.shown === shown)) return;
    u.batch(() => {
      shown.forEach((show, i) => {
        if (u.series[i + 1] && u.series[i + 1].show !== show) u.setSeries(i + 1, { show });
      });
      if (stacked && last.shown !== shown) {
        u.delBand(null);
        for (const band of stackBands(shown)) u.addBand(band);
      }
      if (last.data !== plotData) u.setData(plotData);
    });
    applied.current = { data: plotData, shown };
  }, [plotData, shown, stacked]);

  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const fit = () => {
      setWidth(wrap.clientWidth);
      const u = plotRef.current;
      if (u && wrap.clientWidth > 0 && (u.width !== wrap.clientWidth || u.height !== height)) {
        u.setSize({ width: wrap.clientWidth, height });
      }
    };
    fit();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(fit);
    observer.observe(wrap);
    return () => observer.disconnect();
  }, [height]);

  // Arrow keys walk the cursor along the steps, for those not using a mouse.
  const onKeyDown = (e: KeyboardEvent) => {
    const u = plotRef.current;
    const n = data.times.length;
    if (!u || n === 0) return;
    const at = hover.get()?.idx;
    let idx: number | null = null;
    if (e.key === 'ArrowRight') idx = at === undefined ? 0 : Math.min(at + 1, n - 1);
    else if (e.key === 'ArrowLeft') idx = at === undefined ? n - 1 : Math.max(at - 1, 0);
    else if (e.key === 'Home') idx = 0;
    else if (e.key === 'End') idx = n - 1;
    else if (e.key === 'Escape') u.setCursor({ left: -10, top: -10 });
    if (idx === null) return;
    e.preventDefault();
    u.setCursor({ left: u.valToPos(data.times[idx] / 1000, 'x'), top: u.over.clientHeight / 2 });
  };

  const onIsolate = useCallback((name: string) => setSelection({ scope, visibility: isolate(visibility, name) }), [scope, visibility]);
  const onToggle = useCallback(
    (name: string) => setSelection({ scope, visibility: toggle(visibility, name, names) }),
    [scope, visibility, names],
  );

  return (
    <div className="graph">
      <div
        ref={wrapRef}
        className="graph-plot"
        tabIndex={0}
        role="group"
        aria-roledescription="graph"
        aria-label={label ?? `Graph of ${names.length} series. Drag to zoom, double-click to reset, arrow keys to read values.`}
        onKeyDown={onKeyDown}
        onBlur={() => plotRef.current?.setCursor({ left: -10, top: -10 })}
      >
        <div ref={plotHostRef} />
        <GraphTooltip
          store={hover}
          data={data}
          plotted={plotData}
          names={names}
          colors={colors}
          shown={shown}
          unit={axisUnit}
          timeZone={timeZone}
          width={width}
        />
      </div>
      <Legend names={names} colors={colors} shown={shown} onIsolate={onIsolate} onToggle={onToggle} />
    </div>
  );
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The unit all series' metric names agree on, or none. */
function unitOfSeries(series: RangeColumns['series']): string {
  const units = new Set(series.map((s) => unitOf(s.labels.__name__)));
  return units.size === 1 ? [...units][0] : '';
}
