// One query panel: the editor with its history, a graph over a time range, a
// table at one instant or the query's cost tree, and the engine's error in
// plain text when the query fails. Every choice is in the URL (panelsStore).

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExplainResult } from '../../engine/api';
import type { InstantResult, RangeColumns } from '../../model/queryResult';
import { type Failure, failureText } from '../../model/result';
import { splitHistograms } from '../../dashboards/histogramHeatmap';
import { Graph } from '../components/Graph';
import { formatTime } from '../components/GraphTooltip';
import { HistogramSeriesHeatmaps } from '../components/HistogramSeriesHeatmaps';
import { QueryEditor } from '../components/QueryEditor';
import { unitOfExpression } from '../components/units';
import { dataSource, tabQueryId } from '../dataSource';
import { engine } from '../engineClient';
import { completionFor, useCompletion } from '../stores/completionStore';
import { useEngine } from '../stores/engineStore';
import { useHistory } from '../stores/historyStore';
import { usePanels, type Panel } from '../stores/panelsStore';
import { useTheme } from '../stores/themeStore';
import { ExplainTree } from './ExplainTree';
import { PanelControls } from './PanelControls';
import { queryWindow } from './queryRun';
import { ResultTable } from './ResultTable';

/** "3 series, last sample at 12:00:05": what a person glances at to see the graph is live. */
function graphSummary(data: RangeColumns, timeZone: Panel['timeZone']): string {
  let last = -Infinity;
  for (const s of data.series) {
    for (let i = s.vs.length - 1; i >= 0; i--) {
      if (!Number.isNaN(s.vs[i]) || s.hs?.[i]) {
        last = Math.max(last, data.times[i]);
        break;
      }
    }
  }
  const n = `${data.series.length} series`;
  return last === -Infinity ? `${n}, no samples` : `${n}, last sample at ${formatTime(last, timeZone).split(' ').slice(1).join(' ')}`;
}

type Outcome =
  | { kind: 'idle' }
  | { kind: 'graph'; data: RangeColumns }
  | { kind: 'table'; data: InstantResult; atMs: number }
  | { kind: 'explain'; data: ExplainResult }
  | { kind: 'error'; error: Failure };

/** A tab-unique id per panel, so the engine cancels a panel's previous query when a new one starts. */
let panelSeq = 0;

type Request = Pick<Panel, 'expr' | 'tab' | 'rangeMs' | 'endMs' | 'stepMs' | 'source'> & { round: number };

async function ask(request: Request, queryId: string): Promise<Outcome> {
  const source = dataSource(request.source);
  const w = queryWindow(request.rangeMs, request.endMs, Date.now(), request.stepMs);
  if (request.tab === 'graph') {
    const r = await source.rangeQuery(request.expr, w.start, w.end, w.step, queryId);
    return r.ok ? { kind: 'graph', data: r.value } : { kind: 'error', error: r.error };
  }
  if (request.tab === 'explain') {
    const r = await engine().explainQuery(request.expr, w.start, w.end, w.step);
    return r.ok ? { kind: 'explain', data: r.value } : { kind: 'error', error: r.error };
  }
  const atMs = request.endMs ?? Date.now();
  const r = await source.instantQuery(request.expr, atMs, queryId);
  return r.ok ? { kind: 'table', data: r.value, atMs } : { kind: 'error', error: r.error };
}

export function QueryPanel({ index, panel }: { index: number; panel: Panel }) {
  const update = usePanels((s) => s.update);
  const remove = usePanels((s) => s.remove);
  const dataVersion = useEngine((s) => s.dataVersion);
  const history = useHistory((s) => s.entries);
  const theme = useTheme((s) => s.theme);
  const remember = useHistory((s) => s.add);
  const completionError = useCompletion((s) => s.errors[panel.source]);
  const [draft, setDraft] = useState(panel.expr);
  const [queryId] = useState(() => tabQueryId(`panel-${++panelSeq}`));
  const live = panel.endMs === null;
  const round = live ? dataVersion : 0;
  const request = useMemo<Request>(
    () => ({ expr: panel.expr, tab: panel.tab, rangeMs: panel.rangeMs, endMs: panel.endMs, stepMs: panel.stepMs, source: panel.source, round }),
    [panel.expr, panel.tab, panel.rangeMs, panel.endMs, panel.stepMs, panel.source, round],
  );
  const [answered, setAnswered] = useState<{ request: Request; outcome: Outcome } | null>(null);
  const latest = useRef(request);

  // The URL changed under the panel (back/forward, an opened link): show its expression.
  const [shownExpr, setShownExpr] = useState(panel.expr);
  if (shownExpr !== panel.expr) {
    setShownExpr(panel.expr);
    setDraft(panel.expr);
  }

  useEffect(() => {
    latest.current = request;
    if (request.expr.trim() === '') return;
    void ask(request, queryId).then((outcome) => {
      if (latest.current === request) setAnswered({ request, outcome });
    });
  }, [request, queryId]);

  // A removed panel's query, or one asked of a source the panel left, is cancelled rather than left running.
  useEffect(() => () => void dataSource(panel.source).cancel(queryId), [panel.source, queryId]);

  const outcome: Outcome = answered?.outcome ?? { kind: 'idle' };
  const graphData = outcome.kind === 'graph' ? outcome.data : null;
  // Floats as lines, histograms as heatmaps below them.
  const split = useMemo(() => (graphData ? splitHistograms(graphData) : null), [graphData]);
  // A live refresh is not "running" to the eye: only a changed question is.
  const shown = answered?.request;
  const running =
    request.expr.trim() !== '' &&
    (shown === undefined || (['expr', 'tab', 'rangeMs', 'endMs', 'stepMs', 'source'] as const).some((k) => shown[k] !== request[k]));

  const run = useCallback(() => {
    remember(draft);
    update(index, { expr: draft });
  }, [remember, update, index, draft]);

  // Double-click goes back to the range before the first drag-zoom.
  const beforeZoom = useRef<Pick<Panel, 'rangeMs' | 'endMs'> | null>(null);
  const onZoom = useCallback(
    (start: number, end: number) => {
      beforeZoom.current ??= { rangeMs: panel.rangeMs, endMs: panel.endMs };
      // Whole seconds: a pixel-exact range reads as "5m16s623ms" in the range field.
      update(index, { rangeMs: Math.max(1000, Math.round((end - start) / 1000) * 1000), endMs: Math.round(end / 1000) * 1000 });
    },
    [update, index, panel.rangeMs, panel.endMs],
  );
  const onResetZoom = useCallback(() => {
    if (!beforeZoom.current) return;
    update(index, beforeZoom.current);
    beforeZoom.current = null;
  }, [update, index]);

  const n = index + 1;
  // Formatting a query that does not parse leaves it as typed; the lint already marks the error.
  const format = async () => {
    const r = await engine().formatQuery(draft);
    if (r.ok) setDraft(r.value);
  };
  return (
    <section className="panel" aria-label={`Query panel ${n}`}>
      <div className="panel-query">
        <QueryEditor value={draft} onChange={setDraft} onRun={run} client={completionFor(panel.source)} label={`Expression of panel ${n}`} />
        <div className="panel-query-actions">
          <button type="button" className="primary" onClick={run} aria-label="Execute query">
            Execute
          </button>
          <button type="button" onClick={() => void format()} aria-label={`Format the expression of panel ${n}`}>
            Format
          </button>
          <select
            className="history"
            aria-label={`Query history of panel ${n}`}
            value=""
            disabled={history.length === 0}
            onChange={(e) => {
              if (e.target.value === '') return;
              setDraft(e.target.value);
              remember(e.target.value);
              update(index, { expr: e.target.value });
            }}
          >
            <option value="">History</option>
            {history.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => remove(index)} aria-label={`Remove panel ${n}`}>
            ✕
          </button>
        </div>
      </div>
      {completionError ? (
        <p className="error small" role="status" aria-label={`Completion error of panel ${n}`}>
          Completion from {completionError.where} failed: {failureText(completionError)}
        </p>
      ) : null}
      <PanelControls panel={panel} onChange={(change) => update(index, change)} />
      <div className="panel-result">
        {/* Over the result, not in the controls' flow, so it never moves them. */}
        <span className="muted small run-state" role="status">
          {running ? 'running…' : ''}
          {running && panel.tab !== 'explain' ? (
            <button type="button" className="cancel" onClick={() => void dataSource(panel.source).cancel(queryId)} aria-label={`Cancel the query of panel ${n}`}>
              Cancel
            </button>
          ) : null}
        </span>
        {/* The last question's error is not this one's: it goes as soon as the panel asks again. */}
        {outcome.kind === 'error' && !running ? (
          <div role="alert">
            <p className="error">{failureText(outcome.error)}</p>
            {outcome.error.hint ? <p className="muted small">{outcome.error.hint}</p> : null}
          </div>
        ) : null}
        {outcome.kind === 'graph' && split ? (
          <>
            {split.floats ? (
              <Graph
                data={split.floats}
                query={panel.expr}
                unit={unitOfExpression(panel.expr)}
                stacked={panel.stacked}
                yScale={panel.logScale ? 'log' : 'linear'}
                yFromZero={panel.yFromZero}
                timeZone={panel.timeZone}
                theme={theme}
                onZoom={onZoom}
                onResetZoom={onResetZoom}
              />
            ) : null}
            <HistogramSeriesHeatmaps times={outcome.data.times} series={split.histograms} unit={unitOfExpression(panel.expr)} timeZone={panel.timeZone} />
            <p className="muted small" role="status" aria-label="Result summary">
              {graphSummary(outcome.data, panel.timeZone)}
            </p>
          </>
        ) : null}
        {outcome.kind === 'table' ? (
          <>
            <p className="muted small">Evaluated at {formatTime(outcome.atMs, panel.timeZone)}</p>
            <ResultTable result={outcome.data} timeZone={panel.timeZone} />
          </>
        ) : null}
        {outcome.kind === 'explain' ? <ExplainTree tree={outcome.data.tree} /> : null}
        {outcome.kind !== 'idle' && outcome.kind !== 'error' ? (
          <QueryAnnotations warnings={outcome.data.warnings} infos={'infos' in outcome.data ? outcome.data.infos : []} />
        ) : null}
      </div>
    </section>
  );
}

/** Prometheus's warnings and infos for the answer, each placed in the query by the engine (`… (1:6)`). */
function QueryAnnotations({ warnings, infos }: { warnings: string[]; infos: string[] }) {
  if (warnings.length + infos.length === 0) return null;
  return (
    <ul className="warnings" aria-label="Query annotations">
      {warnings.map((w) => (
        <li key={w}>{w}</li>
      ))}
      {infos.map((w) => (
        <li key={w} className="info">
          {w}
        </li>
      ))}
    </ul>
  );
}
