// An instant result as a table: one row per series, its labels as text.

import type { InstantResult } from '../../engine/api';

function metricText(labels: Record<string, string>): string {
  const { __name__: name = '', ...rest } = labels;
  const inner = Object.keys(rest)
    .sort()
    .map((k) => `${k}=${JSON.stringify(rest[k])}`)
    .join(', ');
  return inner === '' ? name || '{}' : `${name}{${inner}}`;
}

export function ResultTable({ result }: { result: InstantResult }) {
  if (result.resultType === 'string') return <pre className="result-text">{result.text}</pre>;
  if (result.rows.length === 0) return <p className="muted">Empty query result</p>;
  return (
    <table className="result-table">
      <thead>
        <tr>
          <th scope="col">Series</th>
          <th scope="col">Value</th>
        </tr>
      </thead>
      <tbody>
        {result.rows.map((r) => {
          const text = metricText(r.labels);
          return (
            <tr key={text}>
              <td className="mono">{text}</td>
              <td className="mono">{String(r.value)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
