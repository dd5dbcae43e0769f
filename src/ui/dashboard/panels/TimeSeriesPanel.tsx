// The time-series panel: uPlot drawing the panel's series with Grafana's
// styles, the query page's hover box and legend (or a table legend with
// calculations), and a drag across the plot setting the board's range.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { cssColor, paletteColor, thresholdValues } from '../../../dashboards/fieldDisplay';
import type { Panel, TimeSeriesOptions } from '../../../dashboards/model';
import { formattedText, formatValue } from '../../../dashboards/units';
import type { RangeColumns } from '../../../model/queryResult';
import { themeColors } from '../../components/graphOptions';
import { GraphTooltip } from '../../components/GraphTooltip';
import { createHoverStore } from '../../components/hoverStore';
import { Legend } from '../../components/Legend';
import { isolate, isShown, toggle, type Visibility } from '../../components/legendState';
import '../../components/Graph.css';
import { useTheme } from '../../stores/themeStore';
import type { PanelTime } from '../panelData';
import { LegendTable } from './LegendTable';
import { alignSeries, type PanelSeries } from './panelSeries';
import { timeSeriesData, timeSeriesPlotOptions, type PlotSeriesStyle } from './timeSeriesPlot';

const RIGHT_LEGEND_MIN_WIDTH = 640;

export interface TimeSeriesPanelProps {
  panel: Panel & { type: 'timeseries' };
  series: PanelSeries[];
  time: PanelTime;
  width: number;
  height: number;
  onZoom: (startMs: number, endMs: number) => void;
}

const DRAW_STYLES: readonly TimeSeriesOptions['drawStyle'][] = ['line', 'bars', 'points'];

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function TimeSeriesPanel({ panel, series, time, width, height, onZoom }: TimeSeriesPanelProps) {
  const { options } = panel;
  const defaults = panel.fieldConfig.defaults;
  const names = useMemo(() => series.map((s) => s.name), [series]);
  const colors = useMemo(() => series.map((s, i) => cssColor(s.field.config.color) || paletteColor(i)), [series]);
  const [visibility, setVisibility] = useState<Visibility>(null);
  const shown = useMemo(() => names.map((n) => isShown(visibility, n)), [names, visibility]);
  const aligned = useMemo(() => alignSeries(series), [series]);
  const log = options.logBase !== 0;
  const plotData = useMemo(() => timeSeriesData(aligned.times, aligned.columns, options.stacking, shown, log), [aligned, options.stacking, shown, log]);
  const freshStyles: PlotSeriesStyle[] = useMemo(
    () =>
      series.map((s, i) => {
        const c = s.field.custom;
        const drawStyle = DRAW_STYLES.find((d) => d === c.drawStyle) ?? options.drawStyle;
        return {
          color: colors[i],
          drawStyle,
          lineWidth: num(c.lineWidth, options.lineWidth),
          fillOpacity: num(c.fillOpacity, options.fillOpacity),
          pointSize: num(c.pointSize, options.pointSize),
          show: shown[i],
          points: s.instant,
        };
      }),
    [series, colors, shown, options.drawStyle, options.lineWidth, options.fillOpacity, options.pointSize],
  );
  // Percentage thresholds are of the data's range when the field sets none (Grafana's min/max of the field).
  const freshThresholds = useMemo(() => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const col of aligned.columns) {
      for (const v of col) {
        if (!Number.isFinite(v)) continue;
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    return thresholdValues(defaults.thresholds, defaults.min ?? (Number.isFinite(lo) ? lo : 0), defaults.max ?? (Number.isFinite(hi) ? hi : 100));
  }, [aligned, defaults.thresholds, defaults.min, defaults.max]);
  // A refresh brings new series objects with the same look; the chart is rebuilt only when the look changes.
  const lookKey = JSON.stringify([freshStyles, freshThresholds]);
  const [look, setLook] = useState({ key: lookKey, styles: freshStyles, thresholds: freshThresholds });
  if (look.key !== lookKey) setLook({ key: lookKey, styles: freshStyles, thresholds: freshThresholds });
  const { styles, thresholds } = look.key === lookKey ? look : { styles: freshStyles, thresholds: freshThresholds };
  const unit = options.stacking === 'percent' ? 'percentunit' : defaults.unit;
  const tz = time.timezone === 'utc' ? 'UTC' : 'local';
  const formatTick = useCallback((v: number, d: number | null) => formattedText(formatValue(v, unit, defaults.decimals ?? d, time.timezone)), [unit, defaults.decimals, time.timezone]);
  const formatSeriesValue = useCallback(
    (v: number, i: number) => formattedText(formatValue(v, series[i]?.field.config.unit ?? defaults.unit, series[i]?.field.config.decimals ?? null, time.timezone)),
    [series, defaults.unit, time.timezone],
  );

  // Canvas colours are read from CSS once per chart, so a theme change rebuilds it.
  const theme = useTheme((s) => s.theme);
  const [hover] = useState(createHoverStore);
  const plotWrapRef = useRef<HTMLDivElement>(null);
  const plotHostRef = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);
  const [plotSize, setPlotSize] = useState({ width: Math.max(1, width), height: Math.max(1, height) });
  const latest = useRef({ plotData, plotSize, onZoom, time });
  useEffect(() => {
    latest.current = { plotData, plotSize, onZoom, time };
  });

  useLayoutEffect(() => {
    const wrap = plotWrapRef.current;
    if (!wrap) return;
    const fit = () => setPlotSize({ width: Math.max(1, wrap.clientWidth || width), height: Math.max(1, wrap.clientHeight || height) });
    fit();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(fit);
    observer.observe(wrap);
    return () => observer.disconnect();
  }, [width, height]);

  useEffect(() => {
    const host = plotHostRef.current;
    const wrap = plotWrapRef.current;
    if (!host || !wrap) return;
    const { plotData, plotSize } = latest.current;
    const u = new uPlot(
      timeSeriesPlotOptions({
        ...plotSize,
        timeRange: () => latest.current.time,
        series: styles,
        stacking: options.stacking,
        logBase: options.logBase,
        min: options.stacking === 'percent' ? null : defaults.min,
        max: options.stacking === 'percent' ? null : defaults.max,
        formatTick,
        thresholds,
        thresholdsStyle: options.thresholdsStyle,
        timeZone: tz,
        ...themeColors(wrap),
        events: {
          zoom: (s, e) => latest.current.onZoom(s, e),
          hover: (idx, left, top) => {
            const p = plotRef.current;
            if (!p || idx === null || left < 0 || options.tooltip === 'none') return hover.set(null);
            hover.set({ idx, x: p.over.offsetLeft + left, y: p.over.offsetTop + top, yValue: p.posToVal(top, 'y') });
          },
        },
      }),
      plotData,
      host,
    );
    plotRef.current = u;
    return () => {
      u.destroy();
      plotRef.current = null;
      hover.set(null);
    };
  }, [styles, options.stacking, options.logBase, options.thresholdsStyle, options.tooltip, defaults.min, defaults.max, formatTick, thresholds, tz, hover, theme]);

  // A refresh moves the range and brings new data together; a new range alone rescales.
  useEffect(() => {
    const u = plotRef.current;
    if (!u) return;
    if (u.data !== plotData) u.setData(plotData);
    else u.setScale('x', { min: time.startMs / 1000, max: time.endMs / 1000 });
  }, [plotData, time.startMs, time.endMs]);

  useEffect(() => {
    const u = plotRef.current;
    if (u && (u.width !== plotSize.width || u.height !== plotSize.height)) u.setSize(plotSize);
  }, [plotSize]);

  const tooltipData: RangeColumns = useMemo(
    () => ({ resultType: 'matrix', times: aligned.times, series: series.map((s, i) => ({ labels: s.labels, vs: aligned.columns[i] })), warnings: [], infos: [] }),
    [aligned, series],
  );
  const onIsolate = useCallback((name: string) => setVisibility((v) => isolate(v, name)), []);
  const onToggle = useCallback((name: string) => setVisibility((v) => toggle(v, name, names)), [names]);

  const legend = options.legend;
  // A legend beside a narrow graph (a phone, a quarter-width panel) squeezes both: below it, the graph keeps its width.
  const right = legend.placement === 'right' && width >= RIGHT_LEGEND_MIN_WIDTH;
  return (
    <div className={`ts-panel graph ${right ? 'ts-legend-right' : ''}`} style={{ width, height }}>
      <div
        ref={plotWrapRef}
        className="ts-plot graph-plot"
        role="group"
        aria-roledescription="graph"
        aria-label={`Graph of ${names.length} series. Drag to zoom the board's time range.`}
      >
        <div ref={plotHostRef} />
        {options.tooltip === 'none' ? null : (
          <GraphTooltip
            store={hover}
            data={tooltipData}
            plotted={plotData}
            names={names}
            colors={colors}
            shown={shown}
            unit=""
            format={formatSeriesValue}
            timeZone={tz}
            width={plotSize.width}
            maxRows={options.tooltip === 'single' ? 1 : undefined}
          />
        )}
      </div>
      {legend.mode === 'hidden' ? null : (
        <div className="ts-legend">
          {legend.mode === 'table' ? (
            <LegendTable series={series} colors={colors} shown={shown} calcs={legend.calcs} timeZone={time.timezone} onIsolate={onIsolate} onToggle={onToggle} />
          ) : (
            <Legend names={names} colors={colors} shown={shown} onIsolate={onIsolate} onToggle={onToggle} />
          )}
        </div>
      )}
    </div>
  );
}
