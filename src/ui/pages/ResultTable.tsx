// An instant result as a table: a column per label, sortable headers, and
// copy buttons for the whole table and for one series' selector. Label values
// are untrusted and shown only as React text.

import { useMemo, useState } from 'react';
import type { HistogramJSON } from '../../model/histogram/types';
import type { InstantResult } from '../../model/queryResult';
import type { TimeZone } from '../components/graphOptions';
import { histogramSummary } from '../../dashboards/histogramLayout';
import { formatTime } from '../components/GraphTooltip';
import { HistogramBars } from '../components/HistogramBars';
import { unitOf } from '../components/units';
import { seriesSelector } from '../components/seriesStyle';
import { labelColumns, NAME_COLUMN, nextSort, resultRows, rowsAsTsv, sortRows, VALUE_COLUMN, valueText, type SortKey } from './resultRows';

function CopyButton({ text, label, children }: { text: string; label: string; children: string }) {
  const [done, setDone] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(text).then(
      () => setDone(true),
      () => setDone(false),
    );
  };
  return (
    <button type="button" className="small" aria-label={label} onClick={copy} onBlur={() => setDone(false)}>
      {done ? 'Copied' : children}
    </button>
  );
}

/** A native histogram in a table cell: count, sum and buckets as text, then the buckets as bars. */
function HistogramCell({ histogram, selector, unit }: { histogram: HistogramJSON; selector: string; unit: string }) {
  return (
    <div className="histogram-cell">
      <div className="histogram-summary">{histogramSummary(histogram)}</div>
      <HistogramBars histogram={histogram} unit={unit} width={260} label={`Buckets of ${selector}`} />
    </div>
  );
}

export function ResultTable({ result, timeZone }: { result: InstantResult; timeZone: TimeZone }) {
  const [sort, setSort] = useState<SortKey>(null);
  const rows = useMemo(() => resultRows(result), [result]);
  const columns = useMemo(() => labelColumns(rows), [rows]);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  if (result.resultType === 'string') return <pre className="result-text">{result.text}</pre>;
  if (rows.length === 0) return <p className="muted">Empty query result</p>;
  const header = (column: string, title: string) => {
    const active = sort?.column === column;
    return (
      <th key={column || 'value'} scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="sort" onClick={() => setSort(nextSort(sort, column))}>
          {title}
          <span aria-hidden="true">{active ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <div className="result-table-wrap">
      <div className="row">
        <span className="muted small">
          {rows.length} series
        </span>
        <CopyButton text={rowsAsTsv(sorted, columns)} label="Copy table as tab-separated text">
          Copy table
        </CopyButton>
      </div>
      <div className="table-scroll">
        <table className="result-table">
          <thead>
            <tr>
              {columns.map((c) => header(c, c === NAME_COLUMN ? 'metric' : c))}
              {header(VALUE_COLUMN, 'value')}
              <th scope="col">
                <span className="visually-hidden">Copy</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((r) => {
              const selector = seriesSelector(r.labels);
              return (
                <tr key={selector}>
                  {columns.map((c) => (
                    <td key={c} className="mono">
                      {r.labels[c] ?? ''}
                    </td>
                  ))}
                  <td className={r.histogram ? 'mono' : 'mono num'}>
                    {r.samples
                      ? r.samples.map((s) => (
                          <div key={s.t}>
                            {s.h ? <span className="histogram-summary">{histogramSummary(s.h)}</span> : valueText(s.v)}{' '}
                            <span className="muted">@ {formatTime(s.t, timeZone)}</span>
                          </div>
                        ))
                      : r.histogram
                        ? <HistogramCell histogram={r.histogram} selector={selector} unit={unitOf(r.labels.__name__)} />
                        : valueText(r.value)}
                  </td>
                  <td>
                    <CopyButton text={selector} label={`Copy selector ${selector}`}>
                      Copy
                    </CopyButton>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
