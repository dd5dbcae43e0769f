// An instant result laid out as a table: one column per label name, sortable
// by any column, and as tab-separated text to paste into a spreadsheet.

import { boundText, histogramSummary } from '../../dashboards/histogramLayout';
import type { HistogramJSON } from '../../model/histogram/types';
import type { InstantResult } from '../../model/queryResult';

export interface ResultRow {
  labels: Record<string, string>;
  /** The sample value, or for a range selector's result the newest one. */
  value: number;
  /** Set when the sample is a native histogram (value is then NaN). */
  histogram?: HistogramJSON;
  /** Every sample of a range selector's series, as `value @ ms` (h where the sample is a histogram). */
  samples?: { t: number; v: number; h?: HistogramJSON }[];
}

export type SortKey = { column: string; descending: boolean } | null;

/** Column for the metric name, then each label name, then the value. */
export const NAME_COLUMN = '__name__';
export const VALUE_COLUMN = '';

export function resultRows(result: InstantResult): ResultRow[] {
  if (result.matrix) {
    return result.matrix.map((s) => ({
      labels: s.labels,
      value: s.vs.length > 0 ? s.vs[s.vs.length - 1] : NaN,
      samples: Array.from(s.ts, (t, i) => {
        const h = s.hs?.[i];
        return h ? { t, v: NaN, h } : { t, v: s.vs[i] };
      }),
    }));
  }
  return result.rows.map((r) => (r.histogram ? { labels: r.labels, value: NaN, histogram: r.histogram } : { labels: r.labels, value: r.value }));
}

/** Label columns in the order a person scans them: the metric name first, the rest alphabetical. */
export function labelColumns(rows: readonly ResultRow[]): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r.labels)) names.add(k);
  const rest = [...names].filter((n) => n !== NAME_COLUMN).sort();
  return names.has(NAME_COLUMN) ? [NAME_COLUMN, ...rest] : rest;
}

const collator = new Intl.Collator(undefined, { numeric: true });

/** Sorted copy; NaN values go last whichever way, as they have no order. */
export function sortRows(rows: readonly ResultRow[], sort: SortKey): ResultRow[] {
  if (!sort) return [...rows];
  const sign = sort.descending ? -1 : 1;
  const cmp =
    sort.column === VALUE_COLUMN
      ? (a: ResultRow, b: ResultRow) => {
          if (Number.isNaN(a.value) || Number.isNaN(b.value)) return Number(Number.isNaN(a.value)) - Number(Number.isNaN(b.value));
          return sign * (a.value - b.value);
        }
      : (a: ResultRow, b: ResultRow) => sign * collator.compare(a.labels[sort.column] ?? '', b.labels[sort.column] ?? '');
  return [...rows].sort(cmp);
}

/** The next sort after a click on a column's header: ascending, descending, then as the engine ordered. */
export function nextSort(current: SortKey, column: string): SortKey {
  if (current?.column !== column) return { column, descending: false };
  return current.descending ? null : { column, descending: true };
}

/** Header and rows as tab-separated values; tabs and newlines inside values become spaces. */
export function rowsAsTsv(rows: readonly ResultRow[], columns: readonly string[]): string {
  const cell = (s: string) => s.replace(/[\t\n\r]/g, ' ');
  const head = [...columns.map((c) => (c === NAME_COLUMN ? 'metric' : c)), 'value'].map(cell).join('\t');
  const body = rows.map((r) => [...columns.map((c) => cell(r.labels[c] ?? '')), r.histogram ? histogramSummary(r.histogram, Infinity, boundText) : valueText(r.value)].join('\t'));
  return [head, ...body].join('\n') + '\n';
}

/** A sample value as the HTTP API spells the special ones. */
export function valueText(v: number): string {
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}
