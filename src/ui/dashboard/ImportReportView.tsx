// What an import did with each part of the JSON: mapped, changed or not
// supported, each with its path in the imported JSON.

import type { ImportReport } from '../../dashboards/grafanaImport';

const KIND_TEXT = { unsupported: 'Not supported', mapped: 'Mapped', changed: 'Changed' } as const;

export function ImportReportView({ report, title }: { report: ImportReport; title: string }) {
  return (
    <section className="card import-report" aria-label="Import report">
      <h2>{title}</h2>
      <p className="muted small">
        {report.schemaVersion > 0 ? `Grafana schema version ${report.schemaVersion}. ` : ''}
        {report.items.length === 0 ? 'Everything was imported as it was.' : `${report.items.length} notes:`}
      </p>
      {report.items.length > 0 ? (
        <table className="import-report-items">
          <thead>
            <tr>
              <th scope="col">Path</th>
              <th scope="col">What</th>
              <th scope="col">Note</th>
            </tr>
          </thead>
          <tbody>
            {report.items.map((it, i) => (
              <tr key={i} className={`import-${it.kind}`}>
                <td className="mono small">{it.path}</td>
                <td>{KIND_TEXT[it.kind]}</td>
                <td>{it.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
