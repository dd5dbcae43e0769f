// Targets by pool with their health, and the prometheus.yml that defines them.

import { useEffect, useState } from 'react';
import type { ConfigProblem, TargetView } from '../../engine/api';
import { engine } from '../engineClient';
import { useEngine } from '../stores/engineStore';

function labelText(labels: Record<string, string>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`)
    .join(' ');
}

function ago(ms: number | null): string {
  if (ms === null) return 'never';
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  return `${s}s ago`;
}

function TargetRow({ t }: { t: TargetView }) {
  return (
    <tr>
      <td className="mono">{t.url}</td>
      <td>
        <span className={`health health-${t.state}`}>{t.state.toUpperCase()}</span>
      </td>
      <td className="mono small">{labelText(t.labels)}</td>
      <td>{ago(t.lastScrapeMs)}</td>
      <td>{t.lastDurationMs === null ? '' : `${t.lastDurationMs.toFixed(1)} ms`}</td>
      <td className="error-text">{t.lastError}</td>
    </tr>
  );
}

function ConfigEditor() {
  const [text, setText] = useState<string | null>(null);
  const [problems, setProblems] = useState<ConfigProblem[]>([]);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    void engine().getConfig().then(setText);
  }, []);
  if (text === null) return null;
  const save = async () => {
    const r = await engine().setConfig(text);
    setProblems(r.ok ? [] : r.problems);
    setSaved(r.ok);
  };
  return (
    <section className="card">
      <h2>Configuration (prometheus.yml)</h2>
      <textarea
        className="mono config"
        aria-label="Configuration YAML"
        spellCheck={false}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setSaved(false);
        }}
        rows={Math.min(30, text.split('\n').length + 1)}
      />
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()}>
          Save and apply
        </button>
        {saved ? <span role="status">Saved and applied.</span> : null}
      </div>
      {problems.length > 0 ? (
        <ul className="error" role="alert" aria-label="Configuration problems">
          {problems.map((p, i) => (
            <li key={i}>
              line {p.line}, column {p.column}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function TargetsPage() {
  const targets = useEngine((s) => s.targets);
  const pools = new Map<string, TargetView[]>();
  for (const t of targets) pools.set(t.pool, [...(pools.get(t.pool) ?? []), t]);
  return (
    <div className="page">
      {[...pools].map(([pool, list]) => (
        <section className="card" key={pool} aria-label={`Pool ${pool}`}>
          <h2>
            {pool} <span className="muted">({list.filter((t) => t.state === 'up').length}/{list.length} up)</span>
          </h2>
          <table className="targets">
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">State</th>
                <th scope="col">Labels</th>
                <th scope="col">Last scrape</th>
                <th scope="col">Duration</th>
                <th scope="col">Error</th>
              </tr>
            </thead>
            <tbody>
              {list.map((t) => (
                <TargetRow key={t.url + labelText(t.labels)} t={t} />
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <ConfigEditor />
    </div>
  );
}
