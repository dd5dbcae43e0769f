// The metrics explorer and label browser: every metric name with TYPE, HELP,
// UNIT and series count, searchable; for the chosen metric, each label's
// values with their series counts (a cardinality glance), picked into a
// selector that opens in a Query panel. It reads this browser's store or a
// remote Prometheus's APIs; the source and the chosen metric are in the URL.

import { useDeferredValue, useEffect, useMemo, useState } from 'react';
import type { LabelCardinality, MetricSummary } from '../../engine/api';
import { failureText, type Result } from '../../model/result';
import { SourceInput } from '../components/SourceInput';
import { engine } from '../engineClient';
import { navigate, useRoute } from '../router';
import { useEngine } from '../stores/engineStore';
import { usePanels } from '../stores/panelsStore';
import { buildSelector, searchMetrics, togglePick } from './selectorBuilder';

// Rendering ten thousand rows costs more than anyone reads: show the best matches and say how many more.
const LIST_LIMIT = 200;

function MetricList({ metrics, chosen, onChoose }: { metrics: Result<MetricSummary[]> | null; chosen: string; onChoose(name: string): void }) {
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search);
  const listed = metrics?.ok ? metrics.value : null;
  const found = useMemo(() => (listed ? searchMetrics(listed, deferred) : []), [listed, deferred]);
  return (
    <section className="card metric-list" aria-label="Metrics">
      <h2>
        Metrics <span className="muted">{listed ? `(${listed.length.toLocaleString()})` : ''}</span>
      </h2>
      <input
        type="search"
        className="wide"
        aria-label="Search metrics by name or HELP"
        placeholder="Search metrics by name or HELP"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {metrics === null ? <p className="muted">Loading…</p> : null}
      {metrics !== null && !metrics.ok ? (
        <p className="error" role="alert">
          {failureText(metrics.error)}
        </p>
      ) : null}
      <ul className="metric-names">
        {found.slice(0, LIST_LIMIT).map((m) => (
          <li key={m.name}>
            <button type="button" aria-pressed={m.name === chosen} onClick={() => onChoose(m.name)} title={m.help || undefined}>
              <span className="mono metric-name">{m.name}</span>
              <span className="metric-facts small muted">
                {m.type ? <span className="type-badge">{m.type}</span> : null}
                {m.unit ? <span>{m.unit}</span> : null}
                <span aria-label={`${m.series} series`}>{m.series.toLocaleString()}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      {found.length > LIST_LIMIT ? (
        <p className="muted small" role="status">
          {(found.length - LIST_LIMIT).toLocaleString()} more: refine the search.
        </p>
      ) : null}
      {listed && found.length === 0 ? <p className="muted">No metric matches.</p> : null}
    </section>
  );
}

/** Mounted per metric and source (keyed by both), so picks and the open label start empty for each. */
function LabelBrowser({ metric, source, round }: { metric: MetricSummary; source: string; round: number }) {
  const open = usePanels((s) => s.open);
  const [answer, setAnswer] = useState<Result<LabelCardinality[]> | null>(null);
  const [chosen, setChosen] = useState<Record<string, string[]>>({});
  const [expanded, setExpanded] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  useEffect(() => {
    let stale = false;
    const selector = buildSelector(metric.name, {});
    void engine()
      .labelCardinality(source, selector)
      .then((r) => stale || setAnswer(r));
    return () => {
      stale = true;
    };
  }, [metric.name, source, round]);
  const selector = buildSelector(metric.name, chosen);
  const labels = answer?.ok ? answer.value : null;
  const widest = labels ? Math.max(1, ...labels.map((l) => l.distinct)) : 1;
  return (
    <section className="card label-browser" aria-label={`Labels of ${metric.name}`}>
      <h2 className="mono">{metric.name}</h2>
      <p className="small">
        {metric.type ? <span className="type-badge">{metric.type}</span> : null} {metric.unit ? <span className="muted">unit: {metric.unit} · </span> : null}
        <span className="muted">{metric.series.toLocaleString()} series</span>
      </p>
      {metric.help ? <p className="help-text">{metric.help}</p> : <p className="muted">No HELP text.</p>}
      <div className="selector-box">
        <code className="mono" aria-label="Selector">
          {selector}
        </code>
        <div className="row">
          <button type="button" className="primary" onClick={() => open(selector, source)}>
            Open in Query
          </button>
          <button type="button" onClick={() => setChosen({})} disabled={Object.keys(chosen).length === 0}>
            Clear picks
          </button>
        </div>
      </div>
      {answer === null ? <p className="muted">Loading labels…</p> : null}
      {answer !== null && !answer.ok ? (
        <p className="error" role="alert">
          {failureText(answer.error)}
        </p>
      ) : null}
      {labels ? (
        <>
          <h3>Labels (values per label)</h3>
          <ul className="label-names">
            {labels.map((l) => {
              const isOpen = expanded === l.name;
              const values = isOpen && filter ? l.values.filter((v) => v.value.toLowerCase().includes(filter.toLowerCase())) : l.values;
              return (
                <li key={l.name}>
                  <button type="button" aria-expanded={isOpen} onClick={() => setExpanded(isOpen ? null : l.name)} className="label-name">
                    <span className="mono">{l.name}</span>
                    <span className="cardinality" aria-hidden="true">
                      <span style={{ width: `${(l.distinct / widest) * 100}%` }} />
                    </span>
                    <span className="small muted">
                      {l.distinct.toLocaleString()} {l.distinct === 1 ? 'value' : 'values'}
                      {(chosen[l.name]?.length ?? 0) > 0 ? ` · ${chosen[l.name].length} picked` : ''}
                    </span>
                  </button>
                  {isOpen ? (
                    <div className="label-values">
                      {l.values.length > 10 ? (
                        <input type="search" aria-label={`Filter values of ${l.name}`} placeholder="Filter values" value={filter} onChange={(e) => setFilter(e.target.value)} />
                      ) : null}
                      <ul aria-label={`Values of ${l.name}`}>
                        {values.map((v) => (
                          <li key={v.value}>
                            <label>
                              <input
                                type="checkbox"
                                checked={chosen[l.name]?.includes(v.value) ?? false}
                                onChange={() => setChosen(togglePick(chosen, l.name, v.value))}
                              />{' '}
                              <span className="mono">{v.value === '' ? '(empty)' : v.value}</span> <span className="muted small">{v.series.toLocaleString()} series</span>
                            </label>
                          </li>
                        ))}
                      </ul>
                      {l.values.length < l.distinct ? <p className="muted small">Showing the {l.values.length.toLocaleString()} values with most series.</p> : null}
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function MetricsPage() {
  const route = useRoute();
  const chosenName = route.params.get('metric') ?? '';
  const source = route.params.get('source') ?? '';
  const [answer, setAnswer] = useState<{ source: string; metrics: Result<MetricSummary[]> } | null>(null);
  const [round, setRound] = useState(0);
  // Until every target's first scrape lands the list is not whole (the engine's own metrics
  // come first), so it follows the scrapes; after that it changes only on Refresh, so rows
  // don't move under the pointer. A remote's list does not follow this browser's scrapes at all.
  const dataVersion = useEngine((s) => s.dataVersion);
  const firstRound = useEngine((s) => s.targets.length === 0 || s.targets.some((t) => t.lastScrapeMs === null));
  const metrics = answer?.source === source ? answer.metrics : null;
  const waiting = source === '' && (firstRound || metrics === null || (metrics.ok && metrics.value.length === 0)) ? dataVersion : -1;
  useEffect(() => {
    let stale = false;
    void engine()
      .metricSummaries(source)
      .then((m) => stale || setAnswer({ source, metrics: m }));
    return () => {
      stale = true;
    };
  }, [source, round, waiting]);
  const go = (params: Record<string, string>) => {
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== '') next.set(k, v);
    navigate('/metrics', next, true);
  };
  const chosen = metrics?.ok ? metrics.value.find((m) => m.name === chosenName) : undefined;
  return (
    <div className="page">
      <div className="row wrap">
        <SourceInput value={source} onCommit={(url) => go({ source: url, metric: chosenName })} label="Explorer data source URL, empty for this browser" />
        <p className="muted small source-note">Series counts are of series with a sample in the last 5 minutes{source ? `, as ${source} counts them` : ''}.</p>
        <button type="button" onClick={() => setRound((r) => r + 1)}>
          Refresh
        </button>
      </div>
      <div className="explorer">
        <MetricList metrics={metrics} chosen={chosenName} onChoose={(name) => go({ source, metric: name })} />
        {chosen ? (
          <LabelBrowser key={`${source}\0${chosen.name}`} metric={chosen} source={source} round={round} />
        ) : (
          <section className="card muted">Pick a metric to browse its labels.</section>
        )}
      </div>
    </div>
  );
}
