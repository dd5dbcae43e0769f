// One query panel: the editor, a graph over a time range or a table at one
// instant, and the engine's error in plain text when the query fails.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { InstantResult, QueryError, RangeColumns } from '../../engine/api';
import { formatDuration } from '../../model/duration';
import { Graph } from '../components/Graph';
import { EngineCompletionClient } from '../components/promClient';
import { QueryEditor } from '../components/QueryEditor';
import { unitOfExpression } from '../components/units';
import { engine } from '../engineClient';
import { useEngine } from '../stores/engineStore';
import { usePanels, type Panel } from '../stores/panelsStore';
import { queryWindow, RANGE_PRESETS_MS } from './queryRun';
import { ResultTable } from './ResultTable';

let completionClient: EngineCompletionClient | undefined;
function completion(): EngineCompletionClient {
  completionClient ??= new EngineCompletionClient(engine());
  return completionClient;
}

/** "3 series, last sample at 12:00:05": what a person glances at to see the graph is live. */
function graphSummary(data: RangeColumns): string {
  let last = -Infinity;
  for (const s of data.series) {
    for (let i = s.vs.length - 1; i >= 0; i--) {
      if (!Number.isNaN(s.vs[i])) {
        last = Math.max(last, data.times[i]);
        break;
      }
    }
  }
  const n = `${data.series.length} series`;
  return last === -Infinity ? `${n}, no samples` : `${n}, last sample at ${new Date(last).toLocaleTimeString()}`;
}

type Outcome = { kind: 'idle' } | { kind: 'graph'; data: RangeColumns } | { kind: 'table'; data: InstantResult } | { kind: 'error'; error: QueryError };

export function QueryPanel({ index, panel }: { index: number; panel: Panel }) {
  const update = usePanels((s) => s.update);
  const remove = usePanels((s) => s.remove);
  const dataVersion = useEngine((s) => s.dataVersion);
  const [draft, setDraft] = useState(panel.expr);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const [running, setRunning] = useState(false);
  const queryId = useMemo(() => `panel-${index}-${Math.random().toString(36).slice(2)}`, [index]);
  const seq = useRef(0);

  const execute = useCallback(async () => {
    if (panel.expr.trim() === '') return;
    const mine = ++seq.current;
    setRunning(true);
    const api = engine();
    const result =
      panel.tab === 'graph'
        ? await (async () => {
            const w = queryWindow(panel.rangeMs, panel.endMs, Date.now());
            return api.rangeQuery(panel.expr, w.start, w.end, w.step, queryId);
          })()
        : await api.instantQuery(panel.expr, panel.endMs ?? Date.now(), queryId);
    if (mine !== seq.current) return;
    setRunning(false);
    if (result.status === 'error') setOutcome({ kind: 'error', error: result });
    else if (result.resultType === 'matrix' && 'times' in result) setOutcome({ kind: 'graph', data: result });
    else setOutcome({ kind: 'table', data: result as InstantResult });
  }, [panel.expr, panel.tab, panel.rangeMs, panel.endMs, queryId]);

  // Runs on any change of the panel, and again on each scrape round while live.
  const live = panel.endMs === null;
  useEffect(() => {
    void execute();
  }, [execute, live ? dataVersion : 0]); // eslint-disable-line react-hooks/exhaustive-deps

  const run = useCallback(() => update(index, { expr: draft }), [update, index, draft]);

  return (
    <section className="panel" aria-label={`Query panel ${index + 1}`}>
      <div className="panel-query">
        <QueryEditor value={draft} onChange={setDraft} onRun={run} client={completion()} label={`Expression of panel ${index + 1}`} />
        <button type="button" className="primary" onClick={run} aria-label="Execute query">
          Execute
        </button>
        <button type="button" onClick={() => remove(index)} aria-label={`Remove panel ${index + 1}`}>
          ✕
        </button>
      </div>
      <div className="panel-controls">
        <div role="tablist" aria-label="Result view">
          {(['graph', 'table'] as const).map((tab) => (
            <button key={tab} type="button" role="tab" aria-selected={panel.tab === tab} onClick={() => update(index, { tab })}>
              {tab === 'graph' ? 'Graph' : 'Table'}
            </button>
          ))}
        </div>
        <label>
          Range{' '}
          <select value={panel.rangeMs} onChange={(e) => update(index, { rangeMs: Number(e.target.value) })} aria-label="Time range">
            {RANGE_PRESETS_MS.includes(panel.rangeMs) ? null : <option value={panel.rangeMs}>{formatDuration(panel.rangeMs)}</option>}
            {RANGE_PRESETS_MS.map((ms) => (
              <option key={ms} value={ms}>
                {formatDuration(ms)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" aria-pressed={live} onClick={() => update(index, { endMs: live ? Date.now() : null })}>
          {live ? '● Live' : 'Paused'}
        </button>
        {running ? <span className="muted" role="status">running…</span> : null}
      </div>
      <div className="panel-result">
        {outcome.kind === 'error' ? (
          <p className="error" role="alert">
            {outcome.error.errorType}: {outcome.error.error}
          </p>
        ) : null}
        {outcome.kind === 'graph' ? (
          <>
            <Graph
              data={outcome.data}
              query={panel.expr}
              unit={unitOfExpression(panel.expr)}
              onZoom={(start, end) => update(index, { rangeMs: end - start, endMs: end })}
            />
            <p className="muted small" role="status" aria-label="Result summary">
              {graphSummary(outcome.data)}
            </p>
          </>
        ) : null}
        {outcome.kind === 'table' ? <ResultTable result={outcome.data} /> : null}
        {(outcome.kind === 'graph' || outcome.kind === 'table') && outcome.data.warnings.length > 0 ? (
          <ul className="warnings">
            {outcome.data.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
      </div>
    </section>
  );
}
