// A table panel's rows, as Grafana's table shows Prometheus answers: an
// instant answer is one row per series (Time, a column per label, Value); a
// range answer is one row per sample (Time, the labels, Value). Sorting is
// by one column, numbers as numbers and text as text.

import type { PanelSeries } from './panelSeries';

export interface TableRow {
  key: string;
  time: number;
  labels: Record<string, string>;
  value: number;
  series: PanelSeries;
}

export interface TableModel {
  /** 'Time', the label names in order, 'Value'. */
  columns: string[];
  rows: TableRow[];
}

export const TIME_COLUMN = 'Time';
export const VALUE_COLUMN = 'Value';

export function tableModel(series: readonly PanelSeries[]): TableModel {
  const labelNames = new Set<string>();
  for (const s of series) for (const k of Object.keys(s.labels)) labelNames.add(k);
  // Grafana puts __name__ first, then the labels in order.
  const names = [...labelNames].sort((a, b) => (a === '__name__' ? -1 : b === '__name__' ? 1 : a.localeCompare(b)));
  const rows: TableRow[] = [];
  for (const s of series) {
    for (let i = 0; i < s.times.length; i++) {
      if (Number.isNaN(s.values[i]) && !s.instant) continue;
      rows.push({ key: `${s.key}@${i}`, time: s.times[i], labels: s.labels, value: s.values[i], series: s });
    }
  }
  return { columns: [TIME_COLUMN, ...names, VALUE_COLUMN], rows };
}

/** Rows sorted by `column` (stable: equal rows keep the answer's order); '' keeps them as they are. */
export function sortRows(rows: readonly TableRow[], column: string, desc: boolean): TableRow[] {
  if (!column) return [...rows];
  const sign = desc ? -1 : 1;
  const cmp = (a: TableRow, b: TableRow): number => {
    if (column === TIME_COLUMN) return a.time - b.time;
    if (column === VALUE_COLUMN) return compareNumbers(a.value, b.value);
    const x = a.labels[column] ?? '';
    const y = b.labels[column] ?? '';
    const nx = Number(x);
    const ny = Number(y);
    if (x !== '' && y !== '' && Number.isFinite(nx) && Number.isFinite(ny)) return nx - ny;
    return x.localeCompare(y);
  };
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => sign * cmp(a.r, b.r) || a.i - b.i)
    .map(({ r }) => r);
}

/** NaN sorts below every number, so it gathers at one end. */
function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : -1;
  if (Number.isNaN(b)) return 1;
  return a - b;
}
