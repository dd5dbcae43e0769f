// The hover box: the time under the cursor and each shown series' value
// there, as text. With many series it lists those nearest the cursor.
import { useSyncExternalStore } from 'react';
import type uPlot from 'uplot';
import type { RangeColumns } from '../../model/queryResult';
import type { HoverStore } from './hoverStore';
import type { TimeZone } from './graphOptions';
import { formatValue } from './units';

export interface GraphTooltipProps {
  store: HoverStore;
  data: RangeColumns;
  /** What is drawn (stacked totals when stacking), to find the series nearest the cursor. */
  plotted: uPlot.AlignedData;
  names: readonly string[];
  colors: readonly string[];
  shown: readonly boolean[];
  unit: string;
  /** How a series' value reads, where series differ in unit (a dashboard's overrides); by default `unit` formats all. */
  format?: (value: number, series: number) => string;
  timeZone: TimeZone;
  /** Width of the graph element, to keep the box inside it. */
  width: number;
  /** Most series listed, those drawn nearest the cursor kept (1: Grafana's single-series tooltip). */
  maxRows?: number;
}

export const MAX_TOOLTIP_ROWS = 20;

export interface TooltipRow {
  series: number;
  value: number;
}

export function GraphTooltip({ store, data, plotted, names, colors, shown, unit, format, timeZone, width, maxRows = MAX_TOOLTIP_ROWS }: GraphTooltipProps) {
  const hover = useSyncExternalStore(store.subscribe, store.get);
  if (!hover || hover.idx >= data.times.length) return null;
  const { rows, more } = tooltipRows(data, plotted, shown, hover.idx, hover.yValue, maxRows);
  const flip = hover.x > width / 2;
  return (
    <div
      className="graph-tooltip"
      // A live region, so values read out as the arrow keys move the cursor.
      role="status"
      style={{ top: hover.y + 12, ...(flip ? { right: width - hover.x + 12 } : { left: hover.x + 12 }) }}
    >
      <div className="graph-tooltip-time">{formatTime(data.times[hover.idx], timeZone)}</div>
      {rows.length === 0 ? <div>No values at this time</div> : null}
      <table>
        <tbody>
          {rows.map(({ series, value }) => (
            <tr key={series}>
              <td>
                <span className="graph-legend-swatch" style={{ background: colors[series] }} aria-hidden="true" />
              </td>
              <td className="graph-tooltip-name">{names[series]}</td>
              <td className="graph-tooltip-value">{format ? format(value, series) : formatValue(value, unit)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {more > 0 ? <div className="graph-tooltip-more">and {more} more</div> : null}
    </div>
  );
}

/**
 * The shown series with a sample at idx, highest value first. Past
 * maxRows, the ones drawn nearest the cursor's y are kept.
 */
export function tooltipRows(
  data: RangeColumns,
  plotted: uPlot.AlignedData,
  shown: readonly boolean[],
  idx: number,
  cursorValue: number,
  maxRows = MAX_TOOLTIP_ROWS,
): { rows: TooltipRow[]; more: number } {
  let rows: TooltipRow[] = [];
  data.series.forEach((s, i) => {
    const value = s.vs[idx];
    if (shown[i] !== false && !Number.isNaN(value)) rows.push({ series: i, value });
  });
  const total = rows.length;
  if (total > maxRows) {
    const distance = (r: TooltipRow) => {
      const drawn = plotted[r.series + 1]?.[idx];
      return drawn === null || drawn === undefined || !Number.isFinite(cursorValue) ? Infinity : Math.abs(drawn - cursorValue);
    };
    rows = rows
      .map((r) => ({ r, d: distance(r) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, maxRows)
      .map(({ r }) => r);
  }
  rows.sort((a, b) => b.value - a.value);
  return { rows, more: total - rows.length };
}

export function formatTime(ms: number, timeZone: TimeZone): string {
  const d = new Date(ms);
  if (timeZone === 'UTC') return `${d.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '')} UTC`;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const millis = d.getMilliseconds() ? `.${pad(d.getMilliseconds(), 3)}` : '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${millis}`;
}
