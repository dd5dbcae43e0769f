// Backtesting an alerting rule over stored history: the expression is
// evaluated once as a range query, then each step's result is fed through
// the same state machine the rule runs live, so pending and firing
// intervals are the ones the rule would have produced.

import type { QueryEngine } from '../promql/engine';
import type { Storage } from '../tsdb/storage';
import { AlertingRule } from './alertingRule';
import { engineQueryFunc, type AlertState, type EvalSample, type QueryFunc } from './rule';
import type { RuleConfig } from './ruleFile';

export interface BacktestInterval {
  state: Exclude<AlertState, 'inactive'>;
  /** First evaluation (ms) in this state. */
  start: number;
  /** First evaluation no longer in it, or the range's end when still in it (then `open`). */
  end: number;
  open: boolean;
}

export interface BacktestSeries {
  /** The alert's labels (alertname included), as the live rule would make them. */
  labels: Record<string, string>;
  intervals: BacktestInterval[];
}

export interface BacktestRange {
  start: number;
  end: number;
  step: number;
}

/** Runs `rule` (an alerting rule) at every step of the range; returns per alert series its pending and firing intervals. */
export async function backtestAlertingRule(
  rule: RuleConfig,
  range: BacktestRange,
  deps: { storage: Storage; engine: QueryEngine; externalLabels?: Record<string, string>; externalURL?: string },
): Promise<BacktestSeries[]> {
  if (rule.kind !== 'alerting') throw new Error(`rule ${JSON.stringify(rule.name)} is not an alerting rule`);
  if (range.step <= 0) throw new Error('zero or negative query resolution step widths are not accepted. Try a positive integer');
  const res = await deps.engine.rangeQuery(deps.storage.querier(), rule.expr, range.start, range.end, range.step);
  const byStep = new Map<number, EvalSample[]>();
  if (res.value.type === 'matrix') {
    for (const s of res.value.series) {
      s.ts.forEach((t, i) => {
        const list = byStep.get(t) ?? [];
        list.push({ labels: s.labels, t, v: s.vs[i] });
        byStep.set(t, list);
      });
    }
  }
  const live = engineQueryFunc(deps.engine, deps.storage);
  // The rule's own expression is answered from the range result; template queries run live.
  const query: QueryFunc = (expr, t) => (expr === rule.expr ? Promise.resolve(byStep.get(t) ?? []) : live(expr, t));
  const ar = new AlertingRule(rule, true);
  const out = new Map<string, BacktestSeries>();
  const current = new Map<string, BacktestInterval>();
  for (let t = range.start; t <= range.end; t += range.step) {
    await ar.eval(t, { query, externalLabels: deps.externalLabels ?? {}, externalURL: deps.externalURL ?? '', queryOffset: 0, limit: 0 });
    const seen = new Set<string>();
    for (const [key, a] of ar.active) {
      if (a.state === 'inactive') continue;
      seen.add(key);
      const cur = current.get(key);
      if (cur && cur.state === a.state) continue;
      if (cur) {
        cur.end = t;
        cur.open = false;
      }
      const next: BacktestInterval = { state: a.state, start: t, end: range.end, open: true };
      current.set(key, next);
      let series = out.get(key);
      if (!series) {
        series = { labels: a.labels.toObject(), intervals: [] };
        out.set(key, series);
      }
      series.intervals.push(next);
    }
    for (const [key, cur] of current) {
      if (seen.has(key)) continue;
      cur.end = t;
      cur.open = false;
      current.delete(key);
    }
  }
  return [...out.values()];
}
