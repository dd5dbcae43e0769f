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

/** A tab-unique id per panel, so the engine cancels a panel's previous query when a new one starts. */
let panelSeq = 0;

export function QueryPanel({ index, panel }: { index: number; panel: Panel }) {
  const update = usePanels((s) => s.update);
  const remove = usePanels((s) => s.remove);
  const dataVersion = useEngine((s) => s.dataVersion);
  const [draft, setDraft] = useState(panel.expr);
  const [queryId] = useState(() => `panel-${++panelSeq}`);
  const live = panel.endMs === null;
  // What the panel should show now; a live panel asks again on each scrape round.
  const request = useMemo(
    () => ({ expr: panel.expr, tab: panel.tab, rangeMs: panel.rangeMs, endMs: panel.endMs, round: live ? dataVersion : 0 }),
    [panel.expr, panel.tab, panel.rangeMs, panel.endMs, live, dataVersion],
  );
  const [answered, setAnswered] = useState<{ request: typeof request; outcome: Outcome } | null>(null);
  const latest = useRef(request);

  useEffect(() => {
    latest.current = request;
    if (request.expr.trim() === '') return;
    const api = engine();
    const asked =
      request.tab === 'graph'
        ? (() => {
            const w = queryWindow(request.rangeMs, request.endMs, Date.now());
            return api.rangeQuery(request.expr, w.start, w.end, w.step, queryId);
          })()
        : api.instantQuery(request.expr, request.endMs ?? Date.now(), queryId);
    void asked.then((result) => {
      if (latest.current !== request) return;
      let outcome: Outcome;
      if (result.status === 'error') outcome = { kind: 'error', error: result };
      else if ('times' in result) outcome = { kind: 'graph', data: result };
      else outcome = { kind: 'table', data: result };
      setAnswered({ request, outcome });
    });
  }, [request, queryId]);

  const outcome: Outcome = answered?.outcome ?? { kind: 'idle' };
  // A live refresh is not "running" to the eye: only a changed question is.
  const shown = answered?.request;
  const running =
    request.expr.trim() !== '' &&
    (shown === undefined || shown.expr !== request.expr || shown.tab !== request.tab || shown.rangeMs !== request.rangeMs || shown.endMs !== request.endMs);
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
