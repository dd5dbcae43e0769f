// The table panel: rows from tableRows, values in the series' unit, sorted
// by a click on a column's header (again to reverse), starting from the
// panel's saved sort.
import { useState } from 'react';
import type { Panel } from '../../../dashboards/model';
import { formattedText, formatValue } from '../../../dashboards/units';
import { formatTime } from '../../components/GraphTooltip';
import type { PanelTime } from '../panelData';
import type { PanelSeries } from './panelSeries';
import { sortRows, tableModel, TIME_COLUMN, VALUE_COLUMN } from './tableRows';

export interface TablePanelProps {
  panel: Panel & { type: 'table' };
  series: PanelSeries[];
  time: PanelTime;
  width: number;
  height: number;
}

// Enough for a screenful of any range table; the rest is counted, not drawn.
const MAX_ROWS = 1000;

export function TablePanel({ panel, series, time, width, height }: TablePanelProps) {
  const [sort, setSort] = useState({ column: panel.options.sortBy, desc: panel.options.sortDesc });
  const model = tableModel(series);
  const rows = sortRows(model.rows, sort.column, sort.desc);
  const shown = rows.slice(0, MAX_ROWS);
  const onSort = (column: string) => setSort((s) => (s.column === column ? { column, desc: !s.desc } : { column, desc: false }));
  const tz = time.timezone === 'utc' ? 'UTC' : 'local';
  return (
    <div className="table-panel" style={{ width, height }}>
      <table>
        <thead>
          <tr>
            {model.columns.map((c) => (
              <th key={c} scope="col" aria-sort={sort.column === c ? (sort.desc ? 'descending' : 'ascending') : 'none'}>
                <button type="button" onClick={() => onSort(c)}>
                  {c}
                  <span aria-hidden="true">{sort.column === c ? (sort.desc ? ' ▼' : ' ▲') : ''}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key}>
              {model.columns.map((c) => (
                <td key={c} className={c === VALUE_COLUMN ? 'table-value' : undefined}>
                  {c === TIME_COLUMN
                    ? formatTime(r.time, tz)
                    : c === VALUE_COLUMN
                      ? formattedText(formatValue(r.value, r.series.field.config.unit, r.series.field.config.decimals, time.timezone))
                      : (r.labels[c] ?? '')}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > MAX_ROWS ? <p className="panel-note">Showing {MAX_ROWS} of {rows.length} rows.</p> : null}
    </div>
  );
}
