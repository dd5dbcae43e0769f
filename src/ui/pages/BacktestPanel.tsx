// Backtest: an alerting rule (YAML of one rule, editable before it is saved)
// run over stored history; the graph shows each alert series at 1 while it
// would have been pending and 2 while firing.

import { useState, type FormEvent } from 'react';
import type { RangeColumns } from '../../model/queryResult';
import { formatDuration } from '../../model/duration';
import { Graph } from '../components/Graph';
import { engine } from '../engineClient';
import { useTheme } from '../stores/themeStore';
import { backtestColumns, backtestTotals } from './backtestColumns';

const RANGES_MS = [15 * 60_000, 3_600_000, 6 * 3_600_000, 24 * 3_600_000];
// About as many evaluations as the graph has pixels to show, and never finer than a second.
const STEPS_PER_RANGE = 360;

type Outcome = { kind: 'idle' } | { kind: 'running' } | { kind: 'error'; error: string } | { kind: 'done'; data: RangeColumns; summary: string };

export function BacktestPanel({ initialRule, onClose }: { initialRule: string; onClose(): void }) {
  const [rule, setRule] = useState(initialRule);
  const [rangeMs, setRangeMs] = useState(3_600_000);
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const theme = useTheme((s) => s.theme);

  const run = async (e: FormEvent) => {
    e.preventDefault();
    setOutcome({ kind: 'running' });
    const endMs = Date.now();
    const startMs = endMs - rangeMs;
    const stepMs = Math.max(1000, Math.round(rangeMs / STEPS_PER_RANGE / 1000) * 1000);
    const r = await engine().backtest({ ruleYaml: rule, startMs, endMs, stepMs });
    if (!r.ok) {
      setOutcome({ kind: 'error', error: r.error.what });
      return;
    }
    const series = r.value;
    const t = backtestTotals(series);
    const summary =
      series.length === 0
        ? `Would not have fired in the last ${formatDuration(rangeMs)}.`
        : `${series.length} alert series: ${t.firings} firing ${t.firings === 1 ? 'episode' : 'episodes'}, ${formatDuration(t.firingMs)} firing and ${formatDuration(t.pendingMs)} pending in the last ${formatDuration(rangeMs)} (evaluated every ${formatDuration(stepMs)}).`;
    setOutcome({ kind: 'done', data: backtestColumns(series, startMs, endMs, stepMs), summary });
  };

  return (
    <form className="card" aria-label="Backtest" onSubmit={(e) => void run(e)}>
      <h2>Backtest</h2>
      <textarea
        className="mono config"
        aria-label="Rule to backtest"
        spellCheck={false}
        value={rule}
        rows={Math.min(14, rule.split('\n').length + 1)}
        onChange={(e) => setRule(e.target.value)}
      />
      <div className="row wrap">
        <label>
          Over the last{' '}
          <select value={rangeMs} onChange={(e) => setRangeMs(Number(e.target.value))}>
            {RANGES_MS.map((ms) => (
              <option key={ms} value={ms}>
                {formatDuration(ms)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={outcome.kind === 'running'}>
          Run backtest
        </button>
        <button type="button" onClick={onClose}>
          Close backtest
        </button>
      </div>
      {outcome.kind === 'error' ? (
        <p className="error" role="alert">
          {outcome.error}
        </p>
      ) : null}
      {outcome.kind === 'done' ? (
        <>
          <p className="backtest-summary" role="status" aria-label="Backtest summary">
            {outcome.summary}
          </p>
          {outcome.data.series.length > 0 ? <Graph data={outcome.data} height={220} label="Backtest: 1 pending, 2 firing" theme={theme} yFromZero /> : null}
        </>
      ) : null}
    </form>
  );
}
