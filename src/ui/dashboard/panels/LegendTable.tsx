// A time-series legend as a table: each series with the calculations the
// panel asks for (min, max, mean, last…), formatted in the series' unit.
// A click on a name shows only that series, Shift+click shows or hides it,
// as the list legend does.
import type { MouseEvent } from 'react';
import { reduce, REDUCERS } from '../../../dashboards/fieldDisplay';
import type { Reducer } from '../../../dashboards/model';
import { formattedText, formatValue, type UnitTimeZone } from '../../../dashboards/units';
import type { PanelSeries } from './panelSeries';

export interface LegendTableProps {
  series: readonly PanelSeries[];
  colors: readonly string[];
  shown: readonly boolean[];
  calcs: readonly Reducer[];
  timeZone: UnitTimeZone;
  onIsolate(name: string): void;
  onToggle(name: string): void;
}

export function reducerName(id: Reducer): string {
  return REDUCERS.find((r) => r.id === id)?.name ?? id;
}

export function LegendTable({ series, colors, shown, calcs, timeZone, onIsolate, onToggle }: LegendTableProps) {
  return (
    <table className="legend-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          {calcs.map((c) => (
            <th key={c} scope="col">
              {reducerName(c)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {series.map((s, i) => (
          <tr key={s.key}>
            <th scope="row">
              <button type="button" aria-pressed={shown[i]} onClick={(e: MouseEvent) => (e.shiftKey ? onToggle(s.name) : onIsolate(s.name))}>
                <span className="graph-legend-swatch" style={{ background: colors[i] }} aria-hidden="true" />
                <span className="graph-legend-name">{s.name}</span>
              </button>
            </th>
            {calcs.map((c) => {
              const v = reduce(s.values, c);
              const { unit, decimals } = s.field.config;
              return <td key={c}>{v === null ? '' : formattedText(formatValue(v, c === 'count' ? '' : unit, decimals, timeZone))}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
